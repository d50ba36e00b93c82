"""`store.dataout.DataSource` on SQLite: the dialect of the shared queries
(store/dataout_sql.py), the read snapshot and the paradata cursor.

Each response's answers arrive as one JSON object text built by SQLite
(`{"q1":3,"q2":"yes",...}`): one string per response decoded by `json.loads` costs about half
of fetching one Python tuple per answer (measured on 1.2M answers). Its events for Parquet
likewise (`event_lists`): json_group_array gathers them in the order the subquery reads
them, which is the primary key's (response, seq); SQLite 3.40 has no ORDER BY inside an
aggregate, so the reader checks the order (dataout/events.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager

from fieldsurvey.store.dataout import Selection
from fieldsurvey.store.dataout_sql import DataOutQueries, Dialect, event_lists_sql
from fieldsurvey.store.reviews import latest_state_sql
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.errors import mapped

DIALECT = Dialect(
    mark="?",
    head="r.is_head = 1",
    state=latest_state_sql("r.uuid", "r.content_hash"),
    distinct="IS NOT",
    answers="(SELECT '{' || group_concat(json_quote(a.question) || ':' || a.value) || '}' "
    "FROM answers a WHERE a.response = r.id)",
    events=event_lists_sql("json_object", lambda column: f"json_group_array({column})"),
    json_type="json_type(a.value)",
    in_conflict="sum(r.in_conflict)",
)


class DataOutMixin(SQLiteBase, DataOutQueries):
    DIALECT = DIALECT

    def _mapped(self) -> AbstractContextManager[None]:
        return mapped(str(self.path))

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

    def paradata_rows(
        self,
        selection: Selection,
        size: int,
        cell: Callable[[str], str] | None = None,
        prefixes: Sequence[str] = (),
    ) -> Iterator[list[tuple[object, ...]]]:
        where, params = DIALECT.where(selection)
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
