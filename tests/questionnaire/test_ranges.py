"""Which integer questions are 0-10 ratings answered with one key (`rating_range`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.questionnaire.model import IntegerQuestion, TextQuestion
from fieldsurvey.questionnaire.ranges import rating_range


def integer(constraint: str | None) -> IntegerQuestion:
    return IntegerQuestion(type="integer", id="q", label={"en": "Q"}, constraint=constraint)


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        (". >= 0 and . <= 10", (0, 10)),
        ("10 >= . and 0 <= .", (0, 10)),
        (". > 0 and . < 6", (1, 5)),
        (". >= 1 and . <= 50", None),  # too many values for one key each
        (". >= 0 and . <= 10 and . != 5", None),  # a list would offer the refused 5
        (". <= 10", None),  # no lower bound: negative numbers are allowed
        (". >= -1 and . <= 5", None),
        (". >= 0 and . <= ${other}", None),
        (". >= 0.5 and . <= 9", None),
        (". >= 3 and . <= 3", None),  # one value is not a choice
        (". >= 0 or . <= 10", None),
        ("(", None),
        (None, None),
    ],
)
def test_rating_range_is_read_from_simple_bounds_only(
    constraint: str | None, expected: tuple[int, int] | None
) -> None:
    assert rating_range(integer(constraint)) == expected


def test_only_integer_questions_are_ratings() -> None:
    text = TextQuestion(type="text", id="q", label={"en": "Q"}, constraint=". >= 0 and . <= 10")
    assert rating_range(text) is None


@given(st.integers(0, 10), st.integers(0, 10))
def test_any_bounds_within_zero_to_ten(low: int, high: int) -> None:
    found = rating_range(integer(f". >= {low} and . <= {high}"))
    assert found == ((low, high) if low < high else None)
