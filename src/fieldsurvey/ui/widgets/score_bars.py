"""Scores as horizontal bars on one 0-100 scale, each with its 95 % interval drawn on the bar.

    Accessibility                                  49.3 ↓  n 300 · Fix this first
    ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┣━╋━┫─────────────────────────────────────

`━` is the score, `┣ ╋ ┫` the interval's low end, the score and its high end, `─` the rest of
the scale. The glyphs carry the meaning on their own, so the bars read the same in 16 colours
and in a snapshot. A hidden row (a small group, a suppressed area) shows its reason where the
number and the bar would be: it never draws a number. Rows are laid out to the widget's width
in terminal cells, so Chinese and Khmer labels are cut with `cell_len`, not `len`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from fieldsurvey.ui.formatting import fit, fit_label

Pair = tuple[float, float]

BAR = "━"
LOW, MARK, HIGH = "┣", "╋", "┫"
TRACK = "─"
STYLE_BAR = "$primary"
STYLE_INTERVAL = "bold $accent"
STYLE_TRACK = "$text-muted"
STYLE_MUTED = "$text-muted"
EMPTY = Content("")
LABEL_SHARE = 0.3
"""At most this share of a one-line row goes to the label; the bar gets the rest."""


@dataclass(frozen=True)
class BarRow:
    """One bar: what it is, its value and interval, or why it is hidden."""

    key: str
    label: str
    value: float | None = None
    ci: Pair | None = None
    value_text: str = ""
    """The number as shown ("49.3", "84.3%"); empty when hidden."""
    hidden: str | None = None
    """Shown instead of the number and the bar (e.g. "fewer than 10 — hidden")."""
    arrow: str = ""
    """↑ or ↓ when the trend says so, else empty."""
    note: Content = EMPTY
    """The right-hand column: n, status, quadrant, gap (already styled)."""
    short: str | None = None
    """The questionnaire's short label, shown instead of `label` where that would be cut."""


def draw_bar(value: float, ci: Pair | None, width: int, top: float = 100.0) -> Content:
    """`value` on a scale 0..`top` in `width` cells, with its interval marked."""
    if width <= 0:
        return Content("")

    def cell(x: float) -> int:
        return min(width - 1, max(0, int(x / top * width)))

    score = cell(value)
    low, high = (cell(ci[0]), cell(ci[1])) if ci else (score, score)
    parts: list[tuple[str, str]] = []
    for i in range(width):
        if i == score:
            parts.append((MARK, STYLE_INTERVAL))
        elif i == low:
            parts.append((LOW, STYLE_INTERVAL))
        elif i == high:
            parts.append((HIGH, STYLE_INTERVAL))
        elif low < i < high:
            parts.append((BAR, STYLE_INTERVAL))
        elif i < low:
            parts.append((BAR, STYLE_BAR))
        else:
            parts.append((TRACK, STYLE_TRACK))
    return Content.assemble(*parts)


