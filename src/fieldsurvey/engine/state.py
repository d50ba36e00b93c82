"""One interview's answers, relevance and calculated values, kept up to date incrementally.

`FormState` is the expressions' `Env`. As in XLSForm/JavaRosa, a question that is not relevant
evaluates as unanswered for every other expression, although the answer once given is kept
(`stored`) so that flipping a branch back restores it. An answer re-evaluates only the nodes
that depend on it, transitively, in topological order (each at most once).
"""

from __future__ import annotations

import contextlib
import datetime
import heapq
import math
from collections.abc import Iterator, Mapping
from typing import Any

from fieldsurvey.engine.plan import Plan
from fieldsurvey.questionnaire.expressions import Env, Expression, ExpressionError, Value

_ABSENT = object()


class FormState:
    def __init__(self, plan: Plan, stored: Mapping[str, Value]) -> None:
        self.plan = plan
        self._stored: dict[str, Value] = {
            question: value for question, value in stored.items() if question in plan.required
        }
        self._truth: dict[str, bool] = {}
        self._values: dict[str, Value] = {}
        self._journal: list[tuple[dict[str, Any], str, object]] | None = None
        self._today = datetime.date.today()
        for node in plan.nodes:
            self._evaluate(node)

    # --- the expressions' Env -------------------------------------------------------------

    def value(self, name: str) -> Value:
        """The visible value: None when unanswered or not relevant."""
        return self._values.get(name)

    def current(self) -> Value:
        return None

    def today(self) -> datetime.date:
        return self._today

    # --- queries --------------------------------------------------------------------------

    def is_relevant(self, node: str) -> bool:
        return self._truth.get(node, False)

    def stored(self, question: str) -> Value:
        """The answer as given, kept even while the question is not relevant."""
        return self._stored.get(question)

    def stored_answers(self) -> dict[str, Value]:
        return dict(self._stored)

    def calculated(self, question: str) -> Value:
        return self._values.get(question) if question in self.plan.calculations else None

    def holds(self, expression: Expression, env: Env | None = None) -> bool:
        """`expression` is true in `env` (default: this state); an evaluation error is false."""
        try:
            return expression.truthy(env or self)
        except ExpressionError:
            return False

    # --- changes --------------------------------------------------------------------------

    def set_answer(self, question: str, value: Value) -> list[str]:
        """Store `value` (None clears it); return the questions whose visible value changed."""
        self._put(self._stored, question, value)
        return self._propagate(question)

    @contextlib.contextmanager
    def tentatively(self) -> Iterator[None]:
        """Every change made inside is undone if the block raises (e.g. the save failed)."""
        self._journal = []
        try:
            yield
        except BaseException:
            for mapping, key, old in reversed(self._journal):
                if old is _ABSENT:
                    mapping.pop(key, None)
                else:
                    mapping[key] = old
            raise
        finally:
            self._journal = None

    def _propagate(self, start: str) -> list[str]:
        order, dependents = self.plan.order, self.plan.dependents
        heap = [(order[start], start)]
        queued = {start}
        changed: list[str] = []
        while heap:
            _, node = heapq.heappop(heap)
            if not self._evaluate(node):
                continue
            if node in self.plan.required or node in self.plan.calculations:
                changed.append(node)
            for target in dependents[node]:
                if target not in queued:
                    queued.add(target)
                    heapq.heappush(heap, (order[target], target))
        return changed

    def _evaluate(self, node: str) -> bool:
        """Recompute one node; True when what others read from it changed."""
        container = self.plan.parent.get(node)
        truth = container is None or self._truth[container]
        expression = self.plan.relevance.get(node)
        if truth and expression is not None:
            truth = self.holds(expression)
        truth_changed = self._truth.get(node) is not truth
        if truth_changed:
            self._put(self._truth, node, truth)
        if node in self.plan.required:
            return self._show(node, self._stored.get(node) if truth else None)
        calculation = self.plan.calculations.get(node)
        if calculation is not None:
            return self._show(node, _calculate(calculation, self) if truth else None)
        return truth_changed  # a container or a note: only its relevance is read

    def _show(self, question: str, value: Value) -> bool:
        old = self._values.get(question)
        if type(old) is type(value) and old == value:
            return False
        self._put(self._values, question, value)
        return True

    def _put(self, mapping: dict[str, Any], key: str, value: object) -> None:
        if self._journal is not None:
            self._journal.append((mapping, key, mapping.get(key, _ABSENT)))
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = value


def _calculate(expression: Expression, state: FormState) -> Value:
    """A calculation's value as stored: empty text, empty lists and NaN count as no value."""
    try:
        value = expression.evaluate(state)
    except ExpressionError:
        return None
    if value == "" or value == [] or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return value
