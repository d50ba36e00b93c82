"""Answers and sections as short text, for the review list and the interview's top lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Area, Group, LikertItem, QuestionLike
from fieldsurvey.ui.cells import spacing_marks_measured

if TYPE_CHECKING:  # the expression parser is not needed to paint Home (bench_startup.py)
    from fieldsurvey.questionnaire.expressions import Value

Translate = Callable[[dict[str, str] | None], str]


def format_answer(
    question: QuestionLike, value: Value, questionnaire: Questionnaire, text: Translate
) -> str:
    """An answer as the respondent would recognise it: choice labels, "4 Agree", the number."""
    if value is None:
        return ""
    if isinstance(question, LikertItem):
        scale = questionnaire.scale_by_id[question.scale]
        off_scale = next((c for c in scale.off_scale if c.value == value), None)
        if off_scale is not None:
            return text(off_scale.label)
        point = next((p for p in scale.points if p.value == value), None)
        return f"{value} {text(point.label)}" if point else str(value)
    choices_id = getattr(question, "choices", None)
    if choices_id is not None:
        labels = {
            c.value: text(c.label) for c in questionnaire.choice_list_by_id[choices_id].choices
        }
        if isinstance(value, list):
            shown = [labels.get(str(v), str(v)) for v in value]
            if question.type == "rank":
                return "  ".join(f"{i}. {label}" for i, label in enumerate(shown, start=1))
            return ", ".join(shown)
        return labels.get(str(value), str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def section_of(questionnaire: Questionnaire) -> dict[str, Group | Area | None]:
    """Question id -> the innermost labelled group or area around it (None at top level)."""
    out: dict[str, Group | Area | None] = {}
    for question, parents in questionnaire.walk():
        labelled = [p for p in parents if p.label]
        out[question.id] = labelled[-1] if labelled else None
    return out


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.category(char) == "Mc" and not spacing_marks_measured():
        return 1
    return cell_len(char)


def terminal_width(text: str) -> int:
    """Cells `text` takes in a terminal: like `cell_len`, with spacing marks (Khmer ា) as one
    cell even if the shim in `cells.py` could not be applied."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def fit(text: str, width: int) -> str:
    """Exactly `width` terminal cells: cut with an ellipsis, or padded with spaces."""
    if width <= 0:
        return ""
    used = terminal_width(text)
    if used <= width:
        return text + " " * (width - used)
    out, used = "", 0
    for char in text:
        if used + _char_width(char) > width - 1:
            break
        out, used = out + char, used + _char_width(char)
    return out + "…" + " " * (width - 1 - used)


def fit_label(label: str, short: str | None, width: int) -> str:
    """`label` in `width` cells, or the questionnaire's short label when the full one would be
    cut (at 80 columns "Pensioner" reads better than "Pensioner or benefit …")."""
    return fit(short if short and terminal_width(label) > width else label, width)


def fit_ends(text: str, width: int) -> str:
    """Exactly `width` cells keeping both ends ("Do you know that… at 60?"): for labels that
    differ only after the cut, like the awareness questions' shared opening."""
    if terminal_width(text) <= width:
        return fit(text, width)
    tail_width = (width - 1) // 2
    tail, used = "", 0
    for char in reversed(text):
        if used + _char_width(char) > tail_width:
            break
        tail, used = char + tail, used + _char_width(char)
    head = fit(text, width - used).rstrip(" ")
    return fit(head + tail, width)


def distinct_labels(texts: list[str], width: int) -> list[str]:
    """Each text fitted to `width`; where two different texts would look the same once cut,
    both keep their ends instead, so every row can be told apart."""
    cut = [fit(text, width) for text in texts]
    seen: dict[str, set[str]] = {}
    for short, text in zip(cut, texts, strict=True):
        seen.setdefault(short, set()).add(text)
    return [
        fit_ends(text, width) if len(seen[short]) > 1 else short
        for short, text in zip(cut, texts, strict=True)
    ]
