"""The verdict claims only wins whose interval is wholly above zero, and gives the advice
the numbers support."""

from __future__ import annotations

import random
from typing import Any

import pytest

from curate.proof.report import build_report
from curate.schemas.report import MODELS
from tests.run_folder import PROVENANCE


def rows(n: int, **means: float) -> list[dict[str, Any]]:
    """`n` records whose primary metric (fact recall) scatters around each model's mean."""
    rng = random.Random(7)
    found = []
    for i in range(n):
        noise = rng.uniform(-0.1, 0.1)
        scores = {
            model: {
                "rouge_l": min(1.0, max(0.0, means.get(model, 0.3) + noise)),
                "fact_recall": min(1.0, max(0.0, means.get(model, 0.3) + noise)),
            }
            for model in MODELS
        }
        found.append({"id": f"r{i}", "category": "big" if i % 5 else "small", "scores": scores})
    return found


def report(data: list[dict[str, Any]]) -> Any:
    return build_report(data, "test.jsonl", PROVENANCE, "predictions.jsonl")


def test_tuned_equal_to_base_claims_nothing() -> None:
    result = report(rows(60))
    delta = result.deltas["tuned_vs_base"]["fact_recall"]
    assert delta.ci95[0] <= 0 <= delta.ci95[1]
    assert result.verdict.tuned_beats == [] and result.verdict.advice == "inconclusive"
    assert "no measurable difference from base" in result.verdict.text
    assert "beats" not in result.verdict.text.replace("Tuned beats every", "")


def test_fine_tuning_pays_only_when_every_baseline_is_beaten() -> None:
    result = report(rows(60, tuned=0.8, base=0.2, prompted=0.4, retrieval=0.3))
    assert result.verdict.tuned_beats == ["base", "prompted", "retrieval"]
    assert result.verdict.advice == "fine-tuning-pays"
    assert result.verdict.primary_metric == "fact_recall"


def test_retrieval_that_beats_tuned_on_facts_means_use_retrieval() -> None:
    result = report(rows(60, tuned=0.5, base=0.2, prompted=0.3, retrieval=0.9))
    assert result.verdict.advice == "use-retrieval"
    assert "retrieval" not in result.verdict.tuned_beats
    assert "is worse than retrieval" in result.verdict.text


def test_prompting_is_enough_when_prompted_matches_tuned() -> None:
    result = report(rows(60, tuned=0.6, base=0.2, prompted=0.6, retrieval=0.1))
    assert result.verdict.tuned_beats == ["base", "retrieval"]
    assert result.verdict.advice == "prompting-enough"


def test_small_categories_are_too_few_to_judge_and_small_tests_warn() -> None:
    result = report(rows(30, tuned=0.8))
    small = next(c for c in result.categories if c.name == "small")
    assert small.n == 6 and small.too_few and small.deltas == {}
    big = next(c for c in result.categories if c.name == "big")
    assert not big.too_few and "tuned_vs_base" in big.deltas
    assert result.verdict.power_warning is not None
    assert "30 records" in result.verdict.power_warning


def test_win_rates_and_sign_tests() -> None:
    result = report(rows(20, tuned=0.8, base=0.2))
    wins = result.win_rates["tuned_vs_base"]
    assert (wins.wins, wins.losses, wins.ties, wins.rate) == (20, 0, 0, 1.0)
    assert wins.p_value == pytest.approx(2 / 2**20, abs=1e-6)


def test_loss_is_better_lower() -> None:
    data = rows(40)
    for row in data:
        row["scores"]["tuned"]["loss"], row["scores"]["base"]["loss"] = 1.0, 2.0
    result = report(data)
    assert result.deltas["tuned_vs_base"]["loss"].delta == pytest.approx(1.0)
    assert "loss" not in result.deltas["tuned_vs_retrieval"]
