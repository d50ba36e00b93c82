"""Survey rounds and the change of each area between the scored round and the one before.

Rounds are ordered by `rounds.sort_rounds`: quarters and months by their first day, the rest
by their first completed response, responses without a round first. A change gets an arrow
only when its Welch interval excludes 0: two rounds of sampling noise should not read as
progress or decline.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fieldsurvey.questionnaire.rounds import (
    NO_ROUND,
    RoundError,
    check_round,
    round_label,
    sort_rounds,
)
from fieldsurvey.scoring.areas import MIN_N
from fieldsurvey.scoring.catalogue import ScoringError
from fieldsurvey.scoring.frame import SurveyData
from fieldsurvey.scoring.report import AreaTrend, Trend, rounded_pair
from fieldsurvey.scoring.scorer import Scorer
from fieldsurvey.scoring.stats import Estimate, welch_difference


class UnknownRound(ScoringError):
    """The round asked for has no scored responses."""


def ordered_rounds(rounds: np.ndarray, completed_at: np.ndarray) -> list[str | None]:
    """Distinct rounds (None = responses without one), oldest first."""
    first: dict[str | None, str] = {}
    for label in set(rounds):  # a few rounds: one vectorised pass each, not a loop per response
        stamps = completed_at[np.asarray(rounds == label, dtype=bool)]
        first[label] = min((at or "" for at in stamps), default="")
    return sort_rounds(first)


def pick_round(
    rounds: Sequence[str | None], wanted: str | None, names: Sequence[str] = ()
) -> str | None:
    """The round to score: the one asked for (NO_ROUND: those without one), else the latest.
    A round in the wrong form is refused with the form expected, an unknown one with the
    rounds that have data."""
    if wanted is None:
        return rounds[-1] if rounds else None
    chosen = None if wanted == NO_ROUND else wanted
    if chosen in rounds:
        return chosen
    known = ", ".join(round_label(r) for r in rounds) or "none"
    try:
        check_round(wanted, names)
    except RoundError as exc:
        raise UnknownRound(f"{exc}; rounds with data: {known}") from None
    raise UnknownRound(f"no responses in round {wanted!r}; rounds with data: {known}")


def area_trend(area: str, label: str, current: Estimate, previous: Estimate) -> AreaTrend:
    """The change current - previous; empty when either round has fewer than MIN_N."""
    if current.n < MIN_N or previous.n < MIN_N:
        return AreaTrend(
            area=area,
            label=label,
            score=None,
            previous_score=None,
            change=None,
            ci=None,
            direction=None,
        )
    change = welch_difference(current, previous)
    direction = ("up" if change.value > 0 else "down") if change.excludes_zero else None
    return AreaTrend(
        area=area,
        label=label,
        score=round(current.mean, 1),
        previous_score=round(previous.mean, 1),
        change=round(change.value, 1),
        ci=rounded_pair(change.ci),
        direction=direction,
    )


def round_trend(
    scorer: Scorer,
    data: SurveyData,
    weights: np.ndarray,
    rounds: list[str | None],
    chosen: str | None,
) -> Trend | None:
    """The scored round against the one before, on the items both rounds share."""
    at = rounds.index(chosen)
    if at == 0 or rounds[at - 1] is None:
        return None  # no round before, or only responses without a round
    now, before = data.in_round(chosen), data.in_round(rounds[at - 1])
    both, _ = data.subset(now | before).shared_items()
    pair = Scorer.of(scorer.questionnaire, both, weights[now | before], scorer.lang)
    current = now[now | before]
    return Trend(
        round=chosen,
        previous_round=rounds[at - 1],
        areas=[
            area_trend(
                area.id,
                scorer.label(a),
                pair.scores.estimate(a, current),
                pair.scores.estimate(a, ~current),
            )
            for a, area in enumerate(scorer.questionnaire.areas)
        ],
    )
