"""Known answers, error positions and never-crash properties of the expression language."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldsurvey.questionnaire.expressions import (
    Expression,
    ExpressionError,
    MappingEnv,
    Value,
    parse,
)

TODAY = datetime.date(2024, 3, 15)
NAN = math.nan
INF = math.inf

ANSWERS: dict[str, Value] = {
    "i": 3,
    "f": 2.5,
    "s": "abc",
    "n": "42",
    "blank": "",
    "m": ["a", "b"],
    "none": [],
    "d": "2024-03-01",
    "t": True,
}


def run(source: str, current: Value = None, **values: Value) -> Value:
    env = MappingEnv({**ANSWERS, **values}, current=current, today=TODAY)
    return parse(source).evaluate(env)


def same(actual: Value, expected: Value) -> bool:
    """Equal values of the same kind (NaN equals NaN; 2 and 2.0 are different kinds)."""
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return type(actual) is type(expected) and actual == expected


KNOWN = [
    # precedence and associativity
    ("1 + 2 * 3 = 7", True),
    ("not(1 = 2) and 3 > 2", True),
    ("(1 + 2) * 3", 9),
    ("10 - 2 - 3", 5),
    ("8 div 2 div 2", 2.0),
    ("2 * 3 mod 4", 2),
    ("1 or 0 and 0", True),
    ("(1 or 0) and 0", False),
    ("1 < 2 = true()", True),
    ("3 > 2 > 1", False),
    ("1 + 2 = 3 and 4 > 3 or 1 = 0", True),
    ("- 2 * 3", -6),
    ("--3", 3),
    ("-(-'4')", 4),
    ("1-1", 0),
    (" \t1\n+\u00a02 ", 3),
    # arithmetic
    ("2 * 3", 6),
    ("'2' * '3'", 6),
    ("1 + 2.5", 3.5),
    ("7 div 2", 3.5),
    ("6 div 3", 2.0),
    ("1 div 0", INF),
    ("-1 div 0", -INF),
    ("0 div 0", NAN),
    ("7 mod 3", 1),
    ("-7 mod 3", -1),
    ("7 mod -3", 1),
    ("7.5 mod 2", 1.5),
    ("5 mod 0", NAN),
    ("5.5 mod 0", NAN),
    ("'x' + 1", NAN),
    ("${i} * ${f}", 7.5),
    ("${n} + 1", 43),
    ("-${i}", -3),
    ("${t} + 1", 2),
    ("99999999999999999999 + 1", 1e20),
    ("9223372036854775807 * 9223372036854775807", 9223372036854775807.0**2),
    # equality
    ("'3' = 3", True),
    ("'3.0' = 3", True),
    ("'3.0' = '3'", False),
    ("3.0 = '3'", True),
    ("${i} = '3'", True),
    ("${f} = 'abc'", False),
    ("'abc' != 1", True),
    ("'a' = 'a'", True),
    ("'a' != 'a'", False),
    ("true() = 'x'", True),
    ("false() = ''", True),
    ("true() = 0", False),
    ("1 = true()", True),
    ("${t} = 'true'", True),
    ("0 div 0 = 0 div 0", False),
    ("0 div 0 != 0 div 0", True),
    # relational
    ("2 >= 2", True),
    ("2 > 2", False),
    ("1 <= 2", True),
    ("1 < 0.5", False),
    ("'10' > '9'", True),
    ("'a' < 'b'", False),
    ("'a' >= 'a'", False),
    ("'2024-01-02' > '2024-01-01'", True),
    ("'2024-01-02' < '2024-01-01'", False),
    ("'2024-01-01' <= '2024-01-01'", True),
    ("${d} < today()", True),
    ("${d} >= today()", False),
    ("today() = '2024-03-15'", True),
    # functions
    ("not(0)", True),
    ("not('')", True),
    ("not('false')", False),
    ("not(0 div 0)", True),
    ("if(1 > 2, 'a', 'b')", "b"),
    ("if('x', 'a', 'b')", "a"),
    ("coalesce('', 'b')", "b"),
    ("coalesce('a', 'b')", "a"),
    ("coalesce(0, 5)", 0),
    ("coalesce(${none}, 'x')", "x"),
    ("string-length('héllo')", 5),
    ("string-length(12.50)", 4),
    ("regex('abc123', '[0-9]+')", True),
    ("regex('abc', '^[0-9]+$')", False),
    ('regex(12, "^1")', True),
    ("regex('ab', 'A')", False),
    ("int('3.9')", 3),
    ("int(-3.9)", -3),
    ("int(7)", 7),
    ("int('x')", NAN),
    ("int(1 div 0)", INF),
    ("number('  4.5 ')", 4.5),
    ("number('-.5')", -0.5),
    ("number('1e3')", NAN),
    ("number('')", NAN),
    ("number(true())", 1),
    ("round(2.5)", 3),
    ("round(-2.5)", -3),
    ("round(2.4)", 2),
    ("round(7)", 7),
    ("round(2.675, 2)", 2.68),
    ("round(-1.005, 2)", -1.01),
    ("round(1234.5678, -2)", 1200),
    ("round(15, -1)", 20),
    ("round(-15, -1)", -20),
    ("round(1.5, 1000)", 1.5),
    ("round(1.5, -1000)", 0),
    ("round('x')", NAN),
    ("round(2.5, 'x')", NAN),
    ("round(1 div 0)", INF),
    ("concat('a', 1, 2.5, true(), 3.0)", "a12.5true3"),
    ("concat(1 div 0, -1 div 0, 0 div 0)", "Infinity-InfinityNaN"),
    ("concat(0.0000001)", "0.0000001"),
    ("concat(-0.0)", "0"),
    ("concat(" + "9" * 308 + " * 10)", "Infinity"),
    ("concat(" + "9" * 5000 + ")", "Infinity"),
    ("concat(${m}, '|', ${s})", "a b|abc"),
    ("today()", "2024-03-15"),
    ("true()", True),
    ("false()", False),
    # select_multiple answers
    ("selected(${m}, 'b')", True),
    ("selected(${m}, ' b ')", True),
    ("selected(${m}, 'c')", False),
    ("selected('a b', 'a')", True),
    ("selected('ab', 'a')", False),
    ("selected(${none}, 'a')", False),
    ("selected(${unanswered}, 'a')", False),
    ("count-selected(${m})", 2),
    ("count-selected(' a  b c ')", 3),
    ("count-selected(${unanswered})", 0),
    ("${m} = 'a b'", True),
    ("string-length(${m})", 3),
    ("${none} = ''", True),
    ("not(${none})", True),
    # literals and references
    ('"it\'s"', "it's"),
    ("${s}", "abc"),
    ("${m}", ["a", "b"]),
    ("12", 12),
    ("3.5", 3.5),
    (".5", 0.5),
    ("5.", 5.0),
]


@pytest.mark.parametrize(("source", "expected"), KNOWN)
def test_known_answers(source: str, expected: Value) -> None:
    assert same(run(source), expected), (source, run(source))


UNANSWERED = [
    ("${q} = ''", True),
    ("${q} != ''", False),
    ("${q} = 0", False),
    ("${q} != 0", True),
    ("${q} > 0", False),
    ("${q} < 1", False),
    ("${q} + 1", NAN),
    ("not(${q})", True),
    ("concat(${q}, 'x')", "x"),
    ("coalesce(${q}, 'd')", "d"),
    ("string-length(${q})", 0),
    ("if(${q}, 1, 2)", 2),
    ("regex(${q}, '^$')", True),
    ("${q}", None),
    ("${q} = ${r}", True),
]


@pytest.mark.parametrize(("source", "expected"), UNANSWERED)
def test_unanswered_is_the_empty_string(source: str, expected: Value) -> None:
    assert same(run(source), expected)


@pytest.mark.parametrize(
    ("source", "current", "expected"),
    [
        (". > 3", 5, True),
        (". > 3", "2", False),
        (". >= 18 and . <= 120", 17, False),
        (". <= today()", "2024-03-01", True),
        (". <= today()", "2024-03-15", True),
        (". <= today()", "2024-04-01", False),
        (". <= today()", None, False),
        ("regex(., '^[0-9]{8}$')", "12345678", True),
        ("regex(., '^[0-9]{8}$')", "1234567", False),
        ("count-selected(.) <= 2", ["a", "b", "c"], False),
        (". = ''", None, True),
    ],
)
def test_current_value(source: str, current: Value, expected: Value) -> None:
    assert run(source, current=current) == expected


def test_truthy() -> None:
    env = MappingEnv({"a": "x", "b": 0}, today=TODAY)
    assert parse("${a}").truthy(env) is True
    assert parse("${b}").truthy(env) is False
    assert parse("${c}").truthy(env) is False
    assert parse("0 div 0").truthy(env) is False
    assert parse("'false'").truthy(env) is True


def test_mapping_env_defaults_today_to_the_real_date() -> None:
    assert parse("today()").evaluate(MappingEnv({})) == datetime.date.today().isoformat()


class RecordingEnv(MappingEnv):
    """Remembers which answers were read, to see short-circuiting."""

    def __init__(self, values: dict[str, Value]) -> None:
        super().__init__(values, today=TODAY)
        self.read: list[str] = []

    def value(self, name: str) -> Value:
        self.read.append(name)
        return super().value(name)


@pytest.mark.parametrize(
    ("source", "expected", "read"),
    [
        ("false() and ${x}", False, []),
        ("true() or ${x}", True, []),
        ("${a} and ${b} and ${x}", False, ["a", "b"]),
        ("${b} or ${a} or ${x}", True, ["b", "a"]),
        ("if(${a}, ${a}, ${x})", 1, ["a", "a"]),
        ("if(${b}, ${x}, ${b})", 0, ["b", "b"]),
        ("coalesce(${a}, ${x})", 1, ["a"]),
    ],
)
def test_short_circuit(source: str, expected: Value, read: list[str]) -> None:
    env = RecordingEnv({"a": 1, "b": 0})
    assert parse(source).evaluate(env) == expected
    assert env.read == read


@pytest.mark.parametrize(
    ("source", "references", "uses_current"),
    [
        ("${a} + ${b} * ${a}", {"a", "b"}, False),
        (". > ${min}", {"min"}, True),
        ("'.' = '${x}'", set(), False),
        (".5 + 1", set(), False),
        ("selected(., 'x') or ${_q2}", {"_q2"}, True),
        ("1", set(), False),
    ],
)
def test_references_and_current(source: str, references: set[str], uses_current: bool) -> None:
    expression = parse(source)
    assert expression.references == frozenset(references)
    assert expression.uses_current is uses_current
    assert expression.source == source


def test_expressions_are_values() -> None:
    a, b = parse("${a} = 1"), parse("${a} = 1")
    assert a == b
    assert hash(a) == hash(b)
    assert parse("${a} = 1") != parse("${a}=1")
    assert isinstance(a, Expression)
    with pytest.raises(AttributeError):
        a.source = "x"  # type: ignore[misc]


TOO_DEEP = "the expression is nested too deeply (more than 100 levels)"
BAD_NAME = (
    "invalid question name '1a': a name starts with a letter or '_' and has only letters, "
    "digits and '_'"
)
ERRORS = [
    ("${a} = = 3", 8, "expected an operand, found '='"),
    ("${a} =", 7, "expected an operand, found end of expression"),
    ("and 1", 1, "expected an operand, found 'and'"),
    ("1 == 2", 3, "'==' is not an operator; use '=' to compare"),
    ("1 2", 3, "expected an operator or the end of the expression, found '2'"),
    ("1 + 2)", 6, "unmatched ')'"),
    ("'it''s'", 5, "expected an operator or the end of the expression, found 's'"),
    ("(1 + 2", 7, "expected ')' to close the '(' at column 1, found end of expression"),
    ("(1 + 2 'x'", 8, "expected ')' to close the '(' at column 1, found 'x'"),
    ("if(1, 2)", 1, "if() takes 3 arguments, got 2"),
    ("1 + not()", 5, "not() takes 1 argument, got 0"),
    ("round(1, 2, 3)", 1, "round() takes 1 or 2 arguments, got 3"),
    ("concat()", 1, "concat() takes at least 1 argument, got 0"),
    ("today(1)", 1, "today() takes no arguments, got 1"),
    ("if(1, 2 3)", 9, "expected ',' or ')' after an argument of if(), found '3'"),
    ("if(1, 2, 3", 11, "expected ')' after the arguments of if()"),
    ("if(, 1, 2)", 4, "expected an operand, found ','"),
    ("foo(1)", 1, "unknown function 'foo()'"),
    ("1 + count_selected(${a})", 5, "unknown function 'count_selected()'"),
    ("a = 1", 1, "unknown name 'a'; write ${a} to use a question's answer"),
    ("true", 5, "expected '(' after the function name 'true'"),
    ("'abc", 1, "unterminated string: no closing ' for the quote opened here"),
    ('1 = "abc', 5, 'unterminated string: no closing " for the quote opened here'),
    ("", 1, "the expression is empty"),
    ("   ", 1, "the expression is empty"),
    ("${}", 3, "expected a question name between '${' and '}'"),
    ("${1a}", 3, BAD_NAME),
    ("${a", 4, "expected '}' after '${a'"),
    ("${a b}", 4, "expected '}' after '${a'"),
    ("${", 3, "expected a question name after '${'"),
    ("$a", 2, "expected '{' after '$'"),
    ("1 # 2", 3, "unexpected character '#'"),
    ("1 / 2", 3, "unexpected character '/'; use 'div' to divide"),
    ("1 % 2", 3, "unexpected character '%'; use 'mod' for the remainder"),
    ("regex(., '[a-')", 11, "invalid regular expression in regex(): unterminated character set"),
    ("regex(., 'ab)')", 13, "invalid regular expression in regex(): unbalanced parenthesis"),
    ("(" * 101 + "1" + ")" * 101, 101, TOO_DEEP),
    ("not(" * 101 + "1" + ")" * 101, 404, TOO_DEEP),
]


@pytest.mark.parametrize(("source", "column", "message"), ERRORS)
def test_errors_say_what_and_where(source: str, column: int, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    error = caught.value
    assert (error.column, error.message) == (column, message)
    assert error.source == source
    assert str(error) == f"column {column}: {message}"
    assert isinstance(error, ValueError)


def test_runtime_regex_error_points_at_the_pattern() -> None:
    expression = parse("regex(${a}, ${p})")
    env = MappingEnv({"a": "x", "p": "(x"})
    with pytest.raises(ExpressionError) as caught:
        expression.evaluate(env)
    assert caught.value.column == 13
    assert caught.value.message.startswith("invalid regular expression in regex():")
    assert expression.evaluate(MappingEnv({"a": "x", "p": "^x$"})) is True


def test_non_text_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError):
        parse(None)  # type: ignore[arg-type]


def test_deep_but_allowed_nesting_and_long_chains() -> None:
    assert run("(" * 100 + "1" + ")" * 100) == 1
    assert run("not(" * 100 + "0" + ")" * 100) is False
    assert run(" + ".join(["1"] * 5000)) == 5000
    assert run(" and ".join(["1 = 1"] * 3000)) is True
    assert run(" = ".join(["1"] * 3000)) is True
    assert run("-" * 5000 + "2") == 2


# --- properties ---------------------------------------------------------------------------

TOKENS = [
    "${a}",
    "${b}",
    "${m}",
    ".",
    "1",
    "0",
    "2.5",
    ".5",
    "'x'",
    "''",
    '"2024-01-01"',
    "(",
    ")",
    ",",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "div",
    "mod",
    "and",
    "or",
    "not",
    "selected",
    "count-selected",
    "if",
    "coalesce",
    "string-length",
    "regex",
    "int",
    "number",
    "round",
    "concat",
    "today",
    "true",
    "false",
    "${",
    "}",
    "$",
    "'",
    '"',
    "foo",
    "/",
    "==",
]

ENV_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["", "0", "-1", " 3.5 ", "1e3", "2024-01-01", "2024-13-45", "NaN", "inf"]),
    st.lists(st.sampled_from(["a", "b", "c", "1", ""]), max_size=4),
    st.lists(st.text(max_size=5), max_size=3),
)
ENVS = st.builds(
    lambda a, b, m, p, cur, day: MappingEnv({"a": a, "b": b, "m": m, "p": p}, cur, day),
    ENV_VALUES,
    ENV_VALUES,
    ENV_VALUES,
    ENV_VALUES,
    ENV_VALUES,
    st.dates(),
)

LEAVES = st.one_of(
    st.sampled_from(
        [
            "${a}",
            "${b}",
            "${m}",
            "${p}",
            ".",
            "1",
            "0",
            "2.5",
            "'x'",
            "''",
            "'2024-01-01'",
            "today()",
            "true()",
            "false()",
            "'[a-z]'",
        ]
    ),
    st.integers(min_value=0, max_value=10**40).map(str),
    st.floats(min_value=0, max_value=1e300).map(lambda x: f"{x:f}"),
)
BINARY_OPS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
ONE_ARG = ["not", "count-selected", "string-length", "int", "number", "round", "concat"]
TWO_ARGS = ["selected", "coalesce", "regex", "round"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(BINARY_OPS), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(children, st.sampled_from(BINARY_OPS), children).map(" ".join),
        st.tuples(st.sampled_from(ONE_ARG), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(TWO_ARGS), children, children).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
        st.tuples(children, children, children).map(lambda t: "if({}, {}, {})".format(*t)),
        st.lists(children, min_size=1, max_size=4).map(lambda xs: f"concat({', '.join(xs)})"),
        children.map(lambda c: f"-{c}"),
    )


VALID = st.recursive(LEAVES, _grow, max_leaves=12)
PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_none(source: str) -> Expression | None:
    try:
        return parse(source)
    except ExpressionError as error:
        assert 1 <= error.column <= len(source) + 1
        assert error.message
        return None


@PROPERTY
@given(st.text())
def test_any_text_parses_or_raises_expression_error(source: str) -> None:
    _parse_or_none(source)


@PROPERTY
@given(st.lists(st.sampled_from(TOKENS), max_size=15), st.sampled_from([" ", ""]))
def test_token_soup_parses_or_raises_expression_error(tokens: list[str], glue: str) -> None:
    _parse_or_none(glue.join(tokens))


@PROPERTY
@given(st.lists(st.sampled_from(TOKENS), max_size=15), ENVS)
def test_token_soup_evaluates_or_raises_expression_error(
    tokens: list[str], env: MappingEnv
) -> None:
    expression = _parse_or_none(" ".join(tokens))
    if expression is not None:
        try:
            expression.evaluate(env)
            expression.truthy(env)
        except ExpressionError:
            pass


@PROPERTY
@given(VALID, ENVS)
def test_grammar_expressions_parse_and_evaluate(source: str, env: MappingEnv) -> None:
    expression = parse(source)
    try:
        value = expression.evaluate(env)
    except ExpressionError as error:
        assert "regex()" in error.message
        return
    assert value is None or isinstance(value, bool | int | float | str | list)
    assert isinstance(expression.truthy(env), bool)
