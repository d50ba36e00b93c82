"""XPath 1.0 value semantics: conversions, operators and the functions' value rules.

Nothing here raises: bad numbers become NaN and comparisons with NaN are false, as in XPath,
because a half-filled interview is the normal state and skip logic must keep working on it.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Protocol, TypeAlias

Value: TypeAlias = bool | int | float | str | list[str] | None

NAN = math.nan
_INF = math.inf
_INT_LIMIT = 2**63  # ints beyond this become floats: XPath numbers are doubles anyway
_NUMBER = re.compile(r"[ \t\r\n]*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.+\-Z]*)?\Z")
_DECIMAL = Context(prec=1000)


class Env(Protocol):
    """Where an expression gets its data from."""

    def value(self, name: str) -> Value:
        """The answer to `name`, or None when unanswered or not relevant."""
        ...

    def current(self) -> Value:
        """The value of `.` (the question being validated)."""
        ...

    def today(self) -> datetime.date: ...


# --- conversions (XPath string(), number(), boolean()) -------------------------------------


def _norm_int(n: int) -> int | float:
    if -_INT_LIMIT <= n <= _INT_LIMIT:
        return n
    try:
        return float(n)
    except OverflowError:
        return _INF if n > 0 else -_INF


def to_number(v: object) -> int | float:
    """XPath number(): ints stay ints, anything unparsable is NaN (never raises)."""
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, int):
        return _norm_int(v)
    if isinstance(v, float):
        return v
    text = v if isinstance(v, str) else to_string(v)
    if not _NUMBER.match(text):
        return NAN
    text = text.strip(" \t\r\n")
    if "." in text or len(text) > 18:
        return float(text)
    return int(text)


def to_string(v: object) -> str:
    """XPath string(): None is '', a list is its space-joined items, 3.0 is '3'."""
    if isinstance(v, str):
        return v
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        n = _norm_int(v)
        return str(n) if isinstance(n, int) else _float_string(n)
    if isinstance(v, float):
        return _float_string(v)
    if isinstance(v, list | tuple):
        return " ".join(to_string(item) for item in v)
    return str(v)


def _float_string(x: float) -> str:
    if x != x:
        return "NaN"
    if x in (_INF, -_INF):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer():
        return str(int(x))
    text = repr(x)
    return format(Decimal(text), "f") if "e" in text else text


def to_bool(v: object) -> bool:
    """XPath boolean(): None, '', 0, NaN, [] and False are false."""
    if v is True or v is False:
        return v
    if isinstance(v, float):
        return not (v == 0 or v != v)
    return bool(v)


def is_empty(v: Value) -> bool:
    return v is None or v == "" or (isinstance(v, list) and not v)


# --- operators --------------------------------------------------------------------------


def equal(a: Value, b: Value) -> bool:
    """XPath `=`: booleans win, then numbers, then strings (None is '')."""
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if isinstance(a, int | float) or isinstance(b, int | float):
        return to_number(a) == to_number(b)
    return to_string(a) == to_string(b)


def _not_equal(a: Value, b: Value) -> bool:
    return not equal(a, b)


def _relational(compare: Callable[[object, object], bool]) -> Callable[[Value, Value], bool]:
    def op(a: Value, b: Value) -> bool:
        if isinstance(a, str) and isinstance(b, str) and _DATE.match(a) and _DATE.match(b):
            return compare(a, b)  # ISO dates order as strings
        return compare(to_number(a), to_number(b))

    return op


def _add(a: Value, b: Value) -> int | float:
    x, y = to_number(a), to_number(b)
    if type(x) is int and type(y) is int:
        return _norm_int(x + y)
    return float(x) + float(y)


def _subtract(a: Value, b: Value) -> int | float:
    x, y = to_number(a), to_number(b)
    if type(x) is int and type(y) is int:
        return _norm_int(x - y)
    return float(x) - float(y)


def _multiply(a: Value, b: Value) -> int | float:
    x, y = to_number(a), to_number(b)
    if type(x) is int and type(y) is int:
        return _norm_int(x * y)
    return float(x) * float(y)


def _divide(a: Value, b: Value) -> float:
    x, y = float(to_number(a)), float(to_number(b))
    if y == 0:
        if x == 0 or x != x:
            return NAN
        return math.copysign(_INF, x) * math.copysign(1.0, y)
    return x / y


def _modulo(a: Value, b: Value) -> int | float:
    x, y = to_number(a), to_number(b)
    if type(x) is int and type(y) is int:
        if y == 0:
            return NAN
        r = abs(x) % abs(y)
        return -r if x < 0 else r
    try:
        return math.fmod(x, y)
    except ValueError:  # x infinite or y zero
        return NAN


OPERATORS: dict[str, Callable[[Value, Value], Value]] = {
    "=": equal,
    "!=": _not_equal,
    "<": _relational(lambda a, b: a < b),  # type: ignore[operator]
    "<=": _relational(lambda a, b: a <= b),  # type: ignore[operator]
    ">": _relational(lambda a, b: a > b),  # type: ignore[operator]
    ">=": _relational(lambda a, b: a >= b),  # type: ignore[operator]
    "+": _add,
    "-": _subtract,
    "*": _multiply,
    "div": _divide,
    "mod": _modulo,
}


# --- functions whose rules are more than one line -----------------------------------------


def selected(choices: Value, value: Value) -> bool:
    """selected(): membership in a select_multiple list or space-separated string."""
    if choices is None:
        return False
    wanted = to_string(value).strip()
    if isinstance(choices, list):
        return wanted in choices
    return wanted in to_string(choices).split()


def count_selected(choices: Value) -> int:
    if isinstance(choices, list):
        return len(choices)
    return len(to_string(choices).split())


def to_int(v: Value) -> int | float:
    """int(): truncate toward zero; NaN and infinities stay as they are."""
    x = to_number(v)
    if isinstance(x, int) or x != x or x in (_INF, -_INF):
        return x
    return _norm_int(int(x))


def round_half_away(v: Value, digits: Value = 0) -> int | float:
    """round(x, d): half away from zero on the decimal text, so round(2.675, 2) is 2.68."""
    x, d = to_number(v), to_number(digits)
    if d != d or x != x or x in (_INF, -_INF):
        return NAN if d != d else x
    places = -400 if d < -400 else 400 if d > 400 else int(d)
    if isinstance(x, int):
        if places >= 0:
            return x
        step = 10**-places
        return _norm_int((abs(x) + step // 2) // step * step * (1 if x >= 0 else -1))
    if places > 350:
        return x
    try:
        rounded = Decimal(repr(x)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_DECIMAL
        )
    except InvalidOperation:  # pragma: no cover - guarded by the clamps above
        return x
    return _norm_int(int(rounded)) if places <= 0 else float(rounded)
