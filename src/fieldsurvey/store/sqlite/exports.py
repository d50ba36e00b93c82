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


def _fits(column: str, bound: Bound) -> str:
    """SQL true when `column` is within `bound`. Texts are measured in bytes, which are never
    fewer than characters (and count past a NUL, where length() stops): stricter, never laxer.
    Text columns have TEXT affinity, so a number stored in one is text already; an INTEGER
    column keeps a text that is not a number as text, and a fraction as a real: the range and
    the cast back to an integer turn both away."""
    size = f"length(CAST({column} AS BLOB))"
    if bound.kind == "text" and bound.low == 0:
        check = f"{size} <= {bound.high}"
    elif bound.kind == "text":
        check = f"{size} BETWEEN {bound.low} AND {bound.high}"
    elif bound.kind == "sha256":  # GLOB and length() stop at a NUL: 64 bytes and 64 before it
        check = f"{size} = 64 AND length({column}) = 64 AND {column} NOT GLOB '*[^0-9a-f]*'"
    elif bound.kind == "integer":  # a text or a blob sorts above every number; 1.5 casts to 1
        whole = f"CAST({column} AS INTEGER) = {column}"
        check = f"{column} BETWEEN {bound.low} AND {bound.high} AND {whole}"
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


LINE_SIZED = 100_000
"""A text bound of this many characters or more, with no minimum, is checked on the whole
line instead of on every row: no text in a line is longer than the line's UTF-8 bytes, so a
line within the bound holds only texts within it (a longer line is reported as not fitting).
An answer's value (up to 1,000,000) costs a tenth of the checks otherwise."""


def _line_sized(columns: Mapping[str, Bound]) -> tuple[dict[str, Bound], int | None]:
    """The bounds checked row by row, and the size the whole line must keep for the rest."""
    sized = {
        name: bound
        for name, bound in columns.items()
        if bound.kind == "text" and bound.low == 0 and bound.high >= LINE_SIZED
    }
    rows = {name: bound for name, bound in columns.items() if name not in sized}
    return rows, min((bound.high for bound in sized.values()), default=None)


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
        second pass to count or check cost as much as the checks themselves). The checks
        are conditions (`CASE WHEN`, `FILTER (WHERE ... IS NOT TRUE)`), not values: SQLite
        then stops at the first false term and skips a NULL's range, and steps no aggregate
        for a row that fits, which halves their cost; NULL, or anything not plainly true,
        does not fit.
        """
        where, params = _where(selection)
        key, columns = _NESTED[table]
        own = _LINE_COLUMNS[table]
        line_fit, items_fit, line_size = "1", "1", None
        if bounds is not None:
            _check_names(bounds.line, own)
            _check_names(bounds.items, columns)
            line_fit = f"CASE WHEN {_all_fit(bounds.line, 'responses.')} THEN 1 ELSE 0 END"
            rows, line_size = _line_sized(bounds.items)
            items_fit = f"count(*) FILTER (WHERE ({_all_fit(rows)}) IS NOT TRUE) = 0"
        head = ", ".join(f"'{name}', responses.{name}" for name in own)
        nested = (
            f"(SELECT json_group_array(json_array({', '.join(columns)})) || ',' || count(*) "
            f"|| ',' || ({items_fit}) FROM {table} WHERE response = responses.id)"
        )
        query = (
            f"SELECT json_object({head}), {nested}, {line_fit} "
            f"FROM responses WHERE {where} ORDER BY id"
        )
        joint = f',"{key}":'
        with mapped(str(self.path)):
            for obj, tail, line_fits in self.conn.execute(query, params):
                array, count, items_fit_ = tail.rsplit(",", 2)
                line = (obj[:-1] + joint + array + "}").encode()
                fits = bool(line_fits) and items_fit_ == "1"
                if line_size is not None and len(line) > line_size:
                    fits = False
                yield ExportLine(line, int(count), fits)
