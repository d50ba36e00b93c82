"""The conflict queue's statements for SQLite; the logic is store/conflicts.py's."""

from __future__ import annotations

import json

from fieldsurvey.store.conflicts import ConflictsPart, ConflictsSQL
from fieldsurvey.store.sqlite.base import SQLiteBase

_LIVE = "uuid = ? AND content_hash IS NOT NULL AND (in_conflict = 1 OR is_head = 1)"


class ConflictsMixin(SQLiteBase, ConflictsPart):
    conflicts_sql = ConflictsSQL(
        conflict_versions=(
            "SELECT uuid, questionnaire_id, content_hash, parent_hash, revision, device_id, "
            "interviewer, status, updated_at, is_head, id FROM responses WHERE in_conflict = 1 "
            "ORDER BY uuid, updated_at DESC, content_hash"
        ),
        conflicting_hashes="SELECT content_hash FROM responses WHERE uuid = ? AND in_conflict = 1",
        set_aside=(
            f"SELECT content_hash FROM responses WHERE {_LIVE} AND content_hash != ? "
            "ORDER BY content_hash"
        ),
        keep=f"UPDATE responses SET is_head = (content_hash = ?), in_conflict = 0 WHERE {_LIVE}",
        vouch="UPDATE responses SET authority = 2 WHERE uuid = ? AND content_hash = ?",
        log_resolution=(
            "INSERT INTO conflict_resolutions (uuid, kept_hash, set_aside, resolved_at, "
            "resolved_by, device_id) VALUES (?, ?, ?, ?, ?, ?)"
        ),
        resolutions=(
            "SELECT uuid, kept_hash, set_aside, resolved_at, resolved_by, device_id "
            "FROM conflict_resolutions ORDER BY id"
        ),
    )

    def _answers(self, found: int) -> dict[str, object]:
        """`found`: the version's response id."""
        rows = self.conn.execute(
            "SELECT question, value FROM answers WHERE response = ? ORDER BY question", [found]
        )
        return {question: json.loads(value) for question, value in rows}
