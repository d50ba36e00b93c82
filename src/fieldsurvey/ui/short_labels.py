"""The questionnaire's short labels (`short:`) for the Scores screen's narrow label columns.

The score report carries full labels only (its JSON is a contract); the screen looks the short
ones up here by the row's key (area id, benefit id, or a breakdown group's value) and shows
one only where the full label would be cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Text
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.breakdowns import dimensions, segment_question
from fieldsurvey.ui.widgets.score_bars import BarRow


@dataclass(frozen=True)
class ShortLabels:
    """Short labels in one language, by what they name."""

    areas: dict[str, str]
    benefits: dict[str, str]
    groups: dict[str, dict[str, str]]
    """Breakdown dimension -> group value -> short label."""


def short_labels(questionnaire: Questionnaire, lang: str) -> ShortLabels:
    def text(short: Text | None) -> str:
        return text_in(short, lang, questionnaire.default_language)

    groups: dict[str, dict[str, str]] = {}
    for dimension in dimensions(questionnaire):
        question = segment_question(questionnaire, dimension)
        if question is None:
            named = [(p.id, p.short) for p in questionnaire.personas]
        else:
            choices = questionnaire.choices_of(question)
            named = [(c.value, c.short) for c in choices.choices] if choices else []
        groups[dimension] = {value: text(short) for value, short in named if short}
    return ShortLabels(
        areas={a.id: text(a.short) for a in questionnaire.areas if a.short},
        benefits={b.id: text(b.short) for b in questionnaire.benefits if b.short},
        groups=groups,
    )


def with_short(rows: list[BarRow], shorts: Mapping[str, str]) -> list[BarRow]:
    """The rows, each with its short label when the questionnaire gives one."""
    return [replace(row, short=shorts[row.key]) if row.key in shorts else row for row in rows]
