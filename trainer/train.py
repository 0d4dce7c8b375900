"""`curate train SPLITS_DIR --out RUN_DIR`: LoRA fine-tune on train, validate on val.

Runs straight through: seed, data, model, trainer, train, save. The transformers Trainer
does the loop, so the same code runs on CPU, one GPU, or several under `accelerate launch`
or `torchrun`. Heavy imports stay inside the function.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from curate.io import read_dataset
from curate.schemas.settings import TrainSettings
from curate.trainer.data import Encoded, encode_records
from curate.trainer.lora import build_lora_config
from curate.trainer.model import load, resolve_model


@dataclass
class TrainResult:
    adapter: Path
    train_records: int
    skipped: dict[str, str]
    truncated: list[str]
    best_eval_loss: float | None
    model: Any = None
    """The trained peft model, in memory, for evaluating right after."""


def records_of(path: Path) -> list[dict[str, Any]]:
    """Canonical records of one split file (read as `curate lint` reads it)."""
    frame = read_dataset([path]).frame
    columns = ["id", "input", "output", "category"] + (
        ["messages"] if "messages" in frame.columns else []
    )
    return frame.select(columns).to_dicts()


def train(
    splits: Path, out: Path, settings: TrainSettings, max_steps: int | None = None
) -> TrainResult:
    """Fine-tune a LoRA adapter on `splits/train.jsonl`, validating on `splits/val.jsonl`."""
    import torch
    from peft import get_peft_model
    from transformers import DataCollatorForSeq2Seq, Trainer, TrainingArguments, set_seed

    # seed
    set_seed(settings.seed)
    # data
    model_dir = resolve_model(settings.model)
    model, tokenizer = load(model_dir)
    train_set = encode_records(
        tokenizer, records_of(splits / "train.jsonl"), settings.max_seq_length
    )
    val_path = splits / "val.jsonl"
    val_set = (
        encode_records(tokenizer, records_of(val_path), settings.max_seq_length)
        if val_path.is_file()
        else Encoded()
    )
    # model
    model = get_peft_model(model, build_lora_config(settings))
    # trainer
    args = TrainingArguments(
        output_dir=str(out / "checkpoints"),
        per_device_train_batch_size=settings.batch_size,
        per_device_eval_batch_size=settings.batch_size,
        num_train_epochs=settings.epochs,
        max_steps=max_steps if max_steps is not None else -1,
        learning_rate=settings.learning_rate,
        eval_strategy="epoch" if val_set.rows else "no",
        save_strategy="epoch",
        save_total_limit=2,
        load_best_model_at_end=bool(val_set.rows),
        metric_for_best_model="eval_loss",
        train_sampling_strategy="group_by_length",
        logging_steps=min(5, max_steps) if max_steps else 5,
        report_to="none",
        seed=settings.seed,
        use_cpu=not torch.cuda.is_available(),
        remove_unused_columns=False,
    )
    out.mkdir(parents=True, exist_ok=True)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=_Rows(train_set.rows),
        eval_dataset=_Rows(val_set.rows) if val_set.rows else None,
        data_collator=DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100),
        callbacks=[metrics_writer(out / "metrics.jsonl")],
    )
    # train
    adapter = out / "adapter"
    try:
        trainer.train()
    except KeyboardInterrupt:
        # Ctrl-C: keep what was learnt so far as a usable adapter, then stop.
        model.save_pretrained(out / "adapter-interrupted", safe_serialization=True)
        raise
    # save
    model.save_pretrained(adapter, safe_serialization=True)
    _write_run_files(out, splits, settings, model_dir, trainer, train_set)
    best = trainer.state.best_metric
    return TrainResult(
        adapter, len(train_set.rows), train_set.skipped, train_set.truncated, best, model
    )


def metrics_writer(path: Path) -> Any:
    """A Trainer callback appending every log entry (loss, eval loss, step) to a JSONL file
    as training goes, flushed, so a crash or Ctrl-C keeps the curve so far."""
    from transformers import TrainerCallback

    path.write_text("")

    class MetricsWriter(TrainerCallback):  # type: ignore[misc]
        def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> None:
            if logs:
                with path.open("a") as handle:
                    handle.write(json.dumps({"step": state.global_step, **logs}) + "\n")

    return MetricsWriter()


class _Rows:
    """A map-style dataset over encoded rows (with lengths for length-grouped batches)."""

    def __init__(self, rows: list[dict[str, list[int]]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, list[int]]:
        return self.rows[index]


def _write_run_files(
    out: Path, splits: Path, settings: TrainSettings, model_dir: Path, trainer: Any, data: Encoded
) -> None:
    manifest = splits / "manifest.json"
    manifest_hash = (
        hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else None
    )
    config = {
        **settings.model_dump(),
        "resolved_model": str(model_dir),
        "splits": str(splits),
        "split_manifest_sha256": manifest_hash,
    }
    (out / "train_config.json").write_text(json.dumps(config, indent=2) + "\n")
    skipped = "".join(f"- `{rid}`: {why}\n" for rid, why in data.skipped.items()) or "none\n"
    (out / "README.md").write_text(
        f"# LoRA adapter\n\nBase model: `{settings.model or 'default (SmolLM2-135M-Instruct)'}` "
        f"(`{model_dir}`)\n\nSplit manifest sha256: `{manifest_hash}`\n\n"
        f"Settings: `{json.dumps(asdict(_Summary(settings)))}`\n\n"
        f"Trained on {len(data.rows)} examples ({len(data.truncated)} truncated). "
        f"Not trained on:\n\n{skipped}"
    )


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
