"""Shown instead of any screen while the terminal is smaller than the layouts are made for.

Every screen is designed for 80x24; below that, text would be cut mid-question. Rather than
render a broken interview, the app covers it with this message and removes it when the
terminal grows again. It is modal, so no key reaches the interview underneath.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldsurvey.ui.i18n import tr

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmallScreen(ModalScreen[None]):
    """ "Please enlarge the terminal", kept up to date with the current size."""

    DEFAULT_CSS: ClassVar[str] = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen #too-small-message {
        width: 1fr;
        height: auto;
        content-align: center middle;
        text-align: center;
        color: $warning;
        text-style: bold;
    }
    """

    def __init__(self, language: str) -> None:
        """Args:
        language: the language of the message (the app's interface language).
        """
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(*self.app.size)

    def show_size(self, width: int, height: int) -> None:
        text = tr(
            "Please enlarge the terminal to at least {w}x{h} (now {cw}x{ch}).",
            self.language,
            w=MIN_WIDTH,
            h=MIN_HEIGHT,
            cw=width,
            ch=height,
        )
        text += "\n\n" + tr(
            "On a small screen, `fieldsurvey ask` interviews line by line.", self.language
        )
        self.query_one("#too-small-message", Static).update(text)


def is_too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT
