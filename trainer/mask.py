"""`curate train SPLITS --show-mask N`: one training record as the model sees it, with the
tokens that carry the loss marked (as Axolotl's `preprocess --debug` shows them), so a user
can check what is trained before paying for a run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from curate.io import DatasetError
from curate.schemas.settings import TrainSettings
from curate.terminal import plain_lines
from curate.trainer.data import IGNORE_INDEX, conversation, encode_example

OPEN, CLOSE = "⟦", "⟧"
"""Around each trained span, so the marking survives a pipe or a log without colour."""


def mask_view(splits: Path, settings: TrainSettings, number: int) -> Text:
    """Record `number` (1-based, in `train.jsonl` order) rendered with the model's chat
    template: trained spans in bold green between ⟦ ⟧, everything else dim; then a count."""
    from transformers import AutoTokenizer

    from curate.trainer.model import resolve_model
    from curate.trainer.train import records_of

    path = splits / "train.jsonl"
    records = records_of(path)
    if not 1 <= number <= len(records):
        raise DatasetError(str(path), f"--show-mask {number}: the split has {len(records)} records")
    record = records[number - 1]
    tokenizer = AutoTokenizer.from_pretrained(str(resolve_model(settings.model)))
    encoded = encode_example(
        tokenizer, conversation(record), settings.max_seq_length, settings.train_on
    )
    header = Text(f"record {number} (id ", style="bold")
    header.append(plain_lines(str(record["id"])))
    header.append(f"), train-on {settings.train_on}, max {settings.max_seq_length} tokens\n")
    if encoded is None:
        return header + Text("not trained on: no trained token fits in the sequence length\n")
    row, cut = encoded
    return header + marked(tokenizer, row["input_ids"], row["labels"]) + summary(row, cut)


def marked(tokenizer: Any, ids: list[int], labels: list[int]) -> Text:
    """The tokens decoded in runs of the same state: trained runs marked, others dim."""
    text = Text()
    start = 0
    for end in range(1, len(ids) + 1):
        if end < len(ids) and (labels[end] == IGNORE_INDEX) == (labels[start] == IGNORE_INDEX):
            continue
        piece = plain_lines(tokenizer.decode(ids[start:end]))
        if labels[start] == IGNORE_INDEX:
            text.append(piece, style="dim")
        else:
            text.append(OPEN, style="green")
            text.append(piece, style="bold green")
            text.append(CLOSE, style="green")
        start = end
    return text


def summary(row: dict[str, list[int]], cut: int) -> Text:
    trained = sum(label != IGNORE_INDEX for label in row["labels"])
    line = f"\n{trained} of {len(row['input_ids'])} tokens carry the loss"
    return Text(line + (f"; {cut} tokens cut by the sequence length\n" if cut else "\n"))
