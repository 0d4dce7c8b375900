"""User configuration: `[tool.curate]` in pyproject.toml or the top level of `curate.toml`.

Keys are kebab-case in TOML (`max-seq-length`) and snake_case in Python. Every section
forbids unknown keys, so a typo is an error that names the key instead of a silent default.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from curate.schemas.finding import Severity


class ShapeName(StrEnum):
    """A record shape: which fields hold the prompt and the reply. Two words name the two
    ideas of reading a file: its *kind* (jsonl, json, csv, tsv, parquet) and its records'
    *shape*."""

    AUTO = "auto"
    INPUT_OUTPUT = "input-output"
    ALPACA = "alpaca"
    SHAREGPT = "sharegpt"
    MESSAGES = "messages"


def to_kebab(name: str) -> str:
    """Alias generator: `max_seq_length` is written `max-seq-length` in TOML."""
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        alias_generator=to_kebab,
        validate_by_name=True,
        validate_by_alias=True,
        use_attribute_docstrings=True,
    )


class FieldSettings(_Section):
    """Which fields of the source records hold what."""

    shape: ShapeName = Field(
        default=ShapeName.AUTO,
        validation_alias=AliasChoices("shape", "input-format", "input_format"),
    )
    """Shape of the records; `auto` detects it from the field names of each file.
    (`input-format`, its old name, is still read.)"""
    input: str | None = None
    """Field holding the prompt in the input/output shape (auto: input, prompt, question, ...)."""
    output: str | None = None
    """Field holding the reply in the input/output shape (auto: output, completion, ...)."""
    category: str = "category"
    """Field holding the category used for balance rules and stratified splits."""
    id: str = "id"
    """Field holding the record id; used when present and unique, else a content hash."""


class LintSettings(_Section):
    """Which rules run and how."""

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    """Rule codes or prefixes to run (`DUP`, `LEAK002`); `ALL` runs every stable rule."""
    extend_select: list[str] = Field(default_factory=list)
    """Codes or prefixes added to `select`."""
    ignore: list[str] = Field(default_factory=list)
    """Codes or prefixes never to run."""
    severity: dict[str, Severity] = Field(default_factory=dict)
    """Severity overrides by rule code, e.g. `{ BAL001 = "error" }`."""
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Per-rule parameters by code; each rule validates its own and rejects unknown ones."""
    datasets: list[str] = Field(default_factory=list)
    """Dataset files or folders (relative to the config file): when a path given to lint
    lies in one, the whole dataset is linted, so the pre-commit hook, which passes only the
    staged files, still compares them with the splits and eval sets that were not staged."""
    eval: list[str] = Field(default_factory=list)
    """Eval sets (relative to the config file) linted as `--eval` with a configured dataset."""
    languages: list[str] = Field(default_factory=lambda: ["en"])
    """ISO 639-1 codes of the languages the dataset may contain."""
    baseline: str | None = None
    """Baseline file of accepted findings; only new findings are reported."""
    run: str | None = None
    """A run folder (`curate run`/`curate train --out`) whose model signals the MOD rules
    read; without one they report nothing."""
    cache_dir: str = ".curate_cache"
    """Where lint keeps per-text results (languages, personal data and secrets found, token
    counts, MinHash signatures) by the text's hash, so linting again costs only what
    changed; relative to the config file that sets it. `""` (or `curate lint --no-cache`)
    turns it off. Safe to delete; `CURATE_LINT_CACHE_DIR` moves the default."""
    tokenizer: str | None = "auto"
    """Token counts of the LEN rules and the chat template of SCH010: `auto` takes the
    tokenizer of `[train] model` where it is on this machine (a model folder, or the cached
    conversion of a `.gguf` or of the embedded default), so lint and training count the same
    tokens; a `tokenizer.json` or a model folder holding one; `default` (the embedded model,
    required); or `estimate` (about four characters per token)."""


class SplitSettings(_Section):
    """How `curate split` divides the dataset."""

    ratios: tuple[float, float, float] = (0.8, 0.1, 0.1)
    """Shares of train, val and test; they must sum to 1."""
    seed: int = 42
    stratify: str = "category"
    """Column whose values each split keeps in proportion."""

    @field_validator("ratios")
    @classmethod
    def _ratios_sum_to_one(cls, value: tuple[float, float, float]) -> tuple[float, float, float]:
        if not all(math.isfinite(r) and r >= 0 for r in value) or abs(sum(value) - 1.0) > 1e-6:
            raise ValueError(f"ratios must be non-negative and sum to 1, got {list(value)}")
        return value


