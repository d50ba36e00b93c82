"""XLSForm in: a workbook -> pyxform's form JSON -> our model -> our checks.

pyxform reads the sheets (column aliases, `label::Language (code)` columns, groups, or_other);
we map its JSON onto the model and run the questionnaire's own validation, reporting every
problem as `FILE:SHEET:ROW: column: message` in one pass (see `rows.py` for how the pass goes
on past a problem). Missing translations are filled from the default language, as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fieldsurvey.questionnaire.model import Questionnaire
from fieldsurvey.questionnaire.problems import Code, Problem, QuestionnaireError
from fieldsurvey.questionnaire.xlsform.choices import choice_data
from fieldsurvey.questionnaire.xlsform.context import Context
from fieldsurvey.questionnaire.xlsform.languages import PYXFORM_DEFAULT, languages_of
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem
from fieldsurvey.questionnaire.xlsform.rows import check_rows
from fieldsurvey.questionnaire.xlsform.sheets import list_sheets, read_sheets
from fieldsurvey.questionnaire.xlsform.short_labels import SHEET as SHORT_LABELS
from fieldsurvey.questionnaire.xlsform.short_labels import add_short_labels
from fieldsurvey.questionnaire.xlsform.survey_json import SurveyMapper
from fieldsurvey.questionnaire.xlsform.workbook import Workbook, read_workbook, restore_quotes

PYXFORM_ROW = re.compile(r"^\[row : (\d+)\]\s*")
COLUMNS = {"id": "name", "choices": "type", "scale": "type", "area": "area", "items": "type",
           "value": "name", "points": "name", "dk": "dk", "na": "na"}  # fmt: skip
"""Model field -> the column it came from, where the names differ."""


@dataclass(frozen=True)
class Imported:
    questionnaire: Questionnaire
    warnings: list[Problem]


def read_xlsform(path: Path | str, name: str | None = None) -> Imported:
    """Import the workbook at `path`; raise QuestionnaireError listing every problem."""
    path = Path(path)
    workbook = read_workbook(path, name or str(path))
    survey = _survey_sheet(workbook)
    if survey is None:
        sheets = ", ".join(s.name for s in workbook.sheets.values()) or "none"
        problem = sheet_problem(workbook.file, None, None, "", XCode.NO_SURVEY, "")
        message = XCode.NO_SURVEY.format(sheets=sheets)
        raise QuestionnaireError([Problem(problem.file, None, "", XCode.NO_SURVEY, message)])
    checked = check_rows(workbook)
    form = _pyxform_json(workbook, path.stem, checked.problems)
    ctx = _context(workbook, form)
    ctx.problems += checked.problems
    data = _model_data(ctx, workbook, form)
    questionnaire = _validate(ctx, data)
    if ctx.problems or questionnaire is None:
        raise QuestionnaireError(_sorted(ctx.problems, workbook))
    return Imported(questionnaire, _sorted(ctx.warnings, workbook))


def _survey_sheet(workbook: Workbook) -> Any:
    if "survey" not in workbook.sheets and len(workbook.sheets) == 1:  # pyxform's rule
        only = next(iter(workbook.sheets.values()))
        workbook.sheets = {"survey": only}
    return workbook.sheets.get("survey")


def _pyxform_json(workbook: Workbook, stem: str, problems: list[Problem]) -> dict[str, Any]:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    try:
        return workbook_to_json(workbook.definition(), fallback_form_name=stem, warnings=[])  # type: ignore[no-any-return]
    except PyXFormError as exc:
        text = str(exc).strip()
        found = PYXFORM_ROW.match(text)
        row = int(found.group(1)) if found else None
        message = PYXFORM_ROW.sub("", text)
        problems.append(sheet_problem(workbook.file, "survey", row, "", XCode.PYXFORM, message))
        raise QuestionnaireError(_sorted(problems, workbook)) from None


def _context(workbook: Workbook, form: dict[str, Any]) -> Context:
    headers = [s.header for k, s in workbook.sheets.items() if k in ("survey", "choices")]
    headers += [workbook.sheets[k].header for k in (*list_sheets(), "questionnaire")
                if k in workbook.sheets]  # fmt: skip
    default_name = str(form.get("default_language") or PYXFORM_DEFAULT)
    languages, uncoded = languages_of(headers, default_name)
    ctx = Context(file=workbook.file, languages=languages, uncoded=bool(uncoded))
    for language in uncoded:
        ctx.refuse(("survey", 1), f"label::{language}", XCode.NO_LANGUAGE_CODE, value=language)
    return ctx


def _model_data(ctx: Context, workbook: Workbook, form: dict[str, Any]) -> dict[str, Any]:
    settings = workbook.sheets.get("settings")
    settings_place = (settings.name if settings else "settings", 2 if settings else None)
    for key in ("id", "version", "title", "default_language", "languages"):
        ctx.places[(key,)] = settings_place
    extensions = read_sheets(ctx, workbook.sheets)
    form_title = str(form.get("title") or form.get("id_string") or "")
    # XLSForm's form_title has one language by design: it stands for every language, silently
    title = extensions.pop("title", None) or {code: form_title for code in ctx.languages.ordered}
    data: dict[str, Any] = {
        "id": form.get("id_string", ""),
        "version": form.get("version") or "1",
        "title": title,
        "languages": ctx.languages.ordered,
        "default_language": ctx.languages.default,
    }
    mapper = SurveyMapper(ctx, workbook.sheets["survey"], form)
    data["survey"] = mapper.items(form.get("children", []), ("survey",))
    lists: list[dict[str, Any]] = []
    scales: list[dict[str, Any]] = []
    choices = workbook.sheets.get("choices")
    used = _used_lists(data["survey"]) | _used_lists(mapper.areas)
    for name in mapper.split - used:  # split by cascades into filtered lists, used no more
        del form["choices"][name]
    for kind, _, list_data in choice_data(ctx, form["choices"], choices):
        (scales if kind == "scale" else lists).append(list_data)
    add_short_labels(ctx, lists, workbook.sheets.get(SHORT_LABELS))
    data.update(choice_lists=lists, scales=scales, areas=mapper.areas)
    data.update(extensions)
    return {k: restore_quotes(v) for k, v in data.items() if v is not None}


def _used_lists(items: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for item in items:
        found |= {item[k] for k in ("choices", "scale") if k in item}
        found |= _used_lists(item.get("items", []))
    return found


def _validate(ctx: Context, data: dict[str, Any]) -> Questionnaire | None:
    from fieldsurvey.questionnaire.loader import _data_path
    from fieldsurvey.questionnaire.validation import check

    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = _data_path(data, error["loc"])
            _add(ctx, path, Code.SCHEMA, _schema_message(error))
        return None
    for finding in check(questionnaire):
        _add(ctx, finding.path, finding.code, finding.message)
    return questionnaire


PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "lower-case letters, digits and _, starting with a letter",
    r"^[a-z0-9][a-z0-9_-]*$": "lower-case letters, digits, _ and -",
}
"""The model's id patterns in words."""


def _schema_message(error: Any) -> str:
    """pydantic's error in an XLSForm author's words."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return "not allowed on this row's type"
    if kind == "missing":
        return "missing: this row needs one"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{error['input']!r} is not allowed: use {PATTERNS.get(pattern, pattern)}"
    return str(error["msg"])


def _add(ctx: Context, path: tuple[str | int, ...], code: Code, message: str) -> None:
    if ctx.uncoded and path and path[0] in ("languages", "default_language"):
        return  # the language columns without a code are reported once, at their header
    place = ctx.place_of(path) or ("survey", None)
    fields = [part for part in path if isinstance(part, str)]
    column = COLUMNS.get(fields[-1], fields[-1]) if fields else ""
    if path and path[0] in ("id", "version", "title", "default_language", "languages"):
        column = {"id": "form_id", "title": "form_title"}.get(str(path[0]), str(path[0]))
    ctx.problem(place, column, code, message)


def _sorted(problems: list[Problem], workbook: Workbook) -> list[Problem]:
    order = {s.name: i for i, s in enumerate(workbook.sheets.values())}
    return sorted(
        problems, key=lambda p: (order.get(p.file.rpartition(":")[2], 99), p.line or 0, p.path)
    )
