"""Self-completion through the app: the interviewer hands the keyboard over, the client answers
alone with no way out but finishing (or the staff key), and the mode is kept with the answers."""

from __future__ import annotations

from textual.pilot import Pilot
from ui_helpers import MakeApp, answer_focused, screen_text, settle

from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.self_completion import (
    STAFF_KEY,
    NoticeScreen,
    SelfCompletionScreen,
)

SELF = "2"
"""The second choice of the mode question: the client answers alone."""


async def hand_over(pilot: Pilot) -> int:
    """Start, consent, worker, scheme, then self-completion; returns the response id."""
    await settle(pilot)
    await pilot.press("n", "1", "enter", "1", "1")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    assert screen.interview.page is not None and screen.interview.page.key == "interview_mode"
    await pilot.press(SELF)
    await settle(pilot)
    return screen.interview.response_id


async def test_the_client_answers_alone_and_the_staff_key_closes_the_thanks(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        response_id = await hand_over(pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert "Your answers are private" in screen_text(app)
        await pilot.press("escape", "x")  # the notice swallows every key but Enter
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SelfCompletionScreen)
        assert screen.interview.page is not None and screen.interview.page.key == "contact_12m"
        assert "Review" not in screen_text(app) and "Leave" not in screen_text(app)
        await pilot.press("escape", "ctrl+r", "ctrl+c", "ctrl+p")  # no way out
        await settle(pilot)
        assert app.screen is screen and app.is_running
        for _ in range(200):
            if isinstance(app.screen, NoticeScreen):
                break
            await answer_focused(pilot, "worker")
        assert "Thank you!" in screen_text(app)
        await pilot.press("enter", "escape", "ctrl+c")  # still the thank-you
        assert isinstance(app.screen, NoticeScreen) and app.is_running
        await pilot.press(STAFF_KEY)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    record = db.get_response(response_id)
    assert record is not None and record.status == "complete"
    answers = db.load_answers(response_id)
    assert answers["interview_mode"] == "self"
    assert "recall_benefits" not in answers  # unprompted recall needs an interviewer
    assert "aware_medical" in answers


async def test_the_staff_key_takes_the_keyboard_back(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await hand_over(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SelfCompletionScreen)
        await pilot.press(STAFF_KEY)
        await settle(pilot)
        screen = app.screen
        assert type(screen) is InterviewScreen  # the interviewer's screen, Leave and all
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
