"""Reply metrics against hand-computed values."""

from __future__ import annotations

import pytest

from curate.proof.text_metrics import exact_match, rouge_l, token_f1


def test_exact_match_ignores_case_and_punctuation() -> None:
    assert exact_match("It ships, tomorrow!", "it ships tomorrow") == 1.0
    assert exact_match("It ships today", "it ships tomorrow") == 0.0


def test_token_f1() -> None:
    # 2 of 3 predicted words are in the 4-word reference: P=2/3, R=2/4, F1=4/7.
    assert token_f1("ships tomorrow morning", "it ships tomorrow evening") == pytest.approx(4 / 7)
    assert token_f1("", "") == 1.0 and token_f1("x", "") == 0.0


def test_rouge_l() -> None:
    # LCS of "a b c d" and "a c d e" is "a c d" (3): P=3/4, R=3/4.
    assert rouge_l("a b c d", "a c d e") == pytest.approx(0.75)
    assert rouge_l("x y", "a b") == 0.0
