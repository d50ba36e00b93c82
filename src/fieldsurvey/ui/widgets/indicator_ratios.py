"""The ratios of seed 000's Annex for one office, period by period, with their trend.

A table (ratio × the last periods) whose cells carry the value and an arrow, green when the
change is better by the ratio's `better` and red when worse; the trend column says it in words
too, for 16 colours and for anyone who does not read colours. "n/a" cells get their reason in
the detail lines under the table, named with the indicators' labels in the screen's language.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import DataTable

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.ratios import OfficeTable, RatioPoint, RatioSeries
from fieldsurvey.ui.formatting import fit
from fieldsurvey.ui.i18n import tr

PERIODS_SHOWN = 3
"""The last periods: at 80 columns they leave about 30 cells for the ratio's name."""
PERIOD_WIDTH = 9
TREND_WIDTH = 12
ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
VERDICT_STYLES = {"better": "bold $success", "worse": "bold $error"}
AREA_PREFIX = "area:"


def point_cell(point: RatioPoint | None) -> Content:
    if point is None:
        return Content("")
    if point.value is None:
        return Content.styled(point.display, "$text-muted")
    arrow = ARROWS.get(point.direction or "")
    text = f"{point.display} {arrow}" if arrow else point.display
    return Content.styled(text, VERDICT_STYLES.get(point.verdict or "", ""))


def trend_cell(series: RatioSeries, lang: str) -> Content:
    """The latest change that has a verdict, in words: `↓ better`."""
    last = next((p for p in reversed(series.points) if p.change is not None), None)
    if last is None or last.verdict is None:
        return Content("")
    text = f"{ARROWS.get(last.direction or '', '')} {tr(f'indicators.{last.verdict}', lang)}"
    return Content.styled(text, VERDICT_STYLES[last.verdict])


def na_reason(
    series: RatioSeries, point: RatioPoint, table: OfficeTable, q: Questionnaire, lang: str
) -> str:
    """Why a point is "n/a", with the indicator's label: missing count, or a zero divisor."""
    ratio = next(r for r in q.ratios if r.id == series.id)
    values = {row.id: dict(zip(table.periods, row.values, strict=True)) for row in table.rows}
    numerator = values.get(ratio.numerator, {}).get(point.period)
    denominator = values.get(ratio.denominator, {}).get(point.period)
    if numerator is None or denominator is None:
        missing = ratio.numerator if numerator is None else ratio.denominator
        key = "indicators.na_missing"
    else:
        missing = ratio.denominator
        key = "indicators.na_zero"
    indicator = next(i for i in q.indicators if i.id == missing)
    label = text_in(indicator.label, lang, q.default_language)
    return tr(key, lang, indicator=label, period=point.period)


def ratio_detail(series: RatioSeries, table: OfficeTable, q: Questionnaire, lang: str) -> Content:
    """The ratio's full name, which way is better, and the reason for each "n/a"."""
    ratio = next(r for r in q.ratios if r.id == series.id)
    lines = [
        Content.assemble(
            (series.label, "bold"), " — ", tr(f"indicators.better_{ratio.better}", lang)
        )
    ]
    for point in series.points[-PERIODS_SHOWN:]:
        if point.value is None:
            lines.append(Content.styled(na_reason(series, point, table, q, lang), "$warning"))
    return Content("\n").join(lines)


class RatioTable(DataTable):
    """Ratios by period for one office; area names as separator rows."""

    DEFAULT_CSS: ClassVar[str] = """
    RatioTable {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id)
        self.series: dict[str, RatioSeries] = {}

    def show(
        self, series: list[RatioSeries], table: OfficeTable, q: Questionnaire, lang: str
    ) -> None:
        """Fill the table: the last periods of `table`, each ratio under its area."""
        self.clear(columns=True)
        self.series = {s.id: s for s in series}
        periods = table.periods[-PERIODS_SHOWN:]
        # Each column has a cell of padding on both sides; the name gets what is left.
        room = self.app.size.width - 4 - 2 - len(periods) * (PERIOD_WIDTH + 2) - TREND_WIDTH - 2
        label_width = max(20, room)
        self.add_column(tr("indicators.ratio", lang), width=label_width, key="ratio")
        for period in periods:
            self.add_column(period, width=PERIOD_WIDTH, key=period)
        self.add_column(tr("indicators.trend", lang), width=TREND_WIDTH, key="trend")
        area_labels = {a.id: text_in(a.label, lang, q.default_language) for a in q.areas}
        for area in dict.fromkeys(s.area for s in series):
            heading = Content.styled(fit(area_labels.get(area, area), label_width), "bold $accent")
            self.add_row(heading, *[""] * (len(periods) + 1), key=AREA_PREFIX + area)
            for s in (s for s in series if s.area == area):
                by_period = {p.period: p for p in s.points}
                self.add_row(
                    fit(s.label, label_width),
                    *[point_cell(by_period.get(period)) for period in periods],
                    trend_cell(s, lang),
                    key=s.id,
                )
        if len(series):
            self.move_cursor(row=1)  # the first ratio, under its area's name

    def on_show(self) -> None:
        # Filled while its tab was hidden, the table scrolled the cursor's row to the top,
        # hiding the area's name above it.
        if self.cursor_row <= 1:
            self.call_after_refresh(self.scroll_home, animate=False)
