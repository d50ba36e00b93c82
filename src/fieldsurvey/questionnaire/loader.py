"""Loading a questionnaire file: YAML -> pydantic model -> whole-questionnaire checks.

All problems are collected and raised together as one `QuestionnaireError`, each with its
`file:line: path: message`, because an author fixing a file wants the whole list at once.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from fieldsurvey.questionnaire.model import Questionnaire
from fieldsurvey.questionnaire.problems import (
    Code,
    Finding,
    Path,
    Problem,
    QuestionnaireError,
    format_path,
)

if TYPE_CHECKING:
    from fieldsurvey.questionnaire.yaml_source import YamlDocument

# The YAML reader and the checks (with the expression parser) are imported when a file is
# actually read: the app's start-up takes a cached, already checked questionnaire (cache.py)
# and should not pay for them.

SURVEY_TYPES = "select_one, select_multiple, rank, integer, decimal, text, date, note, " + (
    "calculate, likert, group, area"
)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
"""Files read as XLSForm workbooks (`xlsform/`); every other file is read as YAML."""


def load_questionnaire(file: FilePath | str) -> Questionnaire:
    """Read, validate and check `file` (YAML, or an XLSForm workbook by its suffix); raise
    QuestionnaireError listing every problem."""
    return _load(FilePath(file))[0]


def load_with_warnings(file: FilePath | str) -> tuple[Questionnaire, list[Problem]]:
    """As `load_questionnaire`, with the content warnings (content_checks.py) of a valid file;
    a workbook's warnings name their place in the model, without a line."""
    from fieldsurvey.questionnaire.content_checks import content_warnings

    questionnaire, document = _load(FilePath(file))
    name = str(file)
    problems = [
        _locate(document, name, f)
        if document is not None
        else _problem(name, None, f.path, f.code, f.message)
        for f in content_warnings(questionnaire)
    ]
    return questionnaire, _sorted(problems)


def _load(file: FilePath) -> tuple[Questionnaire, YamlDocument | None]:
    from fieldsurvey.questionnaire.yaml_source import SourceError, read_yaml

    name = str(file)
    if file.suffix.lower() in WORKBOOK_SUFFIXES:
        from fieldsurvey.questionnaire.xlsform import read_xlsform  # pyxform: only for workbooks

        return read_xlsform(file).questionnaire, None
    try:
        document = read_yaml(file)
    except FileNotFoundError:
        raise QuestionnaireError([_problem(name, None, (), Code.SCHEMA, "no such file")]) from None
    except SourceError as exc:
        raise QuestionnaireError([_problem(name, exc.line, (), exc.code, exc.message)]) from None
    return questionnaire_from_document(document, name), document


def questionnaire_from_document(document: YamlDocument, name: str) -> Questionnaire:
    from fieldsurvey.questionnaire.validation import check

    if not isinstance(document.data, dict):
        raise QuestionnaireError([_problem(name, 1, (), Code.NOT_MAPPING, Code.NOT_MAPPING.value)])
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as exc:
        problems = [_schema_problem(document, name, error) for error in exc.errors()]
        raise QuestionnaireError(_sorted(problems)) from None
    findings = check(questionnaire)
    if findings:
        raise QuestionnaireError(_sorted([_locate(document, name, f) for f in findings]))
    return questionnaire


def questionnaire_hash(questionnaire: Questionnaire) -> str:
    """sha256 of the questionnaire's canonical form (`canonical_json`): formatting, comments,
    field order and values left at their defaults do not change it, so a new model field with
    a default leaves every existing questionnaire's hash as it was (responses name it)."""
    return hashlib.sha256(canonical_json(questionnaire)).hexdigest()


def canonical_json(questionnaire: Questionnaire) -> bytes:
    """Every value that differs from its field's default, plus every `type` (the survey's
    discriminator, so the form still reads back), keys sorted, no spaces, UTF-8.

    A default must therefore never change meaning: change a default and an unchanged file
    would hash the same yet mean something else (add a new field instead).
    """
    document = questionnaire.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    _keep_types(questionnaire, document)
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def _keep_types(value: Any, dumped: Any) -> None:
    """Put back the `type` that `exclude_defaults` dropped (a Likert item's has a default)."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if "type" in fields:
            dumped.setdefault("type", value.type)  # type: ignore[attr-defined]
        for name, info in fields.items():
            item = getattr(value, name)
            if isinstance(item, BaseModel | list) and (info.alias or name) in dumped:
                _keep_types(item, dumped[info.alias or name])
    elif isinstance(value, list):
        for item, part in zip(value, dumped, strict=True):
            _keep_types(item, part)


def legacy_questionnaire_hash(questionnaire: Questionnaire) -> str:
    """The hash builds before the canonical form used: sha256 of the model's whole JSON, so
    every field of this build's model, defaults included. A file from such a build is
    recognised by it as long as the model has gained no field since (docs/trust-model.md)."""
    return hashlib.sha256(questionnaire.model_dump_json().encode("utf-8")).hexdigest()


def _locate(document: YamlDocument, name: str, finding: Finding) -> Problem:
    line = document.line_of(finding.path)
    return _problem(name, line, finding.path, finding.code, finding.message)


def _schema_problem(document: YamlDocument, name: str, error: Any) -> Problem:
    path = _data_path(document.data, error["loc"])
    line = document.line_of(path)
    if error["type"] == "union_tag_invalid":
        found = error.get("ctx", {}).get("tag")
        message = Code.UNKNOWN_TYPE.format(value=found, expected=SURVEY_TYPES)
        return _problem(name, line, (*path, "type"), Code.UNKNOWN_TYPE, message)
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown field (check the spelling)"
    elif error["type"] == "missing":
        message = "required field is missing"
    return _problem(name, line, path, Code.SCHEMA, message)


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """Map pydantic's `loc` onto the data: drop union tags, keep keys, indexes, missing fields."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and part != node.get("type"):
            node = None  # a missing field: name it, nothing below it exists
        else:
            continue  # the discriminator tag pydantic inserts after a union member
        path.append(part)
    return tuple(path)


def _problem(name: str, line: int | None, path: Path, code: Code, message: str) -> Problem:
    return Problem(file=name, line=line, path=format_path(path), code=code, message=message)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.path))
