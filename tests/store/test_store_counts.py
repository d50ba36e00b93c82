"""Home-screen counts and the drafts list, over rows made with the store's own functions."""

from __future__ import annotations

import datetime
from pathlib import Path

import sqlite_utils

from fieldsurvey.store.counts import home_counts, list_drafts
from fieldsurvey.store.db import device_id, open_database, write_transaction
from fieldsurvey.store.responses import close_revision, insert_draft, save_answers

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


def _draft(db: sqlite_utils.Database, uuid: str, at: str) -> int:
    record = insert_draft(
        db,
        uuid=uuid,
        questionnaire_id="form",
        questionnaire_version="1",
        questionnaire_hash="h",
        device_id=device_id(db),
        language="en",
        started_at=at,
        updated_at=at,
    )
    save_answers(db, record.id, {"q1": 1, "q2": "x"}, at)
    return record.id


def test_counts_today_total_not_exported_and_drafts(tmp_path: Path) -> None:
    db = open_database(tmp_path / "survey.db")
    yesterday = (NOW - datetime.timedelta(days=2)).isoformat(timespec="milliseconds")
    today = NOW.isoformat(timespec="milliseconds")
    with write_transaction(db):
        close_revision(db, _draft(db, "a", yesterday), "complete", yesterday)
        close_revision(db, _draft(db, "b", today), "complete", today)
        close_revision(db, _draft(db, "c", today), "voided", today)
        _draft(db, "d", today)
    db.execute("UPDATE responses SET exported_seq = 1 WHERE uuid = 'a'")
    counts = home_counts(db, NOW)
    assert (counts.today, counts.total, counts.not_exported, counts.drafts) == (1, 2, 2, 1)
    (draft,) = list_drafts(db)
    assert (draft.uuid, draft.answers, draft.updated_at) == ("d", 2, today)
