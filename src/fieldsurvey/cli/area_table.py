"""The area columns of `fieldsurvey scores`' table, fitted to 80 terminal columns.

Every table of a report (all respondents, then each breakdown group) shares one layout, so
their columns line up. The numbers take the cells they need, measured as terminals draw them
(Chinese two cells a character, Khmer signs as `terminal_width` counts them); the label column
gets what is left, up to 24 cells, where the area's short label (`short:`) stands in for one
that would be cut, and a label still too long is cut between grapheme clusters. An area that
is not `ok` is marked `*`: the note under its table says why (the Status column that said it
before made the table 86-95 columns wide).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fieldsurvey.i18n import N_, tr
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.report import AreaResult, Pair
from fieldsurvey.scoring.words import quadrant_text, reason_text
from fieldsurvey.ui.formatting import terminal_width
from fieldsurvey.ui.wrap import cut_clusters

# TRANSLATORS: column headings of `fieldsurvey scores`; short, the table must fit 80 columns
HEADERS = (
    N_("Area"),
    N_("Score"),
    N_("95% CI"),
    N_("%Sat"),
    N_("Alpha"),
    N_("n"),
    N_("Quadrant"),
)
TABLE_WIDTH = 80
LABEL_WIDTH = 24
"""The label column's widest, when the numbers leave room for it."""
LABEL_MIN = 8
GAP = "  "
MARK = " *"
"""After the label of an area whose status is not `ok` (the note says why)."""


@dataclass(frozen=True)
class AreaTable:
    """One column layout for every area table of a report, in one language."""

    lang: str
    shorts: Mapping[str, str]
    """The areas' short labels in `lang`, by area id."""
    label_width: int
    widths: tuple[int, ...]
    """Each column's cells, the label column first."""

    @classmethod
    def fitted(
        cls, tables: Sequence[Sequence[AreaResult]], lang: str, shorts: Mapping[str, str]
    ) -> AreaTable:
        headers = _headers(lang)
        rows = [_numbers(a, lang) for areas in tables for a in areas]
        numbers = [max(terminal_width(r[i]) for r in [headers[1:], *rows]) for i in range(6)]
        room = TABLE_WIDTH - sum(numbers) - len(GAP) * len(numbers)
        layout = cls(lang, shorts, max(LABEL_MIN, min(LABEL_WIDTH, room)), ())
        labels = [layout.label(a) for areas in tables for a in areas]
        first = max(terminal_width(label) for label in [headers[0], *labels])
        return cls(lang, shorts, layout.label_width, (first, *numbers))

    def label(self, area: AreaResult) -> str:
        mark = MARK if area.reason is not None else ""
        width = self.label_width - len(mark)
        short = self.shorts.get(area.id)
        text = short if short and terminal_width(area.label) > width else area.label
        return cut_clusters(text, width) + mark

    def rows(self, areas: Sequence[AreaResult]) -> list[str]:
        """The heading, then a row per area."""
        rows = [_headers(self.lang), *((self.label(a), *_numbers(a, self.lang)) for a in areas)]
        return [
            GAP.join(
                _align(cell, width, left=i in (0, 6))
                for i, (cell, width) in enumerate(zip(row, self.widths, strict=True))
            ).rstrip()
            for row in rows
        ]

    def notes(self, areas: Sequence[AreaResult]) -> list[str]:
        """A note per area that is not `ok` (marked `*` in its row), unwrapped."""
        return [f"  * {a.label}: {reason_text(a.reason, self.lang)}" for a in areas if a.reason]


def _headers(lang: str) -> tuple[str, ...]:
    return tuple(tr(h, lang) for h in HEADERS)


def _numbers(area: AreaResult, lang: str) -> tuple[str, ...]:
    return (
        number(area.score, 1),
        pair(area.ci),
        number(area.pct_satisfied, 1),
        number(area.alpha, 2),
        count(area.n, area.reason),
        quadrant_text(area.quadrant, lang) or "-",
    )


def _align(cell: str, width: int, *, left: bool) -> str:
    padding = " " * max(0, width - terminal_width(cell))
    return cell + padding if left else padding + cell


def number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def pair(value: Pair | None) -> str:
    return "-" if value is None else f"[{value[0]:.1f}, {value[1]:.1f}]"


def count(n: int | None, reason: Reason | None) -> str:
    if n is not None:
        return str(n)
    return "<10" if reason == Reason.TOO_FEW else "-"
