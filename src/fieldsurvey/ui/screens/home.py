"""Home: who is interviewing where, how many interviews are done, drafts to resume.

The counts scan the responses table, which on a supervisor's merged database holds 100k
rows or more; they are read in a thread worker after the first paint, so the app opens at
once and fills the numbers in a moment later.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.records import DraftSummary, HomeCounts
from fieldsurvey.ui.i18n import pad
from fieldsurvey.ui.screens.base import AppScreen, JobFailed
from fieldsurvey.ui.widgets.footer import KeyBar

MENU = (
    ("start", "n", "home.start"),
    ("resume", "r", "home.resume"),
    ("scores", "s", "home.scores"),
    ("sync", "y", "home.sync"),
    ("settings", "e", "home.settings"),
    ("indicators", "o", "home.indicators"),
)
"""Home's menu: button id, its key, its label. The keys match BINDINGS below."""


class HomeScreen(AppScreen[None]):
    """The first screen: this device at a glance, and the way into everything else."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.start_interview", "Start", id="home.start"),
        Binding("r", "resume", "Resume", id="home.resume"),
        Binding("s", "app.open_scores", "Scores", id="home.scores"),
        Binding("y", "app.open_sync", "Sync", id="home.sync"),
        Binding("e", "app.open_settings", "Settings", id="home.settings"),
        Binding("o", "app.open_indicators", "Indicators", id="home.indicators"),
        Binding("v", "app.open_quality", "Quality", show=False, id="home.quality"),
        Binding("q", "app.quit", "Quit", show=False, id="home.quit"),
    ]

    class DataLoaded(Message):
        """Counts and drafts read by the worker, for the UI thread to show."""

        def __init__(self, counts: HomeCounts, drafts: list[DraftSummary]) -> None:
            super().__init__()
            self.counts = counts
            self.drafts = drafts

    def __init__(self) -> None:
        super().__init__()
        self.offered_resume = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="home-body"):
            with Vertical(id="home-menu"):
                for button_id, key, label in MENU:
                    yield Button(f"{key}  {self.t(label)}", id=f"home-{button_id}", compact=True)
            with Vertical(id="home-main"):
                yield Static(id="home-identity")
                yield Static(id="home-counts")
                yield Label(self.t("home.drafts"), id="home-drafts-title")
                yield OptionList(id="home-drafts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_identity()
        self.query_one("#home-counts", Static).update(self.t("home.loading"))
        self.query_one("#home-start", Button).focus()
        self.load_data()
        if self.fs_app.exit_after_first_screen:
            self.call_after_refresh(self.app.exit, 0)

    def on_screen_resume(self) -> None:
        """Back from an interview or Settings: names and numbers may have changed."""
        self.show_identity()
        self.load_data()

    def show_identity(self) -> None:
        ctx = self.ctx
        prefs = ctx.preferences
        not_set = self.t("not_set")
        questionnaire = ctx.questionnaire
        rows = [
            ("home.interviewer", prefs.interviewer or not_set),
            ("home.office", prefs.office or not_set),
            ("home.round", prefs.round or not_set),
            ("home.device", ctx.device_id[:8]),
            ("home.questionnaire", f"{questionnaire.id} {questionnaire.version}"),
        ]
        self.title = text_in(questionnaire.title, ctx.language, questionnaire.default_language)
        self.sub_title = ""
        labels = [self.t(key) for key, _ in rows]
        width = max(cell_len(label) for label in labels) + 2
        parts: list[str | tuple[str, str]] = []
        for label, (_, value) in zip(labels, rows, strict=True):
            parts += [(pad(label, width), "bold"), value, "\n"]
        self.query_one("#home-identity", Static).update(Content.assemble(*parts[:-1]))
        for button_id, key, label in MENU:
            self.query_one(f"#home-{button_id}", Button).label = f"{key}  {self.t(label)}"
        self.query_one("#home-drafts-title", Label).update(self.t("home.drafts"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-data")
    def load_data(self) -> None:
        """Read counts and drafts off the UI thread (a full scan on a big database)."""
        try:
            counts = home_counts(self.ctx.store, self.ctx.clock())
            drafts = self.ctx.store.list_drafts()
        except Exception as exc:  # a locked or damaged database: say so on screen
            self.post_message(JobFailed(str(exc)))
            return
        self.post_message(self.DataLoaded(counts, drafts))

    @on(DataLoaded)
    def show_data(self, event: DataLoaded) -> None:
        counts = event.counts
        self.query_one("#home-counts", Static).update(
            Content.assemble(
                (self.t("home.interviews"), "bold"),
                f"  {self.t('home.today')} ",
                (f"{counts.today:,}", "bold"),
                f" · {self.t('home.total')} ",
                (f"{counts.total:,}", "bold"),
                f" · {self.t('home.unexported')} ",
                (f"{counts.not_exported:,}", "bold"),
            )
        )
        drafts_list = self.query_one("#home-drafts", OptionList)
        highlighted = drafts_list.highlighted
        drafts_list.clear_options()
        if event.drafts:
            drafts_list.add_options(self.draft_option(draft) for draft in event.drafts)
            drafts_list.highlighted = min(highlighted or 0, len(event.drafts) - 1)
        else:
            drafts_list.add_option(Option(Content(self.t("home.no_drafts")), disabled=True))
        self.query_one("#home-resume", Button).disabled = not event.drafts
        if event.drafts and not self.offered_resume:
            # An interview was left unfinished (closed, Ctrl+C, a crash): offer it first.
            self.offered_resume = True
            drafts_list.focus()

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        self.query_one("#home-counts", Static).update(
            Content(self.t("home.counts_failed", error=event.error))
        )

    def draft_option(self, draft: DraftSummary) -> Option:
        questionnaire = self.ctx.questionnaire
        persona = next((p for p in questionnaire.personas if p.id == draft.persona), None)
        language, default = self.ctx.language, questionnaire.default_language
        persona_label = text_in(persona.label, language, default) if persona else "—"
        text = self.t(
            "home.draft_line",
            started=local_time(draft.updated_at),
            persona=persona_label,
            answered=draft.answers,
        )
        return Option(Content(text), id=str(draft.id))

    def action_resume(self) -> None:
        """Resume the highlighted draft (the most recent one when none is highlighted)."""
        drafts_list = self.query_one("#home-drafts", OptionList)
        index = drafts_list.highlighted or 0
        if drafts_list.option_count and not drafts_list.get_option_at_index(index).disabled:
            option = drafts_list.get_option_at_index(index)
            if option.id:
                self.fs_app.resume_interview(int(option.id))

    @on(OptionList.OptionSelected, "#home-drafts")
    def resume_selected_draft(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.fs_app.resume_interview(int(event.option.id))

    @on(Button.Pressed, "#home-menu Button")
    def run_menu_entry(self, event: Button.Pressed) -> None:
        actions = {
            "home-start": self.fs_app.action_start_interview,
            "home-resume": self.action_resume,
            "home-scores": self.fs_app.action_open_scores,
            "home-sync": self.fs_app.action_open_sync,
            "home-settings": self.fs_app.action_open_settings,
            "home-indicators": self.fs_app.action_open_indicators,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()


def local_time(stamp: str) -> str:
    """A stored UTC ISO timestamp as local "YYYY-MM-DD HH:MM"; the raw text if unreadable."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
