"""The whole numbers a rating question accepts, read from its constraint (`. >= 0 and . <= 10`).

A 0-10 rating is written, as in XLSForm and ODK, as an integer question with a constraint.
When the constraint does nothing but bound the answer to at most eleven whole numbers from 0
to 10, the app offers them as a list answered with one key, like a Likert item, so "33" can
never be typed into it. Any other constraint (`. != 5`, a reference) keeps the typed field:
the engine checks such answers, and a list would offer values it refuses.
"""

from __future__ import annotations

from functools import lru_cache

from fieldsurvey.questionnaire.expr_parser import Chain, Current, ExpressionError, Literal, Node
from fieldsurvey.questionnaire.expressions import parse
from fieldsurvey.questionnaire.model import IntegerQuestion, QuestionLike

LOWEST, HIGHEST = 0, 10
"""The widest range offered as keys: 0-9 by their digit, 10 by its own key."""

_FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


def rating_range(question: QuestionLike) -> tuple[int, int] | None:
    """(low, high) when `question` is an integer bounded to low..high within 0..10, else None."""
    if not isinstance(question, IntegerQuestion) or not question.constraint:
        return None
    return _range_of(question.constraint)


@lru_cache(maxsize=256)
def _range_of(constraint: str) -> tuple[int, int] | None:
    """Cached: the interview screen asks for every question it shows."""
    try:
        tree = parse(constraint).tree
    except ExpressionError:
        return None
    terms = [tree]
    if isinstance(tree, Chain) and tree.level == "and":
        terms = [tree.first, *(node for _, node in tree.rest)]
    low, high = LOWEST - 1, HIGHEST + 1
    for term in terms:
        bound = _bound(term)
        if bound is None:
            return None
        operator, number = bound
        if operator in (">=", ">"):
            low = max(low, number + (operator == ">"))
        else:
            high = min(high, number - (operator == "<"))
    if LOWEST <= low < high <= HIGHEST:
        return low, high
    return None


def _bound(node: Node) -> tuple[str, int] | None:
    """`. >= 3` or `3 <= .` as (">=", 3); None for anything else."""
    if not isinstance(node, Chain) or node.level != "rel" or len(node.rest) != 1:
        return None
    (operator, right), left = node.rest[0], node.first
    if isinstance(left, Current) and (number := _whole(right)) is not None:
        return operator, number
    if isinstance(right, Current) and (number := _whole(left)) is not None:
        return _FLIPPED[operator], number
    return None


def _whole(node: Node) -> int | None:
    return node.value if isinstance(node, Literal) and isinstance(node.value, int) else None
