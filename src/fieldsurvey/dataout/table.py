"""The wide table (one row per response) and the long paradata table, chunk by chunk.

A chunk is a list of columns aligned with the variables, so Parquet and pandas take it as
is and CSV/XLSX rows are one `zip(*columns)` away. Only area scores are computed for the
whole selection up front, by scoring itself (`Scores.of`, the same respondent-area rule the
Scores screen uses), and looked up by response id per chunk: 8 bytes per response and area.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import numpy as np

from fieldsurvey.dataout.variables import DK_CODE, Variable
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.safetext import FORMULA_PREFIXES, csv_cell
from fieldsurvey.scoring.areas import Scores
from fieldsurvey.scoring.data import load_survey
from fieldsurvey.store.dataout import RESPONSE_COLUMNS, DataSource, Selection
from fieldsurvey.store.interface import Questionnaires, ScoringSource

CHUNK_ROWS = 500
"""Responses per chunk: ~130 columns × 2,000 rows keeps a chunk near 10 MB of Python objects."""
PARADATA_CHUNK_ROWS = 20_000

Column = list[object]


class DataStore(DataSource, ScoringSource, Questionnaires, Protocol):
    """What exports and the report read: the selection queries, scoring's and the
    installed questionnaire versions."""


_FIELD = {name: i for i, name in enumerate(RESPONSE_COLUMNS)}
_RENAMED = {"response_uuid": "uuid"}


@dataclass(frozen=True)
class AreaScores:
    """Each scored response's area scores (0-100, NaN below half the items answered)."""

    ids: np.ndarray
    values: np.ndarray

    @classmethod
    def of(
        cls, store: ScoringSource, questionnaire: Questionnaire, office: str | None = None
    ) -> AreaScores:
        data = load_survey(store, questionnaire, office=office)
        scores = Scores.of(data.codes, data.layout, len(questionnaire.areas), np.ones(data.size))
        return cls(data.response_ids, scores.areas)

    def lookup(self, ids: Sequence[object]) -> np.ndarray:
        """(len(ids) × areas) scores, NaN for responses scoring does not cover (drafts)."""
        wanted = np.asarray(ids, dtype=np.int64)
        out = np.full((wanted.size, self.values.shape[1]), np.nan)
        if self.ids.size == 0 or wanted.size == 0:
            return out
        at = np.minimum(np.searchsorted(self.ids, wanted), self.ids.size - 1)
        found = self.ids[at] == wanted
        out[found] = self.values[at[found]]
        return out


def wide_chunks(
    store: DataSource,
    selection: Selection,
    variables: Sequence[Variable],
    scores: AreaScores,
    areas: Sequence[str],
    size: int = CHUNK_ROWS,
) -> Iterator[list[Column]]:
    """The wide table `size` responses at a time, as columns aligned with `variables`."""
    for rows in store.response_chunks(selection, size):
        fields = list(zip(*rows, strict=True))
        answers = [json.loads(text) if text else {} for text in fields[-1]]
        area_values = scores.lookup(fields[_FIELD["id"]])
        yield [_column(v, fields, answers, area_values, areas) for v in variables]


def paradata_chunks(
    store: DataSource,
    selection: Selection,
    *,
    for_csv: bool = False,
    size: int = PARADATA_CHUNK_ROWS,
) -> Iterator[list[tuple[object, ...]]]:
    """The paradata table (`PARADATA_VARIABLES`) as rows, `size` events at a time; `for_csv`
    neutralises formula-looking text (safetext.csv_cell) as SQLite reads it."""
    if for_csv:
        return store.paradata_rows(selection, size, _csv_text, FORMULA_PREFIXES)
    return store.paradata_rows(selection, size)


def _csv_text(text: str) -> str:
    return str(csv_cell(text))


def _column(
    variable: Variable,
    fields: list[tuple[object, ...]],
    answers: list[dict[str, object]],
    area_values: np.ndarray,
    areas: Sequence[str],
) -> Column:
    source = variable.source
    if source == "response":
        return _response_column(variable.name, fields)
    if source == "score":
        values = area_values[:, areas.index(variable.area or "")]
        return [None if np.isnan(x) else float(x) for x in values]
    raw = [a.get(variable.question or "") for a in answers]
    return _CONVERT[source](variable, raw)


def _response_column(name: str, fields: list[tuple[object, ...]]) -> Column:
    if name == "duration_s":
        started, ended = fields[_FIELD["started_at"]], fields[_FIELD["completed_at"]]
        return [_seconds(s, e) for s, e in zip(started, ended, strict=True)]
    return list(fields[_FIELD[_RENAMED.get(name, name)]])


def _seconds(start: object, end: object) -> float | None:
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return delta.total_seconds()


def _likert(variable: Variable, raw: Column) -> Column:
    dk = variable.dk_value
    return [DK_CODE if v == dk else v for v in raw]


def _answer(variable: Variable, raw: Column) -> Column:
    """Lists (select_multiple, rank) as space-separated values; text kept as text."""
    if variable.kind != "text":
        return raw
    return [
        v if v is None or isinstance(v, str) else " ".join(map(str, v)) if isinstance(v, list)
        else str(v)
        for v in raw
    ]  # fmt: skip


def _choice(variable: Variable, raw: Column) -> Column:
    """1 if the choice was selected, 0 if not, empty when the question was not answered."""
    choice = variable.choice
    return [None if v is None else int(isinstance(v, list) and choice in v) for v in raw]


def _rank(variable: Variable, raw: Column) -> Column:
    """The position (1 = first) given to the choice, empty when not ranked."""
    choice = variable.choice
    return [v.index(choice) + 1 if isinstance(v, list) and choice in v else None for v in raw]


_CONVERT: dict[str, Callable[[Variable, Column], Column]] = {
    "answer": _answer,
    "select_one": _answer,
    "calculated": _answer,
    "likert": _likert,
    "choice": _choice,
    "rank": _rank,
}


@dataclass(frozen=True)
class TableSource:
    """What a format writer needs: the variables, the two tables as chunk iterators (each
    call starts a new pass), and the language of labels."""

    variables: list[Variable]
    wide: Callable[[], Iterator[list[Column]]]
    """Chunks of the wide table as columns."""
    paradata: Callable[[], Iterator[list[tuple[object, ...]]]]
    """Chunks of the paradata table as rows (text not neutralised)."""
    lang: str
    default_language: str
    title: str
