"""The ablation's comparison: curated - raw with intervals, and a verdict that never hides a
measurable loss behind the primary metric."""

from __future__ import annotations

from curate.ablation import compare


def rows(fact: float, valid: float, n: int = 30) -> list[dict[str, object]]:
    return [
        {
            "id": str(i),
            "category": "a" if i % 3 else "b",
            "scores": {"fact_recall": fact, "format_valid": valid},
        }
        for i in range(n)
    ]


def test_no_difference_on_the_primary_but_a_measurable_loss_elsewhere_is_said() -> None:
    result = compare(rows(1.0, 0.0), rows(1.0, 1.0), 1000, 1)
    assert result["primary_metric"] == "fact_recall" and result["n"] == 30
    assert result["deltas"]["fact_recall"]["ci95"] == [0.0, 0.0]
    assert "no measurable difference from raw" in result["verdict"]
    assert "worse than raw (−1.000 format validity" in result["verdict"]


def test_a_win_is_claimed_only_with_its_interval_and_small_categories_are_not_judged() -> None:
    result = compare(rows(0.9, 1.0), rows(0.1, 1.0), 1000, 1)
    assert result["verdict"].startswith("Curated beats raw (+0.800 fact recall")
    by_name = {c["name"]: c for c in result["categories"]}
    assert by_name["b"]["n"] == 10 and not by_name["b"]["too_few"]
    assert abs(by_name["a"]["deltas"]["fact_recall"]["delta"] - 0.8) < 1e-9
    few = compare(rows(0.9, 1.0, 12), rows(0.1, 1.0, 12), 1000, 1)
    assert all(c["too_few"] and c["deltas"] == {} for c in few["categories"])
