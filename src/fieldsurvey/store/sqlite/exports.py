"""The store's closed revisions as export lines, built by SQLite's JSON functions.

SQLite assembles each record's JSON (answers and events included) in C, so Python handles one
string per interview rather than a tuple per answer: exporting 20,000 interviews with a million
answers takes well under a second here. Given the file format's bounds (sync/bounds.py), the
same query checks every column against them and counts the answers or events of each line, so
sync/writer.py validates with pydantic only a line that does not fit (a million answers
through pydantic cost twice what these checks cost).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from fieldsurvey.store.records import (
    ANSWER_COLUMNS,
    EVENT_COLUMNS,
    EXPORT_RECORD_COLUMNS,
    Bound,
    ExportLine,
    ExportSelection,
    LineBounds,
)
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.errors import mapped

_NESTED = {"answers": ("answers", ANSWER_COLUMNS), "paradata": ("events", EVENT_COLUMNS)}
"""Table -> (the line's key holding its rows, their columns)."""
_LINE_COLUMNS = {"answers": EXPORT_RECORD_COLUMNS, "paradata": ("uuid", "content_hash")}


def _where(selection: ExportSelection) -> tuple[str, list[str]]:
    closed = "responses.status != 'draft' AND responses.content_hash IS NOT NULL"
    if selection.everything:
        return closed, []
    mine = " AND responses.exported_seq IS NULL AND responses.device_id = ?"
    return closed + mine, [selection.device]


def _fits(column: str, bound: Bound) -> str:
    """SQL true when `column` is within `bound`. Texts are measured in bytes, which are never
    fewer than characters (and count past a NUL, where length() stops): stricter, never laxer.
    Text columns have TEXT affinity, so a number stored in one is text already; an INTEGER
    column keeps a text that is not a number as text, hence its typeof."""
    if bound.kind == "text":
        check = f"length(CAST({column} AS BLOB)) BETWEEN {bound.low} AND {bound.high}"
    elif bound.kind == "sha256":
        check = f"length(CAST({column} AS BLOB)) = 64 AND {column} NOT GLOB '*[^0-9a-f]*'"
    elif bound.kind == "integer":
        check = f"typeof({column}) = 'integer' AND {column} BETWEEN {bound.low} AND {bound.high}"
    else:
        check = f"{column} IN ({', '.join(_quoted(c) for c in bound.choices)})"
    return f"({column} IS NULL OR ({check}))" if bound.nullable else f"({check})"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _check_names(columns: Mapping[str, Bound], known: tuple[str, ...]) -> None:
    """Bounds name columns, which become SQL: only known ones."""
    unknown = set(columns) - set(known)
    if unknown:
        raise ValueError(f"not export columns: {sorted(unknown)}")


def _all_fit(columns: Mapping[str, Bound], prefix: str = "") -> str:
    return " AND ".join(_fits(prefix + name, bound) for name, bound in columns.items()) or "1"


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

    def export_questionnaires(self, selection: ExportSelection) -> list[tuple[str, str, str]]:
        where, params = _where(selection)
        rows = self.conn.execute(
            "SELECT DISTINCT questionnaire_id, questionnaire_version, questionnaire_hash "
            f"FROM responses WHERE {where} ORDER BY 1, 2, 3",
            params,
        )
        return [(str(i), str(v), str(h)) for i, v, h in rows]

    def response_lines(
        self, selection: ExportSelection, bounds: LineBounds | None = None
    ) -> Iterator[ExportLine]:
        return self._lines(selection, "answers", bounds)

    def paradata_lines(
        self, selection: ExportSelection, bounds: LineBounds | None = None
    ) -> Iterator[ExportLine]:
        return self._lines(selection, "paradata", bounds)

    def _lines(
        self, selection: ExportSelection, table: str, bounds: LineBounds | None
    ) -> Iterator[ExportLine]:
        """One JSON line per selected revision, in row order (a parent before its child).

        One pass over the nested rows builds their JSON array, counts them and checks them:
        the subquery returns `[...],count,fits`, joined to the line's own object here (a
        second pass to count or check cost as much as the checks themselves).
        """
        where, params = _where(selection)
        key, columns = _NESTED[table]
        own = _LINE_COLUMNS[table]
        line_fit, items_fit = "1", "1"
        if bounds is not None:
            _check_names(bounds.line, own)
            _check_names(bounds.items, columns)
            line_fit = _all_fit(bounds.line, "responses.")
            items_fit = f"total(({_all_fit(bounds.items)}) IS NOT 1) = 0"
        head = ", ".join(f"'{name}', responses.{name}" for name in own)
        nested = (
            f"(SELECT json_group_array(json_array({', '.join(columns)})) || ',' || count(*) "
            f"|| ',' || ({items_fit}) FROM {table} WHERE response = responses.id)"
        )
        query = (
            f"SELECT json_object({head}), {nested}, ({line_fit}) IS 1 "
            f"FROM responses WHERE {where} ORDER BY id"
        )
        joint = f',"{key}":'
        with mapped(str(self.path)):
            for obj, tail, line_fits in self.conn.execute(query, params):
                array, count, items_fit_ = tail.rsplit(",", 2)
                line = obj[:-1] + joint + array + "}"
                yield ExportLine(line.encode(), int(count), bool(line_fits) and items_fit_ == "1")
