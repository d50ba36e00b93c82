"""One question on screen: its label, hint, the widget that answers it, and its message.

The widget is picked by question type. A view can be re-pointed at another question of the same
shape (`shape_of`): the interview screen does that from one Likert item to the next instead of
mounting new widgets, which keeps styling and focus untouched and the next question instant.
Texts come in already translated, so this module needs no engine and no language logic.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import (
    LikertItem,
    LikertScale,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)
from fieldsurvey.questionnaire.ranges import rating_range
from fieldsurvey.ui.i18n import N_, tr
from fieldsurvey.ui.widgets.answer_input import AnswerInput
from fieldsurvey.ui.widgets.choice_list import ChoiceItem, ChoiceList, Mode, numbered
from fieldsurvey.ui.widgets.likert import LikertList
from fieldsurvey.ui.widgets.rating import RatingList

Translate = Callable[[dict[str, str] | None], str]
"""A questionnaire text -> the string in the interview language (Interview.text)."""

MODES: dict[str, Mode] = {"select_one": "one", "select_multiple": "many", "rank": "rank"}


def shape_of(question: QuestionLike) -> Hashable:
    """Questions of one shape are answered by the same kind of widget with the same options."""
    if getattr(question, "read_only", False):
        return ("read_only",)
    if isinstance(question, LikertItem):
        return ("likert", question.scale)
    if isinstance(question, SelectOne | SelectMultiple | Rank):
        return ("choice", question.type, question.choices)
    if isinstance(question, TextQuestion):
        return ("text", question.max_length)
    if (bounds := rating_range(question)) is not None:
        return ("rating", *bounds)
    return (question.type,)


class QuestionView(Vertical):
    """Label, hint, answer widget, message line and a one-line reminder of the keys."""

    DEFAULT_CSS: ClassVar[str] = """
    QuestionView {
        height: auto;
        margin-bottom: 1;
    }
    QuestionView .question-label {
        text-style: bold;
        width: 1fr;
    }
    QuestionView .question-hint {
        color: $text-muted;
        width: 1fr;
    }
    QuestionView .question-error {
        color: $error;
        text-style: bold;
        width: 1fr;
        display: none;
    }
    QuestionView .question-error.-shown {
        display: block;
    }
    QuestionView .question-keys {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        question: QuestionLike,
        questionnaire: Questionnaire,
        text: Translate,
        language: str,
        value: Value,
        *,
        required: bool,
        typed: str | None = None,
    ) -> None:
        """Args:
        question: what to show.
        questionnaire: for choice lists and scales.
        text: translates questionnaire texts into the interview language.
        language: the interview language (for the app's own words).
        value: the stored answer, or None.
        required: marks the label with an asterisk.
        typed: text typed but not saved, to show instead of the stored answer.
        """
        super().__init__(classes="question-view")
        self.question = question
        self.questionnaire = questionnaire
        self.text = text
        self.language = language
        self.required = required
        self.value = value
        self.shape = shape_of(question)
        self.shown: dict[int, str] = {}
        """What each text widget shows now, by widget id()."""
        self.label = Static(classes="question-label")
        self.hint = Static(classes="question-hint")
        self.error = Label("", classes="question-error")
        self.keys = Label("", classes="question-keys")
        self.answer: Widget | None = self.make_answer_widget(value)
        """The focusable widget that answers this question (None for a note)."""
        if isinstance(self.answer, AnswerInput) and typed is not None:
            self.answer.value = typed
        self.show_texts()

    def compose(self) -> ComposeResult:
        yield self.label
        yield self.hint
        if self.answer is not None:
            yield self.answer
        yield self.error
        yield self.keys

    # ----- texts ------------------------------------------------------------------------------

    def show_texts(self) -> None:
        """Update the texts; unchanged ones are left alone (each update costs a repaint)."""
        question = self.question
        mark = " *" if self.required else ""
        self._set(self.label, self.text(getattr(question, "label", None)) + mark)
        hint = self.text(getattr(question, "hint", None))
        if self.shape == ("read_only",):  # its value in place of an answer widget
            hint = "\n".join(part for part in (hint, as_text(self.value)) if part)
        self._set(self.hint, hint)
        if self.hint.display != bool(hint):
            self.hint.display = bool(hint)
        self._set(self.keys, self.keys_help())

    def _set(self, widget: Static, text: str) -> None:
        if self.shown.get(id(widget)) != text:
            self.shown[id(widget)] = text
            widget.update(Content(text))

    def keys_help(self) -> str:
        question, language = self.question, self.language
        if isinstance(question, LikertItem):
            return likert_keys_help(self.questionnaire.scale_by_id[question.scale], language)
        if (bounds := rating_range(question)) is not None:
            low, high = bounds
            if high == 10:
                return tr("Press {low}-9, or t for 10", language, low=low)
            return tr("Press {low}-{high}", language, low=low, high=high)
        if isinstance(question, Note) or self.shape == ("read_only",):
            return tr("Enter to continue", language)
        key = {
            "select_one": N_("Press a number or ↑↓ and Enter"),
            "select_multiple": N_("Space or a number toggles; Enter goes on"),
            "rank": N_("Rank every option: space or a number adds the next; again removes it"),
            "date": N_("Date as YYYY-MM-DD, then Enter"),
        }.get(question.type, N_("Type the answer, then Enter"))
        return tr(key, language)

    # ----- the answer widget --------------------------------------------------------------------

    def make_answer_widget(self, value: Value) -> Widget | None:
        question = self.question
        if self.shape == ("read_only",):
            return None  # shown, never answered: its value is in the hint line
        if isinstance(question, LikertItem):
            scale = self.questionnaire.scale_by_id[question.scale]
            labels = [self.text(point.label) for point in scale.points]
            na_label = self.text(scale.na.label) if scale.na is not None else None
            dk_label = self.text(scale.dk.label)
            return LikertList(question.id, scale, labels, dk_label, value, na_label=na_label)
        if isinstance(question, SelectOne | SelectMultiple | Rank):
            return ChoiceList(question.id, self.choice_items(), MODES[question.type], value)
        if (bounds := rating_range(question)) is not None:
            return RatingList(question.id, *bounds, value)
        if question.type in ("integer", "decimal", "date", "text"):
            limit = question.max_length if isinstance(question, TextQuestion) else 0
            return AnswerInput(
                question.id,
                question.type,
                as_text(value),
                placeholder="YYYY-MM-DD" if question.type == "date" else "",
                max_length=limit,
            )
        return None

    def choice_items(self) -> list[ChoiceItem]:
        list_id: str = self.question.choices  # type: ignore[union-attr]
        choices = self.questionnaire.choice_list_by_id[list_id].choices
        return numbered([(choice.value, self.text(choice.label)) for choice in choices])

    def show_question(self, question: QuestionLike, value: Value, *, required: bool) -> None:
        """Show another question of the same shape in this view, without new widgets."""
        assert shape_of(question) == self.shape
        self.question, self.required, self.value = question, required, value
        self.show_texts()
        self.show_problem(None)
        answer = self.answer
        if isinstance(answer, ChoiceList):
            answer.show_question(question.id, value)
        elif isinstance(answer, AnswerInput):
            answer.show_question(question.id, as_text(value))

    def show_problem(self, message: str | None) -> None:
        self._set(self.error, message or "")
        self.error.set_class(bool(message), "-shown")


def likert_keys_help(scale: LikertScale, language: str) -> str:
    """The keys of a scale (points 1..k, checked at load): 1-k and 0 for don't know, and t
    for the tenth point of a ten-point scale."""
    if scale.size >= 10:
        return tr("Press 1-9, t for 10, or 0 for don't know", language)
    return tr("Press 1-{k}, or 0 for don't know", language, k=scale.size)


def as_text(value: Value) -> str:
    """A stored answer as it is typed ("" when unanswered)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
