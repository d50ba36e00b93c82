"""Small HTML pieces of the report: sections, figures, tables and notes, every text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

_NUM = ' class="num"'


def section(title: str, *inner: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{''.join(inner)}</section>"


def figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    """A table; the columns numbered in `numeric` are right-aligned."""
    header = "".join(
        f"<th{_NUM if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object, numeric: bool) -> str:
    return f"<td{_NUM if numeric else ''}>{escape(text(value))}</td>"


def text(value: object) -> str:
    """A value as the report writes it: — for none, intervals as a range, one decimal."""
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"{value[0]:.1f}–{value[1]:.1f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
