"""The answer texts PostgreSQL's scoring statement codes by lookup get the code its expression
would give them (store/postgres/scoring.py `_known`), so the lookup is only a short cut.

Each looked-up row is run through the statement's own expression on the server; the columns
include the awkward cases: a scale whose DK value is a number and whose N/A is also a DK
value, a point above the column's kept range, choice values with commas, quotes and
non-ASCII letters, and a repeated choice (strpos finds its first place).
"""

from __future__ import annotations

import json

import psycopg

from fieldsurvey.store.postgres.scoring import INPUTS, coded_bits, params
from fieldsurvey.store.records import PackedColumn, PackedQuery


def _choices(*values: object) -> str:
    return "," + ",".join(json.dumps(v) for v in values) + ","


QUERY = PackedQuery(
    questionnaire_id="q",
    columns=(
        PackedColumn("five", 0, "", -2, 5),
        PackedColumn("narrow", 0, "", -2, 3),  # points 4 and 5 saturate: read back as none
        PackedColumn("place", 1, _choices("urban", "a,b", 'say "hi"', "村", "urban", 3), 0, 40),
        PackedColumn("age", 2, "", 0, 50_000),
        PackedColumn("ten", 0, "", -2, 10),
    ),
    dk_values=('"dk"', "9"),
    others=("channels",),
    base=256,
    limit=50_000,
    dk_code=-1,
    na_values=('"na"', "9"),
    na_code=-2,
    office=None,
)


def test_every_looked_up_text_has_the_expressions_code(pg_url: str) -> None:
    values = params(QUERY)
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            f"WITH {INPUTS} SELECT k.question, k.value, k.bits, {coded_bits(QUERY)} "
            "FROM known k JOIN columns c ON c.question = k.question, "
            "LATERAL (SELECT k.value) AS a(value)",
            values,
        ).fetchall()
    assert len(rows) == len(values["known_values"])  # type: ignore[arg-type]
    assert [(q, v, looked_up) for q, v, looked_up, _ in rows] == [
        (q, v, by_expression) for q, v, _, by_expression in rows
    ]
    by_text = {(q, v): bits for q, v, bits, _ in rows}
    assert by_text[("five", "9")] == 2  # the numeric DK value (code -1) wins over N/A
    assert by_text[("narrow", "2")] == (2 + 2 + 1) << 4
    assert {("place", '"a,b"'), ("place", json.dumps("村")), ("ten", "10")} <= by_text.keys()
    assert not any(q == "age" for q, _ in by_text)  # integers are always coded by expression
