"""Typed answers (integer, decimal, date, text) in an `Input` that fits the interview keys.

Enter saves and goes on. ← at the very start of the field and → at its very end leave the
field like they leave any other page, so the arrows mean "back" and "next" everywhere without
taking cursor movement away from the interviewer inside the text. A pause in typing
(`DRAFT_DELAY`) sends the text as the answer so far, so a killed terminal loses at most the
last few keys, not the whole sentence.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Input

from fieldsurvey.ui.widgets.answers import (
    AdvanceRequested,
    AnswerGiven,
    BackRequested,
    TypingPaused,
)

Kind = Literal["integer", "decimal", "date", "text"]

_RESTRICT = {
    "integer": r"[-+]?[0-9]*",
    "decimal": r"[-+]?[0-9]*[.,]?[0-9]*",
    "date": r"[0-9-]*",
    "text": None,
}
"""What can be typed at all: obvious slips are stopped at the key, the engine checks the rest."""

DRAFT_DELAY = 0.4
"""Seconds without a key before the typed text is saved as a draft answer: long enough not to
write on every key of a fast typist, short enough that a killed terminal loses little."""


class AnswerInput(Input):
    """An `Input` that posts `AnswerGiven` on Enter and on leaving the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer: at the edges of the text, the arrows go back and on.
        Binding("left", "cursor_left", "Back", key_display="←", id="answer_input.back"),
        Binding("right", "cursor_right", "Next", key_display="→", id="answer_input.next"),
    ]

    def __init__(
        self,
        question: str,
        kind: Kind,
        value: str,
        *,
        placeholder: str = "",
        max_length: int = 0,
        id: str | None = None,
    ) -> None:
        """Args:
        question: the question id this field answers.
        kind: what is typed; it restricts the keys and shapes the value sent.
        value: the stored answer as text ("" when unanswered).
        placeholder: shown while empty (e.g. YYYY-MM-DD).
        max_length: the longest text accepted (0 = no limit).
        id: the widget id.
        """
        super().__init__(
            value,
            placeholder=placeholder,
            restrict=_RESTRICT[kind],
            max_length=max_length,
            id=id,
            select_on_focus=False,
        )
        self.question = question
        self.kind: Kind = kind
        self.saved_text = value
        """The text last sent, so leaving an unchanged field does not write again."""
        self._pause: Timer | None = None

    def show_question(self, question: str, value: str) -> None:
        """Answer another question of the same kind (the view is reused)."""
        self.question = question
        self.saved_text = value
        self.value = value
        self.cursor_position = len(value)

    def raw_value(self) -> str:
        text = self.value.strip()
        return text.replace(",", ".") if self.kind == "decimal" else text

    def send(self, *, advance: bool) -> None:
        self.saved_text = self.value
        self.post_message(AnswerGiven(self, self.question, self.raw_value(), advance=advance))

    @property
    def dirty(self) -> bool:
        return self.value != self.saved_text

    @on(Input.Changed)
    def wait_for_a_pause(self, event: Input.Changed) -> None:
        """Restart the wait on every key; `keep_typed` runs once the typing pauses."""
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(DRAFT_DELAY, self.keep_typed) if self.dirty else None

    def keep_typed(self) -> None:
        self._pause = None
        if self.dirty:  # Enter or leaving may have sent it meanwhile
            self.post_message(TypingPaused(self, self.question, self.raw_value(), self.value))

    @on(Input.Submitted)
    def send_on_enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.send(advance=True)

    def on_blur(self) -> None:
        if self.dirty:
            self.send(advance=False)

    def action_cursor_left(self, select: bool = False) -> None:
        if not select and self.cursor_position == 0 and self.selection.is_empty:
            self.post_message(BackRequested())
            return
        super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.selection.is_empty:
            if self.dirty:
                self.send(advance=True)
            else:
                self.post_message(AdvanceRequested(self.question))
            return
        super().action_cursor_right(select)
