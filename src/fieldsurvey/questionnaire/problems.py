"""Problems found in a questionnaire file, and the catalogue of their messages.

Every check reports a `Problem` with a code from `Code`; the message text comes from the
catalogue, so tests assert the catalogue's wording instead of copying strings, and an author
always reads the same sentence for the same mistake.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

Path = tuple[str | int, ...]
"""A place in the document: keys and list indexes from the root, e.g. ("areas", 2, "items")."""


class Catalogue(Enum):
    """Codes whose value is a message template; `format` fills it."""

    def format(self, **values: object) -> str:
        return str(self.value).format(**values)


class Code(Catalogue):
    TOO_LARGE = "the file is {size:,} bytes; questionnaires are limited to {limit:,} bytes"
    NOT_UTF8 = "not UTF-8 text (invalid byte 0x{byte:02x} at byte {offset}); save it as UTF-8"
    NOT_YAML = "not valid YAML: {detail}"
    ALIAS_BOMB = "YAML aliases expand to more than {limit:,} nodes; expand anchors by hand"
    TOO_DEEP = "nesting deeper than {limit} levels"
    DUPLICATE_KEY = "key {key!r} appears twice in this mapping"
    NOT_MAPPING = "expected a mapping of questionnaire fields at the top of the file"
    SCHEMA = "{detail}"
    UNKNOWN_TYPE = "unknown question type {value!r}; expected one of: {expected}"
    DUPLICATE_ID = "duplicate {kind} id {value!r} (first defined at {first})"
    DUPLICATE_CHOICE = "duplicate choice value {value!r} in list {list_id!r}"
    UNKNOWN_CHOICE_LIST = "choice list {value!r} is not defined in choice_lists"
    UNKNOWN_SCALE = "scale {value!r} is not defined in scales"
    BROKEN_SCALE = "scale points must be the integers 1..{size} in order; found {found}"
    SCALE_DK_CLASH = "the don't-know value {value!r} must not look like a scale point"
    MISSING_LANGUAGE = "missing the {lang!r} text (languages declared: {declared})"
    UNDECLARED_LANGUAGE = "text in {lang!r}, which is not in languages ({declared})"
    DEFAULT_LANGUAGE = "default_language {value!r} is not one of languages ({declared})"
    EXPRESSION_SYNTAX = "{detail} in {source!r}"
    UNKNOWN_REFERENCE = "unknown question ${{{name}}} in {source!r}"
    CURRENT_OUTSIDE_CONSTRAINT = "'.' (this answer) may only be used in a constraint: {source!r}"
    CALCULATION_CYCLE = "calculation cycle: {cycle}"
    RELEVANCE_CYCLE = "relevance cycle (each decides whether the next is asked): {cycle}"
    SELF_REFERENCE = "{field} of {qid!r} refers to the question itself"
    UNKNOWN_AREA = "unknown area {value!r}; areas are: {expected}"
    UNKNOWN_BENEFIT = "unknown benefit {value!r}; benefits are: {expected}"
    UNKNOWN_PERSONA = "unknown persona {value!r}; personas are: {expected}"
    UNKNOWN_QUESTION = "unknown question {value!r}"
    UNKNOWN_INDICATOR = "unknown indicator {value!r}; indicators are: {expected}"
    TRIGGER_TARGET = "a message trigger names exactly one of area or benefit"
    TRIGGER_BAND = "score_min {low} is above score_max {high}"
    AREA_PLACEMENT = "area {value!r} is placed {count} times in survey; place it exactly once"
    PERSONA_CHOICES = "persona question choices must be the persona ids; {detail}"
    WRONG_QUESTION_TYPE = "question {value!r} must be {expected}, not {found}"
    MISSING_CHOICE_VALUE = "question {qid!r} has no choice {value!r}"
    BAD_DEFAULT = "default {value!r} is not {expected}"
    SEGMENT_WITHOUT_CHOICES = "calculate {qid!r} is a segment: name the choice_list it yields"
    UNKNOWN_SCHEME_BENEFIT = "scheme {scheme!r} pays unknown or decoy benefit {value!r}"
    SCHEME_CHOICES = "scheme question choices must be the scheme ids; {detail}"
    CONSENT_SCRIPT_ITEM = "consent script part {part!r} names {value!r}, which is not a note"
    # Content warnings (`fieldsurvey validate` prints them; the file still loads).
    DOUBLE_BARRELLED = (
        "{text!r} joins two things with {word!r}: ask one thing per item "
        "(or list the phrase {phrase!r} in checks.allow)"
    )
    REVERSE_NEGATION = (
        "reverse-coded item {text!r} contains the negation {word!r}: disagreeing with it is a "
        "double negative"
    )
    NUMBER_IN_MESSAGE = (
        "message text ({lang}) states {number!r}: give figures as placeholders filled from "
        "office data, e.g. {{one_window_minutes}}"
    )
    AREA_BALANCE = (
        "area {area!r} asks {count} items of persona {persona!r}, area {other!r} asks {others}: "
        "keep area item counts within 2 of each other"
    )
    TRANSLATION_PENDING = "every {lang!r} text awaits back-translation review{note}"
    CONSENT_PART_MISSING = "the consent script lacks the {part!r} part ({meaning})"
    UNFILLED_PLACEHOLDER = (
        "message {message!r} uses {{{name}}}, which the office section does not fill: "
        "the message is never shown"
    )


@dataclass(frozen=True)
class Finding:
    """A problem found in the model, before it is given its file and line."""

    path: Path
    code: Code
    values: Mapping[str, object]

    @property
    def message(self) -> str:
        return self.code.format(**self.values)


@dataclass(frozen=True)
class Problem:
    """One error, printed as `file:line: path: message`.

    `code` is a `Code`, or an `XCode` for a problem only an XLSForm workbook can have (there
    `file` is `FILE:SHEET`, `line` the row and `path` the column).
    """

    file: str
    line: int | None
    path: str
    code: Enum
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class QuestionnaireError(Exception):
    """A questionnaire file with one or more problems; `problems` lists them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Path) -> str:
    """("areas", 2, "items", 0, "relevant") -> "areas[2].items[0].relevant"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
