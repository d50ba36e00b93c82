"""Every record of an export file checked against its questionnaire version, before a write.

A valid signature says which device wrote a file, not that what it says makes sense: a
device's bug or a hand-made file could carry a Likert 7, a NaN, a 2^63 integer, a 60 MB
answer, a persona the questionnaire does not have, or a timestamp in the year 9999 that
would win every conflict and become the default round. `Rules` holds, per question of one
version, a small check of the decoded value (built once per version, so a million answers
cost a dictionary lookup and a type test each); timestamps are checked against the file's
own signing time (`Clock`). reader.py collects the first MAX_PROBLEMS and rejects the file
whole, naming each record, field and value.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldsurvey.questionnaire.model import (
    Calculate,
    DateQuestion,
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    QuestionLike,
    Questionnaire,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)
from fieldsurvey.safetext import terminal_text

LARGEST_NUMBER = 2**53
"""The engine's bound on numbers: beyond it they no longer survive JSON and arithmetic."""
MAX_CALCULATED_TEXT = 10_000
MAX_PROBLEMS = 5
"""Problems listed when a file is rejected: enough to see a pattern, short enough to read."""
SIGNING_TOLERANCE = timedelta(minutes=5)
"""How far a record's timestamps may pass the file's signing time (same device clock)."""
CLOCK_TOLERANCE = timedelta(days=1)
"""How far a file's signing time may pass this computer's clock (another device's clock)."""
SHOWN_VALUE = 40

Check = Callable[[Any], "str | None"]
"""A decoded answer -> None if it fits its question, else what is wrong with it."""

_CANONICAL = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}\+00:00"
)
"""The store's one format; its days are then checked against their months (`_real_day`)."""
_CANONICAL_LINES = re.compile(f"(?:{_CANONICAL}\n)*{_CANONICAL}")
_LATE_DAYS = ("-29T", "-30T", "-31T")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one record: where, which field, what value, why."""

    line: int
    uuid: str
    field: str
    value: object
    why: str

    def __str__(self) -> str:
        shown = repr(self.value)
        if len(shown) > SHOWN_VALUE:
            shown = shown[: SHOWN_VALUE - 3] + "..."
        return terminal_text(f"line {self.line} ({self.uuid}): {self.field} = {shown}: {self.why}")


@dataclass(frozen=True)
class Rules:
    """What one questionnaire version accepts."""

    checks: dict[str, Check]
    personas: frozenset[str]
    languages: frozenset[str]

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> Rules:
        checks = {
            question.id: _check_for(questionnaire, question)
            for question in questionnaire.questions.values()
        }
        personas = frozenset(persona.id for persona in questionnaire.personas)
        return cls(checks, personas, frozenset(questionnaire.languages))

    def problems(
        self, fields: dict[str, Any], values: dict[str, Any]
    ) -> Iterable[tuple[str, object, str]]:
        """(field, value, why) for each answer or field that does not fit this version."""
        persona = fields["persona"]
        if persona is not None and persona not in self.personas:
            known = _listed(self.personas)
            yield "persona", persona, f"not a persona of this questionnaire ({known})"
        if fields["language"] not in self.languages:
            yield "language", fields["language"], f"not one of {_listed(self.languages)}"
        for question, value in values.items():
            check = self.checks.get(question)
            why = "no such question in this version" if check is None else check(value)
            if why is not None:
                yield f"answers.{question}", value, why


class Clock:
    """Timestamps must parse and be no later than the file's signing time + a tolerance."""

    def __init__(self, signed_at: str) -> None:
        self.limit = parse_stamp(signed_at) + SIGNING_TOLERANCE
        self.limit_text = self.limit.isoformat(timespec="milliseconds")

    def first_late(self, stamps: list[str]) -> tuple[str, str] | None:
        """The first stamp that does not parse or is too late, with why; None if all fit.

        The store writes one format (UTC, milliseconds), whose text order is time order: for
        it, one regular expression (`_real_days` then for the 29th to 31st) and a `max` check
        every stamp of a record in C. Any other stamp is parsed on its own.
        """
        if not stamps:
            return None
        text = "\n".join(stamps)
        if _CANONICAL_LINES.fullmatch(text) and _real_days(text, stamps):
            return None if max(stamps) <= self.limit_text else self._first_late_slowly(stamps)
        return self._first_late_slowly(stamps)

    def _first_late_slowly(self, stamps: list[str]) -> tuple[str, str] | None:
        for stamp in stamps:
            try:
                when = parse_stamp(stamp)
            except ValueError:
                return stamp, "not an ISO 8601 timestamp with a time zone"
            if when > self.limit:
                signed = self.limit_text
                return stamp, f"later than the file was signed ({signed}, tolerance included)"
        return None


