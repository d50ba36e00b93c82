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
