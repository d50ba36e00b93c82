"""Loading what scoring needs from the store in one query, decoded in bulk by numpy.

The query returns one row per scored response (complete, head revision, this questionnaire)
with its persona, round (normalised), version, completion time and whether its review state
is rejected, and all the answers scoring reads packed
by SQLite into one string of (column, code) character pairs: Likert items as their scale point
(DK as -1, NA as -2), select_one answers as their position in the choice list, integers as
value + 1.
Packing matters: 20,000 responses hold ~650,000 such answers; one Python tuple per answer cost
three times the SQL scan, and one scalar subquery per question added ~12 ms per question.
Answers that cannot be coded (select_multiple, decimals) come back as JSON, one column each.

The query itself is the store's (`ScoringSource.scored_columns`; in SQLite a temporary column
map and one pass over the answers): this module chooses the columns and their codes, and
decodes the result.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    Calculate,
    IntegerQuestion,
    LikertItem,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.scoring.frame import DK, MISSING, NA, ItemLayout, SurveyData
from fieldsurvey.store.interface import ScoringSource
from fieldsurvey.store.records import PackedColumn, PackedQuery, word_layout

BASE = 256
"""Code points start here: every packed character is one UTF-32 unit and never a control."""
LIMIT = 50_000
"""Largest code packed (BASE + LIMIT stays below the UTF-16 surrogates, invalid in text)."""
KINDS = {"likert": 0, "point": 0, "choice": 1, "integer": 2}
"""A `point` is a Likert question outside the areas (overall satisfaction): coded as the items
are, and read back as its answer (the point, or the DK/NA value)."""


@dataclass(frozen=True)
class Column:
    question: str
    kind: Literal["likert", "point", "choice", "integer"]
    values: tuple[str, ...] = ()
    """Choice values of a select_one, in list order; a point's DK and NA values."""
    top: int = 0
    """The highest scale point of a Likert item or point."""

    @property
    def packed(self) -> PackedColumn:
        if self.kind == "choice":
            return PackedColumn(self.question, KINDS[self.kind], self.choices, 0, len(self.choices))
        low, high = (0, LIMIT) if self.kind == "integer" else (NA, self.top)
        return PackedColumn(self.question, KINDS[self.kind], "", low, high)

    @property
    def choices(self) -> str:
        """The JSON choice values as `,"a","b",`: `instr` of `,<answer>,` locates the answer."""
        return "," + ",".join(json.dumps(v) for v in self.values) + "," if self.values else ""


def load_survey(
    store: ScoringSource,
    questionnaire: Questionnaire,
    questions: Sequence[str] = (),
    office: str | None = None,
) -> SurveyData:
    """Scored responses (of one office, if given) with their item codes and the answers to
    `questions`."""
    with _cycle_collection_paused():
        return _load(store, questionnaire, questions, office)


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while the rows are fetched and decoded: two million
    new tuples and values (none in a cycle) set it off over and over, each full pass walking
    all of them (190,000 interviews from PostgreSQL: 2.45-2.55 s with it, 2.34-2.45 s without).
    Reference counting still frees everything; the collector runs again afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load(
    store: ScoringSource,
    questionnaire: Questionnaire,
    questions: Sequence[str],
    office: str | None,
) -> SurveyData:
    layout = ItemLayout.of(questionnaire)
    coded = [_column(questionnaire, q) for q in questions]
    scale = zip(layout.ids, layout.points, strict=True)
    columns = [Column(i, "likert", top=int(k)) for i, k in scale] + [c for c in coded if c]
    others = [q for q, c in zip(questions, coded, strict=True) if c is None]
    dk = sorted({json.dumps(s.dk.value) for s in questionnaire.scales})
    na = sorted({json.dumps(s.na.value) for s in questionnaire.scales if s.na is not None})
    query = PackedQuery(
        questionnaire_id=questionnaire.id,
        columns=tuple(c.packed for c in columns),
        dk_values=tuple(dk),
        others=tuple(others),
        base=BASE,
        limit=LIMIT,
        dk_code=DK,
        na_values=tuple(na),
        na_code=NA,
        office=office,
    )
    found = store.scored_columns(query)
    if found.words:
        codes = _unpack(found.words, query.columns)
    else:
        codes = _decode(found.packed, query.columns)
    items = codes[:, : len(layout.ids)]
    items[(items < NA) | (items > layout.points)] = MISSING
    answers = {
        c.question: _values(c, codes[:, k]) for k, c in enumerate(columns) if c.kind != "likert"
    }
    lists = {q.id for q in questionnaire.questions.values() if isinstance(q, SelectMultiple)}
    answers |= {q: _json(found.others[i], q in lists) for i, q in enumerate(others)}
    return SurveyData(
        response_ids=np.array(found.response_ids, dtype=np.int64),
        persona=np.array(found.personas, dtype=object),
        round=np.array(found.rounds, dtype=object),
        version=np.array(found.versions, dtype=object),
        completed_at=np.array(found.completed_at, dtype=object),
        rejected=np.array(found.rejected, dtype=bool),
        codes=items.astype(np.int8),
        layout=layout,
        answers=answers,
    )


