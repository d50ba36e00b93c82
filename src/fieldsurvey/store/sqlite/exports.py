"""The store's closed revisions as export lines, built by SQLite's JSON functions.

SQLite assembles each record's JSON (answers and events included) in C, so Python handles one
string per interview rather than a tuple per answer: exporting 20,000 interviews with a million
answers takes well under a second here. sync/writer.py validates every line against the models
in sync/fileformat.py, so the file format still has one definition.
"""

from __future__ import annotations

from collections.abc import Iterator

from fieldsurvey.store.records import EXPORT_RECORD_COLUMNS, ExportSelection
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.errors import mapped

_ANSWERS = (
    "(SELECT json_group_array(json_array(question, value, answered_at)) "
    "FROM answers WHERE response = responses.id)"
)
_EVENTS = (
    "(SELECT json_group_array(json_array(seq, question, event, at, duration_ms, detail)) "
    "FROM paradata WHERE response = responses.id)"
)
RESPONSE_JSON = (
    "json_object("
    + ", ".join(f"'{name}', responses.{name}" for name in EXPORT_RECORD_COLUMNS)
    + f", 'answers', json({_ANSWERS}))"
)
PARADATA_JSON = (
    "json_object('uuid', responses.uuid, 'content_hash', responses.content_hash, "
    f"'events', json({_EVENTS}))"
)


_REVIEWED = (
    "EXISTS (SELECT 1 FROM reviews v WHERE v.uuid = responses.uuid "
    "AND v.content_hash = responses.content_hash "
    "AND v.uuid IN (SELECT uuid FROM reviews WHERE id > ?))"
)
"""The revisions that the review logs a forwarding file carries name (so the file holds
every interview its decisions are about)."""


def _where(selection: ExportSelection) -> tuple[str, list[object]]:
    closed = "responses.status != 'draft' AND responses.content_hash IS NOT NULL"
    if selection.everything:
        return closed, []
    if selection.forward:
        forwarded = f" AND (responses.exported_seq IS NULL OR {_REVIEWED})"
        return closed + forwarded, [selection.reviews_after]
    mine = " AND responses.exported_seq IS NULL AND responses.device_id = ?"
    return closed + mine, [selection.device]


class ExportsMixin(SQLiteBase):
    def has_closed(self, selection: ExportSelection) -> bool:
        where, params = _where(selection)
        query = f"SELECT 1 FROM responses WHERE {where} LIMIT 1"
        return self.conn.execute(query, params).fetchone() is not None

    def mark_exported(self, selection: ExportSelection, seq: int) -> None:
        where, params = _where(selection)
        self.require_unit().execute(
            f"UPDATE responses SET exported_seq = ? WHERE {where} AND exported_seq IS NULL",
            [seq, *params],
        )

    def response_lines(self, selection: ExportSelection) -> Iterator[bytes]:
        return self._lines(selection, RESPONSE_JSON)

    def paradata_lines(self, selection: ExportSelection) -> Iterator[bytes]:
        return self._lines(selection, PARADATA_JSON)

    def _lines(self, selection: ExportSelection, record_json: str) -> Iterator[bytes]:
        """One JSON line per selected revision, in row order (a parent before its child)."""
        where, params = _where(selection)
        query = f"SELECT {record_json} FROM responses WHERE {where} ORDER BY id"
        with mapped(str(self.path)):
            for (line,) in self.conn.execute(query, params):
                yield line.encode()
