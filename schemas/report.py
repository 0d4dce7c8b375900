"""`report.json` of `curate eval`: the tuned adapter against three baselines on the same
held-out records, with paired confidence intervals, per category, a verdict and provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from curate.schemas.agreement import AgreementRow

MODELS = ("base", "prompted", "retrieval", "tuned")
"""`base`: the base model zero-shot. `prompted`: the base model with a system prompt and
few-shot examples from train. `retrieval`: the reply of the most similar training input.
`tuned`: the base model with the adapter."""

Advice = Literal["prompting-enough", "use-retrieval", "fine-tuning-pays", "inconclusive"]
MetricMeans = dict[str, float | None]
"""Mean of each metric over the records it applies to (None: it applies to none)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Delta(_Model):
    """`tuned - model` on one metric: the mean paired difference, its 95% bootstrap interval
    and the two-sided sign-test p-value, over the `n` records both were scored on."""

    delta: float
    ci95: tuple[float, float]
    p_value: float
    n: int


class WinRate(_Model):
    """Records where tuned scores higher than `model` on the primary metric."""

    wins: int
    losses: int
    ties: int
    rate: float
    """wins / (wins + losses + ties)."""
    p_value: float
    """Two-sided sign test of wins against losses (ties left out)."""


class Category(_Model):
    name: str
    n: int
    too_few: bool
    """Fewer than 10 records: shown, never judged."""
    models: dict[str, MetricMeans]
    deltas: dict[str, dict[str, Delta]] = Field(default_factory=dict)
    """`tuned_vs_<model>`; empty for categories too few to judge."""


class Verdict(_Model):
    text: str
    tuned_beats: list[str]
    """Models whose `tuned - model` interval on the primary metric is wholly above 0."""
    primary_metric: str
    advice: Advice
    power_warning: str | None = None


class Provenance(_Model):
    """What the numbers were computed from, so that a reader can reproduce or doubt them."""

    curate_version: str
    split: str
    split_sha256: str
    split_manifest_sha256: str | None = None
    dataset_sha256: dict[str, str] = Field(default_factory=dict)
    """The inputs the splits were made from (from the split manifest)."""
    base_model: str
    base_model_origin: str
    """Where the weights came from; for the default, the GGUF and its quantisation."""
    adapter: str
    settings: dict[str, object] = Field(default_factory=dict)
    """The training settings (`train_config.json`)."""
    train_steps: int | None = None
    limit: int | None = None
    """Evaluated on the first `limit` test records only (None: all of them)."""
    generation: dict[str, object] = Field(default_factory=dict)
    """How replies were generated: greedy, the token budget and how it was fixed, dtype."""
    prompted: dict[str, object] = Field(default_factory=dict)
    """The prompted baseline's system prompt and number of examples."""
    set_aside: dict[str, list[str]] = Field(default_factory=dict)
    """Record id -> the rules that set it aside before splitting (`curate run --fix`)."""
    dropped_duplicates: list[str] = Field(default_factory=list)
    without_reference_loss: list[str] = Field(default_factory=list)
    """Test records whose reference could not be scored (the prompt fills the length)."""


class ExpertPair(_Model):
    """Blind side-by-side judgements of two models' replies by experts (`curate review RUN
    --judge`), counted per test record: a record judged by several experts counts once, as
    their majority (an even split is a tie), so records stay the independent unit."""

    first: str
    """The model whose win rate is given (the later of the two in `MODELS`)."""
    second: str
    records: int
    """Records with a standing judgement (better or tie; skips left out)."""
    wins: int
    """Records where `first`'s reply was judged better."""
    ties: int
    losses: int
    judgements: int
    """Standing judgements behind the records (one per expert and record)."""
    reviewers: list[str]
    rate: float | None
    """wins / (wins + losses): ties left out; None without a decisive record."""
    ci95: tuple[float, float] | None
    """Wilson score 95% interval of `rate`."""
    claim: str
    """What the numbers carry: a preference only where the interval excludes 0.5."""
    agreement: AgreementRow | None = None
    """Between experts, on the records two or more of them judged (labels: the better
    model or tie)."""
    outdated: int = 0
    """Judgements left out because the replies judged have changed since (the run was
    evaluated again) or their record is no longer evaluated."""


class EvalReport(_Model):
    n: int
    split: str
    models: dict[str, MetricMeans]
    deltas: dict[str, dict[str, Delta]]
    """`tuned_vs_<model>` -> metric -> the paired difference."""
    win_rates: dict[str, WinRate]
    """`tuned_vs_<model>` on the primary metric."""
    categories: list[Category]
    verdict: Verdict
    metrics: dict[str, str]
    """The definition of each metric (tokenisation, case, what counts)."""
    provenance: Provenance
    predictions: str
    """Predictions file (JSONL) beside the report: every model's reply to every record."""
    experts: list[ExpertPair] = Field(default_factory=list)
    """Expert win rates from the run's `judgements.jsonl`, one per judged model pair (added
    when judging ends or with `curate review RUN --judge --summary`)."""
