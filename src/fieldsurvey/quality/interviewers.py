"""Interviewer effects: an interviewer whose respondents' area means, or don't-know rate,
differ from everyone else's by more than `z` standard errors (Welch), when both sides have
at least `min_n` interviews. A real difference between offices can cause this too, so it is
a reason to look, with the counts, never a verdict."""

from __future__ import annotations

import numpy as np

from fieldsurvey.quality.data import QualityData
from fieldsurvey.quality.report import EffectKind, InterviewerEffect, Param, Reason
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.thresholds import QualityThresholds
from fieldsurvey.scoring.areas import Scores
from fieldsurvey.scoring.frame import DK


def interviewer_effects(
    data: QualityData, questionnaire: Questionnaire, limits: QualityThresholds
) -> list[InterviewerEffect]:
    names = np.array(["" if i is None else str(i) for i in data.interviewers], dtype=object)
    codes = data.survey.codes
    scores = Scores.of(codes, data.survey.layout, len(questionnaire.areas), np.ones(data.size))
    answered = (codes != 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        dk_rate = (codes == DK).sum(axis=1) / answered * 100
    measures: list[tuple[str | None, EffectKind, np.ndarray]] = [
        (a.id, "area_mean", scores.areas[:, k]) for k, a in enumerate(questionnaire.areas)
    ]
    measures.append((None, "dk_rate", dk_rate))
    found: list[InterviewerEffect] = []
    for name in sorted(set(names)):
        mine = names == name
        for area, kind, values in measures:
            effect = _compare(name, area, kind, values, mine, limits)
            if effect is not None:
                found.append(effect)
    return sorted(found, key=lambda e: -abs(e.z))


def _compare(
    name: str,
    area: str | None,
    kind: EffectKind,
    values: np.ndarray,
    mine: np.ndarray,
    limits: QualityThresholds,
) -> InterviewerEffect | None:
    has = ~np.isnan(values)
    a, b = values[mine & has], values[~mine & has]
    least = limits.interviewer.min_n
    if a.size < least or b.size < least:
        return None
    error = float(np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size))
    difference = float(a.mean() - b.mean())
    if error == 0:
        return None
    z = difference / error
    if abs(z) <= limits.interviewer.z:
        return None
    mean, others = round(float(a.mean()), 2), round(float(b.mean()), 2)
    params: dict[str, Param] = {"value": mean, "n": int(a.size), "others": others}
    params |= {"others_n": int(b.size), "z": round(z, 2), "rule": limits.interviewer.z}
    params |= {"min_n": least} | ({"area": area} if area else {})
    return InterviewerEffect(
        interviewer=name or "(no interviewer)",
        kind=kind,
        area=area,
        n=int(a.size),
        value=mean,
        others_n=int(b.size),
        others=others,
        z=round(z, 2),
        reason=Reason(code=kind, params=params),
    )
