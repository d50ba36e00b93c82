"""Helpers for Pilot tests: wait for workers, read the screen as text, answer whole pages."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot

from fieldsurvey.ui.app import FieldSurveyApp
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.review import ReviewScreen
from fieldsurvey.ui.widgets.answer_input import AnswerInput
from fieldsurvey.ui.widgets.choice_list import ChoiceList
from fieldsurvey.ui.widgets.likert import LikertList

MakeApp = Callable[..., FieldSurveyApp]
"""The `make` fixture: builds the app on the test database."""

PERSONA_KEYS = {"worker": "1", "employer": "2", "beneficiary": "3"}
"""The persona question lists the personas in this order."""

TYPED = {"integer": "7", "decimal": "1.5", "date": "2025-03-01", "text": "ok"}


async def settle(pilot: Pilot) -> None:
    """Let messages and workers finish (instead of sleeping)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_new(pilot: Pilot) -> InterviewScreen:
    """From Home, `n`: the new interview's screen, on its first page."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


def screen_text(app: FieldSurveyApp) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


async def answer_focused(pilot: Pilot, persona: str, likert: str = "4") -> None:
    """Answer whatever has focus the way an interviewer would, and go on."""
    app = pilot.app
    widget = app.focused
    if isinstance(widget, LikertList):
        await pilot.press(likert)
    elif isinstance(widget, ChoiceList):
        if widget.question == "persona":
            await pilot.press(PERSONA_KEYS[persona])
        elif widget.mode == "one":
            await pilot.press("1")
        elif widget.mode == "many":
            await pilot.press("1", "right")
        else:  # rank: every key but the last, which is implied
            await pilot.press(*[str(i) for i in range(1, len(widget.items))], "right")
    elif isinstance(widget, AnswerInput):
        # Typing is tested on its own; here the text is set so a whole interview stays quick
        # (each simulated key waits for the app to go idle).
        widget.value = TYPED[widget.kind]
        await pilot.press("enter")
    else:  # a note: nothing to answer
        await pilot.press("enter")


async def run_to_review(pilot: Pilot, persona: str, limit: int = 400) -> int:
    """Answer page after page until the review screen opens; return the keystroke rounds."""
    for step in range(limit):
        if isinstance(pilot.app.screen, ReviewScreen):
            return step
        assert isinstance(pilot.app.screen, InterviewScreen), pilot.app.screen
        await answer_focused(pilot, persona)
    raise AssertionError(f"no review after {limit} answers")
