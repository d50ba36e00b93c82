"""Response revisions, their answers and paradata: the engine's draft sink, and the
statements of the reads (store/responses.py).

A draft change is one commit: answers, the values recalculated from them, the draft's
progress and paradata together, so a crash keeps all of it or none of it. Answer values are
stored as JSON text. Closing hashes the revision (store/content.py) and settles the
interview's heads and conflict flags by the rule merge follows (store/lineage.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields
from typing import TYPE_CHECKING

from fieldsurvey.store.content import content_hash
from fieldsurvey.store.lineage import settle, stored_revision
from fieldsurvey.store.records import (
    DRAFT_COLUMNS,
    RESPONSE_FIELDS,
    Event,
    NewDraft,
    ResponseRecord,
)
from fieldsurvey.store.responses import ResponsesPart, ResponsesSQL
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.status import CLOSED_STATUSES, Status

if TYPE_CHECKING:
    from fieldsurvey.questionnaire.expressions import Value

_COLUMNS = ", ".join(RESPONSE_FIELDS)
_NEW_DRAFT = tuple(field.name for field in fields(NewDraft))
_INSERT_DRAFT = (
    f"INSERT INTO responses ({', '.join(_NEW_DRAFT)}, updated_at, status) "
    f"VALUES ({', '.join('?' * len(_NEW_DRAFT))}, ?, 'draft')"
)


def encode_value(value: Value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class ResponsesMixin(SQLiteBase, ResponsesPart):
    responses_sql = ResponsesSQL(
        get_response=f"SELECT {_COLUMNS} FROM responses WHERE id = ?",
        revisions=f"SELECT {_COLUMNS} FROM responses WHERE uuid = ? ORDER BY revision, id",
        load_answers="SELECT question, value FROM answers WHERE response = ?",
        paradata=(
            "SELECT response, seq, question, event, at, duration_ms, detail FROM paradata "
            "WHERE response = ? ORDER BY seq"
        ),
    )

    # --- writes -------------------------------------------------------------------------------

    def insert_draft(self, draft: NewDraft) -> ResponseRecord:
        conn = self.require_unit()
        values = [getattr(draft, name) for name in _NEW_DRAFT]
        cursor = conn.execute(_INSERT_DRAFT, [*values, draft.started_at])
        record = self.get_response(cursor.lastrowid or 0)
        assert record is not None
        return record

    def save_draft(
        self,
        response_id: int,
        answers: Mapping[str, Value],
        events: Sequence[Event],
        columns: Mapping[str, object],
        at: str,
    ) -> None:
        unknown = columns.keys() - DRAFT_COLUMNS
        if unknown:
            raise ValueError(f"not draft columns: {sorted(unknown)}")
        with self.unit_of_work():
            if answers:
                self._save_answers(response_id, answers, at)
            if events:
                self._add_events(response_id, events, at)
            self._update_draft(response_id, {**columns, "updated_at": at})

    def close_draft(
        self,
        response_id: int,
        status: Status,
        events: Sequence[Event],
        keep: Sequence[str] | None,
        at: str,
    ) -> str:
        if status not in CLOSED_STATUSES:
            raise ValueError(f"not a closing status: {status}")
        with self.unit_of_work():
            conn = self.conn
            if keep is not None:
                marks = ", ".join("?" for _ in keep)
                conn.execute(
                    f"DELETE FROM answers WHERE response = ? AND question NOT IN ({marks})",
                    [response_id, *keep],
                )
            if status is Status.REFUSED:
                self._update_draft(response_id, {"persona": None})
            self._add_events(response_id, events, at)
            cursor = conn.execute(
                "UPDATE responses SET status = ?, completed_at = ?, updated_at = ?, is_head = 1 "
                "WHERE id = ? AND status = 'draft'",
                [status.value, at, at, response_id],
            )
            record = self.get_response(response_id)
            if cursor.rowcount != 1 or record is None:
                raise ValueError(f"response {response_id} is not an open draft")
            digest = content_hash(asdict(record), self.load_answers(response_id))
            conn.execute(
                "UPDATE responses SET content_hash = ? WHERE id = ?", [digest, response_id]
            )
            self._settle_heads(record.uuid)
        return digest

    def copy_revision(self, parent: ResponseRecord, device_id: str, at: str) -> int:
        conn = self.require_unit()
        cursor = conn.execute(
            "INSERT INTO responses (uuid, revision, parent_hash, questionnaire_id, "
            "questionnaire_version, questionnaire_hash, device_id, interviewer, office, round, "
            "language, persona, status, started_at, updated_at, current_question, is_head) "
            "SELECT uuid, revision + 1, content_hash, questionnaire_id, questionnaire_version, "
            "questionnaire_hash, ?, interviewer, office, round, language, persona, 'draft', "
            "started_at, ?, NULL, 0 FROM responses WHERE id = ?",
            [device_id, at, parent.id],
        )
        revision_id = cursor.lastrowid or 0
        conn.execute(
            "INSERT INTO answers (response, question, value, answered_at) "
            "SELECT ?, question, value, answered_at FROM answers WHERE response = ?",
            [revision_id, parent.id],
        )
        return revision_id

    def set_flags(self, changed: Sequence[tuple[bool, bool, int]]) -> None:
        self.require_unit().executemany(
            "UPDATE responses SET is_head = ?, in_conflict = ? WHERE id = ?", changed
        )

    # --- internals (inside the caller's unit) ---------------------------------------------------

    def _save_answers(self, response_id: int, values: Mapping[str, Value], at: str) -> None:
        conn = self.conn
        for question, value in values.items():
            if value is None:
                conn.execute(
                    "DELETE FROM answers WHERE response = ? AND question = ?",
                    [response_id, question],
                )
            else:
                conn.execute(
                    "INSERT INTO answers (response, question, value, answered_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (response, question) DO UPDATE SET "
                    "value = excluded.value, answered_at = excluded.answered_at",
                    [response_id, question, encode_value(value), at],
                )

    def _add_events(self, response_id: int, events: Sequence[Event], at: str) -> None:
        """Append events with the next sequence numbers of this response."""
        conn = self.conn
        for item in events:
            conn.execute(
                "INSERT INTO paradata (response, seq, question, event, at, duration_ms, detail) "
                "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM paradata "
                "WHERE response = ?",
                [response_id, item.question, item.event, at, item.duration_ms, item.detail,
                 response_id],
            )  # fmt: skip

    def _update_draft(self, response_id: int, columns: Mapping[str, object]) -> None:
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.conn.execute(
            f"UPDATE responses SET {assignments} WHERE id = ? AND status = 'draft'",
            [*columns.values(), response_id],
        )

    def _settle_heads(self, uuid: str) -> None:
        """Set `is_head` and `in_conflict` of every closed revision of `uuid` by lineage.settle."""
        rows = self.conn.execute(
            "SELECT id, content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
            "authority FROM responses WHERE uuid = ? AND content_hash IS NOT NULL",
            [uuid],
        ).fetchall()
        flags = settle([stored_revision(row[1:]) for row in rows])
        changed = [
            (*flags[digest], row_id)
            for row_id, digest, _, _, head, conflict, *_ in rows
            if flags[digest] != (bool(head), bool(conflict))
        ]
        self.set_flags(changed)
