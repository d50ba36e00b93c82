"""The wide table (one row per response) and the long paradata table, chunk by chunk.

A chunk is a list of columns aligned with the variables, so Parquet and pandas take it as
is and CSV/XLSX rows are one `zip(*columns)` away. Only area scores and quality flags are
computed for the whole questionnaire up front, by scoring and quality themselves (`Derived`),
and looked up by response id per chunk: 8 bytes per response and area, and a set per flagged
response.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import numpy as np

from fieldsurvey.dataout.variables import DK_CODE, Variable
from fieldsurvey.quality import assess_rounds, load_quality_data
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.safetext import FORMULA_PREFIXES, csv_cell
from fieldsurvey.scoring.areas import Scores
from fieldsurvey.store.dataout import RESPONSE_COLUMNS, DataSource, Selection
from fieldsurvey.store.interface import Questionnaires, Supervision

CHUNK_ROWS = 500
"""Responses per chunk: ~130 columns × 2,000 rows keeps a chunk near 10 MB of Python objects."""
PARADATA_CHUNK_ROWS = 20_000
EVENT_CHUNK_RESPONSES = 250
"""Responses per chunk of paradata read grouped by response (Parquet): ~38,000 events, ~3 MB
of JSON text, one row group. Peak memory of the 20k export: 190 MiB without paradata, +23 MiB
with chunks of 250, +43 MiB with 500 (measured); 500 was ~15% faster."""

Column = list[object]


class DataStore(DataSource, Supervision, Questionnaires, Protocol):
    """What exports and the report read: the selection queries, scoring's and quality's, and
    the installed questionnaire versions."""


_FIELD = {name: i for i, name in enumerate(RESPONSE_COLUMNS)}
_RENAMED = {"response_uuid": "uuid"}


@dataclass(frozen=True)
class Derived:
    """What an export computes for the whole questionnaire up front rather than reads row by
    row, from one read of the answers: each scored response's area scores (0-100, NaN below
    half the items answered; scoring's own rule) and the quality flags of its round
    (`fieldsurvey.quality`, as `fieldsurvey quality` shows them)."""

    ids: np.ndarray
    """The scored (complete) responses' ids, ascending."""
    scores: np.ndarray
    """(ids × areas)."""
    areas: list[str]
    flags: dict[int, frozenset[str]]
    """Response id -> the kinds it is flagged with (only flagged responses)."""

    @classmethod
    def of(cls, store: Supervision, questionnaire: Questionnaire, round: str | None) -> Derived:
        data = load_quality_data(store, questionnaire)
        survey = data.survey
        areas = [area.id for area in questionnaire.areas]
        scores = Scores.of(survey.codes, survey.layout, len(areas), np.ones(survey.size))
        flags: dict[int, frozenset[str]] = {
            flagged.response_id: frozenset(flag.kind for flag in flagged.flags)
            for report in assess_rounds(
                store, questionnaire, data, None if round is None else [round]
            )
            for flagged in report.interviews
        }
        return cls(survey.response_ids, scores.areas, areas, flags)

    def lookup(self, ids: Sequence[object]) -> np.ndarray:
        """(len(ids) × areas) scores, NaN for responses scoring does not cover (drafts)."""
        wanted = np.asarray(ids, dtype=np.int64)
        out = np.full((wanted.size, self.scores.shape[1]), np.nan)
        if self.ids.size == 0 or wanted.size == 0:
            return out
        at = np.minimum(np.searchsorted(self.ids, wanted), self.ids.size - 1)
        found = self.ids[at] == wanted
        out[found] = self.scores[at[found]]
        return out

    def flagged(
        self, ids: Sequence[object], statuses: Sequence[object]
    ) -> list[frozenset[str] | None]:
        """Each response's flag kinds; None for a draft (quality assesses complete ones)."""
        none: frozenset[str] = frozenset()
        return [
            self.flags.get(int(i), none) if status == "complete" else None  # type: ignore[call-overload]
            for i, status in zip(ids, statuses, strict=True)
        ]


@dataclass(frozen=True)
class _Chunk:
    """One chunk of responses as the column builders see it."""

    fields: list[tuple[object, ...]]
    answers: list[dict[str, object]]
    scores: np.ndarray
    flags: list[frozenset[str] | None]


def wide_chunks(
    store: DataSource,
    selection: Selection,
    variables: Sequence[Variable],
    derived: Derived,
    size: int = CHUNK_ROWS,
) -> Iterator[list[Column]]:
    """The wide table `size` responses at a time, as columns aligned with `variables`."""
    for rows in store.response_chunks(selection, size):
        fields = list(zip(*rows, strict=True))
        ids = fields[_FIELD["id"]]
        chunk = _Chunk(
            fields,
            [json.loads(text) if text else {} for text in fields[-1]],
            derived.lookup(ids),
            derived.flagged(ids, fields[_FIELD["status"]]),
        )
        yield [_column(v, chunk, derived.areas) for v in variables]


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


def _column(variable: Variable, chunk: _Chunk, areas: Sequence[str]) -> Column:
    source = variable.source
    if source == "response":
        return _response_column(variable.name, chunk.fields)
    if source == "review":
        return [state or "pending" for state in chunk.fields[_FIELD["review_state"]]]
    if source == "quality":
        return _quality(variable, chunk.flags)
    if source == "score":
        values = chunk.scores[:, areas.index(variable.area or "")]
        return [None if np.isnan(x) else float(x) for x in values]
    raw = [a.get(variable.question or "") for a in chunk.answers]
    return _CONVERT[source](variable, raw)


def _quality(variable: Variable, flags: list[frozenset[str] | None]) -> Column:
    """`quality_flags`: the kinds, space-separated in a fixed order (blank without any);
    `flag_<kind>`: 0/1 (blank for a draft)."""
    if variable.choice is None:
        kinds = [value.value for value in variable.values]
        return [" ".join(k for k in kinds if k in f) if f else None for f in flags]
    return [None if f is None else int(variable.choice in f) for f in flags]


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
