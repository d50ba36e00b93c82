"""What scoring reads: scored responses with their answers packed by SQLite, and indicators.

The packed query returns one row per scored response (complete, head revision, this
questionnaire), its round normalised (`round_key`) and whether a reviewer rejected it, with all
the answers scoring reads packed into one string of (column, code) character pairs. Packing
matters: 20,000 responses hold ~650,000 such answers; one Python tuple per answer cost three
times the SQL scan, and one scalar subquery per question added ~12 ms per question. Answers
that cannot be coded come back as JSON text, one column each.

The column map is a temporary table with a primary key, made and dropped around the query: with
it the plan is always "range-scan this response's answers, look each up by key" (~290 ms for
20,000 responses × 31 columns). Maps given as CTEs, CASE expressions or json_each cost 1.3 to 4
times as much, and SQLite's choice between their plans changed with their sizes.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from fieldsurvey.store.records import PackedColumn, PackedQuery, ScoredColumns
from fieldsurvey.store.reviews import latest_state_sql
from fieldsurvey.store.sqlite.base import SQLiteBase

_FIXED = 7
"""id, persona, round, version, completed_at, rejected, packed."""


def _sql(query: PackedQuery, table: str) -> str:
    dk = ", ".join("?" for _ in query.dk_values) or "NULL"
    na = ", ".join("?" for _ in query.na_values) or "NULL"
    others = "".join(
        ", (SELECT CASE WHEN json_valid(a.value) THEN a.value ->> '$' END "
        "FROM answers a WHERE a.response = r.id AND a.question = ?)"
        for _ in query.others
    )
    integer = "CAST(a.value AS INTEGER)"
    base, limit = query.base, query.limit
    return f"""
        SELECT r.id, r.persona, r.round_key, r.questionnaire_version, r.completed_at,
            {latest_state_sql("r.uuid", "r.content_hash")} IS 'rejected',
            (SELECT group_concat(char({base} + c.col, {base} + CASE c.kind
                    WHEN 0 THEN CASE WHEN a.value IN ({dk}) THEN {query.dk_code}
                        WHEN a.value IN ({na}) THEN {query.na_code}
                        ELSE min(max({integer}, 0), {limit}) END
                    WHEN 1 THEN instr(c.choices, ',' || a.value || ',')
                    ELSE CASE WHEN {integer} BETWEEN 0 AND {limit - 1} THEN {integer} + 1
                        ELSE 0 END END), '')
             FROM answers a JOIN {table} c ON c.question = a.question
             WHERE a.response = r.id){others}
        FROM responses r
        WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = ?
            AND (? IS NULL OR r.office = ?)
        ORDER BY r.id
    """


class ScoringMixin(SQLiteBase):
    def scored_columns(self, query: PackedQuery) -> ScoredColumns:
        with self._column_table(query.columns) as table:
            params = [*query.dk_values, *query.na_values, *query.others,
                      query.questionnaire_id, query.office, query.office]  # fmt: skip
            rows = self.conn.execute(_sql(query, table), params).fetchall()
        fields: list[tuple[Any, ...]] = list(zip(*rows, strict=True))
        fields = fields or [()] * (_FIXED + len(query.others))
        ids, personas, rounds, versions, completed, rejected, packed = fields[:_FIXED]
        others = tuple(fields[_FIXED:])
        return ScoredColumns(ids, personas, rounds, versions, completed, rejected, packed, others)

    @contextlib.contextmanager
    def _column_table(self, columns: tuple[PackedColumn, ...]) -> Iterator[str]:
        """A temporary (question -> column) table, unique to this call, dropped afterwards."""
        table = f"temp.scoring_columns_{uuid.uuid4().hex}"
        conn = self.conn
        conn.execute(
            f"CREATE TABLE {table} (question TEXT PRIMARY KEY, col INTEGER NOT NULL, "
            "kind INTEGER NOT NULL, choices TEXT NOT NULL) WITHOUT ROWID"
        )
        try:
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
                [(c.question, k, c.kind, c.choices) for k, c in enumerate(columns)],
            )
            yield table
        finally:
            conn.execute(f"DROP TABLE IF EXISTS {table}")

    def offices(self) -> list[str]:
        rows = self.conn.execute("SELECT DISTINCT office FROM indicator_values ORDER BY 1")
        return [row[0] for row in rows]

    def indicator_values(self, office: str) -> dict[tuple[str, str], int]:
        rows = self.conn.execute(
            "SELECT period, indicator, value FROM indicator_values WHERE office = ?", [office]
        )
        return {(period, indicator): value for period, indicator, value in rows}

    def set_indicator_values(
        self, office: str, period: str, values: Mapping[str, int], at: str
    ) -> None:
        with self.unit_of_work():
            self.conn.executemany(
                "INSERT INTO indicator_values (office, period, indicator, value, entered_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (office, period, indicator) DO UPDATE "
                "SET value = excluded.value, entered_at = excluded.entered_at",
                [(office, period, name, value, at) for name, value in values.items()],
            )
