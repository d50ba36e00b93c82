"""Quality: the data-quality flags of the latest round, for a supervisor to act on.

Two tabs: flagged interviews (with their review state) and interviewers (interviews,
flagged, effects found). `fieldsurvey.quality.assess` runs in a thread worker (about a
second on 20,000 interviews). Enter opens an interview read-only with its flags, answers,
paradata timeline and review log; a / i / j record a decision (approve, has issues, reject)
from either screen. Everything from the data is shown as plain text, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Header, Select, Static, TabbedContent, TabPane

from fieldsurvey.quality import QualityReport, assess
from fieldsurvey.quality.report import Reason
from fieldsurvey.safetext import terminal_text
from fieldsurvey.ui.i18n import QUALITY_COLUMNS, QUALITY_KINDS, REVIEW_STATES, review_heading
from fieldsurvey.ui.quality_words import reason_words
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.review_actions import ReviewActions
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.round_picker import RoundPicker, round_title


class QualityScreen(ReviewActions, AppScreen[None]):
    """Flagged interviews and interviewers of one round (the latest with data at first)."""

    AUTO_FOCUS = "#quality-interviews"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="quality.back"),
        Binding("1", "show_tab('interviews')", "Interviews", show=False, id="quality.tab1"),
        Binding("2", "show_tab('interviewers')", "Interviewers", show=False, id="quality.tab2"),
        *ReviewActions.REVIEW_BINDINGS,
        Binding("p", "choose_round", "Round", id="quality.round"),
        Binding("r", "refresh_quality", "Refresh", id="quality.refresh"),
    ]

    class ReportReady(Message):
        def __init__(self, report: QualityReport) -> None:
            super().__init__()
            self.report = report

    class ReportFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.report: QualityReport | None = None
        self.round: str | None = None
        """The round picked (NO_ROUND: interviews without one); None: the latest with data."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="quality-top"):
            yield Static(self.t("Computing the scores…"), id="quality-summary", markup=False)
            yield RoundPicker(self.t("Round"), id="quality-round")
        yield Static(id="quality-notes", markup=False)
        with TabbedContent(id="quality-tabs"):
            with TabPane("1 " + self.t("Flagged interviews"), id="interviews"):
                yield DataTable(id="quality-interviews", cursor_type="row", zebra_stripes=True)
            with TabPane("2 " + self.t("Interviewers"), id="interviewers"):
                yield DataTable(id="quality-interviewers", cursor_type="row")
                yield Static(id="quality-effects", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("Quality")
        table = self.query_one("#quality-interviews", DataTable)
        table.add_column(review_heading(self.chrome_language), key="state")
        for key in ("interviewer", "office", "flags", "uuid"):
            table.add_column(self.t(QUALITY_COLUMNS[key]), key=key)
        people = self.query_one("#quality-interviewers", DataTable)
        for key in ("interviewer", "interviews", "flagged", "flags"):
            people.add_column(self.t(QUALITY_COLUMNS[key]), key=key)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quality")
    def load(self) -> None:
        try:
            report = assess(self.ctx.store, self.ctx.questionnaire, self.round)
        except Exception as exc:  # a locked or damaged database: say so on screen
            self.post_message(self.ReportFailed(str(exc)))
            return
        self.post_message(self.ReportReady(report))

    def action_refresh_quality(self) -> None:
        self.query_one("#quality-summary", Static).update(self.t("Computing the scores…"))
        self.load()

    def after_decision(self) -> None:
        self.action_refresh_quality()

    @on(ReportFailed)
    def show_failure(self, event: ReportFailed) -> None:
        self.query_one("#quality-summary", Static).update(
            self.t("Could not compute the scores: {error}", error=event.error)
        )

    @on(ReportReady)
    def show_report(self, event: ReportReady) -> None:
        report = self.report = event.report
        lang = self.chrome_language
        self.title = round_title(self.t("Quality"), report.rounds, report.round, lang)
        self.query_one("#quality-round", RoundPicker).show_rounds(report.rounds, report.round, lang)
        flagged = len(report.interviews)
        summary = self.t(
            "{responses} interviews · {flagged} flagged · Enter opens one",
            responses=report.responses,
            flagged=flagged,
        )
        self.query_one("#quality-summary", Static).update(summary)
        notes = self.query_one("#quality-notes", Static)
        notes.display = bool(report.unavailable)
        notes.update("\n".join(f"! {self.reason_text(note)}" for note in report.unavailable))
        table = self.query_one("#quality-interviews", DataTable)
        row = table.cursor_row
        table.clear()
        for item in report.interviews:
            kinds = ", ".join(dict.fromkeys(self.t(QUALITY_KINDS[f.kind]) for f in item.flags))
            cells = (
                self.t(REVIEW_STATES[item.review_state]),
                item.interviewer or "",
                item.office or "",
                kinds,
                item.uuid[-12:],
            )
            table.add_row(*(Text(terminal_text(c)) for c in cells), key=item.uuid)
        if report.interviews:
            table.move_cursor(row=min(row, len(report.interviews) - 1))
        self.show_interviewers(report)
        self.refresh_bindings()

    def show_interviewers(self, report: QualityReport) -> None:
        people = self.query_one("#quality-interviewers", DataTable)
        people.clear()
        for s in report.interviewers:
            kinds = ", ".join(f"{self.t(QUALITY_KINDS[k])} {n}" for k, n in s.flags.items())
            cells = (s.interviewer, str(s.interviews), str(s.flagged), kinds)
            people.add_row(*(Text(terminal_text(c)) for c in cells), key=s.interviewer)
        effects = [
            terminal_text(f"{e.interviewer}: {self.reason_text(e.reason)}") for e in report.effects
        ]
        self.query_one("#quality-effects", Static).update(
            "\n".join(effects) if effects else self.t("No interviewer effects found.")
        )

    def reason_text(self, reason: Reason) -> str:
        return reason_words(reason, self.ctx.questionnaire, self.chrome_language)

    def selected_uuid(self) -> str | None:
        """The interview under the cursor of the interviews table, if any."""
        if self.report is None or not self.report.interviews:
            return None
        if self.query_one(TabbedContent).active != "interviews":
            return None
        table = self.query_one("#quality-interviews", DataTable)
        return self.report.interviews[table.cursor_row].uuid

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_round":  # shown when there is a choice
            return self.report is not None and len(self.report.rounds) > 1
        return super().check_action(action, parameters)

    def action_choose_round(self) -> None:
        self.query_one("#quality-round", RoundPicker).open()

    @on(Select.Changed, "#quality-round")
    def show_round(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != (self.round or None):
            self.round = event.value
            self.action_refresh_quality()
        self.query_one("#quality-interviews").focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def focus_table(self, event: TabbedContent.TabActivated) -> None:
        """The shown tab's table takes the keys (Enter opens, arrows move)."""
        event.pane.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#quality-interviews")
    def open_interview(self, event: DataTable.RowSelected) -> None:
        from fieldsurvey.ui.screens.quality_detail import InterviewDetail

        if self.report is None:
            return
        item = self.report.interviews[event.cursor_row]
        self.app.push_screen(InterviewDetail(item), lambda _: self.action_refresh_quality())
