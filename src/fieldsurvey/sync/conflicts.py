"""The conflict queue: interviews that arrived in diverging versions, and their resolution.

Merge keeps every version and flags the diverging ones `in_conflict`. A supervisor compares
them (the questions whose answers differ are listed) and keeps one: it becomes the head, the
others are set aside (`is_head = 0`, `in_conflict = 0`), never deleted, so a later merge
neither resurrects them nor loses them (see lineage.py). Each resolution is logged (who,
when, kept and set aside) in the same transaction, so a supervisor can answer for it later.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from fieldsurvey.review.decide import ReviewError
from fieldsurvey.review.resolve import keep_decision
from fieldsurvey.store.interface import ConflictQueue, Conflicts
from fieldsurvey.store.records import ResolutionRow, utc_now
from fieldsurvey.sync.review_conflicts import (
    HeldDecision,
    ReviewConflict,
    held_decisions,
    review_conflicts,
)
from fieldsurvey.sync.trust import held_reasons

MIN_PREFIX = 6
"""Shortest content-hash prefix accepted when naming the version to keep."""


class ConflictError(ValueError):
    """A resolution that names no conflicting version, or more than one."""


class ConflictVersion(BaseModel):
    content_hash: str
    parent_hash: str | None
    revision: int
    device_id: str
    interviewer: str | None
    status: str
    updated_at: str
    is_head: bool
    answers: dict[str, Any]
    held: str | None = None
    """Why this version may not become the head by itself (docs/trust-model.md), if so."""


class Conflict(BaseModel):
    uuid: str
    questionnaire_id: str
    versions: list[ConflictVersion]
    differing: list[str]
    """Questions whose answers are not the same in every version."""


class ConflictList(BaseModel):
    conflicts: list[Conflict]
    review_conflicts: list[ReviewConflict] = []
    """Interviews whose reviewers disagree on a revision (review/log.py)."""
    held_reviews: list[HeldDecision] = []
    """Review decisions held: their file's signer may not review here."""

    @property
    def waiting(self) -> int:
        """Everything in the queue that a supervisor should look at."""
        return len(self.conflicts) + len(self.review_conflicts) + len(self.held_reviews)


class Resolution(BaseModel):
    """One conflict resolved on this device."""

    uuid: str
    kept_hash: str
    set_aside: list[str]
    resolved_at: str
    resolved_by: str | None
    device_id: str


class ResolutionLog(BaseModel):
    resolutions: list[Resolution]


def list_conflicts(store: Conflicts) -> ConflictList:
    """Every interview with diverging versions, by uuid; its versions newest first."""
    by_uuid: dict[str, Conflict] = {}
    for row in store.conflict_versions():
        conflict = by_uuid.setdefault(
            row.uuid,
            Conflict(
                uuid=row.uuid, questionnaire_id=row.questionnaire_id, versions=[], differing=[]
            ),
        )
        fields = {
            name: getattr(row, name) for name in ConflictVersion.model_fields if name != "held"
        }
        conflict.versions.append(ConflictVersion(**fields))
    for conflict in by_uuid.values():
        conflict.differing = _differing(conflict.versions)
        reasons = held_reasons(store.lineage_of(conflict.uuid))
        for version in conflict.versions:
            version.held = reasons.get(version.content_hash)
    return ConflictList(
        conflicts=list(by_uuid.values()),
        review_conflicts=review_conflicts(store),
        held_reviews=held_decisions(store),
    )


def keep_version(store: Conflicts, uuid: str, content_hash: str) -> str:
    """Resolve `uuid` by keeping the version whose hash starts with `content_hash`.

    Returns the full hash kept. Raises ConflictError if no conflicting version, or several,
    match.
    """
    if len(content_hash) < MIN_PREFIX:
        raise ConflictError(f"{uuid}: give at least {MIN_PREFIX} characters of the content hash")
    with store.unit_of_work():
        candidates = [
            digest
            for digest in store.conflicting_hashes(uuid)
            if digest.startswith(content_hash.lower())
        ]
        if len(candidates) != 1:
            found = "no" if not candidates else "several"
            raise ConflictError(f"{uuid}: {found} conflicting versions match {content_hash}")
        kept = candidates[0]
        set_aside = store.keep_only(uuid, kept)
        resolution = ResolutionRow(
            uuid, kept, set_aside, utc_now(), store.get_setting("interviewer"), store.device_id()
        )
        store.log_resolution(resolution)
    return kept


def resolve(store: ConflictQueue, uuid: str, prefix: str) -> str:
    """Keep the version (content hash) or, when the interview's reviewers disagree, the
    decision (entry hash) that `prefix` names; returns what was kept, in words."""
    if uuid in dict(store.review_conflicts()) and not any(
        digest.startswith(prefix.lower()) for digest in store.conflicting_hashes(uuid)
    ):
        try:
            kept = keep_decision(store, uuid, prefix)
        except ReviewError as exc:
            raise ConflictError(str(exc)) from None
        return f"the decision {kept.state.replace('_', ' ')}"
    return keep_version(store, uuid, prefix)


def resolution_log(store: Conflicts) -> ResolutionLog:
    """Every conflict resolved on this device, oldest first."""
    return ResolutionLog(resolutions=[Resolution(**vars(row)) for row in store.resolutions()])


def _differing(versions: list[ConflictVersion]) -> list[str]:
    questions = sorted({q for version in versions for q in version.answers})
    return [q for q in questions if len({json.dumps(v.answers.get(q)) for v in versions}) > 1]
