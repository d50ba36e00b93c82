"""What the Home screen shows, for SQLite: interviews done today and in total, not yet
exported, drafts; the logic is store/responses.py's."""

from __future__ import annotations

from fieldsurvey.store.responses import CountsPart, CountsSQL
from fieldsurvey.store.sqlite.base import SQLiteBase


class CountsMixin(SQLiteBase, CountsPart):
    counts_sql = CountsSQL(
        home_counts=(
            "SELECT "
            "COALESCE(SUM(status = 'complete' AND is_head = 1 AND completed_at >= ?), 0), "
            "COALESCE(SUM(status = 'complete' AND is_head = 1), 0), "
            "COALESCE(SUM(status != 'draft' AND exported_seq IS NULL "
            "AND device_id = (SELECT value FROM settings WHERE key = 'device_id')), 0), "
            "COALESCE(SUM(status = 'draft'), 0) "
            "FROM responses"
        ),
        list_drafts=(
            "SELECT r.id, r.uuid, r.revision, r.questionnaire_id, r.questionnaire_version, "
            "r.persona, r.started_at, r.updated_at, r.current_question, "
            "(SELECT COUNT(*) FROM answers a WHERE a.response = r.id) "
            "FROM responses r WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC"
        ),
    )
