"""Generation and scoring with a causal LM: greedy replies in length-sorted batches, and the
loss of reference replies. Used by `evaluate` for the base, prompted and tuned models alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from curate.trainer.cancel import Cancelled
from curate.trainer.data import IGNORE_INDEX, conversation, encode_example


def _device() -> Any:
    import torch

    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Ticker:
    """Counts generated replies for `on_progress`, and raises `Cancelled` on request."""

    def __init__(
        self,
        total: int,
        on_progress: Callable[[int, int], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.total, self.done = total, 0
        self.on_progress, self.should_stop = on_progress, should_stop

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Cancelled(f"evaluation stopped on request after {self.done} of {self.total}")

    def advance(self, replies: int) -> None:
        self.done += replies
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def generate_replies(
    model: Any,
    tokenizer: Any,
    conversations: list[list[dict[str, str]]],
    budget: int,
    batch_size: int,
    ticker: Ticker | None = None,
) -> list[str]:
    """Greedy replies to each conversation (its turns up to the reply), in order.

    Every reply may take `budget` new tokens: one budget for all, fixed before looking at any
    reference (`reply_budget`). Prompts are batched by length, so that a batch pads little.
    """
    ticker = ticker or Ticker(len(conversations), None, None)
    if not conversations:
        return []  # a tokenizer fails on an empty batch
    prompts = [
        tokenizer.apply_chat_template(turns, add_generation_prompt=True, tokenize=False)
        for turns in conversations
    ]
    sizes = [len(ids) for ids in tokenizer(prompts, add_special_tokens=False)["input_ids"]]
    order = sorted(range(len(prompts)), key=lambda i: sizes[i])
    replies = [""] * len(prompts)
    for start in range(0, len(order), batch_size):
        ticker.check()
        chunk = order[start : start + batch_size]
        texts = _generate_batch(model, tokenizer, [prompts[i] for i in chunk], budget)
        for i, text in zip(chunk, texts, strict=True):
            replies[i] = text
        ticker.advance(len(chunk))
    return replies


def reply_budget(tokenizer: Any, train_outputs: list[str], percentile: float, cap: int) -> int:
    """max_new_tokens for every reply: the `percentile` of the training replies' token
    counts (plus 8), at most `cap`. It comes from training data only, never from the
    reference being scored, so the label does not leak into generation."""
    if not train_outputs:
        return cap
    counts = sorted(
        len(ids) for ids in tokenizer(train_outputs, add_special_tokens=False)["input_ids"]
    )
    index = min(len(counts) - 1, math.ceil(percentile / 100 * len(counts)) - 1)
    return max(1, min(cap, counts[max(index, 0)] + 8))


def _generate_batch(model: Any, tokenizer: Any, prompts: list[str], budget: int) -> list[str]:
    """Greedy replies; a finished reply stops at its end-of-turn token."""
    inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    inputs = inputs.to(model.device)
    output = model.generate(
        **inputs,
        max_new_tokens=budget,
        do_sample=False,
        use_cache=True,
        pad_token_id=tokenizer.pad_token_id,
    )
    new = output[:, inputs["input_ids"].shape[1] :]
    return [text.strip() for text in tokenizer.batch_decode(new, skip_special_tokens=True)]


def reference_losses(
    model: Any,
    tokenizer: Any,
    records: list[dict[str, Any]],
    max_length: int,
    ticker: Ticker | None = None,
    batch_size: int = 8,
) -> list[float | None]:
    """Mean cross-entropy of each reference reply's tokens (None when it cannot be
    encoded), computed in length-sorted, right-padded batches."""
    ticker = ticker or Ticker(len(records), None, None)
    rows: dict[int, dict[str, list[int]]] = {}
    for i, record in enumerate(records):
        encoded = encode_example(tokenizer, conversation(record), max_length, "last-assistant")
        if encoded is not None and any(label != IGNORE_INDEX for label in encoded[0]["labels"]):
            rows[i] = encoded[0]
    order = sorted(rows, key=lambda i: len(rows[i]["input_ids"]))
    losses: list[float | None] = [None] * len(records)
    for start in range(0, len(order), batch_size):
        ticker.check()
        chunk = order[start : start + batch_size]
        batch_losses = _batch_losses(model, [rows[i] for i in chunk], tokenizer.pad_token_id)
        for i, loss in zip(chunk, batch_losses, strict=True):
            losses[i] = loss
    return losses


def _batch_losses(model: Any, rows: list[dict[str, list[int]]], pad_id: int) -> list[float]:
    return [float(losses.mean()) for losses in token_losses(model, rows, pad_id, False)[0]]


def token_losses(
    model: Any, rows: list[dict[str, list[int]]], pad_id: int, pool: bool
) -> tuple[list[Any], list[Any]]:
    """Per row, the losses of its trained tokens; with `pool`, also the mean of the final
    hidden states over its tokens (the record's representation). Logits are made for the
    trained positions only, as training makes them (`reply_logits`): the output layer is
    most of the cost of a small model's forward pass."""
    import torch
    import torch.nn.functional as F

    from curate.trainer.loss import output_layer, reply_logits

    longest = max(len(row["input_ids"]) for row in rows)

    def padded(key: str, value: int) -> Any:
        values = [row[key] + [value] * (longest - len(row[key])) for row in rows]
        return torch.tensor(values, device=model.device)

    ids, mask = padded("input_ids", pad_id), padded("attention_mask", 0)
    targets = padded("labels", IGNORE_INDEX)[:, 1:]
    trained = targets != IGNORE_INDEX
    final: list[Any] = []

    def keep(_module: Any, args: tuple[Any, ...]) -> None:
        final.append(args[0])

    handle = output_layer(model).register_forward_pre_hook(keep) if pool else None
    try:
        output = reply_logits(model, {"input_ids": ids, "attention_mask": mask}, trained)
    finally:
        if handle is not None:
            handle.remove()
    flat = F.cross_entropy(output.logits[0].float(), targets[trained], reduction="none")
    losses = list(torch.split(flat, trained.sum(dim=1).tolist()))
    pooled: list[Any] = []
    if pool:
        weights = mask.unsqueeze(-1).float()
        means = (final[0].float() * weights).sum(dim=1) / weights.sum(dim=1)
        pooled = [means[i] for i in range(len(rows))]
    return losses, pooled
