"""Reading revisions, their answers and paradata; the flags merge settles.

Interviews are not captured here (store/opening.py refuses a server URL to `ask` and the
app), so the draft sink is not part of this adapter; what reads revisions (review, conflicts,
Home-style counts) is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import (
    RESPONSE_FIELDS,
    DraftSummary,
    HomeCounts,
    ResponseRecord,
    StoredEvent,
)
from fieldsurvey.store.status import Status

if TYPE_CHECKING:
    from fieldsurvey.questionnaire.expressions import Value

_COLUMNS = ", ".join(RESPONSE_FIELDS)
_STATUS = RESPONSE_FIELDS.index("status")
_FLAGS = (RESPONSE_FIELDS.index("is_head"), RESPONSE_FIELDS.index("in_conflict"))


def _record(row: tuple[Any, ...]) -> ResponseRecord:
    values: list[Any] = list(row)
    values[_STATUS] = Status(str(values[_STATUS]))
    for index in _FLAGS:  # booleans here, 0/1 in the record as on SQLite
        values[index] = int(bool(values[index]))
    return ResponseRecord(*values)


class ResponsesMixin(PostgresBase):
    def get_response(self, response_id: int) -> ResponseRecord | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM responses WHERE id = %s", [response_id]
        ).fetchone()
        return _record(row) if row else None

    def revisions(self, uuid: str) -> list[ResponseRecord]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM responses WHERE uuid = %s ORDER BY revision, id", [uuid]
        ).fetchall()
        return [_record(row) for row in rows]

    def load_answers(self, response_id: int) -> dict[str, Value]:
        rows = self.conn.execute(
            "SELECT question, value FROM answers WHERE response = %s", [response_id]
        ).fetchall()
        return {str(question): json.loads(str(value)) for question, value in rows}

    def paradata(self, response_id: int) -> list[StoredEvent]:
        rows = self.conn.execute(
            "SELECT response, seq, question, event, at, duration_ms, detail FROM paradata "
            "WHERE response = %s ORDER BY seq",
            [response_id],
        ).fetchall()
        return [StoredEvent(*row) for row in rows]

    def home_counts(self, since: str) -> HomeCounts:
        row = self.conn.execute(
            "SELECT count(*) FILTER (WHERE status = 'complete' AND is_head "
            "AND completed_at >= %s), "
            "count(*) FILTER (WHERE status = 'complete' AND is_head), "
            "count(*) FILTER (WHERE status != 'draft' AND exported_seq IS NULL "
            "AND device_id = (SELECT value FROM settings WHERE key = 'device_id')), "
            "count(*) FILTER (WHERE status = 'draft') FROM responses",
            [since],
        ).fetchone()
        assert row is not None
        return HomeCounts(*(int(str(value)) for value in row))

    def list_drafts(self) -> list[DraftSummary]:
        rows = self.conn.execute(
            "SELECT r.id, r.uuid, r.revision, r.questionnaire_id, r.questionnaire_version, "
            "r.persona, r.started_at, r.updated_at, r.current_question, "
            "(SELECT count(*) FROM answers a WHERE a.response = r.id) "
            "FROM responses r WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC"
        ).fetchall()
        return [DraftSummary(*row) for row in rows]

    def set_flags(self, changed: Sequence[tuple[bool, bool, int]]) -> None:
        if not changed:
            return
        heads, conflicts, ids = (list(column) for column in zip(*changed, strict=True))
        self.require_unit().execute(
            "UPDATE responses r SET is_head = c.head, in_conflict = c.conflict "
            "FROM unnest(%s::boolean[], %s::boolean[], %s::bigint[]) AS c(head, conflict, id) "
            "WHERE r.id = c.id",
            [heads, conflicts, ids],
        )
