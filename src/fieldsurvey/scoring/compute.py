"""`score()`: from the database and a questionnaire to a `ScoreReport`.

The report covers one survey round (the latest unless asked), compares it with the round
before, and scores only items every questionnaire version in the data shares, so a changed
questionnaire never mixes unlike items into one area score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.rounds import NO_ROUND
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.areas import ALPHA_WARNING, MIN_N
from fieldsurvey.scoring.awareness import awareness, benefit_questions
from fieldsurvey.scoring.breakdowns import groups, segment_question
from fieldsurvey.scoring.catalogue import Reason, ScoringError, WarningCode
from fieldsurvey.scoring.data import load_survey
from fieldsurvey.scoring.frame import SurveyData
from fieldsurvey.scoring.importance import Method, numeric
from fieldsurvey.scoring.report import AreaResult, ReportWarning, ScoreReport
from fieldsurvey.scoring.scorer import Scorer
from fieldsurvey.scoring.trend import ordered_rounds, pick_round, round_trend
from fieldsurvey.store.interface import ScoringSource


def score(
    store: ScoringSource,
    questionnaire: Questionnaire,
    by: str | Sequence[str] | None = None,
    lang: str | None = None,
    weights: str | None = None,
    round: str | None = None,
    importance: Method | None = None,
    office: str | None = None,
    include_rejected: bool = False,
    data: SurveyData | None = None,
) -> ScoreReport:
    """Area scores of the complete responses to `questionnaire`, broken down `by` dimensions.

    `by`: "persona" or segment names (see `breakdowns.dimensions`); `lang`: language of labels
    and messages; `weights`: id of a question holding each respondent's survey weight;
    `round`: the round to score (default: the latest with data; NO_ROUND: responses without
    one); `office`: only this office's responses (default: all); `include_rejected`: score
    responses a reviewer rejected too (left out by default, and counted); `data`: the
    responses already read by `load_survey` with at least `score_questions(...)`, of `office`
    only (for a caller that reads them for more than scores: the report); `importance`:
    "correlation" with
    overall satisfaction or "asked" (most important area); by default correlation when at least
    10 respondents rated overall satisfaction. Raises ScoringError for an unknown breakdown,
    round or weight question, or asked importance the questionnaire does not ask.
    """
    warnings: list[ReportWarning] = []
    lang = _language(questionnaire, lang, warnings)
    if not questionnaire.areas:
        return _empty(questionnaire, lang, warnings, WarningCode.NOTHING_TO_SCORE)
    dimensions = [by] if isinstance(by, str) else list(by or ())
    questions = score_questions(questionnaire, dimensions, weights, importance)
    if data is None:
        data = load_survey(store, questionnaire, questions, office)
    data, w = _weighted(data, weights, warnings)
    rounds = ordered_rounds(data.round, data.completed_at)
    chosen = pick_round(rounds, round, questionnaire.rounds)
    rejected = int((data.in_round(chosen) & data.rejected).sum())
    if not include_rejected and data.rejected.any():
        data, w = data.subset(~data.rejected), w[~data.rejected]
    rows = data.in_round(chosen)
    if not rows.any():
        return _empty(questionnaire, lang, warnings, WarningCode.NO_DATA, rejected)
    current, left_out = data.subset(rows).shared_items()
    warnings += _version_warning(current, left_out)
    method, answers = _importance(questionnaire, current, importance)
    scorer = Scorer.of(questionnaire, current, w[rows], lang, method, answers)
    everyone = np.ones(current.size, dtype=bool)
    areas, cuts = scorer.results(scorer.stats(everyone, items=True), everyone, None)
    breakdowns = {
        d: scorer.breakdown(d, groups(questionnaire, current, d, lang)) for d in dimensions
    }
    return ScoreReport(
        questionnaire=questionnaire.id,
        title=text_in(questionnaire.title, lang, questionnaire.default_language),
        language=lang,
        status="ok",
        responses=current.size,
        versions=sorted(set(current.version)),
        round=chosen,
        rounds=rounds,
        rejected=rejected,
        include_rejected=include_rejected,
        importance_method=method,
        cuts=cuts,
        areas=areas,
        groups={d: results for d, (results, _) in breakdowns.items()},
        equity_gaps=sorted(
            (gap for _, gaps in breakdowns.values() for gap in gaps),
            key=lambda g: (not g.significant, g.gap),
        ),
        trend=round_trend(scorer, data, w, rounds, chosen),
        awareness=awareness(questionnaire, current.answers, w[rows], lang),
        warnings=warnings
        + _area_warnings(areas)
        + _round_warning(rounds, chosen)
        + _rejected_warning(rejected, include_rejected),
    )


def score_questions(
    questionnaire: Questionnaire,
    dimensions: Sequence[str],
    weights: str | None = None,
    importance: Method | None = None,
) -> list[str]:
    """The questions to load besides the items; raises ScoringError for what cannot be."""
    segments = [segment_question(questionnaire, d) for d in dimensions]
    if weights is not None and weights not in questionnaire.questions:
        raise ScoringError(f"unknown weight question {weights!r}")
    refs = questionnaire.scoring
    asked = refs.most_important_area if refs else None
    if importance == "asked" and asked is None:
        raise ScoringError("the questionnaire asks no most-important-area question")
    found = [q for q in (refs and refs.overall, asked, weights) if q]
    found += benefit_questions(questionnaire) + [q.id for q in segments if q]
    return list(dict.fromkeys(found))


def _language(questionnaire: Questionnaire, lang: str | None, warnings: list[ReportWarning]) -> str:
    default = questionnaire.default_language
    if lang is None or lang in questionnaire.languages:
        return lang or default
    warnings.append(ReportWarning.of(WarningCode.UNKNOWN_LANGUAGE, lang=lang, default=default))
    return default


def _importance(
    questionnaire: Questionnaire, data: SurveyData, wanted: Method | None
) -> tuple[Method | None, np.ndarray | None]:
    """The importance measure and the answers it reads (floats for the correlation)."""
    refs = questionnaire.scoring
    if refs is None:
        return None, None
    overall = numeric(data.answers[refs.overall])
    asked = data.answers[refs.most_important_area] if refs.most_important_area else None
    enough = int(np.isfinite(overall).sum()) >= MIN_N
    if wanted == "correlation" or asked is None or (wanted is None and enough):
        return "correlation", overall
    return "asked", asked


def _weighted(
    data: SurveyData, question: str | None, warnings: list[ReportWarning]
) -> tuple[SurveyData, np.ndarray]:
    """Each response's weight (1 without a weight question); unusable weights are left out."""
    if question is None:
        return data, np.ones(data.size)
    w = numeric(data.answers[question])
    usable = np.isfinite(w) & (w > 0)
    if not usable.all():
        count = int((~usable).sum())
        warnings.append(ReportWarning.of(WarningCode.NO_WEIGHT, count=count, question=question))
    return data.subset(usable), w[usable]


