"""The SQL of `store.dataout.DataSource` that both adapters run, written once.

SQLite and PostgreSQL differ in these queries only in small pieces of syntax (placeholders,
booleans, NULL-safe comparison, their JSON functions), which each adapter gives as a
`Dialect`; the adapter keeps what really differs: its read snapshot and how it streams the
paradata (sqlite3's cursor, psycopg's server-side cursor).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from fieldsurvey.store.adapter import AdapterPart
from fieldsurvey.store.dataout import EVENT_LISTS, RESPONSE_COLUMNS, Selection


@dataclass(frozen=True)
class Dialect:
    mark: str
    """The parameter placeholder: `?` or `%s`."""
    head: str
    """True for a head revision `r`."""
    state: str
    """A scalar subquery: the review state of `r` (NULL when pending)."""
    distinct: str
    """NULL-safe inequality: `IS NOT` or `IS DISTINCT FROM`."""
    answers: str
    """A scalar subquery: the answers of `r` as one JSON object text (NULL without any)."""
    events: str
    """A scalar subquery: the paradata of `r` as one JSON object text of arrays, one per
    `EVENT_LISTS` column, in sequence order (`store.dataout.DataSource.event_lists`)."""
    json_type: str
    """SQLite's json_type name (integer, real, text, ...) of `a.value`."""
    in_conflict: str
    """An aggregate: how many rows of the group are in conflict."""
    collate: str = ""
    """After a text column sorted by code point, as SQLite sorts."""

    def any_of(self, column: str, values: Sequence[object]) -> tuple[str, list[object]]:
        """`column` is one of `values`."""
        if self.mark == "?":
            return f"{column} IN ({', '.join('?' for _ in values)})", list(values)
        return f"{column} = ANY({self.mark})", [list(values)]

    def narrowed(self, selection: Selection) -> tuple[list[str], list[object]]:
        """Clauses over `responses r` for the selection's questionnaire, round and office."""
        clauses = [self.head, f"r.questionnaire_id = {self.mark}"]
        params: list[object] = [selection.questionnaire_id]
        for column, value in (("round_key", selection.round), ("office", selection.office)):
            if value is not None:  # round_key: the round normalised (MIGRATION_SUPERVISION)
                clauses.append(f"r.{column} = {self.mark}")
                params.append(value)
        return clauses, params

    def where(self, selection: Selection) -> tuple[str, list[object]]:
        """The WHERE clause over `responses r` for the whole selection, and its parameters."""
        clauses, params = self.narrowed(selection)
        kept = "('complete', 'draft')" if selection.drafts else "('complete')"
        clauses.append(f"r.status IN {kept}")
        if not selection.include_rejected:
            clauses.append(f"{self.state} {self.distinct} 'rejected'")
        return " AND ".join(clauses), params

    def response_columns(self) -> str:
        """`RESPONSE_COLUMNS` over `responses r`."""
        return ", ".join(self.state if c == "review_state" else f"r.{c}" for c in RESPONSE_COLUMNS)


def event_lists_sql(json_object: str, aggregate: Callable[[str], str], text: str = "") -> str:
    """`Dialect.events` from the backend's JSON object function, its array aggregate of one
    column in sequence order, and the cast that makes JSON text (`::text`)."""
    pairs = ", ".join(f"'{name}', {aggregate(f'p.{name}')}" for name in EVENT_LISTS)
    return f"(SELECT {json_object}({pairs}){text} FROM paradata p WHERE p.response = r.id)"


