"""What the import carries from sheet to sheet: languages, places of rows, problems, warnings.

`places` maps each model path (("survey", 3, "items", 0)) to the sheet row it came from, so a
problem the questionnaire's own checks find later is reported at `FILE:SHEET:ROW: column`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from fieldsurvey.questionnaire.problems import Path, Problem
from fieldsurvey.questionnaire.xlsform.languages import Languages, column_name
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem

Place = tuple[str, int | None]
"""(sheet name, row number)."""


@dataclass
class Context:
    file: str
    languages: Languages
    uncoded: bool = False
    """Some language column has no code (reported once at its header)."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    places: dict[Path, Place] = field(default_factory=dict)

    def problem(self, place: Place, column: str, code: Enum, message: str) -> None:
        self.problems.append(sheet_problem(self.file, place[0], place[1], column, code, message))

    def refuse(self, place: Place, column: str, code: XCode, **values: object) -> None:
        self.problem(place, column, code, code.format(**values))

    def text(self, value: Any, place: Place, column: str) -> dict[str, str] | None:
        """A text in every language; one missing is filled from the default language's (or
        the first given) text, with a warning naming the row and column."""
        if value is None:
            return None
        found = self.languages.text(value)
        if not found:
            return None
        fallback = self.languages.default if self.languages.default in found else next(iter(found))
        out: dict[str, str] = {}
        for code in self.languages.ordered:
            if code in found:
                out[code] = found[code]
                continue
            out[code] = found[fallback]
            message = XCode.MISSING_TEXT.format(column=column, lang=code, default=fallback)
            where = f"{column}::{column_name(code)}"
            self.warnings.append(
                sheet_problem(self.file, place[0], place[1], where, XCode.MISSING_TEXT, message)
            )
        return out

    def place_of(self, path: Path) -> Place | None:
        """The row of the longest prefix of `path` that came from a row."""
        for end in range(len(path), -1, -1):
            found = self.places.get(path[:end])
            if found is not None:
                return found
        return None
