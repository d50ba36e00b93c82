"""One line of progress: the section, a bar, and "12 of 40".

The total is the number of questions that apply to this respondent (the engine's count), so the
bar does not jump backwards when a branch is skipped. Drawn with block characters in theme
colours, so it reads the same with 16 colours.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Static

from fieldsurvey.ui.formatting import fit, terminal_width

BAR_WIDTH = 24


class ProgressLine(Static):
    """`section ━━━━━━━──── 12 of 40`, updated by the interview screen."""

    DEFAULT_CSS: ClassVar[str] = """
    ProgressLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    """

    def show(self, section: str, answered: int, relevant: int, counter: str) -> None:
        """Args:
        section: the group or area label (shortened to fit).
        answered: questions answered that apply.
        relevant: questions that apply.
        counter: "12 of 40" in the interview language.
        """
        filled = round(BAR_WIDTH * answered / relevant) if relevant else 0
        room = max(0, (self.size.width or 78) - BAR_WIDTH - terminal_width(counter) - 6)
        self.update(
            Content.from_markup(
                "[b]$section[/b] [$success]$filled[/][$text-muted]$empty[/] $counter",
                section=fit(section, room),
                filled="━" * filled,
                empty="─" * (BAR_WIDTH - filled),
                counter=counter,
            )
        )
