"""Office indicators (seed 000 Annex): entering counts per office and period.

Counts are checked in full before anything is written, so a bad entry changes nothing; every
problem is reported at once. Reading them back (tables, ratios, trends) is in `ratios.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.interface import ScoringSource
from fieldsurvey.store.records import utc_now

NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z ._-]{0,63}$")
MAX_COUNT = 2**62


class Problem(StrEnum):
    """Why an entry is refused; filled by `text(...)`."""

    SYNTAX = "{entry!r}: expected INDICATOR=COUNT"
    UNKNOWN = "{indicator!r} is not an indicator of this questionnaire (known: {known})"
    NOT_COUNT = "{indicator}: {value!r} is not a whole number"
    NEGATIVE = "{indicator}: a count cannot be negative ({value})"
    TOO_LARGE = "{indicator}: {value} is too large to be a count"
    BAD_NAME = "{field} {value!r}: use letters, digits, spaces, '.', '_' or '-' (up to 64)"
    NOTHING = "no INDICATOR=COUNT given"

    def text(self, **values: object) -> str:
        return self.value.format(**values)


class IndicatorError(ValueError):
    """Entries refused, with every reason (nothing was written)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_entries(entries: Iterable[str]) -> dict[str, str]:
    """`INDICATOR=COUNT` strings from the command line, counts still unchecked."""
    found: dict[str, str] = {}
    problems = []
    for entry in entries:
        name, sep, value = entry.partition("=")
        if not sep or not name.strip():
            problems.append(Problem.SYNTAX.text(entry=entry))
        found[name.strip()] = value.strip()
    if problems:
        raise IndicatorError(problems)
    return found


def set_counts(
    store: ScoringSource,
    questionnaire: Questionnaire,
    office: str,
    period: str,
    counts: Mapping[str, object],
) -> dict[str, int]:
    """Store the counts of one office and period (replacing earlier ones) or refuse them all."""
    checked = _check(questionnaire, office, period, counts)
    store.set_indicator_values(office, period, checked, utc_now())
    return checked


def _check(
    questionnaire: Questionnaire, office: str, period: str, counts: Mapping[str, object]
) -> dict[str, int]:
    known = {i.id for i in questionnaire.indicators}
    problems = [
        Problem.BAD_NAME.text(field=field, value=value)
        for field, value in (("office", office), ("period", period))
        if not NAME.match(value)
    ]
    if not counts:
        problems.append(Problem.NOTHING.text())
    checked: dict[str, int] = {}
    for name, raw in counts.items():
        if name not in known:
            problems.append(Problem.UNKNOWN.text(indicator=name, known=", ".join(sorted(known))))
            continue
        value = _count(raw)
        if value is None:
            problems.append(Problem.NOT_COUNT.text(indicator=name, value=raw))
        elif value < 0:
            problems.append(Problem.NEGATIVE.text(indicator=name, value=value))
        elif value > MAX_COUNT:
            problems.append(Problem.TOO_LARGE.text(indicator=name, value=value))
        else:
            checked[name] = value
    if problems:
        raise IndicatorError(problems)
    return checked


def _count(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw):
        return int(raw)
    return None
