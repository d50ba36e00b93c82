"""Flags on single interviews: speeding, straight-lining, contradictions with reverse-coded
items, and item non-response. Each returns, per flagged row, a sentence with its numbers;
vectorised over interviews, looping only over areas and flagged rows.
"""

from __future__ import annotations

import numpy as np

from fieldsurvey.quality.data import QualityData, page_words
from fieldsurvey.quality.report import Flag, Param, Reason, ReasonCode
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Area
from fieldsurvey.questionnaire.thresholds import QualityThresholds
from fieldsurvey.scoring.frame import DK
from fieldsurvey.store.interface import Supervision

RowFlags = dict[int, list[Flag]]
"""Row index -> the flags of that interview."""


def add(found: RowFlags, row: int, flag: Flag) -> None:
    found.setdefault(row, []).append(flag)


def because(code: ReasonCode, **params: Param) -> Reason:
    return Reason(code=code, params=params)


def speeding(
    store: Supervision,
    data: QualityData,
    questionnaire: Questionnaire,
    limits: QualityThresholds,
    found: RowFlags,
) -> None:
    """Faster than reading the questions of its pages at the stated rate, or than a fraction
    of the median duration (of the interviews with paradata).

    Words are counted only for interviews shorter than reading every page of the
    questionnaire would take (no other can be under its floor): a few, not all 20,000."""
    rate, fraction = limits.speeding.words_per_second, limits.speeding.median_fraction
    has = ~np.isnan(data.duration_s)
    if not has.any():
        return
    median = float(np.median(data.duration_s[has]))
    pages = page_words(questionnaire)
    ids = data.survey.response_ids
    candidates = np.flatnonzero(has & (data.duration_s < sum(pages.values()) / rate))
    words = store.words_read([int(ids[row]) for row in candidates], pages)
    slow = has & (data.duration_s < fraction * median)
    for row in sorted({*np.flatnonzero(slow).tolist(), *candidates.tolist()}):
        took, read = float(data.duration_s[row]), words.get(int(ids[row]), 0)
        if took < read / rate:
            reason = because(
                "speeding_reading", took_s=took, words=read, rate=rate, floor_s=read / rate
            )
        elif slow[row]:
            reason = because("speeding_median", took_s=took, fraction=fraction, median_s=median)
        else:
            continue
        add(found, int(row), Flag(kind="speeding", reason=reason))


def straightlining(
    data: QualityData, questionnaire: Questionnaire, limits: QualityThresholds, found: RowFlags
) -> None:
    """An area of at least `min_items` answered items all answered with one value; and a
    respondent agreeing with an area's statements and with their reverse-coded opposites."""
    layout, codes = data.survey.layout, data.survey.codes
    for a, area in enumerate(questionnaire.areas):
        block = codes[:, layout.columns(a)].astype(np.int16)
        answered = block > 0
        count = answered.sum(axis=1)
        high = np.where(answered, block, -1).max(axis=1)
        low = np.where(answered, block, 99).min(axis=1)
        for row in np.flatnonzero((count >= limits.straightlining.min_items) & (high == low)):
            reason = because(
                "straightlining", area=area.id, items=int(count[row]), value=int(high[row])
            )
            add(found, int(row), Flag(kind="straightlining", reason=reason, area=area.id))
        _contradictions(data, a, area, block, limits.straightlining.contradiction_gap, found)


def _contradictions(
    data: QualityData, a: int, area: Area, block: np.ndarray, gap: float, found: RowFlags
) -> None:
    layout = data.survey.layout
    reverse = layout.reverse[layout.columns(a)]
    points = layout.points[layout.columns(a)]
    if not reverse.any() or reverse.all():
        return
    answered = block > 0
    recoded = np.where(reverse, points + 1 - block, block).astype(float)
    plain_n = (answered & ~reverse).sum(axis=1)
    reverse_n = (answered & reverse).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        plain = np.where(answered & ~reverse, recoded, 0).sum(axis=1) / plain_n
        opposite = np.where(answered & reverse, recoded, 0).sum(axis=1) / reverse_n
    apart = (plain_n >= 2) & (reverse_n >= 1) & (np.abs(plain - opposite) >= gap)
    for row in np.flatnonzero(apart):
        reason = because(
            "contradiction",
            area=area.id,
            plain=round(float(plain[row]), 1),
            opposite=round(float(opposite[row]), 1),
        )
        add(found, int(row), Flag(kind="contradiction", reason=reason, area=area.id))


def nonresponse(data: QualityData, limits: QualityThresholds, found: RowFlags) -> None:
    """Items left unanswered or answered don't know, over the threshold, among the items
    with no condition of their own in the areas the interview reached (answered at least one
    item of). Conditions around whole areas (consent, persona) are thus not mistaken for
    non-response."""
    layout, codes = data.survey.layout, data.survey.codes
    reached = np.zeros(codes.shape, dtype=bool)
    for a in range(int(layout.area.max(initial=-1)) + 1):
        columns = layout.columns(a)
        reached[:, columns] = (codes[:, columns] != 0).any(axis=1, keepdims=True)
    asked = reached & layout.asked_all
    missing = (asked & ((codes == 0) | (codes == DK))).sum(axis=1)
    total = asked.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = missing / total
    for row in np.flatnonzero((total > 0) & (share > limits.nonresponse.rate)):
        reason = because(
            "nonresponse",
            missing=int(missing[row]),
            asked=int(total[row]),
            share=float(share[row]),
            rate=limits.nonresponse.rate,
        )
        add(found, int(row), Flag(kind="nonresponse", reason=reason))
