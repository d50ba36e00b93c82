"""The fieldsurvey Textual app: screens, navigation, theme, and the small-terminal guard.

`make_app` is the one way to build it (the CLI and the tests both use it). Navigation lives
here as app actions so that Home keys, buttons and the command palette all do the same thing.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.interface import Store
from fieldsurvey.ui.cells import match_terminal_widths
from fieldsurvey.ui.commands import ScreensProvider
from fieldsurvey.ui.context import AppContext, Clock, system_clock
from fieldsurvey.ui.preferences import (
    THEME_AUTO,
    Preferences,
    load_preferences,
    save_preferences,
)
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.settings import SettingsScreen
from fieldsurvey.ui.screens.too_small import TooSmallScreen, is_too_small

if TYPE_CHECKING:
    from textual.command import Provider

    from fieldsurvey.ui.screens.interview import InterviewScreen

# Screens other than Home and Settings are imported when first opened: with their cores
# (engine, scoring, sync) they cost about 130 ms of start-up (python -X importtime), and the
# first screen must appear quickly (bench/bench_startup.py).


def _conflicts_commands() -> type[Provider]:
    """The Sync issue's conflict commands, imported when the palette first opens."""
    from fieldsurvey.ui.screens.conflicts import ConflictsCommands

    return ConflictsCommands


FEW_COLOURS = ("standard", "windows")
"""Rich colour systems of 8/16-colour terminals: the auto theme picks an ANSI theme there."""


class FieldSurveyApp(App[int]):
    """Home, interviews, review and settings over one database and one questionnaire."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "global.tcss",
        "home.tcss",
        "interview.tcss",
        "review.tcss",
        "settings.tcss",
        "sync.tcss",
        "scores.tcss",
        "indicators.tcss",
        "quality.tcss",
    ]
    COMMANDS: ClassVar = App.COMMANDS | {ScreensProvider, _conflicts_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Field staff press ctrl+c out of habit; every answer is already committed, so
        # quitting is safe and is what they expect (Textual's default only shows a hint).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
    ]

    def __init__(self, ctx: AppContext, *, exit_after_first_screen: bool = False) -> None:
        """Args:
        ctx: the database, questionnaire, preferences and clock every screen uses.
        exit_after_first_screen: quit once Home is painted (the start-up benchmark).
        """
        super().__init__()
        self.ctx = ctx
        self.exit_after_first_screen = exit_after_first_screen
        self.title = "fieldsurvey"

    # ----- start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.apply_theme()
        if not self.ctx.preferences.ready_to_interview and not self.exit_after_first_screen:
            self.push_screen(SettingsScreen(first_run=True))
        self.guard_size()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A client answering alone (a `locked` screen) can neither quit nor open the command
        palette: self-completion has no way out but finishing or handing the keyboard back."""
        if action in ("quit", "command_palette") and getattr(self.screen, "locked", False):
            return False
        return super().check_action(action, parameters)

    @property
    def chrome_language(self) -> str:
        """The language the active screen speaks (an interview may differ from Settings)."""
        return getattr(self.screen, "chrome_language", self.ctx.language)

    # ----- theme and preferences --------------------------------------------------------------

    def apply_theme(self) -> None:
        self.theme = resolve_theme(self.ctx.preferences.theme, self.console.color_system)

    def save_preferences(self, preferences: Preferences) -> None:
        self.ctx.update_preferences(preferences)
        self.apply_theme()

    # ----- small terminals --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # Runs before App._on_resize has stored the new size: use the event's.
        self.guard_size(event.size.width, event.size.height)

    def guard_size(self, width: int | None = None, height: int | None = None) -> None:
        """Cover the app with a message while the terminal is under 80x24; uncover after."""
        if width is None or height is None:
            width, height = self.size
        screen = self.screen
        covered = isinstance(screen, TooSmallScreen)
        if is_too_small(width, height):
            if isinstance(screen, TooSmallScreen):
                screen.show_size(width, height)
            else:
                self.push_screen(TooSmallScreen(self.chrome_language))
        elif covered:
            self.pop_screen()

    # ----- navigation -------------------------------------------------------------------------

    def open_screen(self, screen_type: type[Screen]) -> None:
        """Push a screen unless it is already on top (so a key pressed twice is harmless)."""
        if not isinstance(self.screen, screen_type):
            self.push_screen(screen_type())

    def action_open_scores(self) -> None:
        from fieldsurvey.ui.screens.scores import ScoresScreen

        self.open_screen(ScoresScreen)

    def action_open_sync(self) -> None:
        from fieldsurvey.ui.screens.sync import SyncScreen

        self.open_screen(SyncScreen)

    def action_open_indicators(self) -> None:
        from fieldsurvey.ui.screens.indicators import IndicatorsScreen

        self.open_screen(IndicatorsScreen)

    def action_open_quality(self) -> None:
        from fieldsurvey.ui.screens.quality import QualityScreen

        self.open_screen(QualityScreen)

    def action_open_settings(self) -> None:
        self.open_screen(SettingsScreen)

    def action_go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def interview_screen(self) -> InterviewScreen | None:
        """The interview in progress, if any screen on the stack is one."""
        from fieldsurvey.ui.screens.interview import InterviewScreen

        return next((s for s in self.screen_stack if isinstance(s, InterviewScreen)), None)

    def action_review(self) -> None:
        screen = self.interview_screen()
        if screen is not None:
            while self.screen is not screen:
                self.pop_screen()
            screen.action_review()

    def action_start_interview(self) -> None:
        """Ask for interviewer and office first if they are missing, then start."""
        if not self.ctx.preferences.ready_to_interview:
            self.push_screen(SettingsScreen(first_run=True), self._start_after_settings)
            return
        self.action_go_home()
        from fieldsurvey.ui.screens.interview import start_interview

        start_interview(self)

    def _start_after_settings(self, saved: bool | None) -> None:
        if saved and self.ctx.preferences.ready_to_interview:
            self.action_start_interview()

    def resume_interview(self, response_id: int) -> None:
        self.action_go_home()
        from fieldsurvey.ui.screens.interview import resume_interview

        resume_interview(self, response_id)


def resolve_theme(choice: str, color_system: str | None) -> str:
    """The Textual theme for a Settings choice; `auto` goes 16-colour on few-colour terminals."""
    if choice != THEME_AUTO:
        return choice
    if color_system is None or color_system in FEW_COLOURS:
        return "ansi-dark"
    return "textual-dark"


def make_app(
    store: Store,
    questionnaire: Questionnaire,
    *,
    preferences: Preferences | None = None,
    clock: Clock | None = None,
    exit_after_first_screen: bool = False,
    follows_current: bool = False,
) -> FieldSurveyApp:
    """Build the app from its dependencies.

    Preferences default to those stored in `store`; given ones are stored first, because the
    engine reads interviewer, office and round from the database when an interview starts.
    `follows_current`: `questionnaire` is the store's current version (no file was named),
    and a version received while the app runs takes its place.
    """
    match_terminal_widths()  # before anything is measured: Khmer vowel signs take a cell
    if preferences is not None:
        save_preferences(store, preferences)
    ctx = AppContext(
        store=store,
        questionnaire=questionnaire,
        device_id=store.device_id(),
        preferences=preferences or load_preferences(store, questionnaire.default_language),
        clock=clock or system_clock,
        follows_current=follows_current,
    )
    return FieldSurveyApp(ctx, exit_after_first_screen=exit_after_first_screen)
