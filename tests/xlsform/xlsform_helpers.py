"""Helpers for the XLSForm tests: small workbooks written inline as tables, the real forms."""

from __future__ import annotations

from pathlib import Path

SHARED_FORMS = Path(__file__).parents[2] / ".." / "shared" / "xlsforms"
"""Public XLSForm test forms (pyxform's tests/example_xls), read in place beside the checkout."""

Table = list[list[object]]


def write_workbook(path: Path, sheets: dict[str, Table]) -> Path:
    """An .xlsx with one sheet per entry: the first row is the header. A str starting with "="
    is written as a formula, as Excel would store it."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
