"""Checks on the raw survey and choices rows, before pyxform reads them.

pyxform stops at the first problem it meets (an unknown type, a missing choice list); an
author wants every problem in one pass. So the rows are checked here first, each problem is
recorded with its row, and the row is given a neutral stand-in (a `text` question, a group for
a repeat) so pyxform and our own checks can go on with the rest of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from fieldsurvey.questionnaire.problems import Code, Problem
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem
from fieldsurvey.questionnaire.xlsform.workbook import CURLY_QUOTES, MAX_ROWS, Sheet, Workbook

SELECT = re.compile(
    r"^(select[_ ]one|select1|select[_ ]multiple|select all that apply|rank"
    r"|select[_ ]one[_ ]external|select[_ ](?:one|multiple)[_ ]from[_ ]file)"
    r"(?:\s+from)?\s+(\S+)(\s+or_other)?$"
)
BEGIN_END = re.compile(r"^(begin|end)[_ ]?(group|repeat|kobomatrix|rank|score|loop|\w+)$")
GROUP_KINDS = {"group": None, "repeat": "repeats", "loop": "repeats", "kobomatrix": "kobo matrix"}
EXPRESSION_COLUMNS = ("relevant", "relevance", "constraint", "calculation", "required",
                      "choice_filter", "repeat_count", "default", "trigger")  # fmt: skip
REFERENCE = re.compile(r"\$\{([^}]*)\}")
STRAIGHTEN = str.maketrans(CURLY_QUOTES, "''\"\"")
XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
NAME_RULE = "a name (a letter first, then letters, digits and _)"


@dataclass
class Checked:
    """Stand-in rows for pyxform, and what the checks found."""

    problems: list[Problem] = field(default_factory=list)
    or_other: set[str] = field(default_factory=set)
    """Names of select questions with `or_other`."""


def list_column(row: dict[str, str]) -> str:
    return row.get("list_name") or row.get("list name") or ""


def check_rows(workbook: Workbook) -> Checked:
    """Check the survey rows (in place: problem rows get a stand-in) and return findings."""
    checked = Checked()
    survey = workbook.sheets["survey"]
    choices = workbook.sheets.get("choices")
    lists = {list_column(row) for row in choices.rows} if choices else set()
    first_row: dict[str, int] = {}
    for number, row in survey.numbered():
        _check_type(workbook.file, survey, number, row, lists, checked)
        _check_quotes(workbook.file, survey, number, row, checked)
        _check_name(workbook.file, survey, number, row, first_row, checked)
    names = set(first_row)
    for number, row in survey.numbered():
        _check_references(workbook.file, survey, number, row, names, checked)
    for sheet in workbook.too_long:
        message = XCode.TOO_MANY_ROWS.format(limit=MAX_ROWS)
        checked.problems.append(
            sheet_problem(workbook.file, sheet, None, "", XCode.TOO_MANY_ROWS, message)
        )
    for sheet, number, column, formula in workbook.formulas:
        message = XCode.FORMULA.format(formula=formula)
        checked.problems.append(
            sheet_problem(workbook.file, sheet, number, column, XCode.FORMULA, message)
        )
        if sheet.lower() == "survey" and column in ("type", "name"):
            survey.rows[number - 2].clear()  # no row without its type or name: leave it out
    return checked


def _check_type(
    file: str, survey: Sheet, number: int, row: dict[str, str], lists: set[str], checked: Checked
) -> None:
    raw = re.sub(r"\s+", " ", row.get("type", "")).strip()
    if not raw:
        return

    def refuse(code: XCode, stand_in: str, **values: object) -> None:
        checked.problems.append(
            sheet_problem(file, survey.name, number, "type", code, code.format(**values))
        )
        row["type"] = stand_in

    select = SELECT.match(raw)
    group = BEGIN_END.match(raw.lower())
    if select is not None:
        kind, list_name, or_other = select.groups()
        if "external" in kind or "file" in kind or "." in list_name:
            refuse(XCode.UNSUPPORTED_TYPE, "text", value=raw, why="external selects")
        elif list_name not in lists:
            refuse(XCode.MISSING_CHOICE_LIST, "text", value=list_name)
        elif or_other:
            checked.or_other.add(row.get("name", ""))
    elif group is not None:
        edge, kind = group.groups()
        if kind != "group":
            why = GROUP_KINDS.get(kind) or "not an XLSForm group"
            refuse(XCode.UNSUPPORTED_TYPE, f"{edge} group", value=raw, why=why)
    elif raw not in QUESTION_TYPE_DICT and raw.lower() not in QUESTION_TYPE_DICT:
        refuse(XCode.UNKNOWN_TYPE, "text", value=raw)


def _check_quotes(
    file: str, survey: Sheet, number: int, row: dict[str, str], checked: Checked
) -> None:
    for column, value in row.items():
        if column.split("::")[0].lower() not in EXPRESSION_COLUMNS:
            continue
        found = sorted({c for c in value if c in CURLY_QUOTES})
        if found:
            message = XCode.CURLY_QUOTES.format(found=" ".join(found))
            checked.problems.append(
                sheet_problem(file, survey.name, number, column, XCode.CURLY_QUOTES, message)
            )
            row[column] = value.translate(STRAIGHTEN)


def _check_name(
    file: str,
    survey: Sheet,
    number: int,
    row: dict[str, str],
    first_row: dict[str, int],
    checked: Checked,
) -> None:
    """Names are unique in the whole form (pyxform: within a group) and XML names; a bad one
    is reported and replaced for the rest of the pass, so pyxform does not stop there."""
    name = row.get("name", "")
    if not name:
        return
    if not XML_NAME.match(name):
        message = XCode.BAD_VALUE.format(value=name, expected=NAME_RULE)
        checked.problems.append(
            sheet_problem(file, survey.name, number, "name", XCode.BAD_VALUE, message)
        )
        row["name"] = f"row{number}_name"
    elif name in first_row:
        first = f"{survey.name}:{first_row[name]}"
        message = Code.DUPLICATE_ID.format(kind="question", value=name, first=first)
        checked.problems.append(
            sheet_problem(file, survey.name, number, "name", Code.DUPLICATE_ID, message)
        )
        row["name"] = f"{name}_row{number}"
    else:
        first_row[name] = number


def _check_references(
    file: str, survey: Sheet, number: int, row: dict[str, str], names: set[str], checked: Checked
) -> None:
    """`${name}` of no row: reported, and read as '' for the rest of the pass."""
    for column, value in row.items():
        unknown = sorted({n for n in REFERENCE.findall(value) if n not in names})
        for name in unknown:
            message = Code.UNKNOWN_REFERENCE.format(name=name, source=value)
            checked.problems.append(
                sheet_problem(file, survey.name, number, column, Code.UNKNOWN_REFERENCE, message)
            )
        if unknown:
            row[column] = REFERENCE.sub(lambda m: m[0] if m[1] in names else "''", value)
