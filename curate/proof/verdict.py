"""The verdict of an evaluation, in words, derived only from paired confidence intervals.

A win is claimed only where the 95% interval of `tuned - X` lies wholly above 0; a
difference whose interval includes 0 is "no measurable difference". Categories with fewer
than `MIN_CATEGORY` test records are too few to judge. The advice follows what fine-tuning is
for (a locked format, tone and vocabulary; not new facts, which retrieval supplies) and that
prompting should be tried first:

- `use-retrieval`: retrieval beats tuned on fact recall (or, without facts, on the primary
  metric): the replies' content comes from other records, which retrieval looks up.
- `fine-tuning-pays`: tuned beats base, prompted and retrieval, each interval above 0.
- `prompting-enough`: tuned beats the base model, but shows no measurable difference from
  the prompted base model (or is worse): try prompting first.
- `inconclusive`: anything else (tuned does not beat the base model, or too few records).
"""

from __future__ import annotations

from dataclasses import dataclass

from curate.proof.statistics import Difference, detectable_difference

MIN_CATEGORY = 10
BASELINES = ("base", "prompted", "retrieval")
METRIC_NAMES = {
    "rouge_l": "ROUGE-L",
    "token_f1": "token F1",
    "exact_match": "exact match",
    "fact_recall": "fact recall",
    "format_valid": "format validity",
    "loss": "reference loss",
}


@dataclass(frozen=True)
class Verdict:
    text: str
    tuned_beats: list[str]
    primary_metric: str
    advice: str
    power_warning: str | None


def signed(value: float) -> str:
    return f"{value:+.3f}".replace("-", "−")


def describe(model: str, metric: str, difference: Difference) -> str:
    """`beats base (+0.10 ROUGE-L, CI +0.08..+0.12)` or `no measurable difference from ...`."""
    name = METRIC_NAMES.get(metric, metric)
    numbers = (
        f"{signed(difference.delta)} {name}, CI {signed(difference.low)}..{signed(difference.high)}"
    )
    if difference.n == 0:
        return f"cannot be compared with {model} on {name} (no record has both scores)"
    if difference.above_zero:
        return f"beats {model} ({numbers})"
    if difference.below_zero:
        return f"is worse than {model} ({numbers})"
    return f"shows no measurable difference from {model} ({numbers})"


def decide(
    deltas: dict[str, dict[str, Difference]],
    primary: str,
    n: int,
    wanted_difference: float = 0.10,
) -> Verdict:
    """The verdict from `deltas[model][metric]` (tuned - model) on `n` test records."""
    available = [m for m in BASELINES if primary in deltas.get(m, {})]
    beats = [m for m in available if deltas[m][primary].above_zero]
    parts = [describe(m, primary, deltas[m][primary]) for m in available]
    text = "Tuned " + "; ".join(parts) + "." if parts else "Nothing to compare."
    facts = "fact_recall" if "fact_recall" in deltas.get("retrieval", {}) else primary
    advice = _advice(deltas, primary, facts, beats, available)
    text += " " + _ADVICE_TEXT[advice].format(facts=METRIC_NAMES.get(facts, facts))
    strong = [
        METRIC_NAMES.get(metric, metric)
        for metric in ("format_valid", "fact_recall", "rouge_l")
        if all(metric in deltas.get(m, {}) and deltas[m][metric].above_zero for m in available)
    ]
    if advice == "fine-tuning-pays" and strong:
        text += f" Tuned beats every baseline on: {', '.join(strong)}."
    warning = None
    can = detectable_difference(n)
    if can > wanted_difference:
        warning = (
            f"The test split has {n} records: it can only detect differences of about "
            f"{can:.0%} or more (SIZE005); smaller real differences read as none."
        )
        text += " " + warning
    return Verdict(text, beats, primary, advice, warning)


_ADVICE_TEXT = {
    "use-retrieval": "Retrieval beats the tuned model on {facts}: the replies need facts "
    "from other records, which retrieval supplies and fine-tuning does not teach; use "
    "retrieval (or add it to the prompt).",
    "fine-tuning-pays": "Fine-tuning pays: the tuned model beats the base model, the prompted "
    "base model and retrieval, each by an interval wholly above 0.",
    "prompting-enough": "The prompted base model is as good as the tuned one within the "
    "uncertainty: try prompting first.",
    "inconclusive": "Inconclusive: the tuned model does not measurably beat the baselines.",
}


def _advice(
    deltas: dict[str, dict[str, Difference]],
    primary: str,
    facts: str,
    beats: list[str],
    available: list[str],
) -> str:
    retrieval = deltas.get("retrieval", {}).get(facts)
    if retrieval is not None and retrieval.below_zero:
        return "use-retrieval"
    if available and set(beats) == set(available) and len(available) == len(BASELINES):
        return "fine-tuning-pays"
    prompted = deltas.get("prompted", {}).get(primary)
    if "base" in beats and prompted is not None and prompted.n and not prompted.above_zero:
        return "prompting-enough"
    return "inconclusive"
