"""Scores: area bars with intervals, drill-down by persona and segment, suggested messages.

The report is computed by `fieldsurvey.scoring.score` in a thread worker (about half a second
on a 20,000-response database), so the screen paints at once with a loading indicator and the
keys keep working. A drill-down dimension is one more `score(by=...)` call, made when it is
first chosen and kept until the screen is refreshed. Every number comes from the report as it
is: what the report suppresses (small groups) has no number here either.
"""

from __future__ import annotations

from threading import Lock
from typing import ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Label, Select, Static, TabbedContent, TabPane, Tabs
from textual.worker import get_current_worker

from fieldsurvey.scoring import ScoreReport, dimensions, score
from fieldsurvey.scoring.words import dimension_text, quadrant_text
from fieldsurvey.ui.i18n import N_
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.short_labels import short_labels, with_short
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.round_picker import RoundPicker, round_title
from fieldsurvey.ui.widgets.score_bars import ScoreBars
from fieldsurvey.ui.widgets.score_quadrants import PlotWords, QuadrantPlot
from fieldsurvey.ui.widgets.score_rows import (
    area_rows,
    awareness_rows,
    gap_lines,
    group_sections,
    messages_content,
    plot_points,
    summary_text,
    warning_lines,
)

GROUP_NOTE = 14
"""Cells for a group's `  126  -12.8*`, the same in every area so the bars line up."""
TABS = ("areas", "groups", "quadrants", "awareness")
IMPORTANCE_NOTES = {
    "correlation": N_(
        "Importance: how closely each area goes with overall "
        "satisfaction (correlation). Cross-hairs at the means."
    ),
    "asked": N_(
        "Importance: share of respondents who named the area "
        "as the most important. Cross-hairs at the means."
    ),
}
EMPTY_TEXT = {
    "no_data": N_(
        "No data yet.\n\nScores appear here once interviews are completed on this device or "
        "merged from other devices (Sync). Start an interview from Home with n."
    ),
    "nothing_to_score": N_(
        "Nothing to score.\n\nThis questionnaire has only questions: no areas of Likert "
        "items, so there are no area scores. Its answers are kept and exported as usual."
    ),
}
"""What the Scores screen says instead of scores, by report status."""
TAB_TITLES = {
    "areas": N_("Areas"),
    "groups": N_("Groups"),
    "quadrants": N_("Quadrants"),
    "awareness": N_("Awareness"),
}
"""Tab ids in order; keys 1-4 show them."""
SPINNER = "|/-\\"
"""Turned four times a second while a report is computed. Textual's animated loading indicator
repaints 16 times a second, and that repainting took the GIL from the scoring thread: the
screen took 1.4 s to show its scores instead of 0.9 s on the 20,000-response benchmark."""