def _version_warning(data: SurveyData, left_out: list[str]) -> list[ReportWarning]:
    if not left_out:
        return []
    versions = sorted(set(data.version))
    return [ReportWarning.of(WarningCode.VERSIONS, versions=versions, items=left_out)]


def _area_warnings(areas: list[AreaResult]) -> list[ReportWarning]:
    found = [
        ReportWarning.of(
            WarningCode.LOW_ALPHA,
            area=a.label,
            area_id=a.id,
            alpha=a.alpha,
            threshold=ALPHA_WARNING,
        )
        for a in areas
        if a.alpha is not None and a.alpha < ALPHA_WARNING
    ]
    shown = [a for a in areas if a.score is not None]
    if shown and all(a.importance is None for a in shown):
        found.append(ReportWarning.of(WarningCode.NO_IMPORTANCE))
    return found


def _round_warning(rounds: list[str | None], chosen: str | None) -> list[ReportWarning]:
    if len(rounds) < 2:
        return []
    names = [r or NO_ROUND for r in rounds]
    return [ReportWarning.of(WarningCode.ROUND, round=chosen or NO_ROUND, rounds=names)]


def _rejected_warning(rejected: int, included: bool) -> list[ReportWarning]:
    if not rejected:
        return []
    code = WarningCode.REJECTED_INCLUDED if included else WarningCode.REJECTED
    return [ReportWarning.of(code, count=rejected)]


EMPTY_STATUS: dict[WarningCode, Literal["no_data", "nothing_to_score"]] = {
    WarningCode.NO_DATA: "no_data",
    WarningCode.NOTHING_TO_SCORE: "nothing_to_score",
}


def _empty(
    questionnaire: Questionnaire,
    lang: str,
    warnings: list[ReportWarning],
    code: WarningCode,
    rejected: int = 0,
) -> ScoreReport:
    """A report with no number in it: no responses yet (NO_DATA), or a questionnaire without
    areas of Likert items, e.g. an ordinary XLSForm (NOTHING_TO_SCORE)."""
    warnings.insert(0, ReportWarning.of(code, questionnaire=questionnaire.id))
    warnings += _rejected_warning(rejected, included=False)
    default = questionnaire.default_language
    areas = [
        AreaResult(
            id=area.id,
            label=text_in(area.label, lang, default),
            status="suppressed",
            reason=Reason.NO_DATA,
        )
        for area in questionnaire.areas
    ]
    return ScoreReport(
        questionnaire=questionnaire.id,
        title=text_in(questionnaire.title, lang, default),
        language=lang,
        status=EMPTY_STATUS[code],
        responses=0,
        versions=[],
        round=None,
        rounds=[],
        rejected=rejected,
        include_rejected=False,
        importance_method=None,
        cuts=None,
        areas=areas,
        groups={},
        equity_gaps=[],
        trend=None,
        awareness=[],
        warnings=warnings,
    )
