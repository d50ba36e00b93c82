"""The conflict queue: versions flagged `in_conflict`, a supervisor's choice, and its log."""

from __future__ import annotations

import json

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import ConflictRow, ResolutionRow

_VERSION_QUERY = """
    SELECT r.uuid, r.questionnaire_id, r.content_hash, r.parent_hash, r.revision, r.device_id,
        r.interviewer, r.status, r.updated_at, r.is_head,
        (SELECT COALESCE(json_object_agg(a.question, a.value::json ORDER BY a.question), '{}')
         FROM answers a WHERE a.response = r.id)
    FROM responses r WHERE r.in_conflict
    ORDER BY r.uuid COLLATE "C", r.updated_at DESC, r.content_hash COLLATE "C"
"""


class ConflictsMixin(PostgresBase):
    def conflict_versions(self) -> list[ConflictRow]:
        rows = self.conn.execute(_VERSION_QUERY).fetchall()
        return [
            ConflictRow(
                uuid, questionnaire, digest, parent, revision, device, interviewer, status,
                updated_at, is_head=bool(head), answers=dict(answers),
            )
            for uuid, questionnaire, digest, parent, revision, device, interviewer, status,
            updated_at, head, answers in rows
        ]  # fmt: skip

    def conflicting_hashes(self, uuid: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT content_hash FROM responses WHERE uuid = %s AND in_conflict", [uuid]
        )
        return [row[0] for row in rows]

    def keep_only(self, uuid: str, kept: str) -> list[str]:
        conn = self.require_unit()
        live = "uuid = %s AND content_hash IS NOT NULL AND (in_conflict OR is_head)"
        set_aside = [
            row[0]
            for row in conn.execute(
                f"SELECT content_hash FROM responses WHERE {live} AND content_hash != %s "
                'ORDER BY content_hash COLLATE "C"',
                [uuid, kept],
            )
        ]
        conn.execute(
            f"UPDATE responses SET is_head = (content_hash = %s), in_conflict = FALSE WHERE {live}",
            [kept, uuid],
        )
        conn.execute(  # the supervisor vouches for what they keep: a held version is no more
            "UPDATE responses SET authority = 2 WHERE uuid = %s AND content_hash = %s",
            [uuid, kept],
        )
        return set_aside

    def log_resolution(self, row: ResolutionRow) -> None:
        self.require_unit().execute(
            "INSERT INTO conflict_resolutions (uuid, kept_hash, set_aside, resolved_at, "
            "resolved_by, device_id) VALUES (%s, %s, %s, %s, %s, %s)",
            [row.uuid, row.kept_hash, json.dumps(row.set_aside), row.resolved_at,
             row.resolved_by, row.device_id],
        )  # fmt: skip

    def resolutions(self) -> list[ResolutionRow]:
        rows = self.conn.execute(
            "SELECT uuid, kept_hash, set_aside, resolved_at, resolved_by, device_id "
            "FROM conflict_resolutions ORDER BY id"
        )
        return [
            ResolutionRow(uuid, kept, json.loads(aside), at, by, device)
            for uuid, kept, aside, at, by, device in rows
        ]
