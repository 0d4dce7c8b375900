"""`curate train SPLITS_DIR --out RUN_DIR`: LoRA fine-tune on train, validate on val.

Runs straight through: seed, data, model, trainer, train, save. The transformers Trainer
does the loop, so the same code runs on CPU, one GPU, or several under `accelerate launch`
or `torchrun`. Heavy imports stay inside the functions; `TrainProgress` and `Cancelled`
(re-exported here) are what a caller that reports progress or cancels needs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from curate.io import read_dataset
from curate.io.sniff import sha256_file
from curate.schemas.settings import TrainSettings
from curate.trainer.cancel import Cancelled
from curate.trainer.card import (
    BaseModel,
    base_model,
    hub_datasets,
    point_adapter_at,
    write_model_card,
)
from curate.trainer.data import Encoded, encode_records
from curate.trainer.lora import build_lora_config, quiet_peft
from curate.trainer.model import (
    check_trackers,
    load,
    quantization_config,
    resolve_model,
    use_bf16,
)
from curate.trainer.progress import TrainProgress


@dataclass
class TrainResult:
    adapter: Path
    train_records: int
    skipped: dict[str, str]
    truncated: list[str]
    best_eval_loss: float | None
    main_process: bool = True
    """False in the other processes of a distributed run (they write nothing)."""
    notes: list[str] = field(default_factory=list)
    """What the user should know about how the run went (said once, by the caller)."""


def records_of(path: Path, facts_field: str | None = None) -> list[dict[str, Any]]:
    """Canonical records of one split file (read as `curate lint` reads it); with
    `facts_field`, each also gets `facts`: what it lists there (None where nothing)."""
    frame = read_dataset([path]).frame
    columns = ["id", "input", "output", "category"] + (
        ["messages"] if "messages" in frame.columns else []
    )
    records = frame.select(columns).to_dicts()
    if facts_field is not None:
        from curate.proof.facts import facts_of

        listed = frame.get_column(facts_field).to_list() if facts_field in frame.columns else []
        for i, record in enumerate(records):
            record["facts"] = facts_of(listed[i]) if listed else None
    return records


def run_settings(config: dict[str, Any], defaults: TrainSettings) -> TrainSettings:
    """The settings a run trained with, from its `train_config.json` (fields it predates
    taken from `defaults`)."""
    known = {k: v for k, v in config.items() if k in TrainSettings.model_fields}
    return TrainSettings.model_validate({**defaults.model_dump(), **known})


def train(
    splits: Path,
    out: Path,
    settings: TrainSettings,
    max_steps: int | None = None,
    on_progress: Callable[[TrainProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Fine-tune a LoRA adapter on `splits/train.jsonl`, validating on `splits/val.jsonl`.

    `on_progress` is called after each optimizer step and each log or evaluation. When
    `should_stop()` turns true, training stops after the current step, the adapter so far
    is saved to `out/adapter-interrupted/`, and `Cancelled` is raised. Under `torchrun`
    every process trains; only the main one writes the run files.
    """
    from peft import get_peft_model, prepare_model_for_kbit_training
    from transformers import DataCollatorForSeq2Seq, PrinterCallback, set_seed

    from curate.trainer.callbacks import MetricsWriter, ProgressHooks
    from curate.trainer.loss import ReplyLossTrainer

    # seed
    set_seed(settings.seed)
    check_trackers(settings.report_to)
    quantization = quantization_config(settings.quantize)
    # data
    model_dir = resolve_model(settings.model)
    model, tokenizer = load(model_dir, quantization)
    train_set, val_set = _encode_splits(tokenizer, splits, settings)
    # model
    with quiet_peft():
        if quantization is not None:
            model = prepare_model_for_kbit_training(
                model, use_gradient_checkpointing=checkpointing(settings)
            )
        model = get_peft_model(model, build_lora_config(settings))
    base = base_model(settings.model, model_dir)
    # trainer
    out.mkdir(parents=True, exist_ok=True)
    trainer = ReplyLossTrainer(
        model=model,
        args=training_arguments(settings, out, max_steps, validate=bool(val_set.rows)),
        train_dataset=_Rows(train_set.rows),
        eval_dataset=_Rows(val_set.rows) if val_set.rows else None,
        data_collator=DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100),
        callbacks=[MetricsWriter(out / "metrics.jsonl"), ProgressHooks(on_progress, should_stop)],
    )
    trainer.remove_callback(PrinterCallback)  # progress goes to on_progress, not stdout
    # train
    main_process = trainer.is_world_process_zero()
    parallelism = _parallelism(trainer)
    try:
        trainer.train()
    except (KeyboardInterrupt, Cancelled):
        # Ctrl-C or a stop request: keep what was learnt so far as a usable adapter.
        weights = _gathered_weights(trainer)
        if main_process:
            _save_adapter(model, base, out / "adapter-interrupted", weights)
        raise
    # save
    adapter = out / "adapter"
    weights = _gathered_weights(trainer)
    if main_process:
        _save_adapter(model, base, adapter, weights)
        _write_run_files(out, splits, settings, model_dir, base, train_set, parallelism)
        write_model_card(out)
    best = trainer.state.best_metric
    return TrainResult(
        adapter,
        len(train_set.rows),
        train_set.skipped,
        train_set.truncated,
        best,
        main_process,
        _parallelism_notes(parallelism),
    )


