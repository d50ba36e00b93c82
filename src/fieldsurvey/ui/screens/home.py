"""Home: who is interviewing where, how many interviews are done, drafts to resume.

The counts scan the responses table, which on a supervisor's merged database holds 100k
rows or more; they are read in a thread worker after the first paint, so the app opens at
once and fills the numbers in a moment later.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from fieldsurvey.paths import cache_dir
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.published import installed_cached
from fieldsurvey.store.records import DraftSummary, HomeCounts
from fieldsurvey.ui.formatting import format_answer
from fieldsurvey.ui.i18n import N_, pad
from fieldsurvey.ui.screens.base import AppScreen, JobFailed
from fieldsurvey.ui.widgets.footer import KeyBar

if TYPE_CHECKING:  # the engine is loaded by the worker, after the first paint (bench_startup)
    from fieldsurvey.engine import DraftOverview
    from fieldsurvey.questionnaire.expressions import Value

MENU = (
    ("start", "n", N_("Start interview")),
    ("resume", "r", N_("Resume draft")),
    ("scores", "s", N_("Scores")),
    ("sync", "y", N_("Sync")),
    ("settings", "e", N_("Settings")),
    ("indicators", "o", N_("Office indicators")),
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
        *[
            Binding(str(n), f"resume_number({n})", "Resume", show=False, id=f"home.resume_{n}")
            for n in range(1, 10)
        ],
    ]

    class DataLoaded(Message):
        """Counts and drafts read by the worker, for the UI thread to show."""

        def __init__(
            self, counts: HomeCounts, drafts: list[DraftSummary], returned: set[str]
        ) -> None:
            super().__init__()
            self.counts = counts
            self.drafts = drafts
            self.returned = returned
            """Uuids of the drafts that reopen an interview a supervisor sent back."""

    class OverviewsLoaded(Message):
        """Each draft as its interview counts it, by response id (None: its questionnaire
        version is not here)."""

        def __init__(self, overviews: dict[int, DraftOverview | None]) -> None:
            super().__init__()
            self.overviews = overviews

    def __init__(self) -> None:
        super().__init__()
        self.offered_resume = False
        self.drafts: list[DraftSummary] = []
        self.returned: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="home-body"):
            with Vertical(id="home-menu"):
                for button_id, key, label in MENU:
                    yield Button(
                        Content(f"{key}  {self.t(label)}"), id=f"home-{button_id}", compact=True
                    )
            with Vertical(id="home-main"):
                yield Static(id="home-identity")
                yield Static(id="home-counts")
                yield Label(self.t("Drafts to resume"), id="home-drafts-title")
                yield OptionList(id="home-drafts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#home-counts", Static).update(self.t("counting…"))
        self.query_one("#home-start", Button).focus()
        if self.fs_app.exit_after_first_screen:
            self.call_after_refresh(self.app.exit, 0)

    def on_screen_resume(self) -> None:
        """Shown first, or back from an interview or Settings: names and numbers may have
        changed. Textual resumes a screen when it is first shown too, so this is the only place
        that reads them: reading in on_mount as well ran the full count scan twice at start-up,
        and the second core no longer hid it once another program kept one busy
        (bench_startup.py)."""
        self.show_identity()
        self.load_data()

    def show_identity(self) -> None:
        ctx = self.ctx
        prefs = ctx.preferences
        not_set = self.t("(not set)")
        questionnaire = ctx.questionnaire
        rows = [
            (N_("Interviewer"), prefs.interviewer or not_set),
            (N_("Office"), prefs.office or not_set),
            (N_("Round"), prefs.round or not_set),
            (N_("Device"), ctx.device_id[:8]),
            (N_("Questionnaire"), f"{questionnaire.id} {questionnaire.version}"),
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
        self.query_one("#home-drafts-title", Label).update(self.t("Drafts to resume"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-data")
    def load_data(self) -> None:
        """Read counts and drafts off the UI thread (a full scan on a big database)."""
        try:
            store = self.ctx.store
            counts = home_counts(store, self.ctx.clock())
            drafts = store.list_drafts()
            sent_back = store.returned_uuids() if drafts else set()
            returned = {d.uuid for d in drafts if d.revision > 1 and d.uuid in sent_back}
        except Exception as exc:  # a locked or damaged database: say so on screen
            self.post_message(JobFailed(str(exc)))
            return
        self.post_message(self.DataLoaded(counts, drafts, returned))

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-overviews")
    def load_overviews(self) -> None:
        """Count each draft as its interview does. It starts once the drafts are on screen (a
        worker holding the GIL would delay that paint, bench_startup.py); all drafts' answers
        come in one query and each questionnaire version is loaded once (from the
        questionnaire cache) however many drafts use it: ~60 ms of CPU for 50 drafts
        reopened by a return file, where one YAML parse per draft took a second
        (bench_returns.py --startup)."""
        from fieldsurvey.engine import draft_overviews

        store, folder = self.ctx.store, cache_dir()
        try:
            overviews = draft_overviews(
                store.draft_contents(),
                [self.ctx.questionnaire],
                lambda digest: installed_cached(store, digest, folder),
            )
        except StoreError:  # the counts' worker says what is wrong with the database
            return
        self.post_message(self.OverviewsLoaded(overviews))

    @on(DataLoaded)
    def show_data(self, event: DataLoaded) -> None:
        counts = event.counts
        self.query_one("#home-counts", Static).update(
            Content.assemble(
                (self.t("Interviews"), "bold"),
                "  " + self.t("today") + " ",
                (f"{counts.today:,}", "bold"),
                " · " + self.t("total") + " ",
                (f"{counts.total:,}", "bold"),
                " · " + self.t("not yet exported") + " ",
                (f"{counts.not_exported:,}", "bold"),
                self.older_versions_line(event.drafts),
            )
        )
        self.drafts, self.returned = event.drafts, event.returned
        self.show_drafts({})
        if event.drafts:  # once the list is painted: counting them must not delay it
            self.call_after_refresh(self.load_overviews)
        drafts_list = self.query_one("#home-drafts", OptionList)
        self.query_one("#home-resume", Button).disabled = not event.drafts
        if event.drafts and not self.offered_resume:
            # An interview was left unfinished (closed, Ctrl+C, a crash): offer it first.
            self.offered_resume = True
            drafts_list.focus()

    def older_versions_line(self, drafts: list[DraftSummary]) -> str:
        """Drafts begun on another questionnaire version finish on it: say so, never move
        them silently (a return file may have brought a newer current version)."""
        q = self.ctx.questionnaire
        older = sorted({d.questionnaire_version for d in drafts if d.questionnaire_version !=
                        q.version or d.questionnaire_id != q.id})  # fmt: skip
        if not older:
            return ""
        count = sum(d.questionnaire_version in older for d in drafts)
        return "\n" + self.t(
            "{count} draft(s) on questionnaire version {versions}: they finish on it.",
            count=count,
            versions=", ".join(older),
        )

    @on(OverviewsLoaded)
    def show_overviews(self, event: OverviewsLoaded) -> None:
        self.show_drafts(event.overviews)

    def show_drafts(self, overviews: dict[int, DraftOverview | None]) -> None:
        drafts_list = self.query_one("#home-drafts", OptionList)
        highlighted = drafts_list.highlighted
        drafts_list.clear_options()
        if self.drafts:
            drafts_list.add_options(
                self.draft_option(number, draft, overviews.get(draft.id))
                for number, draft in enumerate(self.drafts, start=1)
            )
            drafts_list.highlighted = min(highlighted or 0, len(self.drafts) - 1)
        else:
            drafts_list.add_option(Option(Content(self.t("No drafts.")), disabled=True))

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        self.query_one("#home-counts", Static).update(
            Content(self.t("Could not read the counts: {error}", error=event.error))
        )

    def draft_option(
        self, number: int, draft: DraftSummary, overview: DraftOverview | None
    ) -> Option:
        """`3  11-04 09:12  Employer  5/62 · Woman, 35-49`: the key that resumes it, when it
        began, how far it got (as its interview counts), the answers that say who it is."""
        questionnaire = self.ctx.questionnaire
        persona = next((p for p in questionnaire.personas if p.id == draft.persona), None)
        language, default = self.ctx.language, questionnaire.default_language
        persona_label = text_in(persona.label, language, default) if persona else "—"
        progress = overview.progress if overview else None
        text = self.t(
            "{started}  {persona}  {answered}/{total}",
            started=local_time(draft.started_at)[5:],  # the year is this one, or nearly
            persona=persona_label,
            answered=progress.answered if progress else "…",
            total=progress.relevant if progress else "…",
        )
        who = self.who(overview.answers) if overview else ""
        key = f"{number}  " if number <= 9 else "   "
        marks = [self.t("sent back")] if draft.uuid in self.returned else []
        if draft.questionnaire_version != questionnaire.version:
            marks.append(f"v{draft.questionnaire_version}")
        tail = "".join(f" · {part}" for part in (*marks, who) if part)
        return Option(Content(key + text + tail), id=str(draft.id))

    def who(self, answers: dict[str, Value]) -> str:
        """The first two segment answers (gender, age group...): who this respondent is."""
        q = self.ctx.questionnaire
        language = self.ctx.language

        def text(label: dict[str, str] | None) -> str:
            return text_in(label, language, q.default_language)

        shown = [format_answer(s, answers[s.id], q, text) for s in q.segments if s.id in answers]
        return ", ".join(shown[:2])

    def action_resume_number(self, number: int) -> None:
        """A digit resumes the draft of that number, from anywhere on Home."""
        drafts_list = self.query_one("#home-drafts", OptionList)
        if number <= drafts_list.option_count:
            option = drafts_list.get_option_at_index(number - 1)
            if option.id and not option.disabled:
                self.fs_app.resume_interview(int(option.id))

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
