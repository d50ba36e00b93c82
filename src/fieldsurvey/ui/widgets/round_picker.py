"""The survey round a screen shows (Scores, Quality): the rounds with data, newest first,
on the one shown; hidden while there are none. Responses without a round are "(no round)"
in the interface language, chosen as `NO_ROUND`."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Select

from fieldsurvey.questionnaire.rounds import NO_ROUND
from fieldsurvey.safetext import terminal_text
from fieldsurvey.ui.widgets.score_rows import round_text


class RoundPicker(Select[str]):
    """A compact list of rounds; `Select.Changed` says which one was picked."""

    def __init__(self, prompt: str, *, id: str) -> None:
        """Args:
        prompt: shown before any round is known.
        id: the widget id.
        """
        super().__init__([], prompt=prompt, compact=True, id=id)

    def show_rounds(self, rounds: Sequence[str | None], chosen: str | None, lang: str) -> None:
        """Offer `rounds` (oldest first, as reports list them) with `chosen` selected."""
        self.display = bool(rounds)
        with self.prevent(Select.Changed):  # showing the round scored is not picking one
            # A round is data (typed on some device): shown as text, never read as markup.
            options = [(Content(terminal_text(round_text(r, lang))), r or NO_ROUND) for r in rounds]
            self.set_options(reversed(options))
            if rounds:
                self.value = chosen or NO_ROUND

    def open(self) -> None:
        self.focus()
        self.expanded = True


def round_title(title: str, rounds: Sequence[str | None], chosen: str | None, lang: str) -> str:
    """A screen's title naming the round it shows ("Scores · 2026-Q3"), once there are any."""
    return f"{title} · {terminal_text(round_text(chosen, lang))}" if rounds else title
