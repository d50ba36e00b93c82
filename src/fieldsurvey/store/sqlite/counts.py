"""What the Home screen shows: interviews done today and in total, not yet exported, drafts."""

from __future__ import annotations

from fieldsurvey.store.records import DraftSummary, HomeCounts
from fieldsurvey.store.sqlite.base import SQLiteBase


class CountsMixin(SQLiteBase):
    def home_counts(self, since: str) -> HomeCounts:
        row = self.conn.execute(
            "SELECT "
            "COALESCE(SUM(status = 'complete' AND is_head = 1 AND completed_at >= ?), 0), "
            "COALESCE(SUM(status = 'complete' AND is_head = 1), 0), "
            "COALESCE(SUM(status != 'draft' AND exported_seq IS NULL "
            "AND device_id = (SELECT value FROM settings WHERE key = 'device_id')), 0), "
            "COALESCE(SUM(status = 'draft'), 0) "
            "FROM responses",
            [since],
        ).fetchone()
        return HomeCounts(*row)

    def list_drafts(self) -> list[DraftSummary]:
        rows = self.conn.execute(
            "SELECT r.id, r.uuid, r.revision, r.questionnaire_id, r.questionnaire_version, "
            "r.persona, r.started_at, r.updated_at, r.current_question, "
            "(SELECT COUNT(*) FROM answers a WHERE a.response = r.id) "
            "FROM responses r WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC"
        ).fetchall()
        return [DraftSummary(*row) for row in rows]
