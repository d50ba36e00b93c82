"""The catalogue of XLSForm problems, each reported as `FILE:SHEET:ROW: column: message`.

One code per mistake with its message template (pyxform's `errors.py` shape), so tests assert
the catalogue's wording and an author always reads the same sentence for the same mistake.
Problems found by the questionnaire's own checks keep their `Code` and are placed on the row
and column they came from.
"""

from __future__ import annotations

from enum import Enum

from fieldsurvey.questionnaire.problems import Catalogue, Problem


class XCode(Catalogue):
    NOT_FOUND = "no such file"
    TOO_LARGE = "the workbook is {size:,} bytes; XLSForm files are limited to {limit:,} bytes"
    NOT_A_WORKBOOK = "not an Excel workbook (.xlsx or .xls): {detail}"
    TOO_MANY_ROWS = "more than {limit:,} rows; split the form"
    NO_SURVEY = "no 'survey' sheet (sheets: {sheets})"
    FORMULA = "a formula ({formula}): type the value itself, formulas are not read"
    UNSUPPORTED_TYPE = "{value!r} is not supported ({why})"
    UNKNOWN_TYPE = "unknown question type {value!r}"
    UNSUPPORTED_COLUMN = "not supported: {why}"
    UNSUPPORTED_APPEARANCE = "appearance {value!r} is not supported (supported: {supported})"
    CURLY_QUOTES = "curly quotes {found} in an expression: use straight quotes ' or \""
    NO_LANGUAGE_CODE = "language {value!r} has no code: name the column like 'label::English (en)'"
    MISSING_CHOICE_LIST = "choice list {value!r} is not in the choices sheet"
    METADATA = "warning: {value!r} is left out: the app records its own times and device"
    MISSING_TEXT = "warning: no {column} in {lang}; the {default} text is used"
    COLUMN_CLASH = "sets a part of {field!r}, which another column sets whole"
    BAD_VALUE = "{value!r} is not {expected}"
    PYXFORM = "{detail}"


def sheet_problem(
    file: str,
    sheet: str | None,
    row: int | None,
    column: str,
    code: Enum,
    message: str,
) -> Problem:
    """A problem at a cell: printed `FILE:SHEET:ROW: column: message` (parts known only)."""
    where = f"{file}:{sheet}" if sheet else file
    return Problem(file=where, line=row, path=column, code=code, message=message)
