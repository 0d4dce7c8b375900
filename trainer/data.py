"""Examples to token ids with the model's chat template, loss on the output tokens only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

IGNORE_INDEX = -100
"""Label of tokens the loss skips: the prompt, the template, the padding."""


@dataclass
class Encoded:
    """Token ids and labels of the examples that can be trained on, and those that cannot."""

    rows: list[dict[str, list[int]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    """Ids whose output was cut short by the sequence length (still trained on)."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Id -> why it is not trained on (its output would be truncated away entirely)."""


def conversation(record: dict[str, Any]) -> list[dict[str, str]]:
    """The record as chat turns: its own `messages`, or one user and one assistant turn."""
    messages = record.get("messages")
    if messages:
        return [{"role": m["role"], "content": m["content"]} for m in messages]
    return [
        {"role": "user", "content": record["input"]},
        {"role": "assistant", "content": record["output"]},
    ]


TrainOn = Literal["all-assistant", "last-assistant"]


def encode_example(
    tokenizer: PreTrainedTokenizerBase,
    turns: list[dict[str, str]],
    max_length: int,
    train_on: TrainOn = "all-assistant",
) -> tuple[dict[str, list[int]], int] | None:
    """input_ids, attention_mask and labels for one conversation, and how many tokens were
    cut; None when no trained token fits in `max_length` (nothing left to learn).

    Every assistant turn carries the loss (`train_on="all-assistant"`, as TRL's
    `assistant_only_loss`, Axolotl and LLaMA-Factory train), or only the final one
    (`"last-assistant"`); system, user and template tokens get label -100. A turn's span
    is found by rendering the conversation up to it: the tokens the template adds for the
    turn itself (its text and end-of-turn marker) past the generation prompt before it.
    """
    full = _ids(tokenizer.apply_chat_template(turns, add_generation_prompt=False))
    labels = [IGNORE_INDEX] * len(full)
    for start, end in assistant_spans(tokenizer, turns, full, train_on):
        labels[start:end] = full[start:end]
    kept = labels[:max_length]
    if all(label == IGNORE_INDEX for label in kept):
        return None
    cut = max(0, len(full) - max_length)
    ids = full[:max_length]
    return {"input_ids": ids, "attention_mask": [1] * len(ids), "labels": kept}, cut


def assistant_spans(
    tokenizer: PreTrainedTokenizerBase,
    turns: list[dict[str, str]],
    full: list[int],
    train_on: TrainOn = "all-assistant",
) -> list[tuple[int, int]]:
    """Token ranges [start, end) of `full` (the whole conversation rendered) that the loss
    is on: each assistant turn's reply, or the last one's only.

    Templates that re-render earlier turns differently once later ones follow (some drop
    the reasoning of earlier replies) are handled by taking the part the renders share.
    """
    positions = [i for i, turn in enumerate(turns) if turn["role"] == "assistant"]
    if train_on == "last-assistant":
        positions = positions[-1:]
    spans = []
    for i in positions:
        before = (
            _ids(tokenizer.apply_chat_template(turns[:i], add_generation_prompt=True)) if i else []
        )
        through = _ids(tokenizer.apply_chat_template(turns[: i + 1], add_generation_prompt=False))
        start = len(_common_prefix(before, full))
        end = len(_common_prefix(through, full))
        if end > start:
            spans.append((start, end))
    return spans


def encode_records(
    tokenizer: PreTrainedTokenizerBase,
    records: list[dict[str, Any]],
    max_length: int,
    train_on: TrainOn = "all-assistant",
) -> Encoded:
    """Encode many records, reporting those truncated and those not trainable at all."""
    from jinja2 import TemplateError

    encoded = Encoded()
    for record in records:
        try:
            result = encode_example(tokenizer, conversation(record), max_length, train_on)
        except TemplateError as exc:  # a template that raises (e.g. no system turn allowed)
            encoded.skipped[record["id"]] = f"the chat template refuses it: {exc}"
            continue
        if result is None:
            encoded.skipped[record["id"]] = (
                f"the prompt fills the {max_length}-token sequence: the output is truncated away"
            )
            continue
        row, cut = result
        encoded.rows.append(row)
        encoded.ids.append(record["id"])
        if cut:
            encoded.truncated.append(record["id"])
    return encoded


def _ids(rendered: Any) -> list[int]:
    """apply_chat_template returns a list, or a BatchEncoding in newer transformers."""
    if hasattr(rendered, "keys") and "input_ids" in rendered:
        rendered = rendered["input_ids"]
    return list(rendered)


def _common_prefix(a: list[int], b: list[int]) -> list[int]:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
