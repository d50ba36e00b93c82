"""Loading what scoring needs from the store in one query, decoded in bulk by numpy.

The query returns one row per scored response (complete, head revision, this questionnaire)
with its persona, round (normalised), version, completion time and whether its review state
is rejected, and all the answers scoring reads packed
by SQLite into one string of (column, code) character pairs: Likert items as their scale point
(DK/NA as -1), select_one answers as their position in the choice list, integers as value + 1.
Packing matters: 20,000 responses hold ~650,000 such answers; one Python tuple per answer cost
three times the SQL scan, and one scalar subquery per question added ~12 ms per question.
Answers that cannot be coded (select_multiple, decimals) come back as JSON, one column each.

The column map is a temporary table with a primary key, made and dropped around the query:
with it the plan is always "range-scan this response's answers, look each up by key" (~290 ms
for 20,000 responses × 31 columns). Maps given as CTEs, CASE expressions or json_each cost
1.3 to 4 times as much, and SQLite's choice between their plans changed with their sizes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import numpy as np
import sqlite_utils

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import IntegerQuestion, SelectMultiple, SelectOne
from fieldsurvey.scoring.frame import DK, MISSING, ItemLayout, SurveyData
from fieldsurvey.store.reviews import latest_state_sql

FIXED = 7
"""Columns of the query before the answers fetched as JSON."""
BASE = 256
"""Code points start here: every packed character is one UTF-32 unit and never a control."""
LIMIT = 50_000
"""Largest code packed (BASE + LIMIT stays below the UTF-16 surrogates, invalid in text)."""


@dataclass(frozen=True)
class Column:
    question: str
    kind: Literal["likert", "choice", "integer"]
    values: tuple[str, ...] = ()
    """Choice values of a select_one, in list order."""

    @property
    def choices(self) -> str:
        """The JSON choice values as `,"a","b",`: `instr` of `,<answer>,` locates the answer."""
        return "," + ",".join(json.dumps(v) for v in self.values) + "," if self.values else ""


def load_survey(
    db: sqlite_utils.Database, questionnaire: Questionnaire, questions: Sequence[str] = ()
) -> SurveyData:
    """Scored responses with their item codes and the answers to `questions`."""
    layout = ItemLayout.of(questionnaire)
    coded = [_column(questionnaire, q) for q in questions]
    columns = [Column(i, "likert") for i in layout.ids] + [c for c in coded if c]
    others = [q for q, c in zip(questions, coded, strict=True) if c is None]
    dk = sorted({json.dumps(s.dk.value) for s in questionnaire.scales})
    with _column_table(db, columns) as table:
        sql = _query(table, len(dk), len(others))
        rows = db.conn.execute(sql, [*dk, *others, questionnaire.id]).fetchall()
    fields = list(zip(*rows, strict=True)) or [()] * (FIXED + len(others))
    codes = _decode(fields[6], len(columns))
    items = codes[:, : len(layout.ids)]
    items[(items < DK) | (items > layout.points)] = MISSING
    answers = {
        c.question: _values(c, codes[:, k]) for k, c in enumerate(columns) if c.kind != "likert"
    }
    lists = {q.id for q in questionnaire.questions.values() if isinstance(q, SelectMultiple)}
    answers |= {q: _json(fields[FIXED + i], q in lists) for i, q in enumerate(others)}
    return SurveyData(
        response_ids=np.array(fields[0], dtype=np.int64),
        persona=np.array(fields[1], dtype=object),
        round=np.array(fields[2], dtype=object),
        version=np.array(fields[3], dtype=object),
        completed_at=np.array(fields[4], dtype=object),
        rejected=np.array(fields[5], dtype=bool),
        codes=items.astype(np.int8),
        layout=layout,
        answers=answers,
    )


def _column(questionnaire: Questionnaire, question: str) -> Column | None:
    """How a question's answers are packed; None for those fetched as JSON instead."""
    found = questionnaire.questions.get(question)
    if isinstance(found, SelectOne):
        choices = questionnaire.choice_list_by_id[found.choices].choices
        column = Column(question, "choice", tuple(c.value for c in choices))
        return column if len(column.choices) < LIMIT else None
    if isinstance(found, IntegerQuestion):
        return Column(question, "integer")
    return None


@contextmanager
def _column_table(db: sqlite_utils.Database, columns: list[Column]) -> Iterator[str]:
    """A temporary (question -> column) table, unique to this call, dropped afterwards."""
    table = f"temp.scoring_columns_{uuid.uuid4().hex}"
    kinds = {"likert": 0, "choice": 1, "integer": 2}
    db.conn.execute(
        f"CREATE TABLE {table} (question TEXT PRIMARY KEY, col INTEGER NOT NULL, "
        "kind INTEGER NOT NULL, choices TEXT NOT NULL) WITHOUT ROWID"
    )
    try:
        db.conn.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
            [(c.question, k, kinds[c.kind], c.choices) for k, c in enumerate(columns)],
        )
        yield table
    finally:
        db.conn.execute(f"DROP TABLE IF EXISTS {table}")


def _query(table: str, dk_values: int, other_questions: int) -> str:
    dk = ", ".join("?" for _ in range(dk_values)) or "NULL"
    others = "".join(
        ", (SELECT CASE WHEN json_valid(a.value) THEN a.value ->> '$' END "
        "FROM answers a WHERE a.response = r.id AND a.question = ?)"
        for _ in range(other_questions)
    )
    integer = "CAST(a.value AS INTEGER)"
    return f"""
        SELECT r.id, r.persona, r.round_key, r.questionnaire_version, r.completed_at,
            {latest_state_sql("r.uuid")} IS 'rejected',
            (SELECT group_concat(char({BASE} + c.col, {BASE} + CASE c.kind
                    WHEN 0 THEN CASE WHEN a.value IN ({dk}) THEN {DK}
                        ELSE min(max({integer}, 0), {LIMIT}) END
                    WHEN 1 THEN instr(c.choices, ',' || a.value || ',')
                    ELSE CASE WHEN {integer} BETWEEN 0 AND {LIMIT - 1} THEN {integer} + 1
                        ELSE 0 END END), '')
             FROM answers a JOIN {table} c ON c.question = a.question
             WHERE a.response = r.id){others}
        FROM responses r
        WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = ?
        ORDER BY r.id
    """


def _decode(packed: Sequence[str | None], width: int) -> np.ndarray:
    """Unpack each response's (column, code) character pairs into a code matrix."""
    codes = np.zeros((len(packed), width), dtype=np.int32)
    strings = [s or "" for s in packed]
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)) // 2
    units = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32)
    units = units.astype(np.int32) - BASE
    rows = np.repeat(np.arange(len(strings)), lengths)
    codes[rows, units[0::2]] = units[1::2]
    return codes


def _values(column: Column, codes: np.ndarray) -> np.ndarray:
    """Answers of a coded column back as objects: choice values or ints, None if absent."""
    if column.kind == "choice":
        lookup = np.full(len(column.choices) + 1, None, dtype=object)
        for value in column.values:
            lookup[column.choices.index(f",{json.dumps(value)},") + 1] = value
        return lookup[codes]
    out = np.full(codes.size, None, dtype=object)
    given = codes > 0
    out[given] = (codes[given] - 1).tolist()
    return out


def _json(values: Sequence[object], is_list: bool) -> np.ndarray:
    """An object array of answers; `->> '$'` gives select_multiple answers as JSON text."""
    array = np.empty(len(values), dtype=object)
    array[:] = [json.loads(v) if isinstance(v, str) else v for v in values] if is_list else values
    return array
