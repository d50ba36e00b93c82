"""Office indicators, read back: counts by period and the ratios of seed 000's Annex.

A ratio whose numerator or denominator is missing, or whose denominator is 0, is "n/a" with the
reason: a new office with no clients yet must not crash the Office indicators screen. Each
point carries its change since the previous period with a value, and whether that is better or
worse by the ratio's `better`.
"""

from __future__ import annotations

from typing import Literal

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Ratio
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.report import Model
from fieldsurvey.store.interface import ScoringSource


class RatioPoint(Model):
    period: str
    value: float | None
    display: str
    """The value with 2 decimals, or "n/a"."""
    reason: str | None
    change: float | None
    """Change since the previous period that has a value."""
    direction: Literal["up", "down", "flat"] | None
    verdict: Literal["better", "worse"] | None
    """From the ratio's `better`; None when it depends on context."""


class RatioSeries(Model):
    id: str
    label: str
    area: str
    office: str
    per: int
    points: list[RatioPoint]


class IndicatorRow(Model):
    id: str
    label: str
    area: str
    better: Literal["up", "down", "context"]
    values: list[int | None]
    """The count in each period of the table (None when not entered)."""


class OfficeTable(Model):
    """One office's counts, indicators by periods, for the Office indicators screen."""

    office: str
    periods: list[str]
    rows: list[IndicatorRow]


def office_table(
    store: ScoringSource, questionnaire: Questionnaire, office: str, lang: str | None = None
) -> OfficeTable:
    """Every indicator of the questionnaire by period, for one office."""
    lang = lang or questionnaire.default_language
    values = store.indicator_values(office)
    periods = sorted({period for period, _ in values})
    rows = [
        IndicatorRow(
            id=i.id,
            label=text_in(i.label, lang, questionnaire.default_language),
            area=i.area,
            better=i.better,
            values=[values.get((p, i.id)) for p in periods],
        )
        for i in questionnaire.indicators
    ]
    return OfficeTable(office=office, periods=periods, rows=rows)


def ratios(
    store: ScoringSource,
    questionnaire: Questionnaire,
    office: str | None = None,
    lang: str | None = None,
) -> list[RatioSeries]:
    """Every ratio of the questionnaire for each office (or one), period by period."""
    lang = lang or questionnaire.default_language
    out = []
    for name in [office] if office else store.offices():
        values = store.indicator_values(name)
        periods = sorted({period for period, _ in values})
        for ratio in questionnaire.ratios:
            out.append(
                RatioSeries(
                    id=ratio.id,
                    label=text_in(ratio.label, lang, questionnaire.default_language),
                    area=ratio.area,
                    office=name,
                    per=ratio.per,
                    points=_series(ratio, periods, values),
                )
            )
    return out


def _series(
    ratio: Ratio, periods: list[str], values: dict[tuple[str, str], int]
) -> list[RatioPoint]:
    points: list[RatioPoint] = []
    previous: float | None = None
    for period in periods:
        numerator = values.get((period, ratio.numerator))
        denominator = values.get((period, ratio.denominator))
        reason = None
        if numerator is None or denominator is None:
            missing = ratio.numerator if numerator is None else ratio.denominator
            reason = f"no count of {missing} for {period}"
        elif denominator == 0:
            reason = f"{ratio.denominator} is 0 in {period}: the ratio is undefined"
        value = None if reason else numerator / denominator * ratio.per  # type: ignore[operator]
        points.append(_point(ratio, period, value, reason, previous))
        previous = value if value is not None else previous
    return points


def _point(
    ratio: Ratio, period: str, value: float | None, reason: str | None, previous: float | None
) -> RatioPoint:
    change = None if value is None or previous is None else value - previous
    direction = None
    verdict = None
    if change is not None:
        direction = "up" if change > 0 else "down" if change < 0 else "flat"
        if ratio.better != "context" and direction != "flat":
            verdict = "better" if direction == ratio.better else "worse"
    return RatioPoint(
        period=period,
        value=None if value is None else round(value, 4),
        display="n/a" if value is None else f"{value:.2f}",
        reason=reason,
        change=None if change is None else round(change, 4),
        direction=direction,
        verdict=verdict,
    )
