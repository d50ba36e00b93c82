"""safetext: control characters never reach a terminal, formulas never reach a spreadsheet."""

from __future__ import annotations

import csv
import io
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.safetext import csv_cell, csv_row, terminal_text

HOSTILE = [
    "\x1b[2J",  # clear screen
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: set the clipboard
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x9d0;title\x9c",  # C1 OSC ... ST
    "a\rb",  # overwrite the start of the line
    "x\x08\x08y",  # backspaces
    "evil\u202etxt.exe",  # right-to-left override
    "line\u2028two",
]


def _dangerous(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e"


def test_each_hostile_sequence_is_shown_escaped() -> None:
    for text in HOSTILE:
        shown = terminal_text(text)
        assert not any(_dangerous(ch) for ch in shown), repr(shown)
    assert terminal_text("\x1b[2J") == "\\x1b[2J"
    assert terminal_text("\x9b") == "\\x9b"
    assert terminal_text("a\u202eb") == "a\\u202eb"


def test_newlines_escaped_on_one_line_kept_in_a_block() -> None:
    assert terminal_text("a\nb\tc") == "a\\x0ab\\x09c"
    assert terminal_text("a\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"


def test_ordinary_text_in_every_language_is_unchanged() -> None:
    for text in ("Accessibility", "可及性", "ភាពងាយស្រួល", "[/nope]", "naïve café"):
        assert terminal_text(text) == text


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    assert not any(_dangerous(ch) for ch in terminal_text(text))
    assert "\n" in terminal_text(text, multiline=True) or "\n" not in text


def test_formula_cells_get_a_quote_numbers_stay_numbers() -> None:
    for cell in ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK()"):
        assert csv_cell(cell) == "'" + cell
    for cell in (3, -3, 2.5, -0.5, "-3", "+4.5", "-1e3", "worker", "", None):
        assert csv_cell(cell) == cell
    assert csv_row(["=x", 1, "ok"]) == ["'=x", 1, "ok"]


@given(st.text())
def test_no_cell_starts_a_formula(text: str) -> None:
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(text)])
    cell = next(csv.reader(io.StringIO(out.getvalue())))[0] if out.getvalue().strip() else ""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        float(cell)  # only a plain number may start so
