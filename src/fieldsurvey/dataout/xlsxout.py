"""XLSX with XlsxWriter in constant-memory mode: each row goes to disk as it is written.

Responses on the first sheet, paradata events on the second. A sheet holds 1,048,576 rows
(header included); beyond that the table continues on "responses 2", "paradata 2"... (20,000
interviews make ~2.5 million events). Text is never read as a formula, number or link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from fieldsurvey.dataout.columns import PARADATA_VARIABLES
from fieldsurvey.dataout.files import DataOutError
from fieldsurvey.dataout.table import TableSource
from fieldsurvey.dataout.variables import Variable

MAX_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def write_xlsx(path: Path, source: TableSource) -> tuple[int, int]:
    """Both tables in one workbook; returns (responses, events)."""
    workbook = xlsxwriter.Workbook(str(path), OPTIONS)
    try:
        bold = workbook.add_format({"bold": True})
        wide = (row for columns in source.wide() for row in zip(*columns, strict=True))
        rows = _sheets(workbook, "responses", source.variables, wide, bold)
        paradata = (row for chunk in source.paradata() for row in chunk)
        events = _sheets(workbook, "paradata", PARADATA_VARIABLES, paradata, bold)
    finally:
        workbook.close()
    return rows, events


def _sheets(
    workbook: xlsxwriter.Workbook,
    name: str,
    variables: Sequence[Variable],
    rows: Iterable[Sequence[object]],
    bold: object,
) -> int:
    """Write the table from row 1 on, continuing on a new sheet when one is full."""
    numeric = [v.kind in ("int", "float") for v in variables]
    sheet, row, part, count = _new_sheet(workbook, name, variables, bold), 1, 1, 0
    for values in rows:
        if row == MAX_ROWS:
            part += 1
            sheet, row = _new_sheet(workbook, f"{name} {part}", variables, bold), 1
        _write_row(sheet, row, values, numeric, variables)
        row += 1
        count += 1
    return count


def _new_sheet(
    workbook: xlsxwriter.Workbook, name: str, variables: Sequence[Variable], bold: object
) -> Worksheet:
    sheet = workbook.add_worksheet(name)
    for col, variable in enumerate(variables):
        sheet.write_string(0, col, variable.name, bold)
    sheet.freeze_panes(1, 0)
    return sheet


def _write_row(
    sheet: Worksheet,
    row: int,
    values: Sequence[object],
    numeric: Sequence[bool],
    variables: Sequence[Variable],
) -> None:
    for col, value in enumerate(values):
        if value is None:
            continue
        if numeric[col]:
            sheet.write_number(row, col, value)
        elif len(text := str(value)) > MAX_CELL_CHARS:
            raise DataOutError(
                f"{variables[col].name}, row {row}: {len(text)} characters; an XLSX cell holds "
                f"{MAX_CELL_CHARS} at most (use --format csv or parquet)"
            )
        else:
            sheet.write_string(row, col, text)