def _column(questionnaire: Questionnaire, question: str) -> Column | None:
    """How a question's answers are packed; None for those fetched as JSON instead."""
    found = questionnaire.questions.get(question)
    choice_list = questionnaire.choices_of(found) if found is not None else None
    if isinstance(found, SelectOne | Calculate) and choice_list is not None:
        choices = choice_list.choices
        column = Column(question, "choice", tuple(c.value for c in choices))
        return column if len(column.choices) < LIMIT else None
    if isinstance(found, IntegerQuestion):
        return Column(question, "integer")
    if isinstance(found, LikertItem):
        return _point(questionnaire, found)
    return None


def _point(questionnaire: Questionnaire, question: LikertItem) -> Column | None:
    """A Likert question read back as its answer: when its points are the integers 1..k
    (the code is the point itself) and its DK/NA values are text (coded apart)."""
    scale = questionnaire.scale_by_id[question.scale]
    points = [p.value for p in scale.points]
    special = (scale.dk.value, scale.na.value if scale.na else "")
    if points != list(range(1, len(points) + 1)) or not all(isinstance(v, str) for v in special):
        return None
    return Column(question.id, "point", special, top=len(points))


def _decode(packed: Sequence[str | None], columns: Sequence[PackedColumn]) -> np.ndarray:
    """Unpack each response's (column, code) character pairs into a code matrix."""
    codes = np.zeros((len(packed), len(columns)), dtype=np.int32)
    strings = [s or "" for s in packed]
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)) // 2
    raw = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32)
    units = raw.astype(np.int32) - BASE
    rows = np.repeat(np.arange(len(strings)), lengths)
    codes[rows, units[0::2]] = units[1::2]
    return _kept(codes, columns)


def _unpack(words: Sequence[Sequence[int]], columns: Sequence[PackedColumn]) -> np.ndarray:
    """The code matrix from integers packed by `word_layout` (0: no answer): one shift and
    mask per word over all its columns at once, written into the matrix in place."""
    layout = np.array(word_layout(tuple(columns)), dtype=np.int64).reshape(-1, 2)
    masks = np.array([c.mask for c in columns], dtype=np.int64)
    lows = np.array([c.low for c in columns], dtype=np.int64)
    codes = np.zeros((len(words[0]), len(columns)), dtype=np.int32)
    for word, values in enumerate(words):
        found = np.flatnonzero(layout[:, 0] == word)
        these = slice(int(found[0]), int(found[-1]) + 1)  # a word's columns are consecutive
        packed = np.array(values, dtype=np.int64)[:, None]
        # a stored 0 (no answer) becomes low - 1, outside the column's codes: _kept clears it
        codes[:, these] = ((packed >> layout[these, 1]) & masks[these]) + (lows[these] - 1)
    return _kept(codes, columns)


def _kept(codes: np.ndarray, columns: Sequence[PackedColumn]) -> np.ndarray:
    """Codes outside their column's [low, high] as 0 (no answer), whichever way they came."""
    low = np.array([c.low for c in columns], dtype=np.int32)
    high = np.array([c.high for c in columns], dtype=np.int32)
    codes[(codes < low) | (codes > high)] = 0
    return codes


def _values(column: Column, codes: np.ndarray) -> np.ndarray:
    """Answers of a coded column back as objects: choice values, ints, a point's DK/NA value;
    None if absent."""
    if column.kind == "choice":
        lookup = np.full(len(column.choices) + 1, None, dtype=object)
        for value in column.values:
            lookup[column.choices.index(f",{json.dumps(value)},") + 1] = value
        decoded: np.ndarray = lookup[codes]
        return decoded
    out = np.full(codes.size, None, dtype=object)
    given = codes > 0
    if column.kind == "point":
        out[given] = codes[given].tolist()
        for code, value in zip((DK, NA), column.values, strict=True):
            out[codes == code] = value
        return out
    out[given] = (codes[given] - 1).tolist()
    return out


def _json(values: Sequence[object], is_list: bool) -> np.ndarray:
    """An object array of answers; `->> '$'` gives select_multiple answers as JSON text."""
    array = np.empty(len(values), dtype=object)
    array[:] = [json.loads(v) if isinstance(v, str) else v for v in values] if is_list else values
    return array
