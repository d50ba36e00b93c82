"""`store.dataout.DataSource` on PostgreSQL: the dialect of the shared queries
(store/dataout_sql.py), the REPEATABLE READ snapshot and the paradata's server-side cursor,
so every chunk sees the same state while other supervisors merge.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager

from fieldsurvey.store.dataout import Selection
from fieldsurvey.store.dataout_sql import DataOutQueries, Dialect, event_lists_sql
from fieldsurvey.store.postgres.base import PostgresBase, in_transaction
from fieldsurvey.store.postgres.errors import mapped
from fieldsurvey.store.reviews import latest_state_sql

DIALECT = Dialect(
    mark="%s",
    head="r.is_head",
    state=latest_state_sql("r.uuid", "r.content_hash"),
    distinct="IS DISTINCT FROM",
    answers="(SELECT '{' || string_agg(to_json(a.question)::text || ':' || a.value, ',') "
    "|| '}' FROM answers a WHERE a.response = r.id)",
    events=event_lists_sql(
        "json_build_object", lambda column: f"json_agg({column} ORDER BY p.seq)", "::text"
    ),
    json_type="""CASE jsonb_typeof(a.value::jsonb)
    WHEN 'number' THEN CASE WHEN a.value ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    WHEN 'string' THEN 'text' WHEN 'boolean' THEN a.value ELSE jsonb_typeof(a.value::jsonb) END""",
    in_conflict="count(*) FILTER (WHERE r.in_conflict)",
    collate=' COLLATE "C"',
)


class DataOutMixin(PostgresBase, DataOutQueries):
    DIALECT = DIALECT

    def _mapped(self) -> AbstractContextManager[None]:
        return mapped(self.location)

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

    def paradata_rows(
        self,
        selection: Selection,
        size: int,
        cell: Callable[[str], str] | None = None,
        prefixes: Sequence[str] = (),
    ) -> Iterator[list[tuple[object, ...]]]:
        where, params = DIALECT.where(selection)
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
