"""The review log a forwarding file carries (`reviews.jsonl`), read and checked.

Here, without the database: each line's schema (reader.py parses it against `ReviewRecord`:
a known state, a comment within the cap), control characters in comments and reviewer names,
each timestamp against the file's signing time, and the same decision twice. What needs the
database (the interview exists; the signer may review) is review_merge.py's, at merge.
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.review.decide import comment_problem
from fieldsurvey.review.log import entry_hash
from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.records import Decision
from fieldsurvey.sync.conformance import Clock, Problem
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import REVIEWS, ReviewRecord, fields_validator

REVIEW_FIELDS = fields_validator(ReviewRecord)


def decision_of(fields: dict[str, Any]) -> Decision:
    """A validated `reviews.jsonl` line as the store's record."""
    return Decision(
        uuid=fields["uuid"], state=fields["state"], comment=fields["comment"],
        reviewer=fields["reviewer"], device_id=fields["device_id"],
        decided_at=fields["decided_at"], content_hash=fields["content_hash"],
        supersedes=tuple(sorted(fields["supersedes"])),
    )  # fmt: skip


def checked_reviews(lines: list[dict[str, Any]], clock: Clock) -> list[Decision]:
    """The file's decisions in line order, or RejectedFile naming the first bad line."""
    decisions: list[Decision] = []
    seen: dict[str, int] = {}
    for line, fields in enumerate(lines, 1):
        decision = decision_of(fields)
        problem = _problem(decision, clock)
        if problem is not None:
            shown = str(Problem(line, decision.uuid, *problem))
            raise RejectedFile(Reason.INVALID_REVIEW, name=REVIEWS, problem=shown)
        entry = entry_hash(decision)
        if entry in seen:
            raise RejectedFile(
                Reason.DUPLICATE_REVIEW, name=REVIEWS, line=line, first=seen[entry],
                uuid=decision.uuid,
            )  # fmt: skip
        seen[entry] = line
        decisions.append(decision)
    return decisions


def _problem(decision: Decision, clock: Clock) -> tuple[str, object, str] | None:
    """(field, value, why) of the first thing wrong with one decision, or None."""
    comment = comment_problem(decision.comment)
    if comment is not None:
        return "comment", decision.comment, comment
    reviewer = decision.reviewer or ""
    if terminal_text(reviewer) != reviewer:
        return "reviewer", reviewer, "holds a control character; remove it"
    late = clock.first_late([decision.decided_at])
    if late is not None:
        return ("decided_at", *late)
    return None
