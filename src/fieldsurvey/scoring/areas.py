"""Item and area scores, and the per-area statistics with their minimum-n status.

Item score = (x - 1) / (k - 1) × 100 after reverse coding (k + 1 - x); DK/NA leaves the
denominator. A respondent's area score is the weighted mean of the items they answered, if they
answered at least half of the area's items. Cronbach's alpha is computed on the respondents who
answered every item asked of everyone (listwise), with Feldt's interval. Everything is
vectorised over respondents: a group is a boolean row mask over arrays computed once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.frame import DK, MISSING, NA, ItemLayout
from fieldsurvey.scoring.report import Status
from fieldsurvey.scoring.stats import (
    Alpha,
    Estimate,
    Interval,
    cronbach_alpha,
    kish_n_eff,
    mean_estimate,
    wilson_interval,
)

MIN_N = 10
"""Below this many respondents nothing is shown (privacy)."""
MIN_N_MESSAGES = 30
"""From this many respondents (and a narrow interval) an area is `ok` and gets messages."""
MAX_HALF_WIDTH = 10.0
ALPHA_WARNING = 0.7


def item_scores(
    codes: np.ndarray, points: np.ndarray | int, reverse: np.ndarray | bool
) -> np.ndarray:
    """0-100 scores of a code matrix; NaN where the answer is DK/NA or missing.

    Each column's score of each code is computed once into a small table, then looked up:
    the same arithmetic, so the same floats, without five temporaries of the whole matrix
    (200,000 responses x 31 items took seconds on a loaded machine). The lookup is one `take`
    from the flattened table (a 2-D fancy index took 0.1 s at 190,000 x 31)."""
    table, lowest = _score_table(codes, points, reverse)
    index = (codes.astype(np.intp) - lowest) + table.shape[1] * np.arange(table.shape[0])
    found: np.ndarray = np.take(table.ravel(), index)
    return found


def _score_table(
    codes: np.ndarray, points: np.ndarray | int, reverse: np.ndarray | bool
) -> tuple[np.ndarray, int]:
    """(column x code - lowest) the score of each code, NaN for codes that are no scale point;
    and the lowest code (DK and N/A are negative)."""
    width = codes.shape[-1:]
    k = np.broadcast_to(np.asarray(points), width)[:, None]
    backwards = np.broadcast_to(np.asarray(reverse), width)[:, None]
    lowest = min(int(codes.min(initial=0)), 0)
    values = np.arange(lowest, max(int(codes.max(initial=0)), int(k.max(initial=0))) + 1)
    x = np.where(backwards, k + 1 - values, values).astype(float)
    return np.where(values > 0, (x - 1) / (k - 1) * 100, np.nan), lowest


@dataclass(frozen=True)
class Scores:
    """Item codes and respondent-area scores of a set of responses, with their weights
    (item scores computed from the codes where asked: `item_scores`)."""

    layout: ItemLayout
    codes: np.ndarray
    areas: np.ndarray
    """(responses × areas) 0-100, NaN when fewer than half the area's items were answered."""
    weights: np.ndarray

    @classmethod
    def of(
        cls, codes: np.ndarray, layout: ItemLayout, area_count: int, weights: np.ndarray
    ) -> Scores:
        areas = np.full((codes.shape[0], area_count), np.nan)
        for area in range(area_count):
            columns = layout.columns(area)
            total, weight, count = _area_sums(
                codes[:, columns],
                layout.points[columns],
                layout.reverse[columns],
                layout.weight[columns],
            )
            enough = (2 * count >= columns.stop - columns.start) & (weight > 0)
            areas[enough, area] = total[enough] / weight[enough]
        return cls(layout, codes, areas, weights)

    def subset(self, rows: np.ndarray) -> Scores:
        """The responses in the boolean mask `rows` (one copy, shared by all areas; none when
        the mask keeps everyone)."""
        if rows.all():
            return self
        return Scores(self.layout, self.codes[rows], self.areas[rows], self.weights[rows])

    def item_scores(self, rows: np.ndarray | slice, columns: np.ndarray) -> np.ndarray:
        """0-100 scores of the items in `columns` (indexes) of the respondents in `rows` (a
        boolean mask or a slice), NaN for DK/NA or no answer: computed from the codes for
        what is asked (alpha's listwise rows, an area's item detail) rather than kept for
        every item and respondent and copied for every group."""
        codes = (
            self.codes[rows][:, columns]
            if isinstance(rows, slice)
            else self.codes[np.ix_(rows, columns)]
        )
        return item_scores(codes, self.layout.points[columns], self.layout.reverse[columns])

    def estimate(self, area: int, rows: np.ndarray | None = None) -> Estimate:
        """Mean area score (of `rows`, default all) with what its intervals need."""
        has = self._scored[:, area] if rows is None else rows & self._scored[:, area]
        return mean_estimate(self.areas[has, area], self.weights[has])

    @cached_property
    def counts(self) -> _Counts:
        """Answers of each item by kind, counted once for all areas of these respondents."""
        return _Counts.of(self.codes)

    @cached_property
    def _scored(self) -> np.ndarray:
        """Where a respondent has an area score (asked for every group's equity gap)."""
        found: np.ndarray = ~np.isnan(self.areas)
        return found

    def satisfied_threshold(self, area: int) -> float:
        """Lowest area score in the top two scale points: 75 on a 5-point scale."""
        k = self.layout.points[self.layout.columns(area)]
        return float(np.mean((k - 2) / (k - 1) * 100))


