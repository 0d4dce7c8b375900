"""`report.json` of `curate eval`: base model against the tuned adapter, per category."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scores(_Model):
    """Mean scores of one model's replies against the references (0..1, loss in nats)."""

    exact_match: float
    token_f1: float
    rouge_l: float
    loss: float | None = None
    """Mean cross-entropy of the reference reply's tokens under the model."""
    perplexity: float | None = None
    format_valid: float | None = None
    """Share of replies that pass the configured FMT rules (None when none apply)."""


class Comparison(_Model):
    """Base and tuned on one slice of the test records."""

    name: str
    """`overall` or a category."""
    records: int
    base: Scores
    tuned: Scores
    win_rate: float
    """Share of records where the tuned reply is closer to the reference (ROUGE-L)."""
    tie_rate: float


class EvalReport(_Model):
    base_model: str
    adapter: str
    split: str
    records: int
    overall: Comparison
    categories: list[Comparison] = Field(default_factory=list)
    predictions: str
    """Predictions file (JSONL) beside the report."""
    dtype: str | None = None
    """Number format the replies were generated and scored in (bfloat16 or float32)."""