def _save_adapter(
    model: Any, base: BaseModel, folder: Path, weights: dict[str, Any] | None = None
) -> None:
    """Save the adapter naming its base by hub id, not this machine's cache path. Only the
    saved adapter is renamed (the Trainer's checkpoints keep the local path, so nothing asks
    the hub whether the name exists), and embeddings are never saved: LoRA leaves them be.
    `weights` is the whole state dict where the model is sharded (FSDP)."""
    point_adapter_at(model, base)
    model.save_pretrained(
        folder, state_dict=weights, safe_serialization=True, save_embedding_layers=False
    )


def _gathered_weights(trainer: Any) -> dict[str, Any] | None:
    """Under FSDP each process holds a shard of every weight, so the main process alone
    would save a slice of the adapter: the whole state dict is gathered first. This is a
    collective, so every process calls it. None where the model is not sharded."""
    if not trainer.is_fsdp_enabled:
        return None
    return dict(trainer.accelerator.get_state_dict(trainer.model))


# What `accelerate launch --config_file` sets for a sharded run, and the type it expects.
_SHARDING_REQUESTS = {"ACCELERATE_USE_FSDP": "FSDP", "ACCELERATE_USE_DEEPSPEED": "DEEPSPEED"}


def _parallelism_notes(parallelism: dict[str, Any]) -> list[str]:
    """Say so where accelerate was asked to shard the model and did not: it runs FSDP and
    DeepSpeed on accelerators only, and on CPUs falls back to plain data parallelism, where
    every process holds the whole model."""
    notes = []
    for variable, kind in _SHARDING_REQUESTS.items():
        asked = os.environ.get(variable, "false").lower() == "true"
        if asked and parallelism["type"] != kind:
            notes.append(
                f"accelerate was asked for {kind}, which it runs on GPUs only: this run used "
                f"{parallelism['type']} with {parallelism['processes']} process(es), each "
                "holding the whole model"
            )
    return notes


def training_arguments(
    settings: TrainSettings, out: Path, max_steps: int | None, validate: bool
) -> Any:
    """The Trainer's arguments: length-grouped batches, loss logged every step, one
    evaluation and checkpoint per epoch (the best one kept), no progress printing."""
    import torch
    from transformers import TrainingArguments

    return TrainingArguments(
        output_dir=str(out / "checkpoints"),
        per_device_train_batch_size=settings.batch_size,
        per_device_eval_batch_size=settings.batch_size,
        num_train_epochs=settings.epochs,
        max_steps=max_steps if max_steps is not None else -1,
        learning_rate=settings.learning_rate,
        eval_strategy="epoch" if validate else "no",
        save_strategy="epoch",
        save_total_limit=2,
        load_best_model_at_end=validate,
        metric_for_best_model="eval_loss",
        train_sampling_strategy="group_by_length",
        logging_steps=1,
        bf16=use_bf16(),
        **_checkpointing(TrainingArguments, checkpointing(settings)),
        ddp_find_unused_parameters=False,  # every LoRA weight is used in every forward pass
        disable_tqdm=True,
        report_to=settings.report_to or "none",
        seed=settings.seed,
        use_cpu=not torch.cuda.is_available(),
        remove_unused_columns=False,
    )