def _area_sums(
    codes: np.ndarray, points: np.ndarray, reverse: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each respondent's weighted sum of item scores, sum of the answered items' weights and
    count of answered items over an area's columns, added item by item: one vectorised step
    per item over all respondents (summed along each respondent's row, numpy ran its inner
    loop once per respondent: a quarter of a second at 190,000)."""
    table, lowest = _score_table(codes, points, reverse)
    scores = np.nan_to_num(table)  # a code that is no scale point adds nothing
    total = np.zeros(codes.shape[0])
    weight = np.zeros(codes.shape[0])
    count = np.zeros(codes.shape[0], dtype=np.int64)
    for column in range(codes.shape[1]):
        code = codes[:, column] - lowest
        answered = code > -lowest
        total += weights[column] * scores[column][code]
        weight += weights[column] * answered
        count += answered
    return total, weight, count


@dataclass(frozen=True)
class ItemStats:
    index: int
    n: int
    score: float | None
    dk_rate: float | None
    na_rate: float | None


@dataclass(frozen=True)
class AreaStats:
    """One area over one group of respondents, before rounding and suppression to output."""

    area: int
    n: int
    seen: int
    """Respondents who gave any answer (DK included) to the area's items."""
    estimate: Estimate
    satisfied: tuple[float, Interval | None] | None
    alpha: Alpha | None
    dk_rate: float | None
    na_rate: float | None
    items: list[ItemStats]
    status: Status
    reason: Reason | None

    def suppressed(self, reason: Reason) -> AreaStats:
        return replace(self, status="suppressed", reason=reason)

    @property
    def shows_details(self) -> bool:
        """DK rate and item details are shown unless the group itself is too small."""
        return self.seen >= MIN_N and self.reason not in (Reason.TOO_FEW, Reason.COMPLEMENT)


def summarise(scores: Scores, area: int, items: bool = False) -> AreaStats:
    """Statistics of `area` over all responses in `scores` (item detail too if `items`)."""
    columns = scores.layout.columns(area)
    codes = scores.codes[:, columns]
    values = scores.areas[:, area]
    has = ~np.isnan(values)
    scored, weights = values[has], scores.weights[has]
    estimate = mean_estimate(scored, weights)
    seen = int((codes != 0).any(axis=1).sum())
    ci = estimate.interval()
    status, reason = classify(estimate.n, None if ci is None else (ci[1] - ci[0]) / 2, seen)
    counts = scores.counts.of_columns(columns)
    return AreaStats(
        area=area,
        n=estimate.n,
        seen=seen,
        estimate=estimate,
        satisfied=_satisfied(scored, weights, scores.satisfied_threshold(area)),
        alpha=_alpha(scores, columns),
        dk_rate=_rate(counts.dk.sum(), counts.given.sum()),
        na_rate=_rate(counts.na.sum(), counts.given.sum()),
        items=_items(scores, columns, counts) if items else [],
        status=status,
        reason=reason,
    )


def classify(n: int, half_width: float | None, seen: int) -> tuple[Status, Reason | None]:
    """The minimum-n rules of DESIGN.md §5; `seen` counts respondents who said DK/NA too."""
    if n < MIN_N:
        if seen >= MIN_N:
            return "suppressed", Reason.ONLY_DK if n == 0 else Reason.MOSTLY_DK
        return "suppressed", Reason.TOO_FEW
    if n < MIN_N_MESSAGES:
        return "indicative", Reason.INDICATIVE_N
    if half_width is None or half_width > MAX_HALF_WIDTH:
        return "indicative", Reason.WIDE_INTERVAL
    return "ok", None


def _alpha(scores: Scores, columns: slice) -> Alpha | None:
    """Alpha of the area's items asked of everyone (if two or more), listwise.

    Alpha needs respondents who answered every item; items asked only of some personas (an
    employer-only item next to a members-only one) would leave none, or only one persona.
    """
    core = np.arange(columns.start, columns.stop)
    if scores.layout.asked_all[core].sum() >= 2:
        core = core[scores.layout.asked_all[core]]
    complete = np.asarray((scores.codes[:, core] > 0).all(axis=1), dtype=bool)
    return cronbach_alpha(scores.item_scores(complete, core))


def _satisfied(
    values: np.ndarray, weights: np.ndarray, threshold: float
) -> tuple[float, Interval | None] | None:
    """Weighted share in the top two points, with a Wilson interval on Kish's n_eff."""
    if values.size == 0:
        return None
    share = float(weights[values >= threshold - 1e-9].sum() / weights.sum())
    n_eff = kish_n_eff(weights)
    return share, wilson_interval(share * n_eff, n_eff)


@dataclass(frozen=True)
class _Counts:
    """Per item, how many answers were given (DK and N/A included), how many were DK, N/A,
    or a scale point: counted once for the areas' and the items' rates (counted per item and
    per rate they took a fifth of a score of 190,000 interviews)."""

    given: np.ndarray
    dk: np.ndarray
    na: np.ndarray
    points: np.ndarray

    @classmethod
    def of(cls, codes: np.ndarray) -> _Counts:
        """One bincount per item over its codes, which run from NA (-2) to the top point
        (on the transposed matrix: a third of the time of one bincount of (item, code) pairs,
        which needed two 8-byte copies of the whole matrix)."""
        width = int(codes.max(initial=0)) - NA + 1
        by_item = np.ascontiguousarray(codes.T)
        table = np.array([np.bincount(column - NA, minlength=width) for column in by_item])
        table = table.reshape(codes.shape[1], width)  # [column, code - NA]
        return cls(
            given=table.sum(axis=1) - table[:, MISSING - NA],
            dk=table[:, DK - NA],
            na=table[:, 0],
            points=table[:, 1 - NA :].sum(axis=1),
        )

    def of_columns(self, columns: slice) -> _Counts:
        return _Counts(
            self.given[columns], self.dk[columns], self.na[columns], self.points[columns]
        )


def _items(scores: Scores, columns: slice, counts: _Counts) -> list[ItemStats]:
    """Each item's weighted mean score over those who gave a scale point, and its rates."""
    answered = scores.codes[:, columns] > 0
    weights = np.where(answered, scores.weights[:, None], 0.0)
    items = scores.item_scores(slice(None), np.arange(columns.start, columns.stop))
    totals = (np.where(answered, items, 0.0) * weights).sum(axis=0)
    weight_sums = weights.sum(axis=0)
    return [
        ItemStats(
            index=column,
            n=int(counts.points[k]),
            score=float(totals[k] / weight_sums[k]) if counts.points[k] else None,
            dk_rate=_rate(counts.dk[k], counts.given[k]),
            na_rate=_rate(counts.na[k], counts.given[k]),
        )
        for k, column in enumerate(range(columns.start, columns.stop))
    ]


def _rate(count: np.integer | int, answers: np.integer | int) -> float | None:
    """Share (%) of the given answers that carry a code (don't know, or not applicable)."""
    return float(count / answers * 100) if answers else None