class ScoresScreen(AppScreen[None]):
    """The whole sample's areas, one dimension's groups, the quadrant plot and awareness."""

    AUTO_FOCUS = "Tabs"
    """Not the round picker above them: the keys move through the areas first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="scores.back"),
        *[
            Binding(str(i), f"show_tab('{tab}')", tab.capitalize(), show=False, id=f"scores.{tab}")
            for i, tab in enumerate(TABS, start=1)
        ],
        Binding("d", "choose_dimension", "Dimension", id="scores.dimension"),
        Binding("p", "choose_round", "Round", id="scores.round"),
        Binding("x", "toggle_rejected", "Rejected", id="scores.rejected"),
        Binding("r", "refresh_scores", "Refresh", id="scores.refresh"),
        Binding("w", "toggle_warnings", "Warnings", id="scores.warnings"),
    ]

    class ReportReady(Message):
        """A report computed by a worker: the main one (`dimension` None) or a breakdown."""

        def __init__(self, report: ScoreReport, dimension: str | None) -> None:
            super().__init__()
            self.report = report
            self.dimension = dimension

    class ReportFailed(Message):
        def __init__(self, error: str, dimension: str | None) -> None:
            super().__init__()
            self.error = error
            self.dimension = dimension

    def __init__(self) -> None:
        super().__init__()
        self.report: ScoreReport | None = None
        """The whole sample's report, once computed."""
        self.breakdowns: dict[str, ScoreReport] = {}
        """Reports by drill-down dimension, computed when first chosen."""
        self.dimension = "persona"
        self.warnings_overflow = False
        self.pending: set[str | None] = set()
        """Reports being computed: None for the whole sample, else a dimension."""
        self.spin = 0
        self.scoring = Lock()
        """Held while a report is computed: the main report and a drill-down share the
        database connection, and one dropping its temporary table under the other's query
        fails that query ("database table is locked")."""
        self.languages: tuple[str, str] | None = None
        """The chrome and questionnaire languages the screen was last drawn in."""
        self.round: str | None = None
        """The round picked (NO_ROUND: responses without one); None: the latest with data."""
        self.include_rejected = False
        """Score interviews a reviewer rejected too (`x`); left out by default."""

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        questionnaire = self.ctx.questionnaire
        self.languages = (self.chrome_language, self.text_lang)
        yield Header(icon="")
        with Horizontal(id="scores-top"):
            yield Static(self.t("Computing the scores…"), id="scores-summary", markup=False)
            yield RoundPicker(self.t("Round"), id="scores-round")
        yield Static(id="scores-warnings", markup=False)
        yield Static(id="scores-empty", markup=False)
        with TabbedContent(id="scores-tabs"):
            with TabPane(self.tab_title(0), id="areas"):
                yield ScoreBars(two_lines=True, selectable=True, id="scores-areas")
                yield Static(id="scores-messages-title", classes="scores-heading", markup=False)
                with VerticalScroll(id="scores-messages", classes="scores-messages"):
                    yield Static(id="scores-messages-text")
            with TabPane(self.tab_title(1), id="groups"):
                with Horizontal(id="scores-dimension-row"):
                    yield Label(self.t("Break down by"), id="scores-dimension-label")
                    yield Select(
                        self.dimension_options(),
                        value=self.dimension,
                        allow_blank=False,
                        compact=True,
                        id="scores-dimension",
                    )
                    yield Label(id="scores-groups-status", classes="hint")
                yield Static(
                    self.t(
                        "gap = group minus all others · * real "
                        "difference (95%) · ~ indicative (10-29)"
                    ),
                    id="scores-groups-legend",
                )
                with VerticalScroll(id="scores-groups"):
                    for area in questionnaire.areas:
                        yield Static(
                            classes="scores-heading",
                            id=f"scores-group-title-{area.id}",
                            markup=False,
                        )
                        yield ScoreBars(
                            note_width=GROUP_NOTE,
                            note_title=self.t("    n   gap"),
                            id=f"scores-group-{area.id}",
                        )
                    yield Static(
                        self.t("Equity gaps: the group minus everyone else"),
                        classes="scores-heading",
                        id="scores-gaps-title",
                    )
                    yield Static(id="scores-gaps", markup=False)
            with TabPane(self.tab_title(2), id="quadrants"):
                yield QuadrantPlot(self.plot_words(), id="scores-plot")
                yield Static(id="scores-plot-note", classes="hint", markup=False)
            with TabPane(self.tab_title(3), id="awareness"):
                yield ScoreBars(selectable=True, unit="%", id="scores-awareness")
                yield Static(id="scores-awareness-title", classes="scores-heading", markup=False)
                with VerticalScroll(id="scores-awareness-messages", classes="scores-messages"):
                    yield Static(id="scores-awareness-text")
        yield KeyBar()

    def tab_title(self, index: int) -> str:
        return f"{index + 1} {self.t(TAB_TITLES[TABS[index]])}"

    def dimension_options(self) -> list[tuple[str, str]]:
        return [(dimension_text(d, self.text_lang), d) for d in dimensions(self.ctx.questionnaire)]

    def plot_words(self) -> PlotWords:
        corners = ("concentrate", "keep_up", "low_priority", "overkill")
        return PlotWords(
            importance=self.t("Importance"),
            score=self.t("Score"),
            corners=tuple(quadrant_text(q, self.text_lang) for q in corners),  # type: ignore[arg-type]
        )

    def on_mount(self) -> None:
        self.show_title()
        # The tabs stay up while the first report is computed: hidden, their underline would
        # be drawn under no tab and then slide into place once the scores arrive.
        self.query_one("#scores-empty").display = False
        self.query_one("#scores-warnings").display = False
        self.spinner = self.set_interval(0.25, self.turn_spinner, pause=True)
        self.compute(None)

    def on_screen_resume(self) -> None:
        """Back from Settings (opened from the palette) in another language: say it all again.

        Area, group and message texts are resolved when a report is computed, so a report in
        another language is computed again, in the worker, as `r` does (and shown when ready).
        """
        languages = (self.chrome_language, self.text_lang)
        if self.languages is None or languages == self.languages:
            return  # e.g. the command palette closed: nothing to redraw
        self.languages = languages
        self.relabel()
        if self.report is not None and self.report.language == self.text_lang:
            self.show_whole_sample(self.report)  # only the screen's own words changed
        else:
            self.action_refresh_scores()

    def relabel(self) -> None:
        """The screen's own words (title, tabs, headings, plot axes) in the current language."""
        self.show_title()
        tabs = self.query_one(TabbedContent)
        for index, tab in enumerate(TABS):
            tabs.get_tab(tab).label = self.tab_title(index)
        self.query_one("#scores-dimension-label", Label).update(self.t("Break down by"))
        select = self.query_one("#scores-dimension", Select)
        with select.prevent(Select.Changed):  # the same dimension, only named anew
            select.set_options(self.dimension_options())
            select.value = self.dimension
            select.mutate_reactive(Select.value)  # type: ignore[misc]  # redraw the name even when the value is kept
        self.query_one("#scores-groups-legend", Static).update(
            self.t("gap = group minus all others · * real difference (95%) · ~ indicative (10-29)")
        )
        for bars in self.query("#scores-groups ScoreBars").results(ScoreBars):
            bars.note_title = self.t("    n   gap")
            bars.refresh()
        self.query_one("#scores-gaps-title", Static).update(
            self.t("Equity gaps: the group minus everyone else")
        )
        plot = self.query_one("#scores-plot", QuadrantPlot)
        plot.words = self.plot_words()
        plot.refresh()
        self.turn_spinner()

    # ----- computing ----------------------------------------------------------------------------

    def compute(self, dimension: str | None) -> None:
        """Start a report (None: the whole sample) and show that it is coming."""
        if dimension is not None:  # the worker group is exclusive: an earlier one is dropped
            self.pending = {d for d in self.pending if d is None}
        self.pending.add(dimension)
        self.spinner.resume()
        self.turn_spinner()
        if dimension is None:
            self.load_report()
        else:
            self.load_breakdown(dimension)

    def done(self, dimension: str | None) -> None:
        self.pending.discard(dimension)
        if not self.pending:
            self.spinner.pause()
        self.turn_spinner()

    def turn_spinner(self) -> None:
        """The summary line says what is being computed, with a turning bar."""
        self.spin = (self.spin + 1) % len(SPINNER)
        waiting = SPINNER[self.spin] + " " + self.t("Computing the scores…")
        summary = self.query_one("#scores-summary", Static)
        if None in self.pending or self.report is None:
            summary.update(waiting if None in self.pending else "")
        else:
            summary.update(summary_text(self.report, self.text_lang))
        groups_waiting = self.dimension in self.pending
        self.query_one("#scores-groups-status", Label).update(waiting if groups_waiting else "")
        self.query_one("#scores-groups").set_class(groups_waiting, "-stale")

    @work(thread=True, exclusive=True, exit_on_error=False, group="scores-report")
    def load_report(self) -> None:
        """The whole sample's report, off the UI thread."""
        self._compute(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scores-groups")
    def load_breakdown(self, dimension: str) -> None:
        """One drill-down dimension's report, off the UI thread."""
        self._compute(dimension)

    def _compute(self, dimension: str | None) -> None:
        worker = get_current_worker()
        with self.scoring:
            if worker.is_cancelled:  # replaced while it waited for the one before
                return
            try:
                report = score(
                    self.ctx.store,
                    self.ctx.questionnaire,
                    by=dimension,
                    lang=self.text_lang,
                    round=self.round,
                    include_rejected=self.include_rejected,
                )
            except Exception as exc:  # a locked or damaged database: say so on screen
                self.post_message(self.ReportFailed(str(exc), dimension))
                return
        if not worker.is_cancelled:
            self.post_message(self.ReportReady(report, dimension))

    def action_refresh_scores(self) -> None:
        """Compute again (after a merge or new interviews); drill-downs are recomputed too,
        one being computed included (its report would be out of date)."""
        self.breakdowns.clear()
        self.compute(None)
        if self.query_one(TabbedContent).active == "groups" or self.dimension in self.pending:
            self.compute(self.dimension)

    @on(ReportReady)
    def show_report(self, event: ReportReady) -> None:
        if event.dimension is not None:
            self.breakdowns[event.dimension] = event.report
            self.done(event.dimension)
            if event.dimension == self.dimension:
                self.show_groups()
            return
        self.report = event.report
        self.done(None)
        self.show_rounds(event.report)
        self.show_whole_sample(event.report)

    def show_whole_sample(self, report: ScoreReport) -> None:
        """Areas, warnings, awareness and plot of the whole sample (again after a language
        change: the report holds numbers and labels, the screen adds its own words)."""
        empty = report.status != "ok"
        self.show_empty(self.t(EMPTY_TEXT[report.status]) if empty else None)
        if empty:
            return
        self.show_warnings(warning_lines(report, self.text_lang))
        shorts = short_labels(self.ctx.questionnaire, self.text_lang)
        areas = self.query_one("#scores-areas", ScoreBars)
        areas.set_rows(with_short(area_rows(report, self.text_lang), shorts.areas))
        self.query_one("#scores-awareness", ScoreBars).set_rows(
            with_short(awareness_rows(report, self.text_lang), shorts.benefits)
        )
        self.show_plot(report)
        active = self.query_one(TabbedContent).active
        if active == "groups":
            self.show_groups()
        # Only on the areas tab: focus there from another tab would pull the tabs back to it.
        if active == "areas" and (
            self.focused is None or isinstance(self.focused, ScoreBars | Tabs)
        ):
            areas.focus()

    @on(ReportFailed)
    def show_failure(self, event: ReportFailed) -> None:
        self.done(event.dimension)
        if event.dimension is None:
            self.show_empty(self.t("Could not compute the scores: {error}", error=event.error))
        else:
            self.query_one("#scores-gaps", Static).update(
                self.t("Could not compute the scores: {error}", error=event.error)
            )

    # ----- showing --------------------------------------------------------------------------------

    def show_title(self) -> None:
        """ "Scores · 2026-Q3": the round scored is named in the title once it is known."""
        report = self.report
        rounds, chosen = (report.rounds, report.round) if report else ([], None)
        self.title = round_title(self.t("Scores"), rounds, chosen, self.chrome_language)

    def show_rounds(self, report: ScoreReport) -> None:
        """The round picker offers the rounds with data, newest first, on the one scored."""
        picker = self.query_one("#scores-round", RoundPicker)
        picker.show_rounds(report.rounds, report.round, self.chrome_language)
        self.show_title()

    def show_empty(self, text: str | None) -> None:
        """No data yet (or a failure): a friendly paragraph instead of zero scores."""
        empty = self.query_one("#scores-empty", Static)
        empty.display = text is not None
        self.query_one("#scores-tabs").display = text is None
        self.query_one("#scores-top").display = text is None
        if text is not None:
            empty.update(text)
            self.query_one("#scores-warnings").display = False
        self.refresh_bindings()

    def show_warnings(self, lines: list[str]) -> None:
        """Up to two lines of warnings; `w` shows the rest when they need more."""
        box = self.query_one("#scores-warnings", Static)
        box.display = bool(lines)
        box.update("\n".join(f"! {line}" for line in lines))
        room = max(1, self.size.width - 4)
        needed = sum(-(-cell_len(f"! {line}") // room) for line in lines)
        self.warnings_overflow = needed > 2
        self.refresh_bindings()

    def show_plot(self, report: ScoreReport) -> None:
        points = plot_points(report, self.text_lang)
        cuts = (report.cuts.score, report.cuts.importance) if report.cuts else None
        self.query_one("#scores-plot", QuadrantPlot).show(points, cuts)
        note = (
            ""
            if points and cuts
            else self.t("Importance could not be estimated, so the areas have no quadrant.")
        )
        if report.importance_method:
            note = note or self.t(IMPORTANCE_NOTES[report.importance_method])
        self.query_one("#scores-plot-note", Static).update(note)

    def show_groups(self) -> None:
        """The chosen dimension's bars, computing them first if needed."""
        report = self.breakdowns.get(self.dimension)
        if report is None:
            if self.dimension not in self.pending:
                self.compute(self.dimension)
            return
        shorts = short_labels(self.ctx.questionnaire, self.text_lang).groups.get(self.dimension, {})
        for (title, rows), area in zip(
            group_sections(report, self.dimension, self.text_lang),
            report.areas,
            strict=True,
        ):
            self.query_one(f"#scores-group-title-{area.id}", Static).update(title)
            self.query_one(f"#scores-group-{area.id}", ScoreBars).set_rows(with_short(rows, shorts))
        gaps = gap_lines(report, self.dimension, self.size.width - 4, shorts)
        self.query_one("#scores-gaps", Static).update(
            Content("\n").join(gaps) if gaps else self.t("No gaps to show.")
        )

    @on(ScoreBars.Highlighted, "#scores-areas")
    def show_area_messages(self, event: ScoreBars.Highlighted) -> None:
        """The suggested messages follow the area under the cursor."""
        if self.report is None:
            return
        area = next(a for a in self.report.areas if a.id == event.key)
        title = self.t("Suggested messages — {area}", area=area.label)
        if area.quadrant:
            title += f" · {quadrant_text(area.quadrant, self.text_lang)}"
        self.query_one("#scores-messages-title", Static).update(title)
        reason = area.reason if area.status != "ok" else None
        self.query_one("#scores-messages-text", Static).update(
            messages_content(
                area.messages,
                reason,
                self.ctx.questionnaire,
                self.text_lang,
                area.office_facts_missing,
            )
        )
        self.query_one("#scores-messages").scroll_home(animate=False)

    @on(ScoreBars.Highlighted, "#scores-awareness")
    def show_benefit_messages(self, event: ScoreBars.Highlighted) -> None:
        if self.report is None:
            return
        benefit = next(b for b in self.report.awareness if b.id == event.key)
        self.query_one("#scores-awareness-title", Static).update(
            self.t("Suggested messages — {area}", area=benefit.label)
        )
        reason = benefit.reason if benefit.status != "ok" else None
        self.query_one("#scores-awareness-text", Static).update(
            messages_content(benefit.messages, reason, self.ctx.questionnaire, self.text_lang)
        )

    # ----- keys -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_warnings":
            return self.warnings_overflow
        if action == "choose_round":  # shown when there is a choice
            return self.report is not None and len(self.report.rounds) > 1
        if action == "toggle_rejected":  # shown when some are left out (or brought in)
            return self.report is not None and self.report.rejected > 0
        if action in ("choose_dimension", "show_tab"):
            return self.report is not None and self.report.status == "ok"
        return True

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_choose_dimension(self) -> None:
        self.action_show_tab("groups")
        select = self.query_one("#scores-dimension", Select)
        select.focus()
        select.expanded = True

    def action_choose_round(self) -> None:
        self.query_one("#scores-round", RoundPicker).open()

    def action_toggle_rejected(self) -> None:
        """Bring the interviews a reviewer rejected into the scores, or leave them out again."""
        self.include_rejected = not self.include_rejected
        self.action_refresh_scores()

    @on(Select.Changed, "#scores-round")
    def score_round(self, event: Select.Changed) -> None:
        """Another round: every report (and the drill-down shown) is computed for it."""
        if isinstance(event.value, str) and event.value != (self.round or None):
            self.round = event.value
            self.action_refresh_scores()
        self.query_one(TabbedContent).query_one(Tabs).focus()  # the keys move through tabs again

    def action_toggle_warnings(self) -> None:
        self.query_one("#scores-warnings").toggle_class("-expanded")

    @on(TabbedContent.TabActivated)
    def focus_active_tab(self, event: TabbedContent.TabActivated) -> None:
        """Focus the new tab's main widget: focus left behind in a hidden tab would pull the
        tabs back to it."""
        tab = event.pane.id
        if tab == "groups" and self.report is not None:
            self.show_groups()
        if self.focused is not None and event.pane in self.focused.ancestors:
            return  # e.g. the dimension list, opened by `d`
        target = {
            "areas": "#scores-areas",
            "groups": "#scores-dimension",
            "awareness": "#scores-awareness",
        }.get(tab or "")
        if target is None or self.report is None:
            self.query_one(TabbedContent).query_one(Tabs).focus()
        else:
            self.query_one(target).focus()

    @on(Select.Changed, "#scores-dimension")
    def drill_down(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.dimension:
            self.dimension = event.value
            if self.report is not None:
                self.show_groups()
