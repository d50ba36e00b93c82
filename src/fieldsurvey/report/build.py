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
from fieldsurvey.quality import KINDS, assess
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.rounds import NO_ROUND
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring import ScoringError, score
from fieldsurvey.scoring.awareness import awareness, benefit_questions
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
    try:
        report = score(store, questionnaire, by=dimensions, lang=lang, round=round, office=office)
    except ScoringError as exc:
        raise DataOutError(f"--round {round}: {exc}") from exc
    return ReportContent(
        report=report,
        awareness=_awareness(store, questionnaire, report, office, lang),
        ratios=ratios(store, questionnaire, office=office, lang=lang),
        counts=store.status_counts(Selection(questionnaire.id, round=report.round, office=office)),
        flags=_flags(store, questionnaire, report, office),
        personas={
            p.id: text_in(p.label, lang, questionnaire.default_language)
            for p in questionnaire.personas
        },
        office=office,
        made_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        lang=lang,
    )


def _awareness(
    store: DataStore,
    questionnaire: Questionnaire,
    report: ScoreReport,
    office: str | None,
    lang: str,
) -> dict[str, list[AwarenessResult]]:
    """Benefit awareness of each client type in the report's round (seed 002), by scoring's
    `awareness` over just the awareness answers (a second full scoring read cost a third of
    the report's time)."""
    if not questionnaire.benefits or report.status != "ok":
        return {}
    selection = Selection(questionnaire.id, round=report.round, office=office)
    personas, found = store.answer_columns(selection, benefit_questions(questionnaire))
    persona = np.array(personas, dtype=object)
    answers = {q: np.array(values, dtype=object) for q, values in found.items()}
    out = {}
    for choice in questionnaire.personas:
        rows = persona == choice.id
        label = text_in(choice.label, lang, questionnaire.default_language)
        subset = {q: values[rows] for q, values in answers.items()}
        out[label] = awareness(questionnaire, subset, np.ones(int(rows.sum())), lang)
    return out


def _flags(
    store: DataStore, questionnaire: Questionnaire, report: ScoreReport, office: str | None
) -> dict[str, int]:
    """The report round's quality flags by `fieldsurvey.quality` (judged on the whole round,
    as `fieldsurvey quality` shows them), counted for the office."""
    if report.status != "ok":
        return {}
    found = assess(store, questionnaire, NO_ROUND if report.round is None else report.round)
    mine = [i for i in found.interviews if office is None or i.office == office]
    kinds: Counter[str] = Counter(kind for i in mine for kind in {f.kind for f in i.flags})
    return {"flagged": len(mine)} | {kind: kinds.get(kind, 0) for kind in KINDS}


def top_gaps(report: ScoreReport) -> list[EquityGap]:
    """The gaps worth drawing: significant first (as scoring orders them), at most MAX_GAPS."""
    return [gap for gap in report.equity_gaps if gap.ci is not None][:MAX_GAPS]
