"""The importance-performance plot (Martilla & James) drawn in text, with a legend.

    ↑ Importance
    0.66 │Fix this first        │ Keep doing this
         │           4   1      │
    0.60 ┼──────────────────────┼─────────────────────
         │                      │   3
    0.54 │Can wait              │ Good, less important 2
           47.5                 50.7                54.0  Score →

Each area is a digit (its row in the legend under the plot), placed by its score (across) and
importance (up); the cross-hairs sit at the report's `cuts`, the mean score and importance
across areas. The axes zoom around the cuts: scores of one survey rarely spread over more than
ten points, and on a 0-100 axis they would all fall into two or three columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from fieldsurvey.ui.formatting import fit

QUADRANT_STYLES = {
    "concentrate": "bold $error",
    "keep_up": "bold $success",
    "low_priority": "bold $secondary",
    "overkill": "bold $warning",
}
MIN_SCORE_SPAN = 5.0
MIN_IMPORTANCE_SPAN = 0.05
MARGIN = 6
"""Cells left of the plot for the importance numbers."""


@dataclass(frozen=True)
class PlotPoint:
    marker: str
    label: str
    score: float
    importance: float
    quadrant: str | None
    note: str = ""
    """The legend's right-hand text (the quadrant's name)."""


@dataclass(frozen=True)
class PlotWords:
    """The plot's own words, in the screen's language."""

    importance: str
    score: str
    corners: tuple[str, str, str, str]
    """Top-left, top-right, bottom-left, bottom-right quadrant names."""


class _Grid:
    """A plot area of cells; a wide (Chinese) character takes two."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.cells: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(height)]

    def free(self, row: int, col: int) -> bool:
        return 0 <= col < self.width and self.cells[row][col][0] == " "

    def fits(self, row: int, col: int, text: str, limit: int) -> bool:
        end = col + cell_len(text)
        return end <= min(limit, self.width) and all(self.free(row, c) for c in range(col, end))

    def put(self, row: int, col: int, text: str, style: str) -> None:
        """Write `text` from `col` (the caller checked that it `fits`)."""
        for char in text:
            self.cells[row][col] = (char, style)
            if cell_len(char) == 2:
                self.cells[row][col + 1] = ("", style)
            col += cell_len(char)

    def fill(self, row: int, col: int, char: str, style: str) -> None:
        if self.free(row, col):
            self.cells[row][col] = (char, style)

    def label(self, rows: tuple[int, int], col: int, text: str, limit: int) -> None:
        """A quadrant's name on the first of `rows` where it does not cover a point."""
        text = fit(text, max(0, limit - col)).rstrip()
        for row in rows:
            if text and self.fits(row, col, text, limit):
                self.put(row, col, text, "$text-muted")
                return

    def line(self, row: int) -> Content:
        return Content.assemble(*[(char, style) for char, style in self.cells[row] if char])


def _span(values: list[float], centre: float, minimum: float) -> float:
    far = max((abs(v - centre) for v in values), default=0.0)
    return max(minimum, far * 1.25)


def plot_lines(
    points: list[PlotPoint],
    cuts: tuple[float, float],
    words: PlotWords,
    width: int,
    height: int,
) -> list[Content]:
    """The plot, its axis lines and its legend, in `width` x `height` cells (at most)."""
    plot_height = max(5, height - 4 - len(points))
    plot_width = max(20, width - MARGIN - 1)
    cut_score, cut_importance = cuts
    dx = _span([p.score for p in points], cut_score, MIN_SCORE_SPAN)
    dy = _span([p.importance for p in points], cut_importance, MIN_IMPORTANCE_SPAN)
    x0, y1 = cut_score - dx, cut_importance + dy

    def col(x: float) -> int:
        return min(plot_width - 1, max(0, int((x - x0) / (2 * dx) * plot_width)))

    def row(y: float) -> int:
        return min(plot_height - 1, max(0, int((y1 - y) / (2 * dy) * plot_height)))

    grid = _Grid(plot_width, plot_height)
    cx, cy = col(cut_score), row(cut_importance)
    for point in points:
        _place(grid, row(point.importance), col(point.score), point)
    for r in range(plot_height):
        grid.fill(r, cx, "┼" if r == cy else "│", "$text-muted")
    for c in range(plot_width):
        grid.fill(cy, c, "─", "$text-muted")
    top_left, top_right, bottom_left, bottom_right = words.corners
    top, bottom = (0, 1), (plot_height - 1, plot_height - 2)
    grid.label(top, 0, top_left, cx - 1)
    grid.label(top, cx + 2, top_right, plot_width)
    grid.label(bottom, 0, bottom_left, cx - 1)
    grid.label(bottom, cx + 2, bottom_right, plot_width)
    y_labels = {0: y1, cy: cut_importance, plot_height - 1: cut_importance - dy}
    title = f"↑ {words.importance}"
    right = f"{words.score} →"
    gap = max(1, MARGIN + plot_width - cell_len(title) - cell_len(right))
    lines = [Content.styled(title + " " * gap + right, "$text-muted")]
    for r in range(plot_height):
        label = f"{y_labels[r]:.2f}" if r in y_labels else ""
        lines.append(Content.styled(f"{label:>{MARGIN - 1}} ", "$text-muted").append(grid.line(r)))
    lines.append(_x_axis(x0, cut_score, x0 + 2 * dx, cx, plot_width))
    lines.append(Content.styled(_legend_header(words, width, points), "$text-muted"))
    lines += [_legend(point, width, points) for point in points]
    return lines


