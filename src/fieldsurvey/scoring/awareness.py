"""Awareness of each benefit (seed 002): the share who say they know it, with a Wilson interval.

The denominator is everyone who answered the awareness question; "don't know" counts as not
aware (not knowing whether one knows a benefit is not knowing it) and is also reported apart.
"""

from __future__ import annotations

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Benefit
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.areas import classify
from fieldsurvey.scoring.messages import choose_messages
from fieldsurvey.scoring.report import AwarenessResult, rounded_pair
from fieldsurvey.scoring.stats import kish_n_eff, wilson_interval


def awareness(
    questionnaire: Questionnaire, answers: dict[str, np.ndarray], weights: np.ndarray, lang: str
) -> list[AwarenessResult]:
    """One result per benefit of the questionnaire, in its order."""
    dk_values = {scale.dk.value for scale in questionnaire.scales}
    return [
        _benefit(questionnaire, benefit, answers[benefit.question], weights, dk_values, lang)
        for benefit in questionnaire.benefits
    ]


def benefit_questions(questionnaire: Questionnaire) -> list[str]:
    return [benefit.question for benefit in questionnaire.benefits]


def _benefit(
    questionnaire: Questionnaire,
    benefit: Benefit,
    values: np.ndarray,
    weights: np.ndarray,
    dk_values: set[str],
    lang: str,
) -> AwarenessResult:
    answered = values != None  # noqa: E711 (elementwise on an object array)
    w = weights[answered]
    n = int(answered.sum())
    rate = dk = ci = None
    if n:
        total = float(w.sum())
        given = values[answered]
        rate = float(w[given == benefit.yes].sum()) / total
        dk = sum(float(w[given == value].sum()) for value in dk_values) / total
        ci = wilson_interval(rate * kish_n_eff(w), kish_n_eff(w))
    half_width = None if ci is None else (ci[1] - ci[0]) * 50
    status, reason = classify(n, half_width, seen=n)
    shown = status != "suppressed"
    percent = round(rate * 100, 1) if shown and rate is not None else None
    return AwarenessResult(
        id=benefit.id,
        label=text_in(benefit.label, lang, questionnaire.default_language),
        n=n if shown else None,
        rate=percent,
        ci=rounded_pair(ci, scale=100) if shown else None,
        dk_rate=round(dk * 100, 1) if shown and dk is not None else None,
        status=status,
        reason=reason,
        messages=choose_messages(questionnaire, benefit=benefit.id, score=percent, lang=lang)
        if status == "ok" and percent is not None
        else [],
    )
