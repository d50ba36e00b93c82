"""Breakdown dimensions (persona, each segment), their groups, and protecting small groups.

A dimension is `persona` (the response's persona) or a segment name from the questionnaire
(`segment: geography` on a question); the question id of a segment question works too. A
select_multiple segment puts a respondent in every group they chose.

Small groups are hidden with complementary suppression: when a single non-empty cell of a
dimension is hidden, the smallest shown cell is hidden too, so the hidden one cannot be
worked out by subtracting the shown groups from the totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Calculate, IntegerQuestion, SelectMultiple, SelectOne
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.areas import MIN_N
from fieldsurvey.scoring.catalogue import Reason, ScoringError
from fieldsurvey.scoring.frame import SurveyData

PERSONA = "persona"
SegmentQuestion = SelectOne | SelectMultiple | IntegerQuestion | Calculate


class UnknownDimension(ScoringError):
    """`by` names neither `persona` nor a segment of the questionnaire."""


@dataclass(frozen=True)
class Group:
    value: str
    label: str
    rows: np.ndarray
    """Boolean mask over the scored responses."""


def dimensions(questionnaire: Questionnaire) -> list[str]:
    """Every breakdown the questionnaire allows: persona, then its segments in order."""
    names = [PERSONA]
    for question in questionnaire.segments:
        if question.segment not in names:
            names.append(question.segment or question.id)
    return names


def segment_question(questionnaire: Questionnaire, dimension: str) -> SegmentQuestion | None:
    """The question behind a segment dimension (None for persona); raises if unknown."""
    if dimension == PERSONA:
        return None
    for question in questionnaire.segments:
        if dimension in (question.segment, question.id):
            return question
    known = ", ".join(dimensions(questionnaire))
    raise UnknownDimension(f"unknown breakdown {dimension!r}; choose one of: {known}")


def groups(
    questionnaire: Questionnaire, data: SurveyData, dimension: str, lang: str
) -> list[Group]:
    """The groups of a dimension in questionnaire order, then any other values found."""
    question = segment_question(questionnaire, dimension)
    default = questionnaire.default_language
    if question is None:
        values = data.persona
        known = [(p.id, text_in(p.label, lang, default)) for p in questionnaire.personas]
    else:
        values = data.answers[question.id]
        known = _choices(questionnaire, question, lang)
    members = _Members(values, isinstance(question, SelectMultiple))
    extra = [(v, v) for v in sorted(members.found - {value for value, _ in known})]
    return [Group(value, label, members.rows(value)) for value, label in known + extra]


def protect(counts: Sequence[int], hidden: Sequence[Reason | None] = ()) -> list[Reason | None]:
    """Reasons to hide each cell (None = shown): fewer than MIN_N, or the complement."""
    reasons = list(hidden) or [None] * len(counts)
    reasons = [
        r or (Reason.TOO_FEW if c < MIN_N else None) for r, c in zip(reasons, counts, strict=True)
    ]
    hidden_cells = [i for i, r in enumerate(reasons) if r and counts[i] > 0]
    shown = [i for i, r in enumerate(reasons) if r is None and counts[i] > 0]
    if len(hidden_cells) == 1 and shown:
        reasons[min(shown, key=lambda i: counts[i])] = Reason.COMPLEMENT
    return reasons


def _choices(
    questionnaire: Questionnaire, question: SegmentQuestion, lang: str
) -> list[tuple[str, str]]:
    choice_list = questionnaire.choices_of(question)
    if choice_list is None:
        return []
    choices = choice_list.choices
    return [(c.value, text_in(c.label, lang, questionnaire.default_language)) for c in choices]


class _Members:
    """Who gave each value: one answer per respondent, or a list of them (select_multiple)."""

    def __init__(self, values: np.ndarray, multiple: bool) -> None:
        if multiple:
            self.chosen = [set(map(str, v)) if isinstance(v, list) else set() for v in values]
            self.found: set[str] = set().union(*self.chosen)
        else:
            self.strings = np.array([None if v is None else str(v) for v in values], dtype=object)
            self.found = set(self.strings) - {None}
        self.multiple = multiple

    def rows(self, value: str) -> np.ndarray:
        if self.multiple:
            return np.fromiter(
                (value in c for c in self.chosen), dtype=bool, count=len(self.chosen)
            )
        matches: np.ndarray = self.strings == value
        return matches
