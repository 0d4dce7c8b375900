"""`signals.parquet`: the tuned model scores every training and validation record.

Per record, the loss of its reply under the tuned model (mean and worst tokens, with the
same loss mask as training) and the model's representation of it, one forward pass each;
`curate.signals` turns them into ranks and category votes. With `folds` K > 1, K more
adapters are trained on K-1 folds of the training records each (folds are whole duplicate
groups, so a near copy never scores its twin), and each training record is scored by the
adapter that did not see it: a record the model could simply memorise looks ordinary
in-sample, and out-of-fold it does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from curate.io import Dataset, DatasetError, read_dataset
from curate.signals import WORST_TOKENS, RecordScore, signals_frame, write_signals
from curate.trainer.cancel import Cancelled
from curate.trainer.data import TrainOn, conversation, encode_example
from curate.trainer.generate import token_losses
from curate.trainer.lora import quiet_peft
from curate.trainer.model import load, use_bf16
from curate.trainer.train import records_of

Progress = Callable[[str, int, int], None]
"""`(what, done, total)`: records scored so far, or the fold being trained."""


def write_run_signals(
    run: Path,
    settings: Any,
    max_steps: int | None = None,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Score the train and val records of the run's splits and write `run/signals.parquet`.

    `settings` are the run's `TrainSettings` (its `folds` decide out-of-fold scoring);
    `max_steps` caps each fold's training as it capped the run's.
    """
    config = json.loads((run / "train_config.json").read_text())
    splits = Path(config["splits"])
    train_records = records_of(splits / "train.jsonl")
    val_path = splits / "val.jsonl"
    val_records = records_of(val_path) if val_path.is_file() else []
    train_on: TrainOn = config.get("train_on", "all-assistant")
    length = int(config["max_seq_length"])
    progress = on_progress or (lambda what, done, total: None)
    stop = should_stop or (lambda: False)
    scores: dict[str, RecordScore] = {}
    folds: dict[str, int | None] = {}
    if settings.folds > 1:
        train_split = read_dataset([splits / "train.jsonl"])
        fold_of = _folds(train_split, settings.folds, settings.seed)
        line_of = dict(train_split.frame.select("id", "source_line").iter_rows())
        lines = (splits / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        for fold in range(settings.folds):
            if stop():
                raise Cancelled("signals stopped on request")
            progress(f"training fold {fold + 1} of {settings.folds}", fold, settings.folds)
            held = [r for r in train_records if fold_of[r["id"]] == fold]
            others = {line_of[rid] for rid, f in fold_of.items() if f != fold}
            trained_on = "".join(line for n, line in enumerate(lines, 1) if n in others)
            adapter = _train_fold(run, fold, trained_on, settings, max_steps, stop)
            scored = score_records(
                config, adapter, held, length, train_on, progress, stop, label=f"fold {fold + 1}"
            )
            scores.update(scored)
            folds.update({rid: fold for rid in scored})
        scores.update(
            score_records(config, run / "adapter", val_records, length, train_on, progress, stop)
        )
    else:
        scores = score_records(
            config,
            run / "adapter",
            train_records + val_records,
            length,
            train_on,
            progress,
            stop,
        )
    rows = [(r, "train") for r in train_records] + [(r, "val") for r in val_records]
    rows = [(r, split) for r, split in rows if r["id"] in scores]
    frame = signals_frame(
        ids=[r["id"] for r, _ in rows],
        splits=[split for _, split in rows],
        categories=[r.get("category") or None for r, _ in rows],
        outputs=[r.get("output") or "" for r, _ in rows],
        scores=[scores[r["id"]] for r, _ in rows],
        folds=[folds.get(r["id"]) for r, _ in rows],
        held_out=[split == "val" or r["id"] in folds for r, split in rows],
    )
    return write_signals(run, frame)


def score_records(
    config: dict[str, Any],
    adapter: Path,
    records: list[dict[str, Any]],
    max_length: int,
    train_on: TrainOn,
    progress: Progress,
    should_stop: Callable[[], bool],
    batch_size: int = 8,
    label: str = "",
) -> dict[str, RecordScore]:
    """Each record's score under the base model with `adapter` (merged, so it runs as fast
    as the base model). Records with no trained token (truncated away, refused by the
    template) get none."""
    import torch
    from jinja2 import TemplateError
    from peft import PeftModel

    if not records:
        return {}
    base, tokenizer = load(Path(config["resolved_model"]))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    base.to(device=device, dtype=torch.bfloat16 if use_bf16() else torch.float32)
    with quiet_peft():
        model = PeftModel.from_pretrained(base, adapter)
    model.merge_adapter()
    model.eval()
    encoded: dict[str, tuple[dict[str, list[int]], dict[str, list[int]]]] = {}
    for record in records:
        turns = conversation(record)
        try:
            result = encode_example(tokenizer, turns, max_length, train_on)
            unprompted = encode_example(tokenizer, without_prompts(turns), max_length, train_on)
        except TemplateError:
            continue
        if result is not None and unprompted is not None:
            encoded[record["id"]] = (result[0], unprompted[0])
    order = sorted(encoded, key=lambda rid: len(encoded[rid][0]["input_ids"]))
    scores: dict[str, RecordScore] = {}
    what = f"scoring records ({label})" if label else "scoring records"
    pad = tokenizer.pad_token_id
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            if should_stop():
                raise Cancelled("signals stopped on request")
            chunk = order[start : start + batch_size]
            prompted, pooled = token_losses(model, [encoded[r][0] for r in chunk], pad, True)
            alone, _ = token_losses(model, [encoded[r][1] for r in chunk], pad, False)
            for i, rid in enumerate(chunk):
                scores[rid] = _score(prompted[i], alone[i], pooled[i])
            progress(what, len(scores), len(order))
    return scores


def without_prompts(turns: list[dict[str, str]]) -> list[dict[str, str]]:
    """The conversation with every turn but the assistant's emptied: what the replies cost
    when nothing asks for them."""
    return [t if t["role"] == "assistant" else {**t, "content": ""} for t in turns]


def _score(prompted: Any, alone: Any, pooled: Any) -> RecordScore:
    """One record's score from its reply tokens' losses with and without the prompt (the
    same tokens, in order; the shorter list is where truncation cut one of them)."""
    import torch

    n = min(prompted.numel(), alone.numel())
    against = prompted[:n] - alone[:n]
    contradicted = torch.topk(against, min(WORST_TOKENS, n)).values
    return RecordScore(
        loss=float(prompted.mean()),
        lift=float(-against.mean()),
        contradiction=float(contradicted.mean()),
        tokens=int(prompted.numel()),
        embedding=pooled.cpu().numpy().astype(np.float32),
    )


def _folds(train: Dataset, k: int, seed: int) -> dict[str, int]:
    """Record id -> fold: duplicate groups (as the split forms them) dealt round-robin to
    `k` folds in a seeded order, largest groups first so that folds stay even."""
    from curate.dedup.groups import Duplicates
    from curate.split.assign import seeded_order
    from curate.split.groups import build_groups

    grouping = build_groups(train.frame, Duplicates(train), "category", keep_duplicates=True)
    if len(grouping.groups) < k:
        raise DatasetError(
            train.sources[0].path,
            f"--folds {k} needs at least {k} groups of training records, and the split made "
            f"{len(grouping.groups)} (records with the same or a near input stay in one fold)",
        )
    groups = sorted(grouping.groups, key=lambda g: (-len(g.records), seeded_order(g.key, seed)))
    sizes = [0] * k
    fold_of: dict[str, int] = {}
    for group in groups:
        fold = sizes.index(min(sizes))
        sizes[fold] += len(group.records)
        fold_of.update({rid: fold for rid in group.records})
    return fold_of


def _train_fold(
    run: Path,
    fold: int,
    trained_on: str,
    settings: Any,
    max_steps: int | None,
    should_stop: Callable[[], bool],
) -> Path:
    """Train the adapter of `fold` on `trained_on` (the other folds' lines of the training
    split) in `run/folds/<fold>/` and return its adapter folder."""
    from curate.io.atomic import write_text_atomic
    from curate.trainer.train import train

    folder = run / "folds" / str(fold)
    data = folder / "splits"
    data.mkdir(parents=True, exist_ok=True)
    write_text_atomic(data / "train.jsonl", trained_on)
    single = settings.model_copy(update={"folds": 1, "signals": False})
    train(data, folder, single, max_steps=max_steps, should_stop=should_stop)
    return folder / "adapter"
