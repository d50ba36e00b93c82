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

import sqlite_utils
from pydantic import BaseModel

from fieldsurvey.store.db import device_id, get_setting, utc_now, write_transaction
from fieldsurvey.store.responses import load_answers
from fieldsurvey.store.trust import lineage_of, vouch_for
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


_VERSION_QUERY = (
    "SELECT id, uuid, questionnaire_id, content_hash, parent_hash, revision, device_id, "
    "interviewer, status, updated_at, is_head FROM responses WHERE in_conflict = 1 "
)


def list_conflicts(db: sqlite_utils.Database) -> ConflictList:
    """Every interview with diverging versions, by uuid; its versions newest first."""
    rows = db.execute(_VERSION_QUERY + "ORDER BY uuid, updated_at DESC, content_hash").fetchall()
    by_uuid: dict[str, Conflict] = {}
    for row_id, uuid, questionnaire, *version in rows:
        conflict = by_uuid.setdefault(
            uuid, Conflict(uuid=uuid, questionnaire_id=questionnaire, versions=[], differing=[])
        )
        fields = dict(zip(list(ConflictVersion.model_fields)[:-2], version, strict=True))
        conflict.versions.append(
            ConflictVersion(**fields, answers=dict(sorted(load_answers(db, row_id).items())))
        )
    for conflict in by_uuid.values():
        conflict.differing = _differing(conflict.versions)
        reasons = held_reasons(lineage_of(db, conflict.uuid))
        for version in conflict.versions:
            version.held = reasons.get(version.content_hash)
    return ConflictList(conflicts=list(by_uuid.values()))


def keep_version(db: sqlite_utils.Database, uuid: str, content_hash: str) -> str:
    """Resolve `uuid` by keeping the version whose hash starts with `content_hash`.

    Returns the full hash kept. Raises ConflictError if no conflicting version, or several,
    match.
    """
    if len(content_hash) < MIN_PREFIX:
        raise ConflictError(f"{uuid}: give at least {MIN_PREFIX} characters of the content hash")
    with write_transaction(db):
        candidates = [
            row[0]
            for row in db.execute(
                "SELECT content_hash FROM responses WHERE uuid = ? AND in_conflict = 1",
                [uuid],
            )
            if row[0].startswith(content_hash.lower())
        ]
        if len(candidates) != 1:
            found = "no" if not candidates else "several"
            raise ConflictError(f"{uuid}: {found} conflicting versions match {content_hash}")
        kept: str = candidates[0]
        set_aside = [
            row[0]
            for row in db.execute(
                "SELECT content_hash FROM responses WHERE uuid = ? AND content_hash IS NOT NULL "
                "AND content_hash != ? AND (in_conflict = 1 OR is_head = 1) "
                "ORDER BY content_hash",
                [uuid, kept],
            )
        ]
        db.execute(
            "UPDATE responses SET is_head = (content_hash = ?), in_conflict = 0 "
            "WHERE uuid = ? AND content_hash IS NOT NULL AND (in_conflict = 1 OR is_head = 1)",
            [kept, uuid],
        )
        vouch_for(db, uuid, kept)  # a held version kept by a supervisor is held no more
        db.execute(
            "INSERT INTO conflict_resolutions (uuid, kept_hash, set_aside, resolved_at, "
            "resolved_by, device_id) VALUES (?, ?, ?, ?, ?, ?)",
            [uuid, kept, json.dumps(set_aside), utc_now(), get_setting(db, "interviewer"),
             device_id(db)],
        )  # fmt: skip
    return kept


def resolution_log(db: sqlite_utils.Database) -> ResolutionLog:
    """Every conflict resolved on this device, oldest first."""
    rows = db.execute(
        "SELECT uuid, kept_hash, set_aside, resolved_at, resolved_by, device_id "
        "FROM conflict_resolutions ORDER BY id"
    )
    return ResolutionLog(
        resolutions=[
            Resolution(
                uuid=uuid,
                kept_hash=kept,
                set_aside=json.loads(aside),
                resolved_at=at,
                resolved_by=by,
                device_id=device,
            )
            for uuid, kept, aside, at, by, device in rows
        ]
    )


def _differing(versions: list[ConflictVersion]) -> list[str]:
    questions = sorted({q for version in versions for q in version.answers})
    return [q for q in questions if len({json.dumps(v.answers.get(q)) for v in versions}) > 1]