def _encode_splits(
    tokenizer: Any, splits: Path, settings: TrainSettings
) -> tuple[Encoded, Encoded]:
    """The encoded train split, and the val split (empty when there is none)."""
    length, train_on = settings.max_seq_length, settings.train_on
    train_set = encode_records(tokenizer, records_of(splits / "train.jsonl"), length, train_on)
    val_path = splits / "val.jsonl"
    if not val_path.is_file():
        return train_set, Encoded()
    return train_set, encode_records(tokenizer, records_of(val_path), length, train_on)


class _Rows:
    """A map-style dataset over encoded rows (with lengths for length-grouped batches)."""

    def __init__(self, rows: list[dict[str, list[int]]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, list[int]]:
        return self.rows[index]


def _write_run_files(
    out: Path,
    splits: Path,
    settings: TrainSettings,
    model_dir: Path,
    base: BaseModel,
    data: Encoded,
    parallelism: dict[str, Any],
) -> None:
    manifest = splits / "manifest.json"
    manifest_hash = sha256_file(manifest) if manifest.is_file() else None
    config = {
        **settings.model_dump(),
        "resolved_model": str(model_dir),
        "base_model": base.id,
        "base_model_revision": base.revision,
        "base_model_origin": base.origin,
        "train_sha256": sha256_file(splits / "train.jsonl"),
        "train_examples": len(data.rows),
        "splits": str(splits),
        "split_manifest_sha256": manifest_hash,
        "datasets": hub_datasets(manifest),
        "precision": _precision(settings),
        "gradient_checkpointing_used": checkpointing(settings),
        "parallelism": parallelism,
    }
    (out / "train_config.json").write_text(json.dumps(config, indent=2) + "\n")
    skipped = "".join(f"- `{rid}`: {why}\n" for rid, why in data.skipped.items()) or "none\n"
    (out / "README.md").write_text(
        f"# LoRA adapter\n\nBase model: `{settings.model or 'default (SmolLM2-135M-Instruct)'}` "
        f"(`{model_dir}`)\n\nSplit manifest sha256: `{manifest_hash}`\n\n"
        f"Settings: `{json.dumps(asdict(_Summary(settings)))}`, precision "
        f"{config['precision']}\n\n"
        f"Trained on {len(data.rows)} examples ({len(data.truncated)} truncated). "
        f"Not trained on:\n\n{skipped}"
    )


def _parallelism(trainer: Any) -> dict[str, Any]:
    """How the run was spread: accelerate's distributed type (NO, MULTI_CPU, MULTI_GPU,
    FSDP, DEEPSPEED...) and the number of processes, as `accelerate launch` set them up."""
    state = trainer.accelerator.state
    kind = state.distributed_type
    return {"type": str(getattr(kind, "value", kind)), "processes": state.num_processes}


def checkpointing(settings: TrainSettings) -> bool:
    """Whether activations are recomputed: as set, or for `auto` when training on the CPU."""
    if settings.gradient_checkpointing == "auto":
        import torch

        return not torch.cuda.is_available()
    return settings.gradient_checkpointing


def _checkpointing(arguments: Any, enabled: bool) -> dict[str, Any]:
    """Activation (gradient) checkpointing under the name this transformers uses (renamed
    `activation_checkpointing` in 5.x). Non-reentrant, so the frozen inputs of a peft model
    need no gradient."""
    name = (
        "activation_checkpointing"
        if "activation_checkpointing" in arguments.__dataclass_fields__
        else "gradient_checkpointing"
    )
    return {name: enabled, f"{name}_kwargs": {"use_reentrant": False}}


def _precision(settings: TrainSettings) -> str:
    compute = "bf16 mixed" if use_bf16() else "float32"
    if settings.quantize == "4bit":
        return f"{compute}, base quantised to NF4 (QLoRA)"
    if settings.quantize == "8bit":
        return f"{compute}, base quantised to int8"
    return compute


@dataclass
class _Summary:
    r: int
    alpha: int
    dropout: float
    epochs: float
    lr: float
    max_seq_length: int

    def __init__(self, settings: TrainSettings) -> None:
        self.r, self.alpha, self.dropout = (
            settings.lora_r,
            settings.lora_alpha,
            settings.lora_dropout,
        )
        self.epochs, self.lr = settings.epochs, settings.learning_rate
        self.max_seq_length = settings.max_seq_length
