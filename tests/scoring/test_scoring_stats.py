"""Estimators against published answers, and their invariants under hypothesis."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.scoring.stats import (
    cronbach_alpha,
    kish_n_eff,
    mean_estimate,
    pearson_r,
    welch_difference,
    wilson_interval,
)

# pingouin's cronbach_alpha test data (15 respondents × 10 items), checked there against R psych.
PINGOUIN = """
3 2 4 1 4 5 1 4 3 2 / 5 4 6 3 5 1 2 5 5 5 / 7 3 5 5 6 4 3 3 6 5 / 2 4 3 3 2 2 2 6 6 3
6 5 6 5 4 4 4 6 7 5 / 1 2 3 4 2 5 2 3 5 2 / 4 3 5 3 5 2 1 2 4 3 / 2 4 4 3 7 2 2 4 6 5
6 5 5 5 1 6 5 2 3 2 / 5 4 6 4 3 5 3 1 7 2 / 4 3 5 2 5 3 2 3 4 1 / 4 2 3 2 5 3 4 2 3 4
5 5 6 2 3 3 2 4 4 5 / 6 5 5 4 2 2 1 4 6 5 / 4 3 5 5 3 1 3 2 3 4
"""


def test_cronbach_alpha_and_feldt_interval_match_pingouin_and_r_psych() -> None:
    rows = PINGOUIN.replace("\n", " / ").strip(" /").split(" / ")
    items = np.array([[float(v) for v in row.split()] for row in rows])
    alpha = cronbach_alpha(items)
    assert items.shape == (15, 10)
    assert alpha is not None
    assert alpha.value == pytest.approx(0.591719, abs=1e-6)
    assert alpha.ci == pytest.approx((0.195, 0.840), abs=5e-4)


def test_cronbach_alpha_is_undefined_for_one_item_or_no_variance() -> None:
    assert cronbach_alpha(np.ones((20, 1))) is None
    assert cronbach_alpha(np.full((20, 3), 4.0)) is None


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611)],
)
def test_wilson_interval_matches_newcombe_1998_table_1(
    successes: int, n: int, low: float, high: float
) -> None:
    assert wilson_interval(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_t_interval_of_one_to_ten() -> None:
    # mean 5.5, s = 3.02765, t(0.975, 9) = 2.262157: 5.5 ± 2.165851 (any textbook table).
    estimate = mean_estimate(np.arange(1.0, 11.0))
    assert (estimate.mean, estimate.df) == (5.5, 9)
    assert estimate.interval() == pytest.approx((3.334149, 7.665851), abs=1e-6)


def test_welch_interval_matches_scipy_ttest_ind() -> None:
    # scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval() = (-4.34988, 2.77845)
    a = mean_estimate(np.arange(1.0, 11.0))
    b = mean_estimate(np.array([2.0, 4, 4, 5, 8, 9, 12]))
    difference = welch_difference(a, b)
    assert difference.value == pytest.approx(-0.785714, abs=1e-6)
    assert difference.ci == pytest.approx((-4.349880, 2.778451), abs=1e-6)
    assert not difference.excludes_zero


def test_kish_effective_sample_size() -> None:
    assert kish_n_eff(np.array([1.0, 1, 2, 2])) == pytest.approx(3.6)


def test_weighted_mean_uses_n_eff() -> None:
    estimate = mean_estimate(np.array([0.0, 0, 100, 100]), np.array([1.0, 1, 2, 2]))
    assert estimate.mean == pytest.approx(400 / 6)
    assert estimate.n == 4
    assert estimate.n_eff == pytest.approx(3.6)
    assert estimate.df == pytest.approx(2.6)


def test_one_respondent_has_no_interval() -> None:
    assert mean_estimate(np.array([50.0])).interval() is None
    assert wilson_interval(0, 0) is None


def test_pearson_r() -> None:
    x = np.array([1.0, 2, 3, 4, 5])
    assert pearson_r(x, 2 * x + 1) == pytest.approx(1.0)
    assert pearson_r(x, np.array([2.0, 1, 4, 3, 5])) == pytest.approx(0.8)
    assert pearson_r(x, np.full(5, 3.0)) is None
    assert pearson_r(np.array([1.0, np.nan, 3, 4]), np.array([1.0, 5, np.nan, 4])) is None


scores = st.lists(st.floats(0, 100), min_size=2, max_size=60)


@given(scores, st.data())
def test_interval_contains_the_mean(values: list[float], data: st.DataObject) -> None:
    weights = data.draw(st.lists(st.floats(0.1, 10), min_size=len(values), max_size=len(values)))
    estimate = mean_estimate(np.array(values), np.array(weights))
    ci = estimate.interval()
    assert 0 - 1e-9 <= estimate.mean <= 100 + 1e-9
    if ci is not None:
        assert ci[0] - 1e-9 <= estimate.mean <= ci[1] + 1e-9


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_is_a_probability_range_around_p(successes: int, n: int) -> None:
    successes = min(successes, n)
    low, high = wilson_interval(successes, n) or (math.nan, math.nan)
    assert 0 <= low <= successes / n <= high <= 1
