"""The SQL behind `store.dataout.DataSource` (analyst exports and the report).

Each response's answers arrive as one JSON object text built by SQLite
(`{"q1":3,"q2":"yes",...}`): one string per response decoded by `json.loads` costs about half
of fetching one Python tuple per answer (measured on 1.2M answers). Responses are paged by id
(keyset pagination); paradata comes from one cursor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from fieldsurvey.store.dataout import RESPONSE_COLUMNS, Selection
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.errors import mapped
from fieldsurvey.store.sqlite.reviews import latest_state_sql

_STATE = latest_state_sql("r.uuid", "r.content_hash")
_COLUMNS = {"review_state": _STATE}
"""Export columns that are not stored as such in `responses`."""


def _narrowed(selection: Selection) -> tuple[list[str], list[object]]:
    """Clauses over `responses r` for the selection's questionnaire, round and office."""
    clauses = ["r.is_head = 1", "r.questionnaire_id = ?"]
    params: list[object] = [selection.questionnaire_id]
    for column, value in (("round_key", selection.round), ("office", selection.office)):
        if value is not None:  # round_key: the round normalised (MIGRATION_SUPERVISION)
            clauses.append(f"r.{column} = ?")
            params.append(value)
    return clauses, params


def _where(selection: Selection) -> tuple[str, list[object]]:
    """The WHERE clause over `responses r` and its parameters."""
    clauses, params = _narrowed(selection)
    statuses = "('complete', 'draft')" if selection.drafts else "('complete')"
    clauses.append(f"r.status IN {statuses}")
    if not selection.include_rejected:
        clauses.append(f"{_STATE} IS NOT 'rejected'")
    return " AND ".join(clauses), params


class DataOutMixin(SQLiteBase):
    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        conn = self.conn
        if conn.in_transaction:
            yield
            return
        with mapped(str(self.path)):
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    def count_responses(self, selection: Selection) -> int:
        where, params = _where(selection)
        row = self.conn.execute(f"SELECT count(*) FROM responses r WHERE {where}", params)
        return int(row.fetchone()[0])

    def values_present(self, selection: Selection, column: str) -> list[str]:
        if column not in ("round", "office"):
            raise ValueError(f"not a filter column: {column}")
        everyone = Selection(
            selection.questionnaire_id, drafts=selection.drafts, include_rejected=True
        )
        where, params = _where(everyone)
        name = (
            "round_key" if column == "round" else column
        )  # rounds normalised (MIGRATION_SUPERVISION)
        rows = self.conn.execute(
            f"SELECT DISTINCT r.{name} FROM responses r WHERE {where} "
            f"AND r.{name} IS NOT NULL ORDER BY 1",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    def questionnaire_hashes(self, selection: Selection) -> list[str]:
        where, params = _where(selection)
        rows = self.conn.execute(
            f"SELECT r.questionnaire_hash, max(r.started_at) FROM responses r WHERE {where} "
            "GROUP BY 1 ORDER BY 2 DESC",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    def json_types(self, selection: Selection, questions: Sequence[str]) -> dict[str, set[str]]:
        if not questions:
            return {}
        where, params = _where(selection)
        marks = ", ".join("?" for _ in questions)
        rows = self.conn.execute(
            f"SELECT DISTINCT a.question, json_type(a.value) FROM responses r "
            f"JOIN answers a ON a.response = r.id WHERE {where} AND a.question IN ({marks})",
            [*params, *questions],
        ).fetchall()
        found: dict[str, set[str]] = {q: set() for q in questions}
        for question, kind in rows:
            found[question].add(kind)
        return found

    def response_chunks(
        self, selection: Selection, size: int
    ) -> Iterator[list[tuple[object, ...]]]:
        where, params = _where(selection)
        columns = ", ".join(_COLUMNS.get(c, f"r.{c}") for c in RESPONSE_COLUMNS)
        sql = (
            f"SELECT {columns}, (SELECT '{{' || group_concat(json_quote(a.question) || ':' "
            f"|| a.value) || '}}' FROM answers a WHERE a.response = r.id) "
            f"FROM responses r WHERE {where} AND r.id > ? ORDER BY r.id LIMIT ?"
        )
        last: object = 0
        with mapped(str(self.path)):
            while rows := self.conn.execute(sql, [*params, last, size]).fetchall():
                yield rows
                last = rows[-1][0]

    def paradata_rows(
        self,
        selection: Selection,
        size: int,
        cell: Callable[[str], str] | None = None,
        prefixes: Sequence[str] = (),
    ) -> Iterator[list[tuple[object, ...]]]:
        where, params = _where(selection)
        texts = ("p.question", "p.event", "p.detail")
        shown = {column: column for column in texts}
        if cell is not None and prefixes:
            self.conn.create_function("fieldsurvey_cell", 1, cell, deterministic=True)
            marks = ", ".join("?" for _ in prefixes)
            shown = {
                c: f"CASE WHEN substr({c}, 1, 1) IN ({marks}) THEN fieldsurvey_cell({c}) "
                f"ELSE {c} END"
                for c in texts
            }
            params = [*prefixes, *prefixes, *prefixes, *params]
        sql = (
            f"SELECT r.uuid, r.revision, p.seq, {shown['p.question']}, {shown['p.event']}, "
            f"p.at, p.duration_ms, {shown['p.detail']} FROM responses r JOIN paradata p "
            f"ON p.response = r.id WHERE {where} ORDER BY r.id, p.seq"
        )
        with mapped(str(self.path)):
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield rows

    def status_counts(self, selection: Selection) -> dict[str, int]:
        clauses, params = _narrowed(selection)
        where = " AND ".join(clauses)
        rows = self.conn.execute(
            f"SELECT r.status, count(*), sum(r.in_conflict) FROM responses r "
            f"WHERE {where} GROUP BY r.status",
            params,
        ).fetchall()
        counts = {status: int(count) for status, count, _ in rows}
        counts["conflicts"] = sum(int(conflicts or 0) for _, _, conflicts in rows)
        states = self.conn.execute(
            f"SELECT COALESCE({_STATE}, 'pending'), count(*) FROM responses r "
            f"WHERE {where} AND r.status = 'complete' GROUP BY 1",
            params,
        ).fetchall()
        return counts | {state: int(count) for state, count in states}
