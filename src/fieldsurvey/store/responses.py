"""Reading revisions, their answers and paradata, and the Home screen's counts, written once
for both adapters. The statements are the adapter's (store/adapter.py); writing drafts is the
device's SQLite adapter's alone (store/sqlite/responses.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from fieldsurvey.store.adapter import AdapterPart
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

_STATUS = RESPONSE_FIELDS.index("status")


def response_record(row: tuple[Any, ...]) -> ResponseRecord:
    """A `responses` row read as RESPONSE_FIELDS (is_head and in_conflict as 0 or 1)."""
    values = list(row)
    values[_STATUS] = Status(str(values[_STATUS]))
    return ResponseRecord(*values)


@dataclass(frozen=True)
class ResponsesSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    get_response: str
    """(response id) -> RESPONSE_FIELDS, is_head and in_conflict as 0 or 1"""
    revisions: str
    """(uuid) -> as get_response, every revision, by revision and id"""
    load_answers: str
    """(response id) -> question, value (JSON text)"""
    paradata: str
    """(response id) -> response, seq, question, event, at, duration_ms, detail; by seq"""


class ResponsesPart(AdapterPart):
    responses_sql: ClassVar[ResponsesSQL]

    def get_response(self, response_id: int) -> ResponseRecord | None:
        row = self.conn.execute(self.responses_sql.get_response, [response_id]).fetchone()
        return response_record(row) if row else None

    def revisions(self, uuid: str) -> list[ResponseRecord]:
        rows = self.conn.execute(self.responses_sql.revisions, [uuid]).fetchall()
        return [response_record(row) for row in rows]

    def load_answers(self, response_id: int) -> dict[str, Value]:
        rows = self.conn.execute(self.responses_sql.load_answers, [response_id])
        return {question: json.loads(value) for question, value in rows}

    def paradata(self, response_id: int) -> list[StoredEvent]:
        rows = self.conn.execute(self.responses_sql.paradata, [response_id]).fetchall()
        return [StoredEvent(*row) for row in rows]


@dataclass(frozen=True)
class CountsSQL:
    home_counts: str
    """(since) -> completed head revisions since then, completed head revisions, closed
    revisions of this device not exported, drafts"""
    list_drafts: str
    """() -> the columns of DraftSummary, most recently touched first"""


class CountsPart(AdapterPart):
    counts_sql: ClassVar[CountsSQL]

    def home_counts(self, since: str) -> HomeCounts:
        row = self.conn.execute(self.counts_sql.home_counts, [since]).fetchone()
        return HomeCounts(*row)

    def list_drafts(self) -> list[DraftSummary]:
        rows = self.conn.execute(self.counts_sql.list_drafts).fetchall()
        return [DraftSummary(*row) for row in rows]
