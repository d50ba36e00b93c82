"""XLSForm out: a questionnaire as a workbook that pyxform turns into a valid XForm.

The survey sheet holds every question with its XLSForm columns and our extension columns (ODK
ignores them); an area is a `begin group` row with an `area` column; a Likert item is a
`select_one` on its scale, whose choices mark the don't-know code with `dk` (and a
not-applicable code with `na`). What XLSForm has
no place for goes to our extension sheets (`sheets.py`). `read_xlsform(write_xlsform(q))`
gives `q` back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fieldsurvey.questionnaire.model import (
    AreaBlock,
    Group,
    LikertItem,
    QuestionLike,
    Questionnaire,
    Rank,
    SelectMultiple,
    SelectOne,
    SurveyItem,
)
from fieldsurvey.questionnaire.xlsform.languages import column_name
from fieldsurvey.questionnaire.xlsform.sheets import (
    Cell,
    columns,
    flatten,
    header_fields,
    list_sheets,
)
from fieldsurvey.questionnaire.xlsform.short_labels import SHEET as SHORT_LABELS
from fieldsurvey.questionnaire.xlsform.short_labels import short_label_rows
from fieldsurvey.questionnaire.xlsform.vocabulary import AREA_FIELDS, XLSFORM_FIELDS

FIRST_COLUMNS = ("type", "name", "label", "hint")


class ExportError(ValueError):
    """The questionnaire cannot be written as an XLSForm (names that would collide)."""


def write_xlsform(questionnaire: Questionnaire, out: Path) -> None:
    """Write `questionnaire` as an .xlsx workbook at `out`."""
    import openpyxl  # pyxform's own dependency

    book = openpyxl.Workbook()
    if book.active is not None:  # a new workbook's empty first sheet
        book.remove(book.active)
    for title, rows in workbook_rows(questionnaire).items():
        _sheet(book, title, rows)
    book.save(out)


def workbook_rows(q: Questionnaire) -> dict[str, list[dict[str, Cell]]]:
    """Every sheet's rows, by sheet name (empty sheets left out)."""
    sheets: dict[str, list[dict[str, Cell]]] = {
        "survey": _items(q, q.survey),
        "choices": _choices(q),
        "settings": [
            {
                "form_title": q.title[q.default_language],
                "form_id": q.id,
                "version": q.version,
                "default_language": column_name(q.default_language),
            }
        ],
        "questionnaire": [flatten({name: getattr(q, name) for name in header_fields()})],
        SHORT_LABELS: short_label_rows(q),
    }
    for name in list_sheets():
        sheets[name] = [flatten(record) for record in getattr(q, name)]
    return {name: rows for name, rows in sheets.items() if any(rows)}


def _items(q: Questionnaire, items: list[SurveyItem]) -> list[dict[str, Cell]]:
    rows: list[dict[str, Cell]] = []
    for item in items:
        if isinstance(item, Group):
            begin = {"type": "begin group", "name": item.id, **_texts("label", item.label)}
            _set(
                begin, relevant=item.relevant, appearance="field-list" if item.field_list else None
            )
            rows += [begin, *_items(q, list(item.items)), {"type": "end group"}]
        elif isinstance(item, AreaBlock):
            area = q.area_by_id[item.area]
            begin = {"type": "begin group", "name": area.id, **_texts("label", area.label)}
            _set(begin, relevant=area.relevant, area=area.id)
            begin.update(_extension_columns(area, AREA_FIELDS))
            rows += [begin, *_items(q, list(area.items)), {"type": "end group"}]
        else:
            rows.append(_question(item))
    return rows


def _question(item: QuestionLike) -> dict[str, Cell]:
    kind = item.type
    if isinstance(item, LikertItem):
        row: dict[str, Cell] = {"type": f"select_one {item.scale}", "appearance": "likert"}
    elif isinstance(item, SelectOne | SelectMultiple | Rank):
        row = {"type": f"{kind} {item.choices}"}
    else:
        row = {"type": kind}
    row["name"] = item.id
    row.update(_texts("label", getattr(item, "label", None)))
    row.update(_texts("hint", getattr(item, "hint", None)))
    required = getattr(item, "required", False)
    _set(
        row,
        relevant=getattr(item, "relevant", None),
        required="yes" if required is True else (required or None),
        constraint=getattr(item, "constraint", None),
        calculation=getattr(item, "calculation", None),
        default=getattr(item, "default", None),
        read_only="yes" if getattr(item, "read_only", False) else None,
    )
    row.update(_texts("required_message", getattr(item, "required_message", None)))
    row.update(_texts("constraint_message", getattr(item, "constraint_message", None)))
    row.update(_extension_columns(item, XLSFORM_FIELDS))
    return row


def _extension_columns(item: BaseModel, skip: set[str]) -> dict[str, Cell]:
    """The item's other fields (left out at their default), as extension columns."""
    values = {
        name: getattr(item, name)
        for name, info in type(item).model_fields.items()
        if name not in skip and getattr(item, name) != info.default
    }
    return flatten(values)


def _choices(q: Questionnaire) -> list[dict[str, Cell]]:
    clash = {c.id for c in q.choice_lists} & {s.id for s in q.scales}
    if clash:
        raise ExportError(f"choice lists and scales share the names {sorted(clash)}")
    rows: list[dict[str, Cell]] = []
    for choice_list in q.choice_lists:
        for choice in choice_list.choices:
            rows.append({"list_name": choice_list.id, "name": choice.value,
                         **_texts("label", choice.label)})  # fmt: skip
    for scale in q.scales:
        for point in scale.points:
            rows.append({"list_name": scale.id, "name": str(point.value),
                         **_texts("label", point.label)})  # fmt: skip
        for marker, off in zip(("dk", "na"), scale.off_scale, strict=False):
            row = {"list_name": scale.id, "name": off.value, **_texts("label", off.label)}
            rows.append({**row, marker: "yes"})
    return rows


def _texts(column: str, text: dict[str, str] | None) -> dict[str, Cell]:
    return {f"{column}::{column_name(code)}": value for code, value in (text or {}).items()}


def _set(row: dict[str, Cell], **values: Cell | None) -> None:
    row.update({k: v for k, v in values.items() if v is not None and v != ""})


def _sheet(book: Any, title: str, rows: list[dict[str, Cell]]) -> None:
    """One sheet: a header of every column used, then the rows; text is never a formula."""
    sheet = book.create_sheet(title)
    header = _ordered(columns(rows))
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." stays text (openpyxl would write a formula)


def _ordered(found: list[str]) -> list[str]:
    first = [c for base in FIRST_COLUMNS for c in found if c.split("::")[0] == base]
    return first + [c for c in found if c not in first]
