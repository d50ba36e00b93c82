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
"""The bar's cells at 80 columns; a wider terminal gives it half of every extra column."""
MAX_BAR_WIDTH = 60


def bar_width(width: int) -> int:
    """24 cells at 80 columns, 44 at 120, at most 60."""
    return min(MAX_BAR_WIDTH, BAR_WIDTH + max(0, width - 80) // 2)


class ProgressLine(Static):
    """`section ━━━━━━━──── 12 of 40`, updated by the interview screen."""

    DEFAULT_CSS: ClassVar[str] = """
    ProgressLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    """

    shown: tuple[str, int, int, str] | None = None
    """What `show` was last given, to draw it again at a new width."""

    def show(self, section: str, answered: int, relevant: int, counter: str) -> None:
        """Args:
        section: the group or area label (shortened to fit).
        answered: questions answered that apply.
        relevant: questions that apply.
        counter: "12 of 40" in the interview language.
        """
        self.shown = (section, answered, relevant, counter)
        width = self.size.width or 78
        bar = bar_width(width + 2)  # the line's padding: 80 columns give a 78-cell line
        filled = round(bar * answered / relevant) if relevant else 0
        room = max(0, width - bar - terminal_width(counter) - 6)
        self.update(
            Content.from_markup(
                "[b]$section[/b] [$success]$filled[/][$text-muted]$empty[/] $counter",
                section=fit(section, room),
                filled="━" * filled,
                empty="─" * (bar - filled),
                counter=counter,
            )
        )

    def on_resize(self) -> None:
        if self.shown is not None:
            self.show(*self.shown)
