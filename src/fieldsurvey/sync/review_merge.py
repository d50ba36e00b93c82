"""Applying a forwarding file's review log at merge, by the trust rules (docs/supervision.md).

Inside merge's transaction, after the file's revisions are stored: every decision must be
about a revision now stored here (in the file or merged before), or the file is rejected
whole. A decision already in the log is `present` (merging a file twice changes nothing).
A new one is applied (appended to the log, the interview's state settled again by
review/log.py) when the file's signer is trusted here (`fieldsurvey devices trust`), and
held otherwise: kept with the reason, listed by `fieldsurvey conflicts`, and applied only
when its signer is trusted later (`release_held`, called by `devices trust`).
"""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.review.log import entry_hash, linked, settle
from fieldsurvey.store.interface import Imports, ReviewLog
from fieldsurvey.store.records import Decision, HeldReview, utc_now
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import REVIEWS
from fieldsurvey.sync.reader import ExportFile


class ReviewCounts(BaseModel):
    """What merge did with a file's review decisions."""

    applied: int = 0
    present: int = 0
    held: int = 0
    conflicts: int = 0
    """Interviews whose reviewers now disagree on a revision."""


def held_reason(signer: str) -> str:
    return (
        f"signed by device {signer}, whose key is not trusted here to review "
        f"(`fieldsurvey devices trust {signer[:8]}` applies it)"
    )


def apply_reviews(store: Imports, export: ExportFile, *, trusted: bool) -> ReviewCounts | None:
    """Apply each decision of `export` (held instead unless its signer is `trusted`); None
    when it carries no review log."""
    if not export.reviews:
        return None
    uuids = sorted({d.uuid for d in export.reviews})
    _check_known(store, export.reviews, uuids)
    logs = store.decisions_of(uuids)
    present = {entry_hash(d) for log in logs.values() for d in linked(log)}
    counts, fresh = ReviewCounts(), list[Decision]()
    signer = export.manifest.device_id
    for decision in export.reviews:
        entry = entry_hash(decision)
        if entry in present:
            counts.present += 1
        elif not trusted:
            reason = held_reason(signer)
            store.hold_review(HeldReview(decision, entry, signer, reason, export.sha256, utc_now()))
            counts.held += 1
        else:
            fresh.append(decision)
    counts.applied = len(fresh)
    counts.conflicts = _append(store, logs, fresh)
    return counts


def release_held(store: ReviewLog, signer: str) -> int:
    """Apply the decisions held from `signer`, now trusted (in a unit); how many were new."""
    held = [h for h in store.held_reviews() if h.signer == signer]
    logs = store.decisions_of(sorted({h.decision.uuid for h in held}))
    present = {entry_hash(d) for log in logs.values() for d in linked(log)}
    fresh = list({h.entry: h.decision for h in held if h.entry not in present}.values())
    _append(store, logs, fresh)
    return len(fresh)


def _append(store: ReviewLog, logs: dict[str, list[Decision]], fresh: list[Decision]) -> int:
    """Append new decisions and settle their interviews again; how many are in conflict."""
    for decision in fresh:
        store.add_decision(decision)
        logs.setdefault(decision.uuid, []).append(decision)
    conflicts = 0
    for uuid, digest in sorted({(d.uuid, d.content_hash or "") for d in fresh}):
        settled = settle(logs[uuid], digest)
        if settled is not None:
            store.set_review_state(uuid, digest, settled.state, settled.in_conflict)
            conflicts += settled.in_conflict
    return conflicts


def _check_known(store: Imports, reviews: list[Decision], uuids: list[str]) -> None:
    """Every decision is about a closed revision stored here (the file's are stored now)."""
    lineages = store.lineages(uuids)
    known = {(uuid, r.content_hash) for uuid, revisions in lineages.items() for r in revisions}
    for line, decision in enumerate(reviews, 1):
        if (decision.uuid, decision.content_hash) not in known:
            raise RejectedFile(
                Reason.UNKNOWN_REVIEWED, name=REVIEWS, line=line, uuid=decision.uuid,
                content_hash=decision.content_hash,
            )  # fmt: skip