class DataOutQueries(AdapterPart):
    """The `DataSource` methods whose SQL is the same on both backends, but for `DIALECT`
    (a part in the sense of store/adapter.py: `DataOutMixin(SQLiteBase, DataOutQueries)`)."""

    DIALECT: ClassVar[Dialect]

    if TYPE_CHECKING:  # given by the adapter

        def _mapped(self) -> AbstractContextManager[None]:
            """Driver errors inside become the store's (for generators, which the
            class-wide error mapping cannot reach)."""

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def count_responses(self, selection: Selection) -> int:
        where, params = self.DIALECT.where(selection)
        return int(self._rows(f"SELECT count(*) FROM responses r WHERE {where}", params)[0][0])

    def values_present(self, selection: Selection, column: str) -> list[str]:
        if column not in ("round", "office"):
            raise ValueError(f"not a filter column: {column}")
        everyone = Selection(
            selection.questionnaire_id, drafts=selection.drafts, include_rejected=True
        )
        where, params = self.DIALECT.where(everyone)
        name = "round_key" if column == "round" else column  # MIGRATION_SUPERVISION
        rows = self._rows(
            f"SELECT DISTINCT r.{name}{self.DIALECT.collate} FROM responses r WHERE {where} "
            f"AND r.{name} IS NOT NULL ORDER BY 1",
            params,
        )
        return [row[0] for row in rows]

    def questionnaire_hashes(self, selection: Selection) -> list[str]:
        where, params = self.DIALECT.where(selection)
        rows = self._rows(
            f"SELECT r.questionnaire_hash, max(r.started_at) FROM responses r WHERE {where} "
            "GROUP BY 1 ORDER BY 2 DESC",
            params,
        )
        return [row[0] for row in rows]

    def json_types(self, selection: Selection, questions: Sequence[str]) -> dict[str, set[str]]:
        if not questions:
            return {}
        where, params = self.DIALECT.where(selection)
        asked, values = self.DIALECT.any_of("a.question", questions)
        rows = self._rows(
            f"SELECT DISTINCT a.question, {self.DIALECT.json_type} FROM responses r "
            f"JOIN answers a ON a.response = r.id WHERE {where} AND {asked}",
            [*params, *values],
        )
        found: dict[str, set[str]] = {q: set() for q in questions}
        for question, kind in rows:
            found[question].add(kind)
        return found

    def response_chunks(
        self, selection: Selection, size: int
    ) -> Iterator[list[tuple[object, ...]]]:
        columns = f"{self.DIALECT.response_columns()}, {self.DIALECT.answers}"
        return self._pages(columns, selection, size)

    def event_lists(self, selection: Selection, size: int) -> Iterator[list[tuple[object, ...]]]:
        for rows in self._pages(f"r.id, r.uuid, r.revision, {self.DIALECT.events}", selection,
                                size):  # fmt: skip
            yield [row[1:] for row in rows]

    def _pages(self, columns: str, selection: Selection, size: int) -> Iterator[list[Any]]:
        """`columns` (`r.id` first) of the selected responses `size` at a time, in id order;
        paged by id (keyset pagination), each page one statement."""
        where, params = self.DIALECT.where(selection)
        mark = self.DIALECT.mark
        sql = (
            f"SELECT {columns} FROM responses r WHERE {where} AND r.id > {mark} "
            f"ORDER BY r.id LIMIT {mark}"
        )
        last: object = 0
        with self._mapped():
            while rows := self._rows(sql, [*params, last, size]):
                yield rows
                last = rows[-1][0]

    def status_counts(self, selection: Selection) -> dict[str, int]:
        clauses, params = self.DIALECT.narrowed(selection)
        where = " AND ".join(clauses)
        rows = self._rows(
            f"SELECT r.status, count(*), {self.DIALECT.in_conflict} FROM responses r "
            f"WHERE {where} GROUP BY r.status",
            params,
        )
        counts = {status: int(count) for status, count, _ in rows}
        counts["conflicts"] = sum(int(conflicts or 0) for _, _, conflicts in rows)
        states = self._rows(
            f"SELECT COALESCE({self.DIALECT.state}, 'pending'), count(*) FROM responses r "
            f"WHERE {where} AND r.status = 'complete' GROUP BY 1",
            params,
        )
        return counts | {state: int(count) for state, count in states}
