"""What scoring reads: the scored responses with their answers' codes packed into integers by
the server (store.records.word_layout), and office indicator counts.

One pass over the answers of the scored responses, joined to the scored columns passed as
arrays (no temporary table), grouped by response with one `bit_or` per 62-bit word: the server
reads and codes every answer, and Python receives a few integers per interview. Codes are
SQLite's to the letter (store/sqlite/scoring.py): `CAST(x AS INTEGER)` takes the longest
integer prefix of the JSON text, which `_INTEGER` mirrors, so the same data give the same
codes, hence the same scores, on both backends.

Why this shape. At 2,000,000 answers (a loaded machine) the earlier `string_agg` of two
characters per answer took 7.8-9.2 s against 1.4-1.7 s for a hand-written GROUP BY: its plan
materialised the scored responses, spilled to disk and ran a subquery per interview. `bit_or`
has a combine function, so two workers aggregate in parallel (string_agg has none in
PostgreSQL 15), and uncoded answers and review states are joined once. At 10,000,000 answers
(190,000 interviews, idle) three more steps took the statement from 5.2 s to 2.1 s against the
GROUP BY's 2.2-2.3 s: memory for the grouping (`WORK_MEM`), plain answer texts coded by a
lookup (`_known`), and no semi-join on the scored responses when all offices are scored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.postgres.values import sql_values
from fieldsurvey.store.records import PackedQuery, ScoredColumns, word_layout

_FIXED = 6
"""id, persona, round, version, completed_at, rejected."""
_INTEGER = (
    "(CASE WHEN translate(a.value, '0123456789', '') = '' AND length(a.value) BETWEEN 1 AND 9 "
    "THEN a.value::int ELSE COALESCE(substring(a.value from '^\\s*([-+]?[0-9]+)')::numeric, 0) END)"
)
"""SQLite's CAST(value AS INTEGER): the longest integer prefix after white space, 0 without.
Plain digits, nearly every Likert answer, take the fast path (translate, no regular expression): the
scoring query ran in 0.23 s instead of 0.28 s on 200,000 answers."""
WORK_MEM = "64MB"
"""Memory for the grouping by interview, this statement only (each parallel worker may use it)."""
_SCORED = """r.status = 'complete' AND r.is_head AND r.questionnaire_id = %(questionnaire)s
    AND (%(office)s::text IS NULL OR r.office = %(office)s)"""


INPUTS = """columns AS (
            SELECT * FROM unnest(%(questions)s::text[], %(kinds)s::int[], %(choices)s::text[],
                %(words)s::int[], %(shifts)s::int[], %(lows)s::int[], %(masks)s::int[])
                AS c(question, kind, choices, word, shift, low, mask)),
        known AS (
            SELECT * FROM unnest(%(known_questions)s::text[], %(known_values)s::text[],
                %(known_bits)s::int8[]) AS k(question, value, bits))"""
"""The statement's inputs passed as arrays (no temporary table): the scored columns, and the
answer texts coded in advance (`_known`)."""


def coded_bits(query: PackedQuery) -> str:
    """The packed bits of answer `a.value` in column `c`, by expression.

    Each code is written once, saturated into its bits (a code above `high` reads back as above
    it, hence as no answer: store.records.word_layout): an expression used twice would be
    computed twice per answer."""
    code = f"""CASE c.kind
        WHEN 0 THEN CASE WHEN a.value = ANY(%(dk)s) THEN {query.dk_code}
            WHEN a.value = ANY(%(na)s) THEN {query.na_code}
            ELSE GREATEST({_INTEGER}, 0) END
        WHEN 1 THEN strpos(c.choices, ',' || a.value || ',')
        ELSE {_INTEGER} + 1
        END"""
    return f"GREATEST(LEAST(({code}) - c.low + 1, c.mask), 0)::int8 << c.shift"


def _sql(query: PackedQuery) -> str:
    words = len({word for word, _ in word_layout(query.columns)})
    packed = "".join(f", bit_or(x.bits) FILTER (WHERE x.word = {n}) AS w{n}" for n in range(words))
    others = "".join(
        f", max(x.value) FILTER (WHERE x.word = {-1 - n}) AS o{n}" for n in range(len(query.others))
    )
    columns = "".join(f", COALESCE(p.w{n}, 0)" for n in range(words))
    columns += "".join(f", p.o{n}" for n in range(len(query.others)))
    # One office of many: only its responses' answers are coded and grouped. All offices: the
    # final join keeps the scored responses, and grouping the few others' answers costs less
    # than a semi-join probed by every answer (2.4 s -> 1.9 s at 10M answers).
    scored = (
        ""
        if query.office is None
        else f"WHERE a.response IN (SELECT r.id FROM responses r WHERE {_SCORED})"
    )
    return f"""
        WITH {INPUTS},
        coded AS (
            SELECT a.response, a.value, c.word,
                CASE WHEN c.word >= 0 THEN COALESCE(k.bits, {coded_bits(query)}) END AS bits
            FROM answers a JOIN columns c ON c.question = a.question
                LEFT JOIN known k ON k.question = a.question AND k.value = a.value
            {scored}),
        packed AS (
            SELECT x.response{packed}{others} FROM coded x GROUP BY x.response)
        SELECT r.id, r.persona, r.round_key, r.questionnaire_version, r.completed_at,
            v.state IS NOT DISTINCT FROM 'rejected'{columns}
        FROM responses r LEFT JOIN packed p ON p.response = r.id
            LEFT JOIN review_states v ON v.uuid = r.uuid AND v.content_hash = r.content_hash
        WHERE {_SCORED}
    """


def _known(query: PackedQuery) -> list[tuple[str, str, int]]:
    """(question, answer text, packed bits) of the texts whose code is plain: a Likert
    column's points as JSON numbers and its DK and NA texts, a select_one's choices. The
    statement finds them by a hash join and codes only other texts by expression: coding
    every answer by expression took a third of the statement (3.3 s -> 2.4 s at 10M answers).
    Each code is the one the expression gives that text (tests/store/test_postgres_scoring.py
    runs the expression on every row)."""
    found = []
    for column, (_, shift) in zip(query.columns, word_layout(query.columns), strict=True):
        codes: dict[str, int] = {}
        if column.kind == 0:  # the CASE tests DK, then NA, then the number
            codes = {str(point): point for point in range(1, column.high + 1)}
            codes |= {text: query.na_code for text in query.na_values}
            codes |= {text: query.dk_code for text in query.dk_values}
        elif column.kind == 1:  # strpos: the first place the text stands in the list
            for value in json.loads(f"[{column.choices[1:-1]}]"):
                text = json.dumps(value)
                codes.setdefault(text, column.choices.find(f",{text},") + 1)
        found += [
            (column.question, text, max(min(code - column.low + 1, column.mask), 0) << shift)
            for text, code in codes.items()
        ]
    return found


def params(query: PackedQuery) -> dict[str, object]:
    columns = query.columns
    layout = word_layout(columns)
    others = [0] * len(query.others)
    known = _known(query)
    return {
        "questionnaire": query.questionnaire_id,
        "office": query.office,
        "dk": list(query.dk_values),
        "na": list(query.na_values),
        "questions": [c.question for c in columns] + list(query.others),
        "kinds": [c.kind for c in columns] + others,
        "choices": [c.choices for c in columns] + ["" for _ in others],
        "words": [word for word, _ in layout] + [-1 - n for n in range(len(others))],
        "shifts": [shift for _, shift in layout] + others,
        "lows": [c.low for c in columns] + others,
        "masks": [c.mask for c in columns] + others,
        "known_questions": [question for question, _, _ in known],
        "known_values": [text for _, text, _ in known],
        "known_bits": [bits for _, _, bits in known],
    }


class ScoringMixin(PostgresBase):
    def scored_columns(self, query: PackedQuery) -> ScoredColumns:
        with self.conn.transaction():
            # 190,000 interviews' groups spilled to disk in the default 4 MB (5.2 s -> 4.1 s)
            self.conn.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            rows = self.conn.execute(_sql(query), params(query)).fetchall()
        rows.sort(key=itemgetter(0))  # by id, as SQLite's: here an ORDER BY made a slower plan
        fields: list[tuple[Any, ...]] = list(zip(*rows, strict=True))
        words = len({word for word, _ in word_layout(query.columns)})
        fields = fields or [()] * (_FIXED + words + len(query.others))
        ids, personas, rounds, versions, completed, rejected = fields[:_FIXED]
        packed = fields[_FIXED : _FIXED + words]
        others = tuple(sql_values(column) for column in fields[_FIXED + words :])
        return ScoredColumns(ids, personas, rounds, versions, completed, rejected,
                             (None,) * len(ids), others, tuple(packed))  # fmt: skip

    def offices(self) -> list[str]:
        rows = self.conn.execute(
            'SELECT DISTINCT office COLLATE "C" FROM indicator_values ORDER BY 1'
        )
        return [row[0] for row in rows]

    def indicator_values(self, office: str) -> dict[tuple[str, str], int]:
        rows = self.conn.execute(
            "SELECT period, indicator, value FROM indicator_values WHERE office = %s", [office]
        )
        return {(period, indicator): value for period, indicator, value in rows}

    def set_indicator_values(
        self, office: str, period: str, values: Mapping[str, int], at: str
    ) -> None:
        with self.unit_of_work():
            self.conn.cursor().executemany(
                "INSERT INTO indicator_values (office, period, indicator, value, entered_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (office, period, indicator) DO UPDATE "
                "SET value = excluded.value, entered_at = excluded.entered_at",
                [(office, period, name, value, at) for name, value in values.items()],
            )
