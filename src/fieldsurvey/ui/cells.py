"""Measure text the way terminals draw it, so Khmer labels do not push lines off the screen.

Rich (and so Textual) gives spacing vowel signs (Unicode category Mc, e.g. Khmer ា ើ ោ) zero
cells. Terminals give them one: glibc's wcwidth, xterm, tmux and the Linux console all do.
A Khmer line is then wider on screen than Textual laid it out, by one cell per sign: text is
cut at the right edge and box borders go ragged. `match_terminal_widths` gives Mc characters
one cell in Rich's width table, once per process, before anything is measured. Checked with
glibc's wcswidth on every Khmer text of the bundled questionnaire (tests/ui/test_ui_app.py).

Rich keeps its table in a private module; if that changes, the shim does nothing (and the
test fails), rather than break the app.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_applied = False


def match_terminal_widths() -> bool:
    """Give Mc characters one cell in Rich's measurements; True when in effect."""
    global _applied
    if _applied:
        return True
    import rich.cells as cells

    table_type = getattr(cells, "CellTable", None)
    original = getattr(cells, "load_cell_table", None)
    if table_type is None or original is None:
        return False

    @cache
    def load_with_spacing_marks(unicode_version: str = "auto") -> object:
        table = original(unicode_version)
        widths = _widen_spacing_marks(table.widths)
        return table_type(table.unicode_version, widths, table.narrow_to_wide)

    cells.load_cell_table = load_with_spacing_marks  # type: ignore[attr-defined,assignment]
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
    _applied = cells.cell_len("\u17b6") == 1
    return _applied


def _widen_spacing_marks(
    widths: tuple[tuple[int, int, int], ...] | list[tuple[int, int, int]],
) -> list[tuple[int, int, int]]:
    """Split zero-width ranges around Mc code points, which then default to one cell."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0:
            out.append((start, end, width))
            continue
        run_start: int | None = None
        for codepoint in range(start, end + 1):
            spacing = unicodedata.category(chr(codepoint)) == "Mc"
            if spacing and run_start is not None:
                out.append((run_start, codepoint - 1, 0))
                run_start = None
            elif not spacing and run_start is None:
                run_start = codepoint
        if run_start is not None:
            out.append((run_start, end, 0))
    return out


def spacing_marks_measured() -> bool:
    """True once Rich counts spacing marks like a terminal (see `match_terminal_widths`)."""
    return _applied
