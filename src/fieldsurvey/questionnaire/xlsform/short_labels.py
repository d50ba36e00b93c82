"""Choices' short labels (`short:`) in an extension sheet of their own, `short_labels`.

pyxform carries an unknown translated column of the choices sheet into the XForm as choice
data it cannot write, so ODK would refuse the workbook; a sheet it does not know is ignored.
One row per choice that has a short label: `list_name`, `name`, `short::English (en)`...
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.questionnaire.model import Questionnaire
from fieldsurvey.questionnaire.xlsform.context import Context
from fieldsurvey.questionnaire.xlsform.languages import column_name
from fieldsurvey.questionnaire.xlsform.problems import XCode
from fieldsurvey.questionnaire.xlsform.sheets import Cell
from fieldsurvey.questionnaire.xlsform.workbook import Sheet

SHEET = "short_labels"
COLUMN = "short"


def short_label_rows(q: Questionnaire) -> list[dict[str, Cell]]:
    """The sheet's rows: every choice with a short label."""
    return [
        {
            "list_name": choice_list.id,
            "name": choice.value,
            **{f"{COLUMN}::{column_name(code)}": text for code, text in choice.short.items()},
        }
        for choice_list in q.choice_lists
        for choice in choice_list.choices
        if choice.short
    ]


def add_short_labels(ctx: Context, lists: list[dict[str, Any]], sheet: Sheet | None) -> None:
    """Put each row's short label on its choice in `lists` (choice-list model data); a row
    naming no choice of the workbook is reported on its row."""
    if sheet is None:
        return
    choices = {(d["id"], choice["value"]): choice for d in lists for choice in d["choices"]}
    for number, row in sheet.numbered():
        key = (row.get("list_name", ""), row.get("name", ""))
        texts = {
            column.partition("::")[2].strip(): value
            for column, value in row.items()
            if column.partition("::")[0] == COLUMN
        }
        choice = choices.get(key)
        if choice is None:
            expected = "a choice of the choices sheet (list_name and name)"
            place = (sheet.name, number)
            ctx.refuse(place, "name", XCode.BAD_VALUE, value=" ".join(key), expected=expected)
            continue
        short = ctx.text(texts, (sheet.name, number), COLUMN)
        if short:
            choice["short"] = short
