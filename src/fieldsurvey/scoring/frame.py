"""Scored responses in memory: parallel numpy arrays, one row per response.

Groups, rounds and versions are boolean row masks over these arrays, so a breakdown costs a
few vectorised reductions rather than another query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from fieldsurvey.questionnaire import Questionnaire

DK = -1
"""Item code of a "don't know" answer (and of "not applicable" on scales without one)."""
NA = -2
"""Item code of a "not applicable" answer: missing like DK, but reported apart."""
MISSING = 0
"""Item code of an item not answered (or answered with a value off the scale)."""


@dataclass(frozen=True)
class SurveyData:
    """Scored responses as parallel arrays: row i of every array is the same response."""

    response_ids: np.ndarray
    persona: np.ndarray
    round: np.ndarray
    version: np.ndarray
    completed_at: np.ndarray
    rejected: np.ndarray
    """True where the interview's review state is rejected."""
    codes: np.ndarray
    """(responses × items) int8: -2 NA, -1 DK, 0 no answer, 1..k the scale point chosen."""
    layout: ItemLayout
    answers: dict[str, np.ndarray]
    """Other questions' answers (object arrays: str, int, float, list or None)."""

    @property
    def size(self) -> int:
        return int(self.response_ids.size)

    def subset(self, rows: np.ndarray) -> SurveyData:
        """The same data for the rows selected by a boolean mask (itself when it keeps all)."""
        if rows.all():
            return self
        return SurveyData(
            self.response_ids[rows],
            self.persona[rows],
            self.round[rows],
            self.version[rows],
            self.completed_at[rows],
            self.rejected[rows],
            self.codes[rows],
            self.layout,
            {q: v[rows] for q, v in self.answers.items()},
        )

    def in_round(self, chosen: str | None) -> np.ndarray:
        """Rows of the responses of one survey round (None: those without a round)."""
        return np.asarray(self.round == chosen, dtype=bool)  # elementwise, None too

    def shared_items(self) -> tuple[SurveyData, list[str]]:
        """The same responses on the items answered under every questionnaire version present
        (DK counts as answered), with the ids of the items left out."""
        keep = np.ones(len(self.layout.ids), dtype=bool)
        for version in set(self.version):
            keep &= (self.codes[self.version == version] != 0).any(axis=0)
        if len(set(self.version)) < 2 or keep.all():
            return self, []
        left_out = [item for item, kept in zip(self.layout.ids, keep, strict=True) if not kept]
        return replace(self, codes=self.codes[:, keep], layout=self.layout.select(keep)), left_out


@dataclass(frozen=True)
class ItemLayout:
    """The columns of `SurveyData.codes`: every area's Likert items, in area order."""

    ids: list[str]
    area: np.ndarray
    """Index into `questionnaire.areas` of each item's area."""
    points: np.ndarray
    """k, the number of scale points of each item."""
    reverse: np.ndarray
    weight: np.ndarray
    asked_all: np.ndarray
    """Items without a `relevant` condition: asked of every respondent who sees the area."""

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> ItemLayout:
        pairs = [(a, item) for a, area in enumerate(questionnaire.areas) for item in area.items]
        return cls(
            ids=[item.id for _, item in pairs],
            area=np.array([a for a, _ in pairs], dtype=np.int64),
            points=np.array([questionnaire.scale_by_id[i.scale].size for _, i in pairs]),
            reverse=np.array([item.reverse for _, item in pairs], dtype=bool),
            weight=np.array([item.weight for _, item in pairs], dtype=float),
            asked_all=np.array([item.relevant is None for _, item in pairs], dtype=bool),
        )

    def columns(self, area: int) -> slice:
        """The area's columns: items are laid out area by area, so they are contiguous."""
        found = np.flatnonzero(self.area == area)
        return slice(int(found[0]), int(found[-1]) + 1) if found.size else slice(0, 0)

    def select(self, keep: np.ndarray) -> ItemLayout:
        """The layout of the columns where `keep` is True."""
        ids = [item for item, kept in zip(self.ids, keep, strict=True) if kept]
        return ItemLayout(
            ids,
            self.area[keep],
            self.points[keep],
            self.reverse[keep],
            self.weight[keep],
            self.asked_all[keep],
        )
