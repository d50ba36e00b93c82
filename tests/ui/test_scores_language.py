"""The Scores screen follows a language chosen in Settings while it stays open underneath.

Settings opened from the command palette is pushed over Scores; when it is saved and closed,
Scores is shown again and must speak the new language: its own words at once, and the area,
group and message texts (resolved when a report is computed) once the report is recomputed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from textual.pilot import Pilot
from textual.widgets import Select, Static, TabbedContent
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.scoring import dimensions
from fieldsurvey.store.db import open_database, set_setting
from fieldsurvey.ui.i18n import tr
from fieldsurvey.ui.screens.scores import ScoresScreen
from fieldsurvey.ui.screens.settings import SettingsScreen

SIZE = (80, 24)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Complete interviews in one round, made once for this module."""
    path = tmp_path_factory.mktemp("scores-language") / "demo.db"
    database = open_database(path)
    set_setting(database, "round", "2026-Q3")
    make_demo_responses(database, load_questionnaire(bundled_questionnaire_path()), 120, seed=12)
    database.conn.close()
    return path


@pytest.fixture
def db(db_path: Path, demo_template: Path) -> Iterator[sqlite_utils.Database]:
    """The test database, a copy of the demo responses."""
    shutil.copy(demo_template, db_path)
    database = open_database(db_path)
    yield database
    database.conn.close()


async def open_scores(pilot: Pilot) -> ScoresScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoresScreen)
    return screen


async def choose_language_in_settings(pilot: Pilot, questionnaire: Questionnaire) -> None:
    """Open Settings from the palette, pick Chinese from the language list, save."""
    await pilot.press("ctrl+p", *"Settings")
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    await pilot.press("tab", "tab", "tab")  # interviewer, office, round, then the language
    assert pilot.app.focused is pilot.app.screen.query_one("#settings-language")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*["down"] * questionnaire.languages.index("zh"), "enter")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_scores_speak_the_language_chosen_in_settings(
    make: MakeApp, bundled: Questionnaire
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        area = bundled.areas[0]
        text = screen_text(app)
        assert "1 Areas" in text and area.label["en"] in text

        await choose_language_in_settings(pilot, bundled)
        assert app.screen is screen  # the same screen, shown again
        assert screen.report is not None and screen.report.language == "zh"
        text = screen_text(app)
        assert f"1 {tr('scores.tab.areas', 'zh')}" in text and "1 Areas" not in text
        assert area.label["zh"] in text and area.label["en"] not in text
        assert tr("scores.title", "zh") in text
        title = str(screen.query_one("#scores-messages-title", Static).content)
        assert title == tr("scores.messages_for", "zh", area=area.label["zh"]) + (
            f" · {tr(f'scores.quadrant.{screen.report.areas[0].quadrant}', 'zh')}"
            if screen.report.areas[0].quadrant
            else ""
        )
        messages = str(screen.query_one("#scores-messages-text", Static).content)
        assert screen.report.areas[0].messages[0].text in messages


async def test_the_groups_tab_keeps_its_dimension_in_the_new_language(
    make: MakeApp, bundled: Questionnaire
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        await pilot.press("d")  # choose a dimension as a person would: the list, arrows, Enter
        await pilot.pause()
        await pilot.press(*["down"] * dimensions(bundled).index("gender"), "enter")
        await settle(pilot)
        assert "Gender" in screen_text(app)

        await choose_language_in_settings(pilot, bundled)
        assert app.screen is screen
        assert screen.query_one(TabbedContent).active == "groups"
        assert screen.query_one("#scores-dimension", Select).value == "gender"
        assert set(screen.breakdowns) == {"gender"}
        assert screen.breakdowns["gender"].language == "zh"
        text = screen_text(app)
        assert tr("scores.dim.gender", "zh") in text and "Gender" not in text
        assert tr("scores.dimension", "zh") in text
        assert bundled.areas[0].label["zh"] in text
