"""The few estimators scoring needs, each checked against a published answer in the tests.

Quantiles come from `scipy.special` (t and F), imported inside the functions that use them:
`import scipy.special` costs ~0.3 s on top of numpy (`scipy.stats` would cost ~1.3 s), and the
app should start without paying it. The normal quantile comes from the standard library.

Sums of products are written `(a * b).sum()`, not `np.dot`: on a busy machine BLAS's threads
made a 20,000-element dot product take milliseconds instead of microseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

Interval = tuple[float, float]

LEVEL = 0.95
"""Confidence level of every interval in a report."""


@dataclass(frozen=True)
class Estimate:
    """A (weighted) mean with what its t and Welch intervals need."""

    mean: float
    se: float
    df: float
    n: int
    n_eff: float
    """Kish effective sample size; equals n without weights."""

    def interval(self, level: float = LEVEL) -> Interval | None:
        """Mean ± t·se; None when the sample cannot give one (fewer than 2 respondents)."""
        if not self.df > 0 or not math.isfinite(self.se):
            return None
        half = t_quantile(0.5 + level / 2, self.df) * self.se
        return (self.mean - half, self.mean + half)


@dataclass(frozen=True)
class Difference:
    """a - b with its Welch interval (Welch–Satterthwaite degrees of freedom)."""

    value: float
    ci: Interval | None

    @property
    def excludes_zero(self) -> bool:
        return self.ci is not None and (self.ci[0] > 0 or self.ci[1] < 0)


@dataclass(frozen=True)
class Alpha:
    """Cronbach's alpha of k items over n complete respondents, with the Feldt interval."""

    value: float
    ci: Interval
    n: int
    k: int


def t_quantile(p: float, df: float) -> float:
    from scipy.special import stdtrit  # see the module docstring for the import cost

    return float(stdtrit(df, p))


def kish_n_eff(weights: np.ndarray) -> float:
    """(Σw)² / Σw²: the size of an unweighted sample with the same precision (Kish 1965)."""
    total = float(weights.sum())
    squares = float(np.square(weights).sum())
    return total * total / squares if squares > 0 else 0.0


def mean_estimate(values: np.ndarray, weights: np.ndarray | None = None) -> Estimate:
    """Mean, standard error and df; with weights the variance uses Kish's n_eff.

    Unweighted this is the textbook s/√n with n - 1 df; weighted it is the weighted mean
    with se = s_w/√n_eff and n_eff - 1 df, which reduces to the former when all weights are 1.
    """
    n = int(values.size)
    if n == 0:
        return Estimate(math.nan, math.nan, 0.0, 0, 0.0)
    w = np.ones(n) if weights is None else weights
    n_eff = kish_n_eff(w)
    mean = float((w * values).sum() / w.sum())
    if n_eff <= 1:
        return Estimate(mean, math.nan, 0.0, n, n_eff)
    variance = float((w * np.square(values - mean)).sum() / w.sum()) * n_eff / (n_eff - 1)
    return Estimate(mean, math.sqrt(variance / n_eff), n_eff - 1, n, n_eff)


def welch_difference(a: Estimate, b: Estimate, level: float = LEVEL) -> Difference:
    """a.mean - b.mean with a Welch interval; no interval if either side has none."""
    value = a.mean - b.mean
    va, vb = a.se**2, b.se**2
    if not (a.df > 0 and b.df > 0 and math.isfinite(va + vb)) or va + vb == 0:
        return Difference(value, None)
    df = (va + vb) ** 2 / (va**2 / a.df + vb**2 / b.df)
    half = t_quantile(0.5 + level / 2, df) * math.sqrt(va + vb)
    return Difference(value, (value - half, value + half))


def wilson_interval(successes: float, n: float, level: float = LEVEL) -> Interval | None:
    """Wilson score interval for a proportion (Newcombe 1998, method 3): sane at 0 and n."""
    if n <= 0:
        return None
    z = NormalDist().inv_cdf(0.5 + level / 2)
    p = successes / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    low = 0.0 if successes <= 0 else (centre - half) / denominator
    high = 1.0 if successes >= n else (centre + half) / denominator
    return (low, high)  # exactly 0 and 1 at the ends, which rounding would otherwise miss


def cronbach_alpha(items: np.ndarray, level: float = LEVEL) -> Alpha | None:
    """Alpha of an (n respondents × k items) matrix without gaps, with Feldt's interval.

    Feldt (1965): (1 - alpha) / (1 - α̂) follows F(n - 1, (n - 1)(k - 1)).
    None when alpha is undefined: fewer than 2 items or 3 respondents, or no total variance.
    """
    n, k = items.shape
    if k < 2 or n < 3:
        return None
    total_variance = float(items.sum(axis=1).var(ddof=1))
    if total_variance == 0:
        return None
    value = k / (k - 1) * (1 - float(items.var(axis=0, ddof=1).sum()) / total_variance)
    from scipy.special import fdtri  # see the module docstring for the import cost

    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - value) * float(fdtri(df1, df2, 0.5 + level / 2))
    upper = 1 - (1 - value) * float(fdtri(df1, df2, 0.5 - level / 2))
    return Alpha(value, (lower, upper), n, k)


def pearson_r(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson correlation over pairs where both are present; None if either is constant."""
    both = ~(np.isnan(x) | np.isnan(y))
    if both.sum() < 3:
        return None
    dx = x[both] - x[both].mean()
    dy = y[both] - y[both].mean()
    denominator = math.sqrt(float((dx * dx).sum()) * float((dy * dy).sum()))
    return float((dx * dy).sum()) / denominator if denominator > 0 else None