def _real_days(text: str, stamps: list[str]) -> bool:
    """Whether the days of these stamps (in `_CANONICAL` form, joined as `text`) exist: the
    29th to 31st only in some months (no 2026-02-31), so only those are parsed, once each."""
    if not any(day in text for day in _LATE_DAYS):
        return True
    return all(map(_real_day, {stamp[:10] for stamp in stamps}))


@functools.lru_cache(maxsize=4096)
def _real_day(text: str) -> bool:
    """Whether `YYYY-MM-DD` (a month of 01-12, a day of 01-31) is a day of that month."""
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def parse_stamp(text: str) -> datetime:
    """An ISO 8601 timestamp with its offset, in UTC; ValueError otherwise."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return when.astimezone(UTC)


def signing_time_problem(signed_at: str, now: datetime) -> str | None:
    """Why a manifest's `created_at` cannot be believed, or None."""
    try:
        when = parse_stamp(signed_at)
    except ValueError:
        return "not an ISO 8601 timestamp with a time zone"
    if when > now + CLOCK_TOLERANCE:
        return f"later than this computer's clock allows ({now.isoformat(timespec='seconds')})"
    return None


def _listed(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))


def _check_for(questionnaire: Questionnaire, question: QuestionLike) -> Check:
    if isinstance(question, LikertItem):
        scale = questionnaire.scale_by_id[question.scale]
        return _likert(frozenset(p.value for p in scale.points), scale.dk.value, scale.id)
    if isinstance(question, SelectOne | SelectMultiple | Rank):
        values = [c.value for c in questionnaire.choice_list_by_id[question.choices].choices]
        maker = {"select_one": _select_one, "select_multiple": _select_multiple, "rank": _rank}
        return maker[question.type](frozenset(values), question.choices)
    if isinstance(question, IntegerQuestion):
        return _integer
    if isinstance(question, DecimalQuestion):
        return _decimal
    if isinstance(question, DateQuestion):
        return _date
    if isinstance(question, TextQuestion):
        return _text(question.max_length)
    if isinstance(question, Calculate):
        return _calculated
    return _no_answer  # a note takes no answer


def _likert(points: frozenset[int], dk: str, scale: str) -> Check:
    why = f"not a point of scale {scale} ({min(points)}-{max(points)} or {dk!r})"

    def check(value: Any) -> str | None:
        if (type(value) is int and value in points) or (type(value) is str and value == dk):
            return None
        return why

    return check


def _select_one(values: frozenset[str], choices: str) -> Check:
    why = f"not a choice of list {choices}"

    def check(value: Any) -> str | None:
        return None if type(value) is str and value in values else why

    return check


def _select_multiple(values: frozenset[str], choices: str) -> Check:
    why = f"not a list of distinct choices of list {choices}"

    def check(value: Any) -> str | None:
        if _strings(value) and len(set(value)) == len(value) and values.issuperset(value):
            return None
        return why

    return check


def _rank(values: frozenset[str], choices: str) -> Check:
    why = f"not an ordering of every choice of list {choices}"

    def check(value: Any) -> str | None:
        if _strings(value) and len(value) == len(values) == len(set(value)):
            return None if values.issuperset(value) else why
        return why

    return check


def _strings(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _integer(value: Any) -> str | None:
    if type(value) is int and -LARGEST_NUMBER <= value <= LARGEST_NUMBER:
        return None
    return "not a whole number within +-2^53"


def _decimal(value: Any) -> str | None:
    if type(value) in (int, float) and math.isfinite(value) and abs(value) <= LARGEST_NUMBER:
        return None
    return "not a finite number within +-2^53"


def _date(value: Any) -> str | None:
    if type(value) is str and _DATE.fullmatch(value):
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            pass
        else:
            return None
    return "not a date (YYYY-MM-DD)"


def _text(limit: int) -> Check:
    why = f"not a text of at most {limit} characters"

    def check(value: Any) -> str | None:
        return None if type(value) is str and len(value) <= limit else why

    return check


def _calculated(value: Any) -> str | None:
    kind = type(value)
    if kind is bool or (kind is str and len(value) <= MAX_CALCULATED_TEXT):
        return None
    if kind in (int, float):
        return _decimal(value)
    if _strings(value) and all(len(item) <= MAX_CALCULATED_TEXT for item in value):
        return None
    return "not a value a calculation gives"


def _no_answer(value: Any) -> str | None:
    return "a note takes no answer"
