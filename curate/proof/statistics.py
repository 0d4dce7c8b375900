"""Paired comparisons of two models on the same records: a bootstrap interval of the mean
difference and an exact sign test.

Both are paired: each record is scored by both models, so a record's difficulty cancels out
of its difference, and the uncertainty is that of the mean of the differences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RESAMPLES = 2_000
SEED = 20261130
# z-scores for a two-sided 95% test with 80% power.
Z_ALPHA, Z_BETA = 1.959964, 0.841621


@dataclass(frozen=True)
class Difference:
    """Mean of `a - b` over the records both have a score for, its 95% bootstrap interval,
    and the two-sided sign-test p-value of the per-record differences."""

    delta: float
    low: float
    high: float
    p_value: float
    n: int

    @property
    def above_zero(self) -> bool:
        """The whole interval is above 0: a measurable win for `a`."""
        return self.n > 0 and self.low > 0

    @property
    def below_zero(self) -> bool:
        return self.n > 0 and self.high < 0


def paired_bootstrap(
    a: Sequence[float | None],
    b: Sequence[float | None],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Difference:
    """Mean difference `a - b` with a percentile bootstrap 95% interval (records resampled
    with replacement, `resamples` times, seeded) and the sign test's p-value.

    Records where either score is None (a metric that does not apply) are left out.
    """
    if len(a) != len(b):
        raise ValueError(f"{len(a)} scores against {len(b)}")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return Difference(0.0, 0.0, 0.0, 1.0, 0)
    diffs = np.array([x - y for x, y in pairs], dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = diffs[rng.integers(0, len(diffs), size=(resamples, len(diffs)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Difference(
        delta=float(diffs.mean()),
        low=float(low),
        high=float(high),
        p_value=sign_test(int((diffs > 0).sum()), int((diffs < 0).sum())),
        n=len(diffs),
    )


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact sign test: the chance of a split at least this uneven between wins
    and losses (ties left out) if either side were as likely to win."""
    n = wins + losses
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(wins, losses) + 1)) / 2**n
    return min(1.0, 2 * tail)


def detectable_difference(n: int) -> float:
    """Smallest difference of two rates near 50% that n paired records detect (95%
    confidence, 80% power)."""
    return (Z_ALPHA + Z_BETA) * math.sqrt(0.5 / n) if n else 1.0


def records_needed(difference: float) -> int:
    """Paired records needed to detect `difference` (95% confidence, 80% power)."""
    return math.ceil((Z_ALPHA + Z_BETA) ** 2 * 0.5 / difference**2)


def wilson_interval(successes: int, n: int, z: float = Z_ALPHA) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion `successes / n`: unlike the normal
    approximation it stays inside 0..1 and keeps its coverage at small `n` and near 0 or 1.
    (0, 1) when there is nothing to estimate from."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    shrink = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / shrink
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / shrink
    return (max(0.0, centre - half), min(1.0, centre + half))
