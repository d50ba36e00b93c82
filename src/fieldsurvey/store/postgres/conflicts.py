"""The conflict queue's statements for PostgreSQL; the logic is store/conflicts.py's."""

from __future__ import annotations

from typing import Any

from fieldsurvey.store.conflicts import ConflictsPart, ConflictsSQL
from fieldsurvey.store.postgres.base import PostgresBase

_LIVE = "uuid = %s AND content_hash IS NOT NULL AND (in_conflict OR is_head)"


class ConflictsMixin(PostgresBase, ConflictsPart):
    conflicts_sql = ConflictsSQL(
        conflict_versions="""
            SELECT r.uuid, r.questionnaire_id, r.content_hash, r.parent_hash, r.revision,
                r.device_id, r.interviewer, r.status, r.updated_at, r.is_head,
                (SELECT COALESCE(json_object_agg(a.question, a.value::json ORDER BY a.question),
                                 '{}')
                 FROM answers a WHERE a.response = r.id)
            FROM responses r WHERE r.in_conflict
            ORDER BY r.uuid COLLATE "C", r.updated_at DESC, r.content_hash COLLATE "C"
        """,
        conflicting_hashes="SELECT content_hash FROM responses WHERE uuid = %s AND in_conflict",
        set_aside=(
            f"SELECT content_hash FROM responses WHERE {_LIVE} AND content_hash != %s "
            'ORDER BY content_hash COLLATE "C"'
        ),
        keep=(
            f"UPDATE responses SET is_head = (content_hash = %s), in_conflict = FALSE WHERE {_LIVE}"
        ),
        vouch="UPDATE responses SET authority = 2 WHERE uuid = %s AND content_hash = %s",
        log_resolution=(
            "INSERT INTO conflict_resolutions (uuid, kept_hash, set_aside, resolved_at, "
            "resolved_by, device_id) VALUES (%s, %s, %s, %s, %s, %s)"
        ),
        resolutions=(
            "SELECT uuid, kept_hash, set_aside, resolved_at, resolved_by, device_id "
            "FROM conflict_resolutions ORDER BY id"
        ),
    )

    def _answers(self, found: Any) -> dict[str, object]:
        """`found`: the version's answers as one JSON object (psycopg decodes it)."""
        return dict(found)
