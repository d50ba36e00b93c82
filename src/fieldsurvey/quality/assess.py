"""`assess()`: every data-quality flag of one survey round, from the database and the
questionnaire's thresholds (its `quality:` section, else the defaults)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from fieldsurvey.quality.data import QualityData, load_quality_data
from fieldsurvey.quality.interviewers import interviewer_effects
from fieldsurvey.quality.interviews import (
    RowFlags,
    because,
    nonresponse,
    speeding,
    straightlining,
)
from fieldsurvey.quality.profiles import duplicates
from fieldsurvey.quality.report import (
    Flag,
    FlaggedInterview,
    InterviewerSummary,
    QualityReport,
    Reason,
)
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring.trend import ordered_rounds, pick_round
from fieldsurvey.store.interface import Supervision

KINDS = ("speeding", "straightlining", "contradiction", "duplicate", "nonresponse")


def assess(
    store: Supervision, questionnaire: Questionnaire, round: str | None = None
) -> QualityReport:
    """Flags of the complete interviews of `round` (default: the latest round with data;
    NO_ROUND: those without one). Raises ScoringError for a round in the wrong form or
    without data."""
    everything = load_quality_data(store, questionnaire)
    rounds = ordered_rounds(everything.survey.round, everything.survey.completed_at)
    chosen = pick_round(rounds, round, questionnaire.rounds)
    return _assess_round(store, questionnaire, everything, rounds, chosen)


def assess_rounds(
    store: Supervision,
    questionnaire: Questionnaire,
    everything: QualityData,
    only: Sequence[str | None] | None = None,
) -> list[QualityReport]:
    """Flags of every round with data (or of the rounds in `only` that have data; None in it:
    the interviews without a round) in `everything` (`load_quality_data`, read once: an
    export spans rounds and scores the same answers, the report scores them). Each round is
    judged on its own (its median duration, its interviewers), exactly as `assess` does."""
    rounds = ordered_rounds(everything.survey.round, everything.survey.completed_at)
    wanted = [r for r in rounds if only is None or r in only]
    return [_assess_round(store, questionnaire, everything, rounds, r) for r in wanted]


def _assess_round(
    store: Supervision,
    questionnaire: Questionnaire,
    everything: QualityData,
    rounds: list[str | None],
    chosen: str | None,
) -> QualityReport:
    data = everything.subset(everything.survey.in_round(chosen))
    limits = questionnaire.quality
    found: RowFlags = {}
    speeding(store, data, questionnaire, limits, found)
    straightlining(data, questionnaire, limits, found)
    nonresponse(data, limits, found)
    duplicates(data, questionnaire, limits, found)
    effects = interviewer_effects(data, questionnaire, limits)
    interviews = [_interview(data, row, flags) for row, flags in sorted(found.items())]
    counts: Counter[str] = Counter(kind for i in interviews for kind in {f.kind for f in i.flags})
    return QualityReport(
        questionnaire=questionnaire.id,
        round=chosen,
        rounds=rounds,
        responses=data.size,
        with_paradata=int((~np.isnan(data.duration_s)).sum()),
        unavailable=_unavailable(data),
        counts={kind: counts.get(kind, 0) for kind in KINDS}
        | {"interviewer_effects": len(effects)},
        interviews=interviews,
        interviewers=_summaries(data, interviews),
        effects=effects,
    )


def _interview(data: QualityData, row: int, flags: list[Flag]) -> FlaggedInterview:
    duration = float(data.duration_s[row])
    return FlaggedInterview(
        uuid=str(data.uuids[row]),
        response_id=int(data.survey.response_ids[row]),
        interviewer=data.interviewers[row],
        office=data.offices[row],
        completed_at=str(data.completed_at[row]),
        review_state=str(data.review_states[row]),
        duration_s=None if np.isnan(duration) else round(duration, 1),
        flags=flags,
    )


def _unavailable(data: QualityData) -> list[Reason]:
    """Say which flags paradata would have allowed: the others were computed anyway."""
    missing = int(np.isnan(data.duration_s).sum())
    if not missing:
        return []
    if missing == data.size:
        return [because("no_paradata", count=data.size)]
    return [because("some_without_paradata", missing=missing, count=data.size)]


def _summaries(data: QualityData, interviews: list[FlaggedInterview]) -> list[InterviewerSummary]:
    """Interviews and flagged interviews per interviewer, most flagged first."""
    totals = Counter("" if i is None else str(i) for i in data.interviewers)
    flagged: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for item in interviews:
        name = item.interviewer or ""
        flagged[name] += 1
        kinds.setdefault(name, Counter()).update({f.kind for f in item.flags})
    out = [
        InterviewerSummary(
            interviewer=name or "(no interviewer)",
            interviews=total,
            flagged=flagged[name],
            flags=dict(sorted(kinds.get(name, Counter()).items())),
        )
        for name, total in totals.items()
    ]
    return sorted(out, key=lambda s: (-s.flagged / s.interviews, s.interviewer))
