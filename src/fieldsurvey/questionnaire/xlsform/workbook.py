"""Reading a workbook's sheets into rows of text, bounded and with every formula noted.

The cell reading is pyxform's own (`get_excel_column_headers`, `get_excel_rows`, its value
conversions), so headers, empty rows and numbers come out exactly as pyxform sees them. We
open the file ourselves, once, for three reasons pyxform's reader cannot serve: it is read
with `data_only=False` so a formula cell is reported instead of silently read as its cached
value (or as nothing, for a file never opened in Excel); the sheets pyxform skips (our
`messages`, `indicators`, ... extension sheets) are read in the same pass; and the file is
bounded first (size, unzipped size, rows), since it comes from outside.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyxform.xls2json_backends import (
    DefinitionData,
    get_excel_column_headers,
    get_excel_rows,
    xls_value_to_unicode,
    xlsx_value_to_str,
)

from fieldsurvey.questionnaire.problems import QuestionnaireError
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem

MAX_BYTES = 20 * 1024 * 1024
"""A 500-question form in three languages is about 100 KB; long choice lists (villages) a few
MB. Past this the file is refused before it is opened."""
MAX_UNZIPPED = 200 * 1024 * 1024
"""An .xlsx is a zip: its members may not expand past this (a zip bomb is refused unread)."""
MAX_ROWS = 50_000
"""Rows read per sheet."""

PYXFORM_SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")
CURLY_QUOTES = "\u2018\u2019\u201c\u201d"
STAND_INS = "\ue000\ue001\ue002\ue003"
_PROTECT = str.maketrans(CURLY_QUOTES, STAND_INS)
_RESTORE = str.maketrans(STAND_INS, CURLY_QUOTES)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Sheet:
    """A sheet's cleaned headers and rows; `rows[i]` is spreadsheet row `i + 2`."""

    name: str
    header: list[str]
    rows: list[dict[str, str]]

    def numbered(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(spreadsheet row number, row) for every non-empty row."""
        for index, row in enumerate(self.rows):
            if row:
                yield index + 2, row


@dataclass
class Workbook:
    file: str
    sheets: dict[str, Sheet]
    """Keyed by the lower-case sheet name (XLSForm sheet names are case-insensitive)."""
    formulas: list[tuple[str, int, str, str]] = field(default_factory=list)
    """(sheet, row, column, formula) of every formula cell."""
    too_long: list[str] = field(default_factory=list)
    """Sheets cut at MAX_ROWS."""

    def definition(self) -> DefinitionData:
        """The sheets pyxform reads, in the shape its `workbook_to_json` takes.

        Texts are to be read as written: pyxform's `clean_text_values` (collapsing spaces) is
        turned off, and curly quotes, which pyxform straightens everywhere, are handed over in
        a private-use stand-in that `restore_quotes` turns back (“” are ordinary punctuation
        in Chinese text; in an expression they are reported before this point).
        """
        data: dict[str, Any] = {"sheet_names": [s.name for s in self.sheets.values()]}
        for key in PYXFORM_SHEETS:
            sheet = self.sheets.get(key)
            if sheet is not None:
                data[key] = [
                    {column: value.translate(_PROTECT) for column, value in row.items()}
                    for row in sheet.rows
                ]
                data[f"{key}_header"] = [dict.fromkeys(sheet.header)]
        settings = data.get("settings") or [{}]
        data["settings"] = [{**settings[0], "clean_text_values": "no"}, *settings[1:]]
        data["settings_header"] = [dict.fromkeys(data["settings"][0])]
        return DefinitionData(**data)


def restore_quotes(value: Any) -> Any:
    """`value` (a text, or lists and dicts of them) with the curly quotes given back."""
    if isinstance(value, str):
        return value.translate(_RESTORE)
    if isinstance(value, list):
        return [restore_quotes(item) for item in value]
    if isinstance(value, dict):
        return {key: restore_quotes(item) for key, item in value.items()}
    return value


def read_workbook(path: Path, name: str) -> Workbook:
    """Every sheet of the .xlsx/.xlsm/.xls at `path`; raise QuestionnaireError if unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            _refuse(name, XCode.TOO_LARGE, size=size, limit=MAX_BYTES)
        data = path.read_bytes()
    except FileNotFoundError:
        _refuse(name, XCode.NOT_FOUND)
    except OSError as exc:
        _refuse(name, XCode.NOT_A_WORKBOOK, detail=exc.strerror or str(exc))
    workbook = Workbook(file=name, sheets={})
    try:
        if data.startswith(OLE2_MAGIC):
            _read_xls(data, workbook)
        elif zipfile.is_zipfile(io.BytesIO(data)):
            _check_unzipped(data, name)
            _read_xlsx(data, workbook)
        else:
            _refuse(
                name, XCode.NOT_A_WORKBOOK, detail="it is neither a zip (.xlsx) nor OLE2 (.xls)"
            )
    except QuestionnaireError:
        raise
    except Exception as exc:  # an untrusted file: the readers raise many kinds; report, no trace
        _refuse(name, XCode.NOT_A_WORKBOOK, detail=f"{type(exc).__name__}: {exc}")
    return workbook


def _refuse(name: str, code: XCode, **values: object) -> Any:
    raise QuestionnaireError([sheet_problem(name, None, None, "", code, code.format(**values))])


def _check_unzipped(data: bytes, name: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unzipped = sum(member.file_size for member in archive.infolist())
    if unzipped > MAX_UNZIPPED:
        _refuse(name, XCode.TOO_LARGE, size=unzipped, limit=MAX_UNZIPPED)


def _read_xlsx(data: bytes, workbook: Workbook) -> None:
    import openpyxl  # pyxform's own dependency

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for ws in book.worksheets:

            def clean(cell: Any, row_n: int, key: str, sheet: str = ws.title) -> str | None:
                value = cell.value.strip() if isinstance(cell.value, str) else cell.value
                if value is None or value == "":
                    return None
                if cell.data_type == "f":  # reported; read as empty so the pass goes on
                    workbook.formulas.append((sheet, row_n + 2, key, str(value)))
                    return None
                text: str = xlsx_value_to_str(value)  # pyxform is untyped
                return text

            rows = ws.iter_rows(min_row=1, values_only=False)
            _add_sheet(workbook, ws.title, rows, clean)
    finally:
        book.close()


def _read_xls(data: bytes, workbook: Workbook) -> None:
    import xlrd  # pyxform's own dependency

    book = xlrd.open_workbook(file_contents=data)
    try:
        for ws in book.sheets():

            def clean(cell: Any, row_n: int, key: str) -> str | None:
                value = cell.value.strip() if isinstance(cell.value, str) else cell.value
                if value is None or value == "":
                    return None
                text: str = xls_value_to_unicode(value, cell.ctype, book.datemode)
                return text

            rows = (ws.row(r) for r in range(ws.nrows))
            _add_sheet(workbook, ws.name, rows, clean)
    finally:
        book.release_resources()


def _add_sheet(
    workbook: Workbook,
    title: str,
    rows: Iterable[Any],
    clean: Callable[[Any, int, str], str | None],
) -> None:
    counted = _Counted(rows, MAX_ROWS + 1)
    first = next(iter(counted), ())
    headers = get_excel_column_headers(first_row=(c.value for c in first))
    cleaned = [
        {key: value for key, value in row.items() if value is not None}
        for row in get_excel_rows(headers=headers, rows=counted, cell_func=clean)
    ]
    if counted.count > MAX_ROWS:
        workbook.too_long.append(title)
    header = [h for h in headers if h is not None]
    workbook.sheets[title.lower()] = Sheet(name=title, header=header, rows=cleaned)


class _Counted:
    """An iterator over at most `limit` rows that remembers how many it gave."""

    def __init__(self, rows: Iterable[Any], limit: int) -> None:
        self.rows = iter(rows)
        self.limit = limit
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self.count >= self.limit:
            raise StopIteration
        self.count += 1
        return tuple(next(self.rows))
