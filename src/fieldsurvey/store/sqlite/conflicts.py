"""The conflict queue: versions flagged `in_conflict`, a supervisor's choice, and its log."""

from __future__ import annotations

import json

from fieldsurvey.store.records import ConflictRow, ResolutionRow
from fieldsurvey.store.sqlite.base import SQLiteBase

_VERSION_QUERY = (
    "SELECT id, uuid, questionnaire_id, content_hash, parent_hash, revision, device_id, "
    "interviewer, status, updated_at, is_head FROM responses WHERE in_conflict = 1 "
    "ORDER BY uuid, updated_at DESC, content_hash"
)


class ConflictsMixin(SQLiteBase):
    def conflict_versions(self) -> list[ConflictRow]:
        rows = self.conn.execute(_VERSION_QUERY).fetchall()
        return [
            ConflictRow(
                uuid, questionnaire, digest, parent, revision, device, interviewer, status,
                updated_at, is_head=bool(head), answers=self._answers(row_id),
            )
            for row_id, uuid, questionnaire, digest, parent, revision, device, interviewer,
            status, updated_at, head in rows
        ]  # fmt: skip

    def _answers(self, response_id: int) -> dict[str, object]:
        rows = self.conn.execute(
            "SELECT question, value FROM answers WHERE response = ? ORDER BY question",
            [response_id],
        )
        return {question: json.loads(value) for question, value in rows}

    def conflicting_hashes(self, uuid: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT content_hash FROM responses WHERE uuid = ? AND in_conflict = 1", [uuid]
        )
        return [row[0] for row in rows]

    def keep_only(self, uuid: str, kept: str) -> list[str]:
        conn = self.require_unit()
        set_aside = [
            row[0]
            for row in conn.execute(
                "SELECT content_hash FROM responses WHERE uuid = ? AND content_hash IS NOT NULL "
                "AND content_hash != ? AND (in_conflict = 1 OR is_head = 1) "
                "ORDER BY content_hash",
                [uuid, kept],
            )
        ]
        conn.execute(
            "UPDATE responses SET is_head = (content_hash = ?), in_conflict = 0 "
            "WHERE uuid = ? AND content_hash IS NOT NULL AND (in_conflict = 1 OR is_head = 1)",
            [kept, uuid],
        )
        conn.execute(  # the supervisor vouches for what they keep: a held version is no more
            "UPDATE responses SET authority = 2 WHERE uuid = ? AND content_hash = ?", [uuid, kept]
        )
        return set_aside

    def log_resolution(self, row: ResolutionRow) -> None:
        self.require_unit().execute(
            "INSERT INTO conflict_resolutions (uuid, kept_hash, set_aside, resolved_at, "
            "resolved_by, device_id) VALUES (?, ?, ?, ?, ?, ?)",
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
