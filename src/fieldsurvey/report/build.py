"""What the report shows, gathered from scoring and the store (no drawing, no HTML here).

Every number comes from scoring's own functions, already rounded and already suppressed: the
report never sees a value that a small group would make unsafe to show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from fieldsurvey.dataout.files import DataOutError
from fieldsurvey.dataout.table import DataStore
from fieldsurvey.quality import KINDS, QualityData, assess_rounds, load_quality_data
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring import ScoringError, score
from fieldsurvey.scoring.awareness import awareness, benefit_questions
from fieldsurvey.scoring.compute import score_questions
from fieldsurvey.scoring.frame import SurveyData
from fieldsurvey.scoring.ratios import RatioSeries, ratios
from fieldsurvey.scoring.report import AwarenessResult, EquityGap, ScoreReport
from fieldsurvey.store.dataout import Selection

MAX_GAPS = 16
"""Equity gaps drawn: the significant ones first, then the largest."""


@dataclass(frozen=True)
class ReportContent:
    report: ScoreReport
    awareness: dict[str, list[AwarenessResult]]
    """Per client type (its label in the report's language), in questionnaire order."""
    ratios: list[RatioSeries]
    counts: dict[str, int]
    """Interviews by status and `conflicts`; complete ones by review state (`status_counts`)."""
    flags: dict[str, int]
    """Flagged interviews (`flagged`) and those with each flag kind, in the report's round and
    office (empty without data)."""
    personas: dict[str, str]
    """Client type id -> its label in the report's language."""
    office: str | None
    made_at: str
    lang: str


def gather(
    store: DataStore,
    questionnaire: Questionnaire,
    round: str | None = None,
    office: str | None = None,
    lang: str | None = None,
) -> ReportContent:
    """The report's content; DataOutError for a round or office without responses."""
    lang = lang or questionnaire.default_language
    if lang not in questionnaire.languages:
        known = ", ".join(questionnaire.languages)
        raise DataOutError(f"--lang {lang}: the questionnaire speaks {known}")
    everyone = Selection(questionnaire.id)
    in_office = Selection(questionnaire.id, office=office)
    if office is not None and store.count_responses(in_office) == 0:
        known = ", ".join(store.values_present(everyone, "office")) or "none"
        raise DataOutError(f"--office {office}: no responses (with data: {known})")
    dimensions = ["persona", *(q.segment for q in questionnaire.segments if q.segment)]
    everything = load_quality_data(store, questionnaire, score_questions(questionnaire, dimensions))
    survey = everything.survey
    mine = survey if office is None else survey.subset(everything.offices == office)
    try:
        report = score(store, questionnaire, by=dimensions, lang=lang, round=round,
                       office=office, data=mine)  # fmt: skip
    except ScoringError as exc:
        raise DataOutError(f"--round {round}: {exc}") from exc
    return ReportContent(
        report=report,
        awareness=_awareness(questionnaire, report, mine, lang),
        ratios=ratios(store, questionnaire, office=office, lang=lang),
        counts=store.status_counts(Selection(questionnaire.id, round=report.round, office=office)),
        flags=_flags(store, questionnaire, everything, report, office),
        personas={
            p.id: text_in(p.label, lang, questionnaire.default_language)
            for p in questionnaire.personas
        },
        office=office,
        made_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        lang=lang,
    )


def _awareness(
    questionnaire: Questionnaire, report: ScoreReport, data: SurveyData, lang: str
) -> dict[str, list[AwarenessResult]]:
    """Benefit awareness of each client type among the responses scored (the report's round,
    office, rejected ones left out), by scoring's `awareness` (seed 002)."""
    if not questionnaire.benefits or report.status != "ok":
        return {}
    scored = data.in_round(report.round) & ~data.rejected
    out = {}
    for choice in questionnaire.personas:
        rows = scored & (data.persona == choice.id)
        label = text_in(choice.label, lang, questionnaire.default_language)
        subset = {q: data.answers[q][rows] for q in benefit_questions(questionnaire)}
        out[label] = awareness(questionnaire, subset, np.ones(int(rows.sum())), lang)
    return out


def _flags(
    store: DataStore,
    questionnaire: Questionnaire,
    everything: QualityData,
    report: ScoreReport,
    office: str | None,
) -> dict[str, int]:
    """The report round's quality flags by `fieldsurvey.quality` (judged on the whole round,
    as `fieldsurvey quality` shows them, from the read the scores came from), counted for the
    office."""
    if report.status != "ok":
        return {}
    found = assess_rounds(store, questionnaire, everything, [report.round])
    mine = [i for r in found for i in r.interviews if office is None or i.office == office]
    kinds: Counter[str] = Counter(kind for i in mine for kind in {f.kind for f in i.flags})
    return {"flagged": len(mine)} | {kind: kinds.get(kind, 0) for kind in KINDS}


def top_gaps(report: ScoreReport) -> list[EquityGap]:
    """The gaps worth drawing: significant first (as scoring orders them), at most MAX_GAPS."""
    return [gap for gap in report.equity_gaps if gap.ci is not None][:MAX_GAPS]
