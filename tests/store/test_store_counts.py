"""Home-screen counts and the drafts list, over rows made with the store's own methods."""

from __future__ import annotations

import datetime
from pathlib import Path

from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.records import NewDraft
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.status import Status

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


def _draft(db: SQLiteStore, uuid: str, at: str) -> int:
    draft = NewDraft(uuid, "form", "1", "h", db.device_id(), None, None, None, "en", at)
    with db.unit_of_work():
        record = db.insert_draft(draft)
    db.save_draft(record.id, {"q1": 1, "q2": "x"}, [], {}, at)
    return record.id


def test_counts_today_total_not_exported_and_drafts(tmp_path: Path) -> None:
    db = open_store(tmp_path / "survey.db")
    yesterday = (NOW - datetime.timedelta(days=2)).isoformat(timespec="milliseconds")
    today = NOW.isoformat(timespec="milliseconds")
    db.close_draft(_draft(db, "a", yesterday), Status.COMPLETE, [], None, yesterday)
    db.close_draft(_draft(db, "b", today), Status.COMPLETE, [], None, today)
    db.close_draft(_draft(db, "c", today), Status.VOIDED, [], None, today)
    _draft(db, "d", today)
    db.execute("UPDATE responses SET exported_seq = 1 WHERE uuid = 'a'")
    counts = home_counts(db, NOW)
    assert (counts.today, counts.total, counts.not_exported, counts.drafts) == (1, 2, 2, 1)
    (draft,) = db.list_drafts()
    assert (draft.uuid, draft.answers, draft.updated_at) == ("d", 2, today)
