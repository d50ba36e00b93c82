"""The one message every answer widget sends, so the interview screen has a single handler.

Widgets never talk to the engine: they say "this question now has this raw value" (and whether
the interviewer meant to move on), and the screen decides, saves and shows any problem.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from fieldsurvey.questionnaire.expressions import Value


class AnswerGiven(Message):
    """`question` was answered with `value` (None clears it) by `widget`."""

    def __init__(self, widget: Widget, question: str, value: Value, *, advance: bool) -> None:
        """Args:
        widget: the answer widget that sent it.
        question: the question id.
        value: the raw answer for the engine to check and store.
        advance: the interviewer asked to go on (a number key, Enter) as well as answer.
        """
        super().__init__()
        self.widget = widget
        self.question = question
        self.value = value
        self.advance = advance

    @property
    def control(self) -> Widget:
        return self.widget


class AdvanceRequested(Message):
    """Go on from `question` without a new answer (Enter on a list, → at the end of a field)."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question


class BackRequested(Message):
    """← pressed where the widget has nowhere further left to go."""


class TypingPaused(Message):
    """The interviewer stopped typing in `widget`: keep `value` as the answer so far.

    Sent a moment after the last key (`answer_input.DRAFT_DELAY`), so a killed terminal keeps
    what was typed before Enter. The screen saves it quietly: text the engine refuses (half a
    date) is not saved and shows no message until the interviewer submits it.
    """

    def __init__(self, widget: Widget, question: str, value: str, typed: str) -> None:
        """Args:
        widget: the field typed in.
        question: the question id it answered when the typing paused.
        value: the raw answer for the engine.
        typed: the field's text then, to tell whether it changed since.
        """
        super().__init__()
        self.widget = widget
        self.question = question
        self.value = value
        self.typed = typed

    @property
    def control(self) -> Widget:
        return self.widget
