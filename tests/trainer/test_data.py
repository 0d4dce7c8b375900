"""Tokenisation with the chat template and loss masking."""

from __future__ import annotations

from typing import Any

from curate.trainer.data import IGNORE_INDEX, conversation, encode_example, encode_records


def test_prompt_tokens_carry_label_minus_100(tiny_tokenizer: Any) -> None:
    turns = conversation({"input": "where is my order", "output": "it ships tomorrow"})
    row, cut = encode_example(tiny_tokenizer, turns, max_length=64)
    assert cut == 0
    tokens = tiny_tokenizer.convert_ids_to_tokens(row["input_ids"])
    labelled = [t for t, label in zip(tokens, row["labels"], strict=True) if label != IGNORE_INDEX]
    assert labelled == ["it", "ships", "tomorrow", "<|im_end|>"]
    first = row["labels"].index(next(lb for lb in row["labels"] if lb != IGNORE_INDEX))
    assert tokens[:first][-2:] == ["<|im_start|>", "assistant"]
    assert len(row["input_ids"]) == len(row["labels"]) == len(row["attention_mask"])


def test_multi_turn_trains_on_the_final_reply_only(tiny_tokenizer: Any) -> None:
    record = {
        "messages": [
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "hello"},
            {"role": "user", "content": "refund please"},
            {"role": "assistant", "content": "thanks"},
        ]
    }
    row, _ = encode_example(tiny_tokenizer, conversation(record), max_length=64)
    tokens = tiny_tokenizer.convert_ids_to_tokens(row["input_ids"])
    labelled = [t for t, label in zip(tokens, row["labels"], strict=True) if label != IGNORE_INDEX]
    assert labelled == ["thanks", "<|im_end|>"]


def test_truncated_and_truncated_away_outputs_are_reported(tiny_tokenizer: Any) -> None:
    records = [
        {"id": "ok", "input": "hi", "output": "hello"},
        {"id": "cut", "input": "hi", "output": "the " * 20},
        {"id": "gone", "input": "the " * 40, "output": "hello"},
    ]
    encoded = encode_records(tiny_tokenizer, records, max_length=16)
    assert encoded.ids == ["ok", "cut"]
    assert encoded.truncated == ["cut"]
    assert list(encoded.skipped) == ["gone"]
    assert "truncated away" in encoded.skipped["gone"]
    assert all(len(row["input_ids"]) <= 16 for row in encoded.rows)
