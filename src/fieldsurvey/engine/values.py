"""Turning what a screen or script gives (text, numbers, lists) into the value to store.

Stored values are JSON-ready: str (select_one, date, text, a Likert DK code), int (integer, a
Likert point), float (decimal), list of str (select_multiple in choice-list order; rank in the
given order). Blank input (None, whitespace, an empty list) clears the answer.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Sequence

from fieldsurvey.engine.plan import Plan
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import (
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)

LARGEST_NUMBER = 2**53
"""Beyond this a number no longer survives JSON and XPath arithmetic exactly."""

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class InvalidAnswer(Exception):
    """`code` names a message of the catalogue; `params` fill its placeholders."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def coerce_answer(question: QuestionLike, raw: object, plan: Plan) -> Value:
    """The value to store for `raw`, or None when it clears the answer; else InvalidAnswer."""
    if raw is None or (isinstance(raw, str | list | tuple) and not _strip(raw)):
        return None
    coerce = _COERCERS.get(question.type)
    if coerce is None:
        raise InvalidAnswer("no_answer")
    return coerce(question, raw, plan)


def default_answers(plan: Plan) -> dict[str, Value]:
    """Each question's `default` as the answer a new interview starts with (load-time
    validation has checked that each is a valid answer)."""
    return {
        question.id: coerce_answer(question, default, plan)
        for question in plan.questionnaire.questions.values()
        if (default := getattr(question, "default", None)) is not None
    }


def _strip(raw: str | Sequence[object]) -> str | Sequence[object]:
    return raw.strip() if isinstance(raw, str) else raw


def _select_one(question: SelectOne, raw: object, plan: Plan) -> Value:
    if isinstance(raw, str) and raw.strip() in plan.choice_values[question.choices]:
        return raw.strip()
    raise InvalidAnswer("select_one")


def _select_multiple(question: SelectMultiple, raw: object, plan: Plan) -> Value:
    values = plan.choice_values[question.choices]
    chosen = raw.split() if isinstance(raw, str) else raw
    if not isinstance(chosen, list | tuple) or not all(item in values for item in chosen):
        raise InvalidAnswer("select_multiple")
    return [value for value in values if value in chosen]


def _rank(question: Rank, raw: object, plan: Plan) -> Value:
    values = plan.choice_values[question.choices]
    order = raw.split() if isinstance(raw, str) else raw
    if not isinstance(order, list | tuple) or not all(isinstance(item, str) for item in order):
        raise InvalidAnswer("rank")
    if sorted(order) != sorted(values):
        raise InvalidAnswer("rank")
    return list(order)


def _integer(question: IntegerQuestion, raw: object, plan: Plan) -> Value:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and _INTEGER.fullmatch(raw.strip()):
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InvalidAnswer("integer")
    if abs(raw) > LARGEST_NUMBER:
        raise InvalidAnswer("too_large")
    return raw


def _decimal(question: DecimalQuestion, raw: object, plan: Plan) -> Value:
    if isinstance(raw, str) and _DECIMAL.fullmatch(raw.strip()):
        raw = float(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise InvalidAnswer("decimal")
    if abs(raw) > LARGEST_NUMBER:
        raise InvalidAnswer("too_large")
    return float(raw)


def _date(question: QuestionLike, raw: object, plan: Plan) -> Value:
    if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
        return raw.isoformat()
    if isinstance(raw, str) and _DATE.fullmatch(raw.strip()):
        try:
            return datetime.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            pass
    raise InvalidAnswer("date")


def _text(question: TextQuestion, raw: object, plan: Plan) -> Value:
    if not isinstance(raw, str):
        raise InvalidAnswer("text")
    text = raw.strip()
    if len(text) > question.max_length:
        raise InvalidAnswer("text_too_long", limit=question.max_length)
    return text


def _likert(question: LikertItem, raw: object, plan: Plan) -> Value:
    scale = plan.questionnaire.scale_by_id[question.scale]
    if isinstance(raw, str):
        raw = raw.strip()
        if raw in {choice.value for choice in scale.off_scale}:
            return raw
        if _INTEGER.fullmatch(raw):
            raw = int(raw)
    points = {point.value for point in scale.points}
    if not isinstance(raw, bool) and isinstance(raw, int) and raw in points:
        return raw
    raise InvalidAnswer("likert")


_COERCERS: dict[str, Callable[..., Value]] = {
    "select_one": _select_one,
    "select_multiple": _select_multiple,
    "rank": _rank,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "text": _text,
    "likert": _likert,
}
