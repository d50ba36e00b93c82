"""Checking and recording one review decision.

Everything is checked before anything is written: the interview must exist here with a
closed revision, the comment must fit the cap, and rejecting or flagging issues needs a
comment (the interviewer has to know what to fix). A refused decision changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from fieldsurvey.review.log import entry_hash, linked, settle, tips
from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.interface import Reviews
from fieldsurvey.store.records import Decision, utc_now

DecisionState = Literal["approved", "has_issues", "rejected"]
DECISIONS: tuple[str, ...] = get_args(DecisionState)
PENDING = "pending"
COMMENT_MAX = 2000
"""Characters in a review comment: a few paragraphs, not a document."""
ACTIONS = {"approve": "approved", "issue": "has_issues", "reject": "rejected"}
"""CLI flag / UI key -> the state it records."""
_NEEDS_COMMENT = frozenset({"has_issues", "rejected"})


class ReviewError(ValueError):
    """A decision that cannot be recorded; the message says why. Nothing was written."""


@dataclass(frozen=True)
class ReviewTarget:
    """The interview a decision is about: its newest closed revision and its review log."""

    uuid: str
    content_hash: str
    interviewer: str | None
    office: str | None
    log: list[Decision]

    @property
    def state(self) -> str:
        """The state of this revision (review/log.py): a revised interview is pending again."""
        settled = settle(self.log, self.content_hash)
        return settled.state if settled is not None else PENDING

    @property
    def in_conflict(self) -> bool:
        """Reviewers disagree on this revision (review/log.py); a new decision resolves it."""
        settled = settle(self.log, self.content_hash)
        return settled is not None and settled.in_conflict


def comment_problem(text: str) -> str | None:
    """What is wrong with a comment (from a person or a file), or None: within the cap, and no
    control characters besides newline and tab (they could drive the reader's terminal)."""
    if len(text) > COMMENT_MAX:
        return f"{len(text)} characters, at most {COMMENT_MAX} are kept; shorten it"
    control = next((c for c in text if terminal_text(c, multiline=True) != c), None)
    if control is not None:
        return f"holds a control character ({terminal_text(control)}); remove it"
    return None


def find_interview(store: Reviews, uuid: str) -> ReviewTarget:
    """The interview `uuid` as a reviewer sees it, or ReviewError when it is not here."""
    wanted = uuid.strip()
    closed = [r for r in store.revisions(wanted) if r.content_hash is not None]
    heads = [r for r in closed if r.is_head] or closed
    if not heads or heads[-1].content_hash is None:
        raise ReviewError(f"no completed interview {wanted[:80]!r} in this database")
    head = heads[-1]
    return ReviewTarget(
        wanted, head.content_hash or "", head.interviewer, head.office, store.decisions(wanted)
    )


def record_decision(store: Reviews, uuid: str, state: str, comment: str = "") -> Decision:
    """Append a decision on interview `uuid` (state one of DECISIONS), or raise ReviewError."""
    if state not in DECISIONS:
        raise ReviewError(f"unknown review state {state!r}; expected one of {', '.join(DECISIONS)}")
    text = comment.strip()
    problem = comment_problem(text)
    if problem is not None:
        raise ReviewError(f"comment: {problem}")
    if state in _NEEDS_COMMENT and not text:
        raise ReviewError(f"comment: a {state.replace('_', ' ')} decision needs a comment")
    device = store.device_id()
    with store.unit_of_work():
        target = find_interview(store, uuid)
        replaced = tuple(sorted(entry_hash(d) for d in tips(linked(target.log))))
        decision = Decision(
            uuid=target.uuid,
            state=state,
            comment=text,
            reviewer=store.get_setting("interviewer"),
            device_id=device,
            decided_at=utc_now(),
            content_hash=target.content_hash,
            supersedes=replaced,
        )
        store.add_decision(decision)
        store.set_review_state(decision.uuid, target.content_hash, state, in_conflict=False)
    return decision
