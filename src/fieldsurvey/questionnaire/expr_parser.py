"""Tokenizer and parser for the XLSForm expression subset.

The parser only checks syntax and arity and produces a small immutable tree; turning the tree
into fast closures is `expr_eval`'s job. Binary operators are parsed with an explicit operator
stack (not one Python frame per precedence level) and runs of one precedence level become a
single flat `Chain`, so long sums cannot overflow the Python stack when parsed or evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

MAX_DEPTH = 100
"""Parentheses (grouping or function calls) nested deeper than this are rejected."""


class ExpressionError(ValueError):
    """Raised for every problem in an expression; the only exception parse() may raise."""

    def __init__(self, message: str, column: int, source: str) -> None:
        super().__init__(message, column, source)
        self.message = message
        self.column = column
        self.source = source

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}"


# --- the tree -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | str
    column: int


@dataclass(frozen=True, slots=True)
class Reference:
    name: str
    column: int


@dataclass(frozen=True, slots=True)
class Current:
    column: int


@dataclass(frozen=True, slots=True)
class Negate:
    """`count` unary minus signs in front of `operand` (kept as a count, not nested nodes)."""

    operand: Node
    count: int
    column: int


@dataclass(frozen=True, slots=True)
class Chain:
    """`first op1 x1 op2 x2 ...` for operators of one precedence level, folded left to right."""

    level: str
    first: Node
    rest: tuple[tuple[str, Node], ...]
    column: int


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    column: int


Node: TypeAlias = Literal | Reference | Current | Negate | Chain | Call

# --- functions and operators ------------------------------------------------------------

ARITY: dict[str, tuple[int, int | None]] = {
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "if": (3, 3),
    "coalesce": (2, 2),
    "string-length": (1, 1),
    "regex": (2, 2),
    "int": (1, 1),
    "number": (1, 1),
    "round": (1, 2),
    "concat": (1, None),
    "today": (0, 0),
    "true": (0, 0),
    "false": (0, 0),
}

# operator text -> (precedence, level name); higher binds tighter.
BINARY: dict[str, tuple[int, str]] = {
    "or": (1, "or"),
    "and": (2, "and"),
    "=": (3, "eq"),
    "!=": (3, "eq"),
    "<": (4, "rel"),
    "<=": (4, "rel"),
    ">": (4, "rel"),
    ">=": (4, "rel"),
    "+": (5, "add"),
    "-": (5, "add"),
    "*": (6, "mul"),
    "div": (6, "mul"),
    "mod": (6, "mul"),
}
KEYWORDS = frozenset({"and", "or", "div", "mod"})

# --- tokens -------------------------------------------------------------------------------


class Token(NamedTuple):
    kind: str  # num, str, ref, name, op, eof
    text: str
    column: int


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
    |(?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
    |(?P<ref>\$\{{{_NAME}\}})
    |(?P<str>'[^']*'|"[^"]*")
    |(?P<name>{_NAME}(?:-{_NAME})*)
    |(?P<op>!=|<=|>=|[=<>+\-*(),.])
    """,
    re.VERBOSE,
)
_NAME_AT = re.compile(_NAME)
_NOT_IN_NAME = re.compile(r"[\s'\"${}()=<>!,+*]")
_HINTS = {
    "/": "; use 'div' to divide",
    "%": "; use 'mod' for the remainder",
    "!": "; use '!=' for 'not equal' or not(...)",
    "&": "; use 'and'",
    "|": "; use 'or'",
}


def tokenize(source: str) -> list[Token]:
    """Split `source` into tokens, raising ExpressionError at the first character that fits none."""
    tokens: list[Token] = []
    pos, end = 0, len(source)
    while pos < end:
        m = _TOKEN.match(source, pos)
        if m is None:
            raise _bad_character(source, pos)
        kind = m.lastgroup
        assert kind is not None
        if kind != "ws":
            tokens.append(Token(kind, m.group(kind), pos + 1))
        pos = m.end()
    tokens.append(Token("eof", "", end + 1))
    return tokens


def _bad_character(source: str, pos: int) -> ExpressionError:
    """Explain why nothing matched at `pos` (a broken ${...}, an open quote or a stray char)."""
    char = source[pos]
    if char in "'\"":
        message = f"unterminated string: no closing {char} for the quote opened here"
        return ExpressionError(message, pos + 1, source)
    if char == "$":
        if not source.startswith("${", pos):
            return ExpressionError("expected '{' after '$'", pos + 2, source)
        close = source.find("}", pos + 2)
        raw = source[pos + 2 : close] if close >= 0 else ""
        if close == pos + 2:
            message = "expected a question name between '${' and '}'"
            return ExpressionError(message, pos + 3, source)
        if close > pos + 2 and not _NOT_IN_NAME.search(raw):
            message = (
                f"invalid question name {raw!r}: a name starts with a letter or '_' "
                "and has only letters, digits and '_'"
            )
            return ExpressionError(message, pos + 3, source)
        name = _NAME_AT.match(source, pos + 2)
        if name is None:
            return ExpressionError("expected a question name after '${'", pos + 3, source)
        message = f"expected '}}' after '${{{name.group()}'"
        return ExpressionError(message, name.end() + 1, source)
    return ExpressionError(f"unexpected character {char!r}{_HINTS.get(char, '')}", pos + 1, source)


def describe(token: Token) -> str:
    """How a token is named in messages."""
    if token.kind == "eof":
        return "end of expression"
    text = token.text if len(token.text) <= 30 else token.text[:27] + "..."
    return text if token.kind == "str" else f"'{text}'"


# --- parser -------------------------------------------------------------------------------