def scale_line(width: int, top: float = 100.0, unit: str = "") -> Content:
    """`0`, the middle and `top` placed over a bar of `width` cells."""
    if width < 12:
        return Content(" " * max(0, width))
    middle = f"{top / 2:g}{unit}"
    end = f"{top:g}{unit}"
    left = "0" + " " * (width // 2 - 1 - len(middle) // 2)
    text = left + middle
    text += " " * max(1, width - len(text) - len(end)) + end
    return Content(text[: max(width, len(text))]).stylize(STYLE_MUTED)


class ScoreBars(Widget):
    """Rows of bars on one scale; with `selectable`, ↑/↓ move a cursor and say which row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="score_bars.up"),
        Binding("down", "cursor_down", "Down", show=False, id="score_bars.down"),
        Binding("home", "cursor_first", "First", show=False, id="score_bars.first"),
        Binding("end", "cursor_last", "Last", show=False, id="score_bars.last"),
    ]

    DEFAULT_CSS: ClassVar[str] = """
    ScoreBars {
        height: auto;
        width: 1fr;
    }
    """

    cursor: reactive[int] = reactive(0)
    """The highlighted row (selectable bars only)."""

    class Highlighted(Message):
        """The cursor moved to row `index` (whose key is `key`)."""

        def __init__(self, bars: ScoreBars, index: int, key: str) -> None:
            super().__init__()
            self.bars = bars
            self.index = index
            self.key = key

        @property
        def control(self) -> ScoreBars:
            return self.bars

    def __init__(
        self,
        rows: list[BarRow] | None = None,
        *,
        two_lines: bool = False,
        selectable: bool = False,
        top: float = 100.0,
        unit: str = "",
        note_width: int | None = None,
        note_title: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args:
        rows: the bars, top to bottom.
        two_lines: label and numbers on one line, the bar under them across the whole width
            (the main areas); otherwise label, number, bar and note share one line.
        selectable: focusable, with a cursor that posts `Highlighted`.
        top: the value at the right end of the scale.
        unit: shown after the scale's numbers ("%").
        note_width: cells for the note column (default: the widest note), so that several
            widgets line up.
        note_title: shown over the note column (one-line rows).
        id: the widget id.
        classes: CSS classes.
        """
        super().__init__(id=id, classes=classes)
        self.rows: list[BarRow] = rows or []
        self.two_lines = two_lines
        self.can_focus = selectable
        self.top = top
        self.unit = unit
        self.note_width = note_width
        self.note_title = note_title

    # ----- data -------------------------------------------------------------------------------

    def set_rows(self, rows: list[BarRow], cursor: int | None = None) -> None:
        """Show new rows; keep the cursor where it was unless told otherwise."""
        self.rows = rows
        wanted = self.cursor if cursor is None else cursor
        self.set_reactive(ScoreBars.cursor, max(0, min(wanted, len(rows) - 1)))
        self.refresh(layout=True)
        if rows and self.can_focus:
            self.post_message(self.Highlighted(self, self.cursor, rows[self.cursor].key))

    @property
    def current(self) -> BarRow | None:
        return self.rows[self.cursor] if self.rows else None

    # ----- layout -----------------------------------------------------------------------------

    @property
    def lines_per_row(self) -> int:
        return 2 if self.two_lines else 1

    def columns(self, width: int) -> tuple[int, int, int]:
        """Cells for the label, the note and the bar of a one-line row.

        A row is: marker (2), label, space, number (8), space, bar, then space and note.
        """
        labels = max((_cells(row.label) for row in self.rows), default=8)
        label = max(8, min(labels, int(width * LABEL_SHARE)))
        notes = max((row.note.cell_length for row in self.rows), default=0)
        note = self.note_width if self.note_width is not None else min(notes, width // 4)
        bar = max(10, width - 2 - label - 1 - 8 - 1 - (note + 1 if note else 0))
        return label, note, bar

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + len(self.rows) * self.lines_per_row

    def render(self) -> Content:
        width = self.size.width
        if not self.rows or width <= 0:
            return Content("")
        lines = [self.header(width)]
        for index, row in enumerate(self.rows):
            lines += self.row_lines(index, row, width)
        return Content("\n").join(lines)

    def header(self, width: int) -> Content:
        if self.two_lines:
            return Content("  ").append(scale_line(width - 2, self.top, self.unit))
        label, note, bar = self.columns(width)
        line = Content(" " * (2 + label + 1 + 8 + 1)).append(scale_line(bar, self.top, self.unit))
        if note and self.note_title:
            line = line.append(" ").append(Content.styled(fit(self.note_title, note), STYLE_MUTED))
        return line

    def marker(self, index: int) -> Content:
        if not self.can_focus or index != self.cursor:
            return Content("  ")
        return Content.styled("► " if self.has_focus else "> ", "bold $accent")

    def label_style(self, index: int) -> str:
        return "bold $accent" if self.can_focus and index == self.cursor else "bold"

    def number(self, row: BarRow) -> Content:
        arrow = Content.styled(f" {row.arrow}" if row.arrow else "  ", "bold")
        return Content.styled(f"{row.value_text:>6}", "bold").append(arrow)

    def row_lines(self, index: int, row: BarRow, width: int) -> list[Content]:
        if self.two_lines:
            return self.two_line_row(index, row, width)
        label, note, bar = self.columns(width)
        line = self.marker(index).append(
            Content.styled(fit_label(row.label, row.short, label), self.label_style(index))
        )
        if row.hidden is not None:
            hidden = fit(row.hidden, 8 + 1 + bar)
            line = line.append(" ").append(Content.styled(hidden, f"italic {STYLE_MUTED}"))
        else:
            line = line.append(" ").append(self.number(row)).append(" ")
            line = line.append(draw_bar(row.value or 0.0, row.ci, bar, self.top))
        if note:
            line = line.append(" ").append(_fit_content(row.note, note))
        return [line]

    def two_line_row(self, index: int, row: BarRow, width: int) -> list[Content]:
        # One note width for all rows, so the numbers line up in a column.
        note_width = min(max(r.note.cell_length for r in self.rows), width // 2)
        label_width = max(8, width - 2 - 8 - 1 - note_width)
        first = self.marker(index).append(
            Content.styled(fit_label(row.label, row.short, label_width), self.label_style(index))
        )
        first = first.append(self.number(row) if row.hidden is None else " " * 8)
        first = first.append(" ").append(_fit_content(row.note, note_width))
        if row.hidden is not None:
            second = Content("  ").append(
                Content.styled(fit(row.hidden, width - 2), f"italic {STYLE_MUTED}")
            )
        else:
            second = Content("  ").append(draw_bar(row.value or 0.0, row.ci, width - 2, self.top))
        return [first, second]

    # ----- moving -----------------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()
        if self.rows and self.can_focus:
            self.post_message(self.Highlighted(self, cursor, self.rows[cursor].key))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def action_cursor_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.cursor = min(len(self.rows) - 1, self.cursor + 1)

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = max(0, len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.can_focus or offset.y < 1:
            return
        index = (offset.y - 1) // self.lines_per_row
        if 0 <= index < len(self.rows):
            self.cursor = index


def _cells(text: str) -> int:
    return Content(text).cell_length


def _fit_content(content: Content, width: int) -> Content:
    """Cut styled text to `width` cells (with an ellipsis) or pad it."""
    return content.truncate(width, ellipsis=True, pad=True)
