"""The app on a questionnaire with only questions (#15): an interview runs to the end, and
Scores says there is nothing to score instead of drawing empty bars."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TabbedContent
from ui_helpers import MakeApp, answer_focused, run_to_review, screen_text, settle

from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.scores import ScoresScreen


async def test_interview_then_nothing_to_score(
    make: MakeApp, db: SQLiteStore, plain_survey_path: Path
) -> None:
    app = make("zh", questionnaire=load_questionnaire(plain_survey_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "您去过办事处吗？" in screen_text(app)
        for _ in range(3):  # visited, comment: to the read-only office code
            await answer_focused(pilot, persona="worker")
            await settle(pilot)
        shown = screen_text(app)
        assert "办事处代码" in shown and "PP-01" in shown  # its value, no answer widget
        await run_to_review(pilot, persona="worker")
        await pilot.press("f", "y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        assert app.screen.report is not None
        assert app.screen.report.status == "nothing_to_score"
        assert "没有可计算的得分。" in screen_text(app)
        assert not app.screen.query_one(TabbedContent).display
    assert home_counts(db).total == 1
