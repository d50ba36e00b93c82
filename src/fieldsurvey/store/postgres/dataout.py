"""The SQL behind `store.dataout.DataSource` (analyst exports and the report) on PostgreSQL.

Each response's answers arrive as one JSON object text built by the server, responses are
paged by id (keyset pagination) and paradata comes from one server-side cursor, all inside one
REPEATABLE READ snapshot, so every chunk sees the same state while other supervisors merge.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from fieldsurvey.store.dataout import RESPONSE_COLUMNS, Selection
from fieldsurvey.store.postgres.base import PostgresBase, in_transaction
from fieldsurvey.store.postgres.errors import mapped
from fieldsurvey.store.postgres.reviews import latest_state_sql

_STATE = latest_state_sql("r.uuid", "r.content_hash")
_COLUMNS = {"review_state": _STATE}
"""Export columns that are not stored as such in `responses`."""

_JSON_TYPE = """CASE jsonb_typeof(a.value::jsonb)
    WHEN 'number' THEN CASE WHEN a.value ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    WHEN 'string' THEN 'text' WHEN 'boolean' THEN a.value ELSE jsonb_typeof(a.value::jsonb) END"""
"""SQLite's json_type names: integer, real, text, true, false, null, array, object."""


def _narrowed(selection: Selection) -> tuple[list[str], list[object]]:
    """Clauses over `responses r` for the selection's questionnaire, round and office."""
    clauses = ["r.is_head", "r.questionnaire_id = %s"]
    params: list[object] = [selection.questionnaire_id]
    for column, value in (("round_key", selection.round), ("office", selection.office)):
        if value is not None:
            clauses.append(f"r.{column} = %s")
            params.append(value)
    return clauses, params


def _where(selection: Selection) -> tuple[str, list[object]]:
    """The WHERE clause over `responses r` and its parameters."""
    clauses, params = _narrowed(selection)
    kept = "('complete', 'draft')" if selection.drafts else "('complete')"
    clauses.append(f"r.status IN {kept}")
    if not selection.include_rejected:
        clauses.append(f"{_STATE} IS DISTINCT FROM 'rejected'")
    return " AND ".join(clauses), params


class DataOutMixin(PostgresBase):
    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        conn = self.conn
        if in_transaction(conn):
            yield
            return
        with mapped(self.location):
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            with mapped(self.location):
                if not conn.closed and in_transaction(conn):
                    conn.execute("COMMIT")

    def count_responses(self, selection: Selection) -> int:
        where, params = _where(selection)
        row = self.conn.execute(f"SELECT count(*) FROM responses r WHERE {where}", params)
        return int((row.fetchone() or (0,))[0])

    def values_present(self, selection: Selection, column: str) -> list[str]:
        if column not in ("round", "office"):
            raise ValueError(f"not a filter column: {column}")
        everyone = Selection(
            selection.questionnaire_id, drafts=selection.drafts, include_rejected=True
        )
        where, params = _where(everyone)
        name = "round_key" if column == "round" else column
        rows = self.conn.execute(
            f'SELECT DISTINCT r.{name} COLLATE "C" FROM responses r WHERE {where} '
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
        rows = self.conn.execute(
            f"SELECT DISTINCT a.question, {_JSON_TYPE} FROM responses r "
            f"JOIN answers a ON a.response = r.id WHERE {where} AND a.question = ANY(%s)",
            [*params, list(questions)],
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
            f"SELECT {columns}, (SELECT '{{' || string_agg(to_json(a.question)::text || ':' "
            f"|| a.value, ',') || '}}' FROM answers a WHERE a.response = r.id) "
            f"FROM responses r WHERE {where} AND r.id > %s ORDER BY r.id LIMIT %s"
        )
        last: object = 0
        with mapped(self.location):
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
        sql = (
            "SELECT r.uuid, r.revision, p.seq, p.question, p.event, p.at, p.duration_ms, "
            f"p.detail FROM responses r JOIN paradata p ON p.response = r.id WHERE {where} "
            "ORDER BY r.id, p.seq"
        )
        starts = tuple(prefixes)

        def shown(value: object) -> object:
            if cell is not None and starts and isinstance(value, str) and value[:1] in starts:
                return cell(value)
            return value

        conn = self.conn
        hold = not in_transaction(conn)  # a server-side cursor outlives no transaction else
        with mapped(self.location), conn.cursor("fieldsurvey_paradata", withhold=hold) as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield [
                    (uuid, revision, seq, shown(question), shown(event), at, ms, shown(detail))
                    for uuid, revision, seq, question, event, at, ms, detail in rows
                ]

    def status_counts(self, selection: Selection) -> dict[str, int]:
        clauses, params = _narrowed(selection)
        where = " AND ".join(clauses)
        rows = self.conn.execute(
            "SELECT r.status, count(*), count(*) FILTER (WHERE r.in_conflict) "
            f"FROM responses r WHERE {where} GROUP BY r.status",
            params,
        ).fetchall()
        counts = {status: int(count) for status, count, _ in rows}
        counts["conflicts"] = sum(int(conflicts) for _, _, conflicts in rows)
        states = self.conn.execute(
            f"SELECT COALESCE({_STATE}, 'pending'), count(*) FROM responses r "
            f"WHERE {where} AND r.status = 'complete' GROUP BY 1",
            params,
        ).fetchall()
        return counts | {state: int(count) for state, count in states}
