"""Turning area statistics of a set of respondents into report entries.

A `Scorer` holds the scores of every scored response once; the whole sample and each
breakdown group are row masks over it. Breakdowns are computed for all groups of a dimension
first, so small cells can be suppressed (with their complement) before anything is rounded,
given a quadrant or a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import LikertItem
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.areas import MIN_N, AreaStats, Scores, summarise
from fieldsurvey.scoring.breakdowns import PERSONA, Group, protect
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.frame import SurveyData
from fieldsurvey.scoring.importance import (
    Method,
    asked_importance,
    derived_importance,
    quadrants,
)
from fieldsurvey.scoring.messages import area_suggestions
from fieldsurvey.scoring.report import (
    AreaResult,
    Cuts,
    EquityGap,
    GroupResult,
    ItemResult,
    Quadrant,
    rounded_pair,
)
from fieldsurvey.scoring.stats import welch_difference


@dataclass(frozen=True)
class Scorer:
    questionnaire: Questionnaire
    scores: Scores
    lang: str
    method: Method | None = None
    importance_answers: np.ndarray | None = None
    """Overall satisfaction as floats (correlation) or the most-important-area answers."""

    @classmethod
    def of(
        cls,
        questionnaire: Questionnaire,
        data: SurveyData,
        weights: np.ndarray,
        lang: str,
        method: Method | None = None,
        importance_answers: np.ndarray | None = None,
    ) -> Scorer:
        scores = Scores.of(data.codes, data.layout, len(questionnaire.areas), weights)
        return cls(questionnaire, scores, lang, method, importance_answers)

    @cached_property
    def _item_by_id(self) -> dict[str, LikertItem]:
        return {item.id: item for area in self.questionnaire.areas for item in area.items}

    def label(self, area: int) -> str:
        text = self.questionnaire.areas[area].label
        return text_in(text, self.lang, self.questionnaire.default_language)

    def stats(self, rows: np.ndarray, items: bool = False) -> list[AreaStats]:
        """Every area over `rows`; an area without items left to score says why."""
        subset = self.scores.subset(rows)
        found = [summarise(subset, a, items) for a in self._areas()]
        return [
            s if (self.scores.layout.area == s.area).any() else s.suppressed(Reason.NO_SHARED_ITEMS)
            for s in found
        ]

    def results(
        self, stats: list[AreaStats], rows: np.ndarray, persona: str | None
    ) -> tuple[list[AreaResult], Cuts | None]:
        """Report entries for one set of respondents, with quadrants and messages."""
        importance = self._importance(rows, stats)
        shown = [round(s.estimate.mean, 1) if s.status != "suppressed" else None for s in stats]
        found, cuts = quadrants(shown, importance)
        return [
            self._result(s, i, q, persona) for s, i, q in zip(stats, importance, found, strict=True)
        ], cuts

    def breakdown(
        self, dimension: str, groups: list[Group]
    ) -> tuple[dict[str, GroupResult], list[EquityGap]]:
        """Each group of a dimension (small groups and their complements suppressed), and the
        equity gap of each shown group-area cell."""
        hidden, table = self._protected(groups)
        out: dict[str, GroupResult] = {}
        for group, reason, stats in zip(groups, hidden, table, strict=True):
            persona = group.value if dimension == PERSONA else None
            areas, cuts = self.results(stats, group.rows, persona)
            out[group.value] = GroupResult(
                label=group.label,
                responses=None if reason else int(group.rows.sum()),
                status="suppressed" if reason else "ok",
                reason=reason,
                cuts=cuts,
                areas=areas,
            )
        return out, self._equity_gaps(dimension, groups, out)

    def _protected(self, groups: list[Group]) -> tuple[list[Reason | None], list[list[AreaStats]]]:
        """Group-level then cell-level (per area) suppression, each with its complement."""
        hidden = protect([int(g.rows.sum()) for g in groups])
        table = [
            [s.suppressed(r) for s in self.stats(g.rows)] if r else self.stats(g.rows)
            for g, r in zip(groups, hidden, strict=True)
        ]
        for a in self._areas():
            column = [row[a] for row in table]
            reasons = protect(
                [s.n for s in column],
                [s.reason if s.status == "suppressed" else None for s in column],
            )
            for row, s, r in zip(table, column, reasons, strict=True):
                row[a] = s.suppressed(r) if r and s.status != "suppressed" else s
        return hidden, table

    def _equity_gaps(
        self, dimension: str, groups: list[Group], results: dict[str, GroupResult]
    ) -> list[EquityGap]:
        """Each shown group-area score minus everyone else's, with its Welch interval."""
        gaps = []
        for group in groups:
            for a, entry in enumerate(results[group.value].areas):
                rest = self.scores.estimate(a, ~group.rows)
                if entry.status == "suppressed" or rest.n < MIN_N:
                    continue
                difference = welch_difference(self.scores.estimate(a, group.rows), rest)
                gaps.append(
                    EquityGap(
                        dimension=dimension,
                        group=group.value,
                        group_label=group.label,
                        area=entry.id,
                        area_label=entry.label,
                        gap=round(difference.value, 1),
                        ci=rounded_pair(difference.ci),
                        significant=difference.excludes_zero,
                    )
                )
        return gaps

    def _areas(self) -> range:
        return range(len(self.questionnaire.areas))

    def _importance(self, rows: np.ndarray, stats: list[AreaStats]) -> list[float | None]:
        if self.importance_answers is None:
            found: list[float | None] = [None] * len(stats)
        elif self.method == "correlation":
            found = derived_importance(self.scores.areas[rows], self.importance_answers[rows])
        else:
            ids = [area.id for area in self.questionnaire.areas]
            found = asked_importance(self.importance_answers[rows], ids)
        return [
            None if i is None or s.status == "suppressed" else round(i, 3)
            for s, i in zip(stats, found, strict=True)
        ]

    def _result(
        self,
        s: AreaStats,
        importance: float | None,
        quadrant: Quadrant | None,
        persona: str | None,
    ) -> AreaResult:
        area = self.questionnaire.areas[s.area]
        shown = s.status != "suppressed"
        score = round(s.estimate.mean, 1) if shown else None
        satisfied = s.satisfied if shown else None
        alpha = s.alpha if shown else None
        messages, missing = (
            area_suggestions(
                self.questionnaire,
                area=area.id,
                score=score,
                quadrant=quadrant,
                persona=persona,
                lang=self.lang,
            )
            if s.status == "ok" and score is not None
            else ([], [])
        )
        return AreaResult(
            id=area.id,
            label=self.label(s.area),
            n=s.n if shown else None,
            score=score,
            ci=rounded_pair(s.estimate.interval()) if shown else None,
            pct_satisfied=round(satisfied[0] * 100, 1) if satisfied else None,
            pct_satisfied_ci=rounded_pair(satisfied[1], scale=100) if satisfied else None,
            alpha=round(alpha.value, 3) if alpha else None,
            alpha_ci=rounded_pair(alpha.ci, 3) if alpha else None,
            dk_rate=_shown_rate(s.dk_rate, s.shows_details),
            na_rate=_shown_rate(s.na_rate, s.shows_details),
            importance=importance,
            quadrant=quadrant,
            status=s.status,
            reason=s.reason,
            messages=messages,
            office_facts_missing=missing,
            items=self._items(s),
        )

    def _items(self, s: AreaStats) -> list[ItemResult]:
        """Item detail, asked for the whole sample only (so no small item cell leaks)."""
        default = self.questionnaire.default_language
        out = []
        for item in s.items:
            question = self.scores.layout.ids[item.index]
            label = self._item_by_id[question].label
            shown = s.shows_details and item.n >= MIN_N and item.score is not None
            out.append(
                ItemResult(
                    id=question,
                    label=text_in(label, self.lang, default),
                    n=item.n if shown else None,
                    score=round(item.score, 1) if shown and item.score is not None else None,
                    dk_rate=_shown_rate(item.dk_rate, s.shows_details),
                    na_rate=_shown_rate(item.na_rate, s.shows_details),
                )
            )
        return out


def _shown_rate(rate: float | None, shown: bool) -> float | None:
    return round(rate, 1) if shown and rate is not None else None
