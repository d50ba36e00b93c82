"""Office indicators: each office's counts (seed 000 Annex) and the ratios they correlate with.

Choose an office (or name a new one) and a period, type the counts, save with Ctrl+S. Saving
goes through `set_counts`, which refuses every entry if one is wrong: nothing is written and
each refusal is shown under its field. After a save the Ratios tab shows clients per front-desk
staff, rejected claims per 100, complaints per 1,000 clients... per period, with their trend.
Database reads and writes run in thread workers, like every screen's.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Header, Input, Label, Select, Static, TabbedContent, TabPane

from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.indicators import IndicatorError, set_counts
from fieldsurvey.scoring.ratios import OfficeTable, RatioSeries, office_table, ratios
from fieldsurvey.ui.screens.base import AppScreen, JobFailed
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.indicator_form import IndicatorForm, explain
from fieldsurvey.ui.widgets.indicator_ratios import AREA_PREFIX, RatioTable, ratio_detail

NEW_OFFICE = "\x00new"
"""The Select value of "+ New office…" (no office name can hold a NUL)."""


class IndicatorsScreen(AppScreen[None]):
    """Counts of one office and period, and that office's ratios over time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="indicators.back"),
        Binding("ctrl+s", "save", "Save", id="indicators.save"),
        Binding("f2", "show_tab('counts')", "Counts", id="indicators.counts"),
        Binding("f3", "show_tab('ratios')", "Ratios", id="indicators.ratios"),
    ]

    class OfficeLoaded(Message):
        """An office's stored counts and ratios, and the offices known, read by a worker."""

        def __init__(
            self, office: str, known: list[str], table: OfficeTable, series: list[RatioSeries]
        ) -> None:
            super().__init__()
            self.office = office
            self.known = known
            self.table = table
            self.series = series

    class Saved(Message):
        def __init__(self, office: str, period: str, counts: dict[str, int]) -> None:
            super().__init__()
            self.office = office
            self.period = period
            self.counts = counts

    class Refused(Message):
        """`set_counts` refused the entries (and wrote nothing)."""

        def __init__(self, problems: list[str]) -> None:
            super().__init__()
            self.problems = problems

    def __init__(self) -> None:
        super().__init__()
        self.office = ""
        self.table: OfficeTable | None = None
        self.show_ratios_when_loaded = False

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        prefs = self.ctx.preferences
        self.office = prefs.office
        yield Header(icon="")
        with Horizontal(id="indicators-where"):
            yield Label(self.t("Office"), classes="indicators-label")
            yield Select(
                self.office_options([prefs.office] if prefs.office else []),
                value=prefs.office or NEW_OFFICE,
                allow_blank=False,
                compact=True,
                id="indicators-office",
            )
            yield Input(
                placeholder=self.t("New office name"),
                compact=True,
                max_length=64,
                id="indicators-new-office",
            )
            yield Label(self.t("Period"), classes="indicators-label")
            yield Input(
                prefs.round,
                placeholder=self.t("e.g. 2026-Q3"),
                compact=True,
                max_length=64,
                id="indicators-period",
            )
        yield Static(id="indicators-where-problem", classes="error-message")
        with TabbedContent(id="indicators-tabs"):
            with TabPane(self.t("Counts") + " (F2)", id="counts"):
                yield IndicatorForm(self.ctx.questionnaire, self.text_lang, id="indicators-form")
                yield Static(
                    self.t(
                        "Whole numbers only; leave blank what you do not know. Enter: next field."
                    ),
                    id="indicators-hint",
                    classes="hint",
                )
            with TabPane(self.t("Ratios") + " (F3)", id="ratios"):
                yield RatioTable(id="indicators-ratios")
                yield Static(id="indicators-ratio-detail")
        yield Static(id="indicators-status")
        yield KeyBar()

    def office_options(self, known: list[str]) -> list[tuple[str, str]]:
        names = sorted(set(known) | ({self.office} if self.office else set()))
        return [(name, name) for name in names] + [(self.t("+ New office…"), NEW_OFFICE)]

    def on_mount(self) -> None:
        self.title = self.t("Office indicators")
        self.query_one("#indicators-new-office").display = self.office == ""
        self.query_one("#indicators-where-problem").display = False
        self.load_office(self.office)
        if self.office:
            self.query_one(IndicatorForm).query(Input).first().focus()
        else:
            self.query_one("#indicators-new-office").focus()

    @property
    def period(self) -> str:
        return self.query_one("#indicators-period", Input).value.strip()

    # ----- reading and writing (workers) -------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="indicators-read")
    def load_office(self, office: str) -> None:
        """The office's counts and ratios, and the list of offices, off the UI thread."""
        ctx = self.ctx
        try:
            known = ctx.store.offices()
            table = office_table(ctx.store, ctx.questionnaire, office, self.text_lang)
            series = ratios(ctx.store, ctx.questionnaire, office, self.text_lang) if office else []
        except Exception as exc:  # a locked or damaged database: say so on screen
            self.post_message(JobFailed(str(exc)))
            return
        self.post_message(self.OfficeLoaded(office, known, table, series))

    @work(thread=True, exclusive=True, exit_on_error=False, group="indicators-write")
    def save_counts(self, office: str, period: str, counts: dict[str, str]) -> None:
        try:
            saved = set_counts(self.ctx.store, self.ctx.questionnaire, office, period, counts)
        except IndicatorError as exc:
            self.post_message(self.Refused(exc.problems))
            return
        except Exception as exc:
            self.post_message(JobFailed(str(exc)))
            return
        self.post_message(self.Saved(office, period, saved))

    # ----- showing -----------------------------------------------------------------------------

    @on(OfficeLoaded)
    def show_office(self, event: OfficeLoaded) -> None:
        if event.office != self.office:
            return  # another office was chosen meanwhile
        self.table = event.table
        select = self.query_one("#indicators-office", Select)
        with self.prevent(Select.Changed):
            select.set_options(self.office_options(event.known))
            select.value = self.office if self.office else NEW_OFFICE
        if self.office in event.known:  # a new office, once saved, is one of the list
            self.query_one("#indicators-new-office", Input).display = False
        period_box = self.query_one("#indicators-period", Input)
        period_box.suggester = SuggestFromList(event.table.periods, case_sensitive=False)
        self.fill_form(keep_edits=not self.show_ratios_when_loaded)
        self.show_ratios(event.series)
        if self.show_ratios_when_loaded:
            self.show_ratios_when_loaded = False
            self.action_show_tab("ratios")

    def fill_form(self, *, keep_edits: bool = True) -> None:
        """The stored counts of the chosen period, the previous period's beside them."""
        table = self.table
        values: dict[str, int | None] = {}
        previous: dict[str, tuple[str, int]] = {}
        if table is not None and self.office:
            period = self.period
            for row in table.rows:
                by_period = dict(zip(table.periods, row.values, strict=True))
                values[row.id] = by_period.get(period)
                earlier = [(p, v) for p, v in by_period.items() if p < period and v is not None]
                if earlier:
                    previous[row.id] = earlier[-1]
        self.query_one(IndicatorForm).fill(values, previous, keep_edits=keep_edits)

    def show_ratios(self, series: list[RatioSeries]) -> None:
        ratio_table = self.query_one(RatioTable)
        detail = self.query_one("#indicators-ratio-detail", Static)
        if self.table is None or not self.table.periods:
            ratio_table.clear(columns=True)
            ratio_table.display = False
            detail.update(
                self.t(
                    "No counts yet for {office}. Enter them "
                    "under Counts (F2) and save with Ctrl+S.",
                    office=self.office or "…",
                )
            )
            return
        ratio_table.display = True
        ratio_table.show(series, self.table, self.ctx.questionnaire, self.text_lang)
        self.show_ratio_detail()

    def show_ratio_detail(self) -> None:
        ratio_table = self.query_one(RatioTable)
        detail = self.query_one("#indicators-ratio-detail", Static)
        if self.table is None or not ratio_table.row_count:
            return
        key = ratio_table.coordinate_to_cell_key(ratio_table.cursor_coordinate).row_key.value
        series = ratio_table.series.get(key or "")
        if series is None:
            detail.update("")
            return
        detail.update(ratio_detail(series, self.table, self.ctx.questionnaire, self.text_lang))

    @on(DataTable.RowHighlighted, "#indicators-ratios")
    def follow_ratio(self, event: DataTable.RowHighlighted) -> None:
        if (event.row_key.value or "").startswith(AREA_PREFIX):
            self.query_one("#indicators-ratio-detail", Static).update("")
        else:
            self.show_ratio_detail()

    def set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#indicators-status", Static)
        status.update(text)
        status.set_class(error, "error-message")

    def show_where_problem(self, text: str) -> None:
        box = self.query_one("#indicators-where-problem", Static)
        box.update(Content(f"! {text}") if text else "")
        box.display = bool(text)

    @on(Saved)
    def confirm_saved(self, event: Saved) -> None:
        text = self.t(
            "Saved {count} counts for {office}, {period}.",
            count=len(event.counts),
            office=event.office,
            period=event.period,
        )
        self.set_status(text)
        self.show_ratios_when_loaded = True
        self.load_office(self.office)

    @on(Refused)
    def show_refusals(self, event: Refused) -> None:
        by_field: dict[str, str] = {}
        general: list[str] = []
        for problem in event.problems:
            field, text = explain(problem, self.text_lang)
            if field in ("office", "period"):
                self.show_where_problem(text)
            elif field is None:
                general.append(text)
            else:
                by_field.setdefault(field, text)
        self.action_show_tab("counts")
        self.query_one(IndicatorForm).show_problems(by_field)
        self.set_status(
            " ".join([self.t("Nothing was saved: correct the entries marked !."), *general]),
            error=True,
        )

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        self.set_status(
            self.t("Could not read the indicators: {error}", error=event.error), error=True
        )

    # ----- choosing office and period ------------------------------------------------------

    @on(Select.Changed, "#indicators-office")
    def choose_office(self, event: Select.Changed) -> None:
        new = event.value == NEW_OFFICE
        box = self.query_one("#indicators-new-office", Input)
        box.display = new
        self.office = box.value.strip() if new else str(event.value)
        self.table = None
        self.fill_form(keep_edits=False)
        self.show_ratios([])
        if new:
            box.focus()
        else:
            self.load_office(self.office)

    @on(Input.Changed, "#indicators-new-office")
    def name_new_office(self, event: Input.Changed) -> None:
        self.office = event.value.strip()

    @on(Input.Changed, "#indicators-period")
    def choose_period(self) -> None:
        """Show what is stored for the period as it is typed; typed counts stay."""
        self.fill_form()

    @on(Input.Submitted)
    def next_field_or_save(self, event: Input.Submitted) -> None:
        """Enter moves down the form like Tab; on the last count it saves."""
        counts = list(self.query_one(IndicatorForm).inputs.values())
        if counts and event.input is counts[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(IndicatorForm.IndicatorFocused)
    def show_correlates(self, event: IndicatorForm.IndicatorFocused) -> None:
        q = self.ctx.questionnaire
        indicator = next(i for i in q.indicators if i.id == event.indicator)
        label = text_in(indicator.label, self.text_lang, q.default_language)
        text = text_in(indicator.correlates_with, self.text_lang, q.default_language)
        self.query_one("#indicators-hint", Static).update(
            label + "\n" + self.t("Correlates with: {text}", text=text)
        )

    # ----- keys ----------------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        target = IndicatorForm if tab == "counts" else RatioTable
        if self.focused is None or not any(
            isinstance(a, target) for a in self.focused.ancestors_with_self
        ):
            widget = self.query_one(target)
            (widget.query(Input).first() if tab == "counts" else widget).focus()

    def action_save(self) -> None:
        form = self.query_one(IndicatorForm)
        form.show_problems({})
        self.show_where_problem("")
        self.set_status("")
        self.save_counts(self.office, self.period, form.entries())
