"""Our extension sheets: the parts of a questionnaire XLSForm has no place for.

`questionnaire` (one row: title in every language, description, consent, scoring), and one
sheet per list of records: `personas`, `benefits`, `messages`, `indicators`, `ratios` (and any
list the model gains later). ODK and pyxform ignore sheets they do not know.

Rows are the model's own fields, flattened generically so a field added to the model needs no
code here: a nested record's fields are dotted (`trigger.area`), a text has one column per
language (`text::English (en)`), a list of words is comma-separated (`personas`), a yes/no is
`yes`/`no`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, Union

from pydantic import BaseModel

from fieldsurvey.questionnaire.model import Questionnaire
from fieldsurvey.questionnaire.xlsform.context import Context
from fieldsurvey.questionnaire.xlsform.languages import column_name
from fieldsurvey.questionnaire.xlsform.problems import XCode
from fieldsurvey.questionnaire.xlsform.workbook import Sheet

Cell = str | int | float
SURVEY_PARTS = {"id", "version", "languages", "default_language", "survey", "choice_lists",
                "scales", "areas"}  # fmt: skip
"""Top-level fields the survey, choices and settings sheets carry."""
HEADER_SHEET = "questionnaire"


def list_sheets() -> list[str]:
    """Top-level lists of records, each in a sheet of its own name."""
    return [
        name
        for name, info in Questionnaire.model_fields.items()
        if name not in SURVEY_PARTS and _record(_list_item(info.annotation)) is not None
    ]


def header_fields() -> list[str]:
    """Top-level fields kept in the one-row `questionnaire` sheet."""
    lists = set(list_sheets())
    return [n for n in Questionnaire.model_fields if n not in SURVEY_PARTS | lists]


# --- out -------------------------------------------------------------------------------------


def flatten(record: BaseModel | dict[str, Any], prefix: str = "") -> dict[str, Cell]:
    """A record (or a dict of a questionnaire's fields) as one row of cells."""
    out: dict[str, Cell] = {}
    values = (
        record.items()
        if isinstance(record, dict)
        else ((n, getattr(record, n)) for n in type(record).model_fields)
    )
    for name, value in values:
        key = f"{prefix}{name}"
        if value is None or value == []:
            continue
        if isinstance(value, BaseModel):
            out.update(flatten(value, f"{key}."))
        elif isinstance(value, dict):
            out.update({f"{key}::{column_name(code)}": text for code, text in value.items()})
        elif isinstance(value, list):
            out[key] = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            out[key] = "yes" if value else "no"
        else:
            out[key] = value
    return out


def columns(rows: list[dict[str, Cell]]) -> list[str]:
    """Every column of `rows`, in first-seen order."""
    return list(dict.fromkeys(key for row in rows for key in row))


# --- in --------------------------------------------------------------------------------------


def read_sheets(ctx: Context, sheets: dict[str, Sheet]) -> dict[str, Any]:
    """Model data from the extension sheets present in the workbook."""
    data: dict[str, Any] = {}
    header = sheets.get(HEADER_SHEET)
    if header is not None:
        for number, row in header.numbered():
            data.update(_record_data(ctx, Questionnaire, row, (header.name, number)))
            for name in data:
                ctx.places[(name,)] = (header.name, number)
            break
    for name in list_sheets():
        sheet = sheets.get(name)
        if sheet is None:
            continue
        model = _record(_list_item(Questionnaire.model_fields[name].annotation))
        assert model is not None  # list_sheets() only names lists of records
        records: list[dict[str, Any]] = []
        for number, row in sheet.numbered():
            ctx.places[(name, len(records))] = (sheet.name, number)
            records.append(_record_data(ctx, model, row, (sheet.name, number)))
        data[name] = records
    return data


def _record_data(
    ctx: Context, model: type[BaseModel], row: dict[str, str], place: tuple[str, int]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    texts: dict[str, dict[str, str]] = {}
    for column, value in row.items():
        base, sep, language = column.partition("::")
        if sep:
            texts.setdefault(base, {})[language.strip()] = value
            continue
        parts = base.split(".")
        if _is_list(model, parts):
            cell: Any = [word.strip() for word in value.split(",") if word.strip()]
        else:
            cell = value
        _put(ctx, data, parts, cell, (place, column))
    for base, by_language in texts.items():
        _put(ctx, data, base.split("."), ctx.text(by_language, place, base), (place, base))
    return data


def _put(
    ctx: Context,
    data: dict[str, Any],
    parts: list[str],
    value: Any,
    where: tuple[tuple[str, int], str],
) -> None:
    """Set `value` at the dotted `parts`; a column that sets a part of a field another column
    sets whole (`trigger` and `trigger.area`) is reported."""
    for part in parts[:-1]:
        data = data.setdefault(part, {})
        if not isinstance(data, dict):
            place, column = where
            code = XCode.COLUMN_CLASH
            ctx.refuse(place, column, code, field=".".join(parts[:-1]))
            return
    data[parts[-1]] = value


def _is_list(model: type[BaseModel], parts: list[str]) -> bool:
    annotation: Any = None
    for part in parts:
        info = model.model_fields.get(part)
        if info is None:
            return False  # an unknown column: the model's check names it
        annotation = info.annotation
        nested = _record(annotation)
        if nested is not None:
            model = nested
    return any(typing.get_origin(a) is list for a in _union_members(annotation))


def _union_members(annotation: Any) -> Iterator[Any]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        yield from typing.get_args(annotation)
    else:
        yield annotation


def _record(annotation: Any) -> type[BaseModel] | None:
    """The record type of `X`, `X | None` (a pydantic model), else None."""
    for member in _union_members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _list_item(annotation: Any) -> Any:
    for member in _union_members(annotation):
        if typing.get_origin(member) is list:
            return typing.get_args(member)[0]
    return None
