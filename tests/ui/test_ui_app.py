"""The app shell: first run, navigation, command palette, small terminals, themes, lock errors."""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import sqlite3
from pathlib import Path

import pytest
from ui_helpers import MakeApp, screen_text, settle

import fieldsurvey.store.sqlite.connection as store_db
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.ui.app import resolve_theme
from fieldsurvey.ui.commands import ScreensProvider
from fieldsurvey.ui.preferences import Preferences
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.indicators import IndicatorsScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.quality import QualityScreen
from fieldsurvey.ui.screens.scores import ScoresScreen
from fieldsurvey.ui.screens.settings import SettingsScreen
from fieldsurvey.ui.screens.sync import SyncScreen
from fieldsurvey.ui.screens.too_small import TooSmallScreen


async def test_first_run_asks_for_interviewer_and_office(make: MakeApp, db: SQLiteStore) -> None:
    app = make(prefs=Preferences())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen) and app.screen.first_run
        await pilot.press("ctrl+s")
        assert screen_text(app).count("Required.") == 2
        await pilot.press(*"Sok Dara")
        await pilot.pause()
        assert screen_text(app).count("Required.") == 1  # the filled field loses its mark
        await pilot.press("enter", *"Phnom Penh 3")
        await pilot.pause()
        assert "Required." not in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Sok Dara" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        response_id = app.screen.interview.response_id
    assert (db.get_setting("interviewer"), db.get_setting("office")) == (
        "Sok Dara",
        "Phnom Penh 3",
    )
    assert db.get_response(response_id).office == "Phnom Penh 3"


async def test_starting_without_an_interviewer_asks_first(make: MakeApp, db: SQLiteStore) -> None:
    app = make(prefs=Preferences())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # not now
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press(*"A", "enter", *"B", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)  # and on into the interview


async def test_settings_change_the_interface_language(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#settings-language").value = "zh"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "开始访问" in screen_text(app)
    assert db.get_setting("language") == "zh"


@pytest.mark.parametrize(
    ("key", "screen_type"),
    [("s", ScoresScreen), ("y", SyncScreen), ("o", IndicatorsScreen), ("e", SettingsScreen)],
)
async def test_home_keys_open_each_screen_and_escape_returns(
    make: MakeApp, key: str, screen_type: type
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_has_an_entry_for_every_screen(make: MakeApp) -> None:
    """Each entry is run through its callback; two are also typed into the palette."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = ScreensProvider(app.screen)
        entries = {hit.text: hit.command async for hit in provider.discover()}
        assert set(entries) == {
            "Go to Home",
            "Start a new interview",
            "Open Settings",
            "Open Scores",
            "Open Sync",
            "Open Office indicators",
            "Open Quality and review",
        }  # "Review the current interview" is offered during an interview (next test)
        for name, screen_type in (
            ("Open Scores", ScoresScreen),
            ("Open Sync", SyncScreen),
            ("Open Office indicators", IndicatorsScreen),
            ("Open Settings", SettingsScreen),
            ("Open Quality and review", QualityScreen),
        ):
            entries[name]()
            await pilot.pause()
            assert isinstance(app.screen, screen_type), name
            app.action_go_home()
            await pilot.pause()
        for typed, screen_type in (("Scores", ScoresScreen), ("new interview", InterviewScreen)):
            await pilot.press("ctrl+p", *typed)
            await pilot.pause(0.3)  # the palette searches in the background
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type), typed
            app.action_go_home()
            await pilot.pause()


async def test_command_palette_review_and_home_from_an_interview(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "1")
        for typed, screen_name in (("Review the current", "ReviewScreen"), ("Go to Home", "Home")):
            await pilot.press("ctrl+p", *typed)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__.startswith(screen_name)


async def test_a_small_terminal_shows_a_message_and_recovers(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Please enlarge the terminal to at least 80x24 (now 60x20)" in screen_text(app)
        assert "`fieldsurvey ask`" in screen_text(app)  # what works on a small screen
        await pilot.press("n")  # keys do not reach the screen underneath
        assert not any(isinstance(s, InterviewScreen) for s in app.screen_stack)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n", "1")
        await pilot.resize_terminal(80, 23)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "(now 80x23)" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)  # the interview is still there


def test_the_automatic_theme_uses_ansi_colours_on_16_colour_terminals() -> None:
    assert resolve_theme("auto", "standard") == "ansi-dark"
    assert resolve_theme("auto", None) == "ansi-dark"
    assert resolve_theme("auto", "truecolor") == "textual-dark"
    assert resolve_theme("ansi-light", "truecolor") == "ansi-light"


async def test_a_locked_database_mid_interview_is_a_message_not_a_crash(
    make: MakeApp, db_path: Path, bundled, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    short_wait = open_store(db_path)  # the app's connection waits 0.1 s for a lock
    from fieldsurvey.ui.app import make_app

    app = make_app(short_wait, bundled, preferences=Preferences("A", "B", "", "en", "auto"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await pilot.press("1")
        await pilot.pause()
        assert screen.interview.page.key == "consent_intro"  # the consent script's page
        assert any("locked" in n.message or "busy" in n.message for n in app._notifications)
        other.execute("ROLLBACK")
        other.close()
        await pilot.press("1")  # once the lock is gone, the same key works
        await pilot.pause()
        assert screen.interview.value("consent") == "yes"
    short_wait.close()


def test_khmer_is_measured_like_the_terminal_draws_it(make: MakeApp, bundled) -> None:
    """Spacing vowel signs take a cell in terminals; after the shim, in Textual too."""
    make()  # the factory applies the shim
    from rich.cells import cell_len

    assert cell_len("ពាក្យបញ្ជា") == 8 and cell_len("中文") == 4 and cell_len("abc") == 3
    libc_name = ctypes.util.find_library("c")
    if libc_name is None or locale.setlocale(locale.LC_CTYPE, None) == "C":
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    libc = ctypes.CDLL(libc_name)
    libc.wcswidth.argtypes = [ctypes.c_wchar_p, ctypes.c_size_t]
    khmer = [q.label["km"] for q in bundled.questions.values() if "km" in getattr(q, "label", {})]
    assert khmer
    for text in khmer:
        assert cell_len(text) == libc.wcswidth(text, len(text)), text
