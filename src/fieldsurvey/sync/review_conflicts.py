"""The review side of the conflict queue: reviewers who disagree, and held decisions.

`fieldsurvey conflicts` and the Conflicts screen list, besides interviews in diverging
versions, interviews whose reviewers disagree on one revision (review/log.py: each
disagreeing decision with its entry hash, to keep one) and the decisions held because the
file that brought them was signed by a key not trusted to review here (with the reason).
"""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.review.log import entry_hash, linked, settle
from fieldsurvey.store.interface import Conflicts
from fieldsurvey.store.records import Decision


class ReviewDecision(BaseModel):
    """One decision as the conflict queue shows it."""

    entry: str
    """Its entry hash: `fieldsurvey conflicts --keep UUID ENTRY` keeps it."""
    state: str
    comment: str
    reviewer: str | None
    device_id: str
    decided_at: str
    content_hash: str | None

    @classmethod
    def of(cls, decision: Decision) -> ReviewDecision:
        return cls(
            entry=entry_hash(decision), state=decision.state, comment=decision.comment,
            reviewer=decision.reviewer, device_id=decision.device_id,
            decided_at=decision.decided_at, content_hash=decision.content_hash,
        )  # fmt: skip


class ReviewConflict(BaseModel):
    """An interview whose reviewers disagree; `state` is what counts meanwhile (the newest)."""

    uuid: str
    state: str
    decisions: list[ReviewDecision]
    """The disagreeing decisions, newest first."""


class HeldDecision(ReviewDecision):
    """A decision from a file whose signer may not review here: kept, never applied."""

    uuid: str
    signer: str
    held: str
    """Why it is held."""
    received_at: str


def review_conflicts(store: Conflicts) -> list[ReviewConflict]:
    """Every interview whose reviewers disagree on a revision, by uuid."""
    found: list[ReviewConflict] = []
    disputed = store.review_conflicts()
    logs = store.decisions_of([uuid for uuid, _ in disputed])
    for uuid, digest in disputed:
        settled = settle(logs.get(uuid, []), digest)
        if settled is None:
            continue
        newest = sorted(settled.tips, key=lambda d: (d.decided_at, entry_hash(d)), reverse=True)
        decisions = [ReviewDecision.of(d) for d in newest]
        found.append(ReviewConflict(uuid=uuid, state=settled.state, decisions=decisions))
    return found


def held_decisions(store: Conflicts) -> list[HeldDecision]:
    """Held decisions not applied since (the same decision came from a trusted signer)."""
    held = store.held_reviews()
    logs = store.decisions_of(sorted({h.decision.uuid for h in held}))
    applied = {entry_hash(d) for log in logs.values() for d in linked(log)}
    return [
        HeldDecision(
            **ReviewDecision.of(h.decision).model_dump(), uuid=h.decision.uuid,
            signer=h.signer, held=h.reason, received_at=h.received_at,
        )
        for h in held
        if h.entry not in applied
    ]  # fmt: skip
