"""Text from data, made safe for a terminal line and for a spreadsheet cell.

Everything an export file or a person typed is untrusted: an interviewer name holding
`ESC ] 52 ; ...` (OSC) could set the reader's clipboard, `ESC [ 2 J` clear the screen, a
bidirectional override hide the real end of a line, and a cell starting with `=` runs as a
formula when a CSV is opened in a spreadsheet (OWASP "CSV injection"). Core code and both UIs
call these two functions at the point where text leaves for a terminal or a CSV file; they
import nothing, so every layer can use them.

- `terminal_text`: C0 controls (ESC, BEL, backspace, carriage return...), DEL, C1 controls
  (U+0080-U+009F, CSI and OSC among them), Unicode line separators and bidirectional
  controls become visible `\\xNN` / `\\uNNNN` escapes; tab and newline only when asked.
- `csv_cell`: a string starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
  leading `'`, unless it is a plain number (`-3`, `+4.5` stay numbers); ints and floats pass
  through untouched.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list of first characters that make a spreadsheet read a cell as a formula."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

_BIDI_AND_SEPARATORS = (
    *range(0x200E, 0x2010),  # LRM, RLM
    *range(0x2028, 0x202F),  # line/paragraph separators, LRE..RLO embeddings and overrides
    *range(0x2066, 0x206A),  # LRI..PDI isolates
    0xFEFF,  # a BOM in the middle of a line hides what follows in some terminals
)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _table(keep: str) -> dict[int, str]:
    codes = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI_AND_SEPARATORS]
    return {code: _escape(code) for code in codes if chr(code) not in keep}


_ONE_LINE = _table(keep="")
_MULTI_LINE = _table(keep="\n\t")


def terminal_text(value: object, *, multiline: bool = False) -> str:
    """`value` as text that cannot drive a terminal: control characters shown escaped.

    One line by default (newlines escaped too, so a file name cannot forge a second error
    line); `multiline=True` keeps newlines and tabs for text shown as a block.
    """
    return str(value).translate(_MULTI_LINE if multiline else _ONE_LINE)


def csv_cell(value: object) -> object:
    """`value` for a CSV writer: a formula-looking string neutralised, anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def csv_row(values: list[object]) -> list[object]:
    """Every cell of a row through `csv_cell`."""
    return [csv_cell(value) for value in values]
