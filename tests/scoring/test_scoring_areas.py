"""Item and area scores, the half-answered rule, and the minimum-n statuses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from fieldsurvey.scoring.areas import Scores, classify, item_scores, summarise
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.frame import ItemLayout
from fieldsurvey.scoring.stats import mean_estimate


def layout(
    areas: list[int], points: int = 5, reverse: tuple[bool, ...] = (), weights=()
) -> ItemLayout:
    count = len(areas)
    return ItemLayout(
        ids=[f"i{k}" for k in range(count)],
        area=np.array(areas),
        points=np.full(count, points),
        reverse=np.array(reverse or (False,) * count),
        weight=np.array(weights or (1.0,) * count, dtype=float),
        asked_all=np.ones(count, dtype=bool),
    )


def test_likert_points_score_0_to_100_and_reversed() -> None:
    codes = np.array([[1, 2, 3, 4, 5]])
    assert item_scores(codes, 5, False).tolist() == [[0, 25, 50, 75, 100]]
    assert item_scores(codes, 5, True).tolist() == [[100, 75, 50, 25, 0]]
    assert item_scores(np.array([[1, 4, 7]]), 7, False).tolist() == [[0, 50, 100]]


def test_dk_and_no_answer_have_no_score() -> None:
    assert np.isnan(item_scores(np.array([[-1, 0]]), 5, False)).all()


def test_area_score_is_the_weighted_mean_of_answered_items_if_half_answered() -> None:
    shape = layout([0, 0, 0, 1, 1], weights=(2.0, 1.0, 1.0, 1.0, 1.0))
    codes = np.array(
        [
            [5, 1, 0, 5, 0],  # 2 of 3 answered: (2*100 + 0) / 3; 1 of 2 is half: 100
            [5, 0, -1, 0, 0],  # 1 of 3: no access score; nothing in area 1
        ]
    )
    scores = Scores.of(codes, shape, 2, np.ones(2)).areas
    assert scores[0] == pytest.approx([200 / 3, 100])
    assert np.isnan(scores[1]).all()


def test_summary_of_an_area() -> None:
    codes = np.array([[5, 4]] * 20 + [[2, -1]] * 20)
    stats = summarise(Scores.of(codes, layout([0, 0]), 1, np.ones(40)), 0)
    assert stats.n == 40
    assert stats.estimate.mean == pytest.approx((87.5 * 20 + 25 * 20) / 40)
    assert stats.satisfied is not None and stats.satisfied[0] == pytest.approx(0.5)
    assert stats.dk_rate == pytest.approx(25.0)
    assert (stats.status, stats.reason) == ("indicative", Reason.WIDE_INTERVAL)


@pytest.mark.parametrize(
    ("n", "half_width", "seen", "expected"),
    [
        (9, 1.0, 9, ("suppressed", Reason.TOO_FEW)),
        (0, None, 40, ("suppressed", Reason.ONLY_DK)),
        (5, 1.0, 40, ("suppressed", Reason.MOSTLY_DK)),
        (10, 1.0, 10, ("indicative", Reason.INDICATIVE_N)),
        (29, 1.0, 29, ("indicative", Reason.INDICATIVE_N)),
        (30, 10.0, 30, ("ok", None)),
        (30, 10.1, 30, ("indicative", Reason.WIDE_INTERVAL)),
    ],
)
def test_minimum_n_rules(n: int, half_width: float | None, seen: int, expected: tuple) -> None:
    assert classify(n, half_width, seen) == expected


codes_5 = arrays(np.int8, st.tuples(st.integers(1, 30), st.just(4)), elements=st.integers(-1, 5))


@given(codes_5, st.lists(st.booleans(), min_size=4, max_size=4))
def test_scores_stay_within_0_and_100(codes: np.ndarray, reverse: list[bool]) -> None:
    scores = Scores.of(codes, layout([0, 0, 1, 1], reverse=tuple(reverse)), 2, np.ones(len(codes)))
    for values in (scores.item_scores(slice(None), np.arange(4)), scores.areas):
        present = values[~np.isnan(values)]
        assert ((present >= 0) & (present <= 100)).all()
    for area in (0, 1):
        estimate = mean_estimate(scores.areas[:, area][~np.isnan(scores.areas[:, area])])
        ci = estimate.interval()
        if ci is not None:
            assert ci[0] - 1e-9 <= estimate.mean <= ci[1] + 1e-9


@given(arrays(np.int8, st.integers(1, 40), elements=st.integers(1, 7)), st.integers(2, 7))
def test_reversing_an_item_twice_is_identity(codes: np.ndarray, points: int) -> None:
    codes = np.minimum(codes, points)
    once = points + 1 - codes
    assert (points + 1 - once == codes).all()
    assert np.allclose(item_scores(once, points, True), item_scores(codes, points, False))