def _place(grid: _Grid, row: int, col: int, point: PlotPoint) -> None:
    """The marker at its cell, or the nearest free one on its row (two areas may share one),
    leaving a blank between markers so that 1 and 4 never read as 14."""

    def apart(c: int) -> bool:
        return all(grid.free(row, n) or not 0 <= n < grid.width for n in (c - 1, c + 1))

    style = QUADRANT_STYLES.get(point.quadrant or "", "bold")
    offsets = (0, 2, -2, 3, -3, 4, -4)
    for ok in (apart, lambda c: True):
        for offset in offsets:
            at = col + offset
            if grid.fits(row, at, point.marker, grid.width) and ok(at):
                grid.put(row, at, point.marker, style)
                return


def _x_axis(low: float, cut: float, high: float, cx: int, width: int) -> Content:
    text = [" "] * (MARGIN + width)

    def write(at: int, value: str) -> None:
        at = max(0, min(at, len(text) - len(value)))
        text[at : at + len(value)] = list(value)

    write(MARGIN, f"{low:.1f}")
    write(MARGIN + cx - 2, f"{cut:.1f}")
    write(MARGIN + width - 4, f"{high:.1f}")
    return Content.styled("".join(text).rstrip(), "$text-muted")


def _label_width(width: int, points: list[PlotPoint]) -> int:
    notes = max((cell_len(p.note) for p in points), default=0)
    labels = max((cell_len(p.label) for p in points), default=8)
    return max(8, min(labels, width - 2 - 1 - 19 - notes))


def _legend_header(words: PlotWords, width: int, points: list[PlotPoint]) -> str:
    score = fit(words.score, 7).rstrip()
    score = " " * (7 - cell_len(score)) + score
    importance = fit(words.importance, 10).rstrip()
    importance = " " * (10 - cell_len(importance)) + importance
    return " " * (2 + _label_width(width, points) + 1) + f"{score} {importance}"


def _legend(point: PlotPoint, width: int, points: list[PlotPoint]) -> Content:
    style = QUADRANT_STYLES.get(point.quadrant or "", "bold")
    return Content.assemble(
        (f"{point.marker} ", style),
        fit(point.label, _label_width(width, points)),
        f" {point.score:7.1f} {point.importance:10.2f}  ",
        (point.note, style),
    )


class QuadrantPlot(Widget):
    """Areas by score and importance around the cross-hairs; redrawn to its size."""

    DEFAULT_CSS: ClassVar[str] = """
    QuadrantPlot {
        height: 1fr;
        width: 1fr;
    }
    """

    def __init__(self, words: PlotWords, *, id: str | None = None) -> None:
        """Args:
        words: the axis titles and quadrant names in the screen's language.
        id: the widget id.
        """
        super().__init__(id=id)
        self.words = words
        self.points: list[PlotPoint] = []
        self.cuts: tuple[float, float] | None = None

    def show(self, points: list[PlotPoint], cuts: tuple[float, float] | None) -> None:
        self.points = points
        self.cuts = cuts
        self.refresh()

    def render(self) -> Content:
        if self.cuts is None or not self.points:
            return Content("")
        width, height = self.size
        return Content("\n").join(plot_lines(self.points, self.cuts, self.words, width, height))
