"""XLSForm expressions (`relevant`, `constraint`, `calculation`): parse once, evaluate often.

`parse()` checks syntax, arity and literal regex patterns up front, so a questionnaire with a
bad expression is rejected when it is loaded, not in the middle of an interview. The result
holds one prebuilt closure per node; evaluating is a handful of plain calls (no eval/exec).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeAlias

from fieldsurvey.questionnaire.expr_eval import (
    OPERATORS,
    Env,
    Value,
    count_selected,
    is_empty,
    round_half_away,
    selected,
    to_bool,
    to_int,
    to_number,
    to_string,
)
from fieldsurvey.questionnaire.expr_parser import (
    Call,
    Chain,
    Current,
    ExpressionError,
    Literal,
    Negate,
    Node,
    Parser,
    Reference,
)

__all__ = ["Env", "Expression", "ExpressionError", "MappingEnv", "Value", "parse"]

Fn: TypeAlias = Callable[[Env], Value]


@dataclass(frozen=True)
class Expression:
    """A parsed expression; equal when the source text is equal."""

    source: str
    references: frozenset[str]
    uses_current: bool
    tree: Node = field(repr=False, compare=False)
    _fn: Fn = field(repr=False, compare=False)

    def evaluate(self, env: Env) -> Value:
        return self._fn(env)

    def truthy(self, env: Env) -> bool:
        """XPath boolean() of the value: what `relevant` and `constraint` need."""
        return to_bool(self._fn(env))


class MappingEnv:
    """An Env over a plain mapping; names missing from it count as unanswered."""

    def __init__(
        self,
        values: Mapping[str, Value],
        current: Value = None,
        today: datetime.date | None = None,
    ) -> None:
        self._values = values
        self._current = current
        self._today = today

    def value(self, name: str) -> Value:
        return self._values.get(name)

    def current(self) -> Value:
        return self._current

    def today(self) -> datetime.date:
        return self._today if self._today is not None else datetime.date.today()


def parse(source: str) -> Expression:
    """Parse `source`; raises ExpressionError (and nothing else) when it is not valid."""
    if not isinstance(source, str):
        raise ExpressionError("an expression must be text", 1, repr(source))
    return _parse(source)


@lru_cache(maxsize=1024)
def _parse(source: str) -> Expression:
    """Cached: a questionnaire repeats the same relevance text on many questions."""
    parser = Parser(source)
    tree = parser.parse()
    references = frozenset(t.text[2:-1] for t in parser.tokens if t.kind == "ref")
    uses_current = any(t.kind == "op" and t.text == "." for t in parser.tokens)
    return Expression(source, references, uses_current, tree, compile_node(tree, source))


# --- compiling the tree into closures -------------------------------------------------------


def compile_node(node: Node, source: str) -> Fn:
    """One closure per node; raises ExpressionError for an invalid literal regex pattern."""
    if isinstance(node, Literal):
        constant = node.value
        return lambda env: constant
    if isinstance(node, Reference):
        name = node.name
        return lambda env: env.value(name)
    if isinstance(node, Current):
        return lambda env: env.current()
    if isinstance(node, Negate):
        inner = compile_node(node.operand, source)
        if node.count % 2:
            return lambda env: -to_number(inner(env))
        return lambda env: to_number(inner(env))
    if isinstance(node, Chain):
        return _compile_chain(node, source)
    return _compile_call(node, [compile_node(arg, source) for arg in node.args], source)


def _compile_chain(node: Chain, source: str) -> Fn:
    first = compile_node(node.first, source)
    rest = [compile_node(operand, source) for _, operand in node.rest]
    if node.level in ("and", "or"):
        return _logical(node.level == "and", [first, *rest])
    ops = [OPERATORS[op] for op, _ in node.rest]
    if len(rest) == 1:
        op, second = ops[0], rest[0]
        return lambda env: op(first(env), second(env))
    steps = list(zip(ops, rest, strict=True))

    def fold(env: Env) -> Value:
        acc = first(env)
        for op, operand in steps:
            acc = op(acc, operand(env))
        return acc

    return fold


def _logical(is_and: bool, operands: Sequence[Fn]) -> Fn:
    """Short-circuit `and` / `or` over any number of operands."""
    if len(operands) == 2:
        a, b = operands
        if is_and:
            return lambda env: to_bool(a(env)) and to_bool(b(env))
        return lambda env: to_bool(a(env)) or to_bool(b(env))

    def many(env: Env) -> bool:
        for operand in operands:
            if to_bool(operand(env)) is not is_and:
                return not is_and
        return is_and

    return many


def _compile_call(node: Call, args: list[Fn], source: str) -> Fn:
    name = node.name
    if name == "regex":
        return _compile_regex(node, args, source)
    if name == "if":
        cond, then, other = args
        return lambda env: then(env) if to_bool(cond(env)) else other(env)
    if name == "coalesce":
        a, b = args
        return lambda env: b(env) if is_empty(v := a(env)) else v
    if name == "concat":
        return lambda env: "".join([to_string(arg(env)) for arg in args])
    if name == "today":
        return lambda env: env.today().isoformat()
    if name in ("true", "false"):
        constant = name == "true"
        return lambda env: constant
    if name == "selected":
        a, b = args
        return lambda env: selected(a(env), b(env))
    if name == "round" and len(args) == 2:
        a, b = args
        return lambda env: round_half_away(a(env), b(env))
    one = _ONE_ARGUMENT[name]
    (x,) = args
    return lambda env: one(x(env))


_ONE_ARGUMENT: dict[str, Callable[[Value], Value]] = {
    "not": lambda v: not to_bool(v),
    "count-selected": count_selected,
    "string-length": lambda v: len(to_string(v)),
    "int": to_int,
    "number": to_number,
    "round": round_half_away,
}


def _compile_regex(node: Call, args: list[Fn], source: str) -> Fn:
    subject, pattern_fn = args
    pattern_node = node.args[1]
    if isinstance(pattern_node, Literal):
        text = to_string(pattern_node.value)
        try:
            compiled = _compile_pattern(text)
        except (re.error, OverflowError, RecursionError, ValueError) as e:
            offset = getattr(e, "pos", None) or 0
            quoted = isinstance(pattern_node.value, str)
            column = pattern_node.column + (1 + offset if quoted else 0)
            raise ExpressionError(_regex_message(e), column, source) from None
        return lambda env: compiled.search(to_string(subject(env))) is not None

    def dynamic(env: Env) -> bool:
        text = to_string(pattern_fn(env))
        try:
            compiled = _compile_pattern(text)
        except (re.error, OverflowError, RecursionError, ValueError) as e:
            raise ExpressionError(_regex_message(e), pattern_node.column, source) from None
        return compiled.search(to_string(subject(env))) is not None

    return dynamic


@lru_cache(maxsize=256)
def _compile_pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _regex_message(e: Exception) -> str:
    detail = e.msg if isinstance(e, re.error) else str(e) or type(e).__name__
    return f"invalid regular expression in regex(): {detail}"
