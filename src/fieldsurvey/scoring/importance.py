"""How much each area matters to clients, and the Martilla & James quadrant it falls in.

Importance is derived (Pearson r of the area score with overall satisfaction) when the
questionnaire asks overall satisfaction, else asked (share naming the area as the most
important). Quadrants (Martilla & James 1977) cross the area's score with its importance, cut
at the mean score and mean importance across the areas that have both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from fieldsurvey.scoring.report import Cuts, Quadrant
from fieldsurvey.scoring.stats import pearson_r

Method = Literal["correlation", "asked"]


def derived_importance(area_scores: np.ndarray, overall: np.ndarray) -> list[float | None]:
    """Pearson r of each area column with overall satisfaction (pairs with both present)."""
    return [pearson_r(area_scores[:, a], overall) for a in range(area_scores.shape[1])]


def asked_importance(choices: np.ndarray, area_ids: Sequence[str]) -> list[float | None]:
    """Share of respondents naming each area as the most important one, among those who named
    an area ("don't know" is left out, like no answer)."""
    known = set(area_ids)
    answered = np.array([c in known for c in choices], dtype=bool)
    total = int(answered.sum())
    if total == 0:
        return [None] * len(area_ids)
    return [float(np.count_nonzero(choices[answered] == a)) / total for a in area_ids]


def numeric(values: np.ndarray) -> np.ndarray:
    """An object array of answers as floats, NaN where absent or not a number (don't know)."""
    return np.array([v if _is_number(v) else np.nan for v in values], dtype=float)


def _is_number(value: object) -> bool:
    """int or float (their subclasses too, as numpy's float64), never bool; the exact types,
    nearly every answer, answer by one lookup."""
    if type(value) in (int, float):
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def quadrants(
    scores: Sequence[float | None], importance: Sequence[float | None]
) -> tuple[list[Quadrant | None], Cuts | None]:
    """Each area's quadrant, or None for all when fewer than two areas have both measures."""
    both = [
        (s, i) for s, i in zip(scores, importance, strict=True) if s is not None and i is not None
    ]
    if len(both) < 2:
        return [None] * len(scores), None
    score_cut = float(np.mean([s for s, _ in both]))
    importance_cut = float(np.mean([i for _, i in both]))
    found = [
        _quadrant(s >= score_cut, i >= importance_cut) if s is not None and i is not None else None
        for s, i in zip(scores, importance, strict=True)
    ]
    return found, Cuts(score=round(score_cut, 1), importance=round(importance_cut, 3))


def _quadrant(high_score: bool, high_importance: bool) -> Quadrant:
    if high_importance:
        return "keep_up" if high_score else "concentrate"
    return "overkill" if high_score else "low_priority"
