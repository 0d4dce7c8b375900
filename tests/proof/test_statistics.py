"""Paired bootstrap intervals and the sign test, against values computed by hand."""

from __future__ import annotations

import math

import pytest

from curate.proof.statistics import (
    detectable_difference,
    paired_bootstrap,
    records_needed,
    sign_test,
)


def test_sign_test_matches_the_binomial_by_hand() -> None:
    # 8 wins, 2 losses: P(X <= 2) for X ~ Bin(10, 1/2) = (1 + 10 + 45) / 1024, doubled.
    assert sign_test(8, 2) == pytest.approx(112 / 1024)
    assert sign_test(2, 8) == pytest.approx(112 / 1024)
    assert sign_test(5, 5) == 1.0  # capped: the two tails overlap
    assert sign_test(10, 0) == pytest.approx(2 / 1024)
    assert sign_test(0, 0) == 1.0  # all ties: no evidence either way


def test_a_constant_difference_has_a_zero_width_interval() -> None:
    d = paired_bootstrap([0.7] * 20, [0.5] * 20)
    assert d.delta == pytest.approx(0.2)
    assert (d.low, d.high) == (pytest.approx(0.2), pytest.approx(0.2))
    assert d.above_zero and d.p_value == pytest.approx(2 / 2**20)


def test_equal_models_give_an_interval_around_zero_and_no_win() -> None:
    scores = [0.1, 0.9, 0.4, 0.6, 0.3, 0.8, 0.2, 0.5, 0.7, 0.0]
    d = paired_bootstrap(scores, scores)
    assert (d.delta, d.low, d.high, d.p_value) == (0.0, 0.0, 0.0, 1.0)
    assert not d.above_zero and not d.below_zero


def test_noisy_differences_straddle_zero() -> None:
    a = [1.0, 0.0] * 10
    b = [0.0, 1.0] * 10
    d = paired_bootstrap(a, b)
    assert d.low < 0 < d.high and not d.above_zero
    assert d.p_value == 1.0


def test_the_interval_is_seeded_and_of_the_right_width() -> None:
    a = [0.9, 0.8, 0.3, 0.7, 0.6, 0.95, 0.4, 0.85, 0.5, 0.75] * 3
    b = [0.5, 0.6, 0.4, 0.5, 0.3, 0.6, 0.5, 0.4, 0.45, 0.55] * 3
    first, again = paired_bootstrap(a, b), paired_bootstrap(a, b)
    assert first == again
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    mean = sum(diffs) / len(diffs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / len(diffs))
    # The percentile interval is close to mean +/- 1.96 standard errors.
    assert first.low == pytest.approx(mean - 1.96 * sd / math.sqrt(len(diffs)), abs=0.02)
    assert first.high == pytest.approx(mean + 1.96 * sd / math.sqrt(len(diffs)), abs=0.02)


def test_records_without_a_score_are_left_out() -> None:
    d = paired_bootstrap([1.0, None, 0.5], [0.5, 0.2, None])
    assert d.n == 1 and d.delta == pytest.approx(0.5)
    assert paired_bootstrap([None], [None]).n == 0


def test_power() -> None:
    assert records_needed(0.10) == 393
    assert detectable_difference(64) == pytest.approx(0.2476, abs=1e-3)
