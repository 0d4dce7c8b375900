"""Examples to token ids with the model's chat template, loss on the output tokens only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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


def encode_example(
    tokenizer: PreTrainedTokenizerBase, turns: list[dict[str, str]], max_length: int
) -> tuple[dict[str, list[int]], int] | None:
    """input_ids, attention_mask and labels for one conversation, and how many output tokens
    were cut; None when the prompt alone fills `max_length` (nothing left to learn).

    The prompt is everything up to the final assistant turn rendered with the generation
    prompt; its tokens get label -100, so the loss is on the reply only.
    """
    prompt = _ids(tokenizer.apply_chat_template(turns[:-1], add_generation_prompt=True))
    full = _ids(tokenizer.apply_chat_template(turns, add_generation_prompt=False))
    if full[: len(prompt)] != prompt:  # templates that re-render earlier turns differently
        prompt = _common_prefix(prompt, full)
    if len(prompt) >= max_length:
        return None
    cut = max(0, len(full) - max_length)
    ids = full[:max_length]
    labels = [IGNORE_INDEX] * len(prompt) + ids[len(prompt) :]
    return {"input_ids": ids, "attention_mask": [1] * len(ids), "labels": labels}, cut


def encode_records(
    tokenizer: PreTrainedTokenizerBase, records: list[dict[str, Any]], max_length: int
) -> Encoded:
    """Encode many records, reporting those truncated and those not trainable at all."""
    encoded = Encoded()
    for record in records:
        result = encode_example(tokenizer, conversation(record), max_length)
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
