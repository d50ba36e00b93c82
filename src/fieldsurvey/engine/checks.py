"""The questionnaire's rules on answers: `constraint` (with `.` = the value) and `required`.

Checked when an answer is given (constraint), when leaving a page and when completing (both,
because a constraint or a required expression can depend on answers given later).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from fieldsurvey.engine.errors import Problem
from fieldsurvey.engine.messages import builtin_message
from fieldsurvey.engine.state import FormState
from fieldsurvey.questionnaire.expressions import Expression, Value
from fieldsurvey.questionnaire.texts import text_in


def problem(question: str, code: str, language: str, **params: object) -> Problem:
    """A problem with a built-in message."""
    return Problem(question, code, builtin_message(code, language, **params))


class _Candidate:
    """The interview's values with one question's value replaced by a candidate answer."""

    def __init__(self, state: FormState, question: str, value: Value) -> None:
        self._state = state
        self._question = question
        self._value = value

    def value(self, name: str) -> Value:
        return self._value if name == self._question else self._state.value(name)

    def current(self) -> Value:
        return self._value

    def today(self) -> datetime.date:
        return self._state.today()


def constraint_problem(
    state: FormState, question: str, value: Value, language: str
) -> Problem | None:
    """The questionnaire's message (or a built-in one) if `value` breaks the constraint."""
    expression = state.plan.constraints.get(question)
    if expression is None or value is None:
        return None
    if state.holds(expression, _Candidate(state, question, value)):
        return None
    return own_problem(state, question, "constraint", language)


def own_problem(state: FormState, question: str, code: str, language: str) -> Problem:
    """A `constraint` or `required` problem in the questionnaire's own words for this question
    (its `constraint_message` / `required_message`), else the built-in message."""
    questionnaire = state.plan.questionnaire
    own = getattr(questionnaire.questions[question], f"{code}_message", None)
    text = text_in(own, language, questionnaire.default_language)
    return Problem(question, code, text or builtin_message(code, language))


def is_required(state: FormState, question: str) -> bool:
    rule = state.plan.required.get(question, False)
    return state.holds(rule) if isinstance(rule, Expression) else rule


def problems(state: FormState, questions: Iterable[str], language: str) -> list[Problem]:
    """Required-but-unanswered and broken constraints among the relevant `questions`."""
    found: list[Problem] = []
    for question in questions:
        if question not in state.plan.required or not state.is_relevant(question):
            continue
        value = state.value(question)
        if value is None:
            if is_required(state, question):
                found.append(own_problem(state, question, "required", language))
        elif broken := constraint_problem(state, question, value, language):
            found.append(broken)
    return found
