"""From per-record scores to the report: means per model, paired differences with intervals,
win rates with sign tests, categories (too few to judge under 10 records) and the verdict."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from curate.proof.facts import fact_recall
from curate.proof.statistics import RESAMPLES, SEED, Difference, paired_bootstrap, sign_test
from curate.proof.verdict import BASELINES, MIN_CATEGORY, decide
from curate.schemas.report import (
    MODELS,
    Category,
    Delta,
    EvalReport,
    MetricMeans,
    Provenance,
    Verdict,
    WinRate,
)

METRICS = ("rouge_l", "token_f1", "exact_match", "fact_recall", "format_valid", "loss")
HIGHER_IS_BETTER = {"loss": False}
METRIC_DEFINITIONS = {
    "rouge_l": "ROUGE-L F-measure of the reply against the reference: longest common "
    "subsequence of words (lower-cased, punctuation removed, split on whitespace).",
    "token_f1": "F1 of the bags of words of reply and reference (lower-cased, punctuation "
    "removed, split on whitespace; SQuAD-style).",
    "exact_match": "1 when reply and reference have the same words (lower-cased, punctuation "
    "removed), else 0.",
    "fact_recall": "Share of the record's listed facts the reply states (strings: "
    "case-insensitive substrings; /regex/: a case-insensitive search). Records without "
    "facts are left out.",
    "format_valid": "1 when the reply passes every configured FMT rule whose scope covers "
    "the record, else 0. Records no FMT rule covers are left out.",
    "loss": "Mean cross-entropy (nats per token) of the reference reply's tokens under the "
    "model, prompt tokens masked; lower is better. Base and tuned only.",
}
AUTO = "auto"


def record_scores(
    reply: str, reference: str, facts: list[str] | None, format_valid: bool | None
) -> dict[str, float | None]:
    """The text metrics of one reply (loss comes from the model, separately)."""
    from curate.proof.text_metrics import exact_match, rouge_l, token_f1

    return {
        "rouge_l": rouge_l(reply, reference),
        "token_f1": token_f1(reply, reference),
        "exact_match": float(exact_match(reply, reference)),
        "fact_recall": fact_recall(reply, facts),
        "format_valid": None if format_valid is None else float(format_valid),
    }


def primary_metric(rows: Sequence[dict[str, Any]], configured: str = AUTO) -> str:
    """The metric the verdict is about: as configured, else fact recall where records list
    facts, else ROUGE-L."""
    if configured != AUTO:
        return configured
    has_facts = any(r["scores"]["tuned"].get("fact_recall") is not None for r in rows)
    return "fact_recall" if has_facts else "rouge_l"


def build_report(
    rows: Sequence[dict[str, Any]],
    split: str,
    provenance: Provenance,
    predictions: str,
    primary: str = AUTO,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    wanted_difference: float = 0.10,
) -> EvalReport:
    """The report of `rows`, each `{"id", "category", "scores": {model: {metric: value}}}`
    with every model of `MODELS` scored (a metric that does not apply is None)."""
    primary = primary_metric(rows, primary)
    deltas = _deltas(rows, resamples, seed)
    differences = {m: _differences(rows, m, resamples, seed) for m in BASELINES}
    verdict = decide(differences, primary, len(rows), wanted_difference)
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_category[row.get("category") or "(none)"].append(row)
    categories = []
    for name in sorted(by_category):
        members = by_category[name]
        too_few = len(members) < MIN_CATEGORY
        categories.append(
            Category(
                name=name,
                n=len(members),
                too_few=too_few,
                models=_means(members),
                deltas={} if too_few else _deltas(members, resamples, seed),
            )
        )
    return EvalReport(
        n=len(rows),
        split=split,
        models=_means(rows),
        deltas=deltas,
        win_rates={f"tuned_vs_{m}": _win_rate(rows, m, primary) for m in BASELINES},
        categories=categories,
        verdict=Verdict(
            text=verdict.text,
            tuned_beats=verdict.tuned_beats,
            primary_metric=verdict.primary_metric,
            advice=verdict.advice,  # type: ignore[arg-type]
            power_warning=verdict.power_warning,
        ),
        metrics={m: METRIC_DEFINITIONS[m] for m in METRICS},
        provenance=provenance,
        predictions=predictions,
    )


def metric_means(scores: Sequence[Mapping[str, float | None]]) -> MetricMeans:
    """Mean of each metric over the records it applies to (None where it applies to none)."""
    means: MetricMeans = {}
    for metric in METRICS:
        known = [v for v in (one.get(metric) for one in scores) if v is not None]
        means[metric] = sum(known) / len(known) if known else None
    return means


def paired_differences(
    first: Sequence[Mapping[str, float | None]],
    second: Sequence[Mapping[str, float | None]],
    resamples: int,
    seed: int,
) -> dict[str, Difference]:
    """`first - second` per metric over the records both have a score for, oriented so that
    > 0 is better for `first` (for loss, `second - first`); metrics neither shares are left
    out."""
    found = {}
    for metric in METRICS:
        a = [one.get(metric) for one in first]
        b = [one.get(metric) for one in second]
        if not HIGHER_IS_BETTER.get(metric, True):
            a, b = b, a
        difference = paired_bootstrap(a, b, resamples, seed)
        if difference.n:
            found[metric] = difference
    return found


def _means(rows: Sequence[dict[str, Any]]) -> dict[str, MetricMeans]:
    return {model: metric_means([r["scores"][model] for r in rows]) for model in MODELS}


def _differences(
    rows: Sequence[dict[str, Any]], model: str, resamples: int, seed: int
) -> dict[str, Difference]:
    """`tuned - model` per metric where both have scores (see `paired_differences`)."""
    tuned = [r["scores"]["tuned"] for r in rows]
    return paired_differences(tuned, [r["scores"][model] for r in rows], resamples, seed)


def _deltas(
    rows: Sequence[dict[str, Any]], resamples: int, seed: int
) -> dict[str, dict[str, Delta]]:
    result: dict[str, dict[str, Delta]] = {}
    for model in BASELINES:
        result[f"tuned_vs_{model}"] = {
            metric: Delta(
                delta=round(d.delta, 6),
                ci95=(round(d.low, 6), round(d.high, 6)),
                p_value=d.p_value,
                n=d.n,
            )
            for metric, d in _differences(rows, model, resamples, seed).items()
        }
    return result


def _win_rate(rows: Sequence[dict[str, Any]], model: str, metric: str) -> WinRate:
    wins = losses = ties = 0
    for row in rows:
        tuned, other = row["scores"]["tuned"].get(metric), row["scores"][model].get(metric)
        if tuned is None or other is None:
            continue
        if not HIGHER_IS_BETTER.get(metric, True):
            tuned, other = other, tuned
        wins += tuned > other
        losses += tuned < other
        ties += tuned == other
    total = wins + losses + ties
    return WinRate(
        wins=wins,
        losses=losses,
        ties=ties,
        rate=wins / total if total else 0.0,
        p_value=sign_test(wins, losses),
    )