class Parser:
    """Recursive descent for operands, an operator stack for binary operators."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0

    def parse(self) -> Node:
        if self.tokens[0].kind == "eof":
            raise self.error("the expression is empty", 1)
        node = self.expression(0)
        token = self.tokens[self.pos]
        if token.kind != "eof":
            if token.text == ")":
                raise self.error("unmatched ')'", token.column)
            found = describe(token)
            raise self.error(
                f"expected an operator or the end of the expression, found {found}",
                token.column,
            )
        return node

    def error(self, message: str, column: int) -> ExpressionError:
        return ExpressionError(message, column, self.source)

    def binary_op(self) -> str | None:
        token = self.tokens[self.pos]
        if token.kind == "op" or (token.kind == "name" and token.text in KEYWORDS):
            return token.text if token.text in BINARY else None
        return None

    def expression(self, depth: int) -> Node:
        operands: list[Node] = [self.operand(depth)]
        ops: list[str] = []
        while (op := self.binary_op()) is not None:
            self.pos += 1
            prec = BINARY[op][0]
            while ops and BINARY[ops[-1]][0] >= prec:
                _reduce(operands, ops)
            ops.append(op)
            operands.append(self.operand(depth))
        while ops:
            _reduce(operands, ops)
        return operands[0]

    def operand(self, depth: int) -> Node:
        start = self.tokens[self.pos]
        count = 0
        while self.tokens[self.pos].text == "-" and self.tokens[self.pos].kind == "op":
            count += 1
            self.pos += 1
        node = self.primary(depth)
        return Negate(node, count, start.column) if count else node

    def primary(self, depth: int) -> Node:
        token = self.tokens[self.pos]
        kind = token.kind
        if kind == "num":
            self.pos += 1
            return Literal(parse_number(token.text), token.column)
        if kind == "str":
            self.pos += 1
            return Literal(token.text[1:-1], token.column)
        if kind == "ref":
            self.pos += 1
            return Reference(token.text[2:-1], token.column)
        if kind == "op" and token.text == ".":
            self.pos += 1
            return Current(token.column)
        if kind == "op" and token.text == "(":
            self.enter(depth, token)
            self.pos += 1
            node = self.expression(depth + 1)
            close = self.tokens[self.pos]
            if close.text != ")" or close.kind != "op":
                raise self.error(
                    f"expected ')' to close the '(' at column {token.column}, "
                    f"found {describe(close)}",
                    close.column,
                )
            self.pos += 1
            return node
        if kind == "name" and token.text not in KEYWORDS:
            return self.call(token, depth)
        raise self.operand_error(token)

    def operand_error(self, token: Token) -> ExpressionError:
        before = self.tokens[self.pos - 1] if self.pos else None
        if before and before.text == "=" == token.text and before.column + 1 == token.column:
            return self.error("'==' is not an operator; use '=' to compare", before.column)
        return self.error(f"expected an operand, found {describe(token)}", token.column)

    def enter(self, depth: int, token: Token) -> None:
        if depth >= MAX_DEPTH:
            message = f"the expression is nested too deeply (more than {MAX_DEPTH} levels)"
            raise self.error(message, token.column)

    def call(self, name: Token, depth: int) -> Node:
        paren = self.tokens[self.pos + 1]
        fname = name.text
        if paren.text != "(" or paren.kind != "op":
            if fname in ARITY:
                raise self.error(f"expected '(' after the function name '{fname}'", paren.column)
            raise self.error(
                f"unknown name '{fname}'; write ${{{fname}}} to use a question's answer",
                name.column,
            )
        if fname not in ARITY:
            raise self.error(f"unknown function '{fname}()'", name.column)
        self.enter(depth, paren)
        self.pos += 2
        args: list[Node] = []
        if self.tokens[self.pos].text == ")" and self.tokens[self.pos].kind == "op":
            self.pos += 1
        else:
            while True:
                args.append(self.expression(depth + 1))
                token = self.tokens[self.pos]
                self.pos += 1
                if token.kind == "op" and token.text == ",":
                    continue
                if token.kind == "op" and token.text == ")":
                    break
                if token.kind == "eof":
                    message = f"expected ')' after the arguments of {fname}()"
                else:
                    message = (
                        f"expected ',' or ')' after an argument of {fname}(), "
                        f"found {describe(token)}"
                    )
                raise self.error(message, token.column)
        check_arity(fname, len(args), name.column, self.source)
        return Call(fname, tuple(args), name.column)


def _reduce(operands: list[Node], ops: list[str]) -> None:
    """Pop one operator and its two operands; extend a left Chain of the same level."""
    op = ops.pop()
    right = operands.pop()
    left = operands.pop()
    level = BINARY[op][1]
    if isinstance(left, Chain) and left.level == level:
        operands.append(Chain(level, left.first, (*left.rest, (op, right)), left.column))
    else:
        operands.append(Chain(level, left, ((op, right),), left.column))


def check_arity(name: str, count: int, column: int, source: str) -> None:
    low, high = ARITY[name]
    if low <= count and (high is None or count <= high):
        return
    if high is None:
        wanted = f"at least {_args(low)}"
    elif low == high:
        wanted = "no arguments" if low == 0 else _args(low)
    else:
        wanted = f"{low} or {_args(high)}"
    raise ExpressionError(f"{name}() takes {wanted}, got {count}", column, source)


def _args(n: int) -> str:
    return f"{n} argument" if n == 1 else f"{n} arguments"


def parse_number(text: str) -> int | float:
    """A numeric literal or numeric string; ints stay ints while they fit in 18 digits."""
    if "." in text or len(text.lstrip("-")) > 18:
        return float(text)
    return int(text)
