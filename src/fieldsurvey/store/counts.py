"""What the Home screen shows: interviews done today and in total, not yet exported, drafts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.store.db import device_id


@dataclass(frozen=True)
class HomeCounts:
    today: int
    """Interviews completed since local midnight (head revisions)."""
    total: int
    """Completed interviews (head revisions)."""
    not_exported: int
    """Closed revisions (complete, voided, refused) made on this device that no export file
    has carried yet: what `export` would send. Revisions merged from other devices are not
    this device's to export (a supervisor forwards them with `export --all`)."""
    drafts: int


@dataclass(frozen=True)
class DraftSummary:
    """A draft for the Home screen's resume list, most recently touched first."""

    id: int
    uuid: str
    revision: int
    questionnaire_id: str
    questionnaire_version: str
    persona: str | None
    started_at: str
    updated_at: str
    current_question: str | None
    answers: int


def home_counts(db: sqlite_utils.Database, now: datetime.datetime | None = None) -> HomeCounts:
    """Counts for the Home screen; `now` (aware) defaults to the current time."""
    local_now = (now or datetime.datetime.now(datetime.UTC)).astimezone()
    midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    since = midnight.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
    row = db.execute(
        "SELECT "
        "COALESCE(SUM(status = 'complete' AND is_head = 1 AND completed_at >= ?), 0), "
        "COALESCE(SUM(status = 'complete' AND is_head = 1), 0), "
        "COALESCE(SUM(status != 'draft' AND exported_seq IS NULL AND device_id = ?), 0), "
        "COALESCE(SUM(status = 'draft'), 0) "
        "FROM responses",
        [since, device_id(db)],
    ).fetchone()
    return HomeCounts(*row)


def list_drafts(db: sqlite_utils.Database) -> list[DraftSummary]:
    rows = db.execute(
        "SELECT r.id, r.uuid, r.revision, r.questionnaire_id, r.questionnaire_version, "
        "r.persona, r.started_at, r.updated_at, r.current_question, "
        "(SELECT COUNT(*) FROM answers a WHERE a.response = r.id) "
        "FROM responses r WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC"
    ).fetchall()
    return [DraftSummary(*row) for row in rows]