class TrainSettings(_Section):
    """LoRA fine-tuning defaults for `curate train` and `curate run`."""

    model: str | None = None
    """Local model directory, GGUF file or hub id; default: the embedded SmolLM2-135M-Instruct."""
    lora_r: int = Field(default=16, gt=0)
    lora_alpha: int = Field(default=32, gt=0)
    lora_dropout: float = Field(default=0.05, ge=0.0, lt=1.0)
    target_modules: list[str] | Literal["all-linear"] = "all-linear"
    epochs: float = Field(default=1.0, gt=0)
    learning_rate: float = Field(default=2e-4, gt=0)
    batch_size: int = Field(default=8, gt=0)
    max_seq_length: int = Field(default=512, gt=0)
    seed: int = 42
    train_on: Literal["all-assistant", "last-assistant"] = "all-assistant"
    """Which assistant turns of a chat carry the loss: every one (as TRL's
    `assistant_only_loss`, Axolotl and LLaMA-Factory train), or only the final one. System,
    user and template tokens never do."""
    gradient_checkpointing: bool | Literal["auto"] = "auto"
    """Recompute activations in the backward pass instead of keeping them: far less memory
    for some more time. `auto`: on when training on the CPU (where memory, not compute, is
    short: 3.8 instead of 6.1 GiB for the default model at batch 8 x 384, 5% slower), off
    on a GPU."""
    quantize: Literal["none", "4bit", "8bit"] = "none"
    """QLoRA: load the base model quantised by bitsandbytes (4bit: NF4 with double
    quantisation and bf16 compute). Needs a CUDA GPU and the bitsandbytes package."""
    report_to: list[str] = Field(default_factory=list)
    """Trackers to log to besides `metrics.jsonl`: any transformers `report_to` value
    (`tensorboard`, `wandb`, `mlflow`, ...); the tracker's package must be installed."""
    signals: bool = True
    """After training, score every training and validation record with the tuned model
    (`signals.parquet`, read by the MOD rules with `curate lint --run`): two forward passes
    per record, about a quarter of what training on it costs (on the demo sample, 112 s for
    568 records against 126 s for 20 training steps of 8)."""
    folds: int = Field(default=1, ge=1, le=20)
    """Out-of-fold signals: with K > 1, K more adapters are trained, each on the training
    records of K-1 folds, and each record is scored by the adapter that never saw it. Costs
    K more trainings; 1 scores with the run's own adapter (in-sample)."""


class EvalSettings(_Section):
    """How `curate eval` and `curate run` judge the tuned model."""

    few_shot: int = Field(default=3, ge=0, le=16)
    """Examples from train (same category where there is one) in the prompted baseline."""
    system_prompt: str = (
        "You are a customer support agent. Answer the customer's message in the same "
        "format, tone and detail as the example replies."
    )
    """System prompt of the prompted baseline."""
    facts_field: str = "facts"
    """Record field listing what a correct reply must state (strings, or `/regex/`)."""
    primary_metric: Literal[
        "auto", "rouge_l", "token_f1", "exact_match", "fact_recall", "format_valid"
    ] = "auto"
    """The metric the verdict is about; `auto`: fact recall when records list facts, else
    ROUGE-L."""
    budget_percentile: float = Field(default=99.0, gt=0.0, le=100.0)
    """Every reply may take this percentile of the training replies' tokens (plus 8)."""
    max_new_tokens: int = Field(default=384, gt=0)
    """Cap of the reply budget."""
    resamples: int = Field(default=2000, ge=1000)
    """Bootstrap resamples of each confidence interval."""
    seed: int = 20261130
    """Seed of the bootstrap and of the few-shot example choice."""


class ReviewSettings(_Section):
    """The review app."""

    reviewer: str | None = None
    """Name recorded with each decision; default: `CURATE_REVIEWER`, then git's user.name."""
    keymap: dict[str, str] = Field(default_factory=dict)
    """Key overrides by binding id, e.g. `{ "review.keep" = "y" }`."""


class CurateSettings(_Section):
    """Everything under `[tool.curate]`."""

    fields: FieldSettings = Field(default_factory=FieldSettings)
    lint: LintSettings = Field(default_factory=LintSettings)
    split: SplitSettings = Field(default_factory=SplitSettings)
    train: TrainSettings = Field(default_factory=TrainSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    _source: str | None = PrivateAttr(default=None)

    @property
    def source(self) -> str | None:
        """The file these settings came from (given, or found from the current folder
        upwards); None for the defaults. Reports name it, so a config picked up from a
        parent folder never changes results unseen."""
        return self._source
