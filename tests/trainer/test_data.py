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


CHAT = {
    "messages": [
        {"role": "system", "content": "a"},
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
        {"role": "user", "content": "refund please"},
        {"role": "assistant", "content": "thanks"},
        {"role": "user", "content": "where is my order"},
        {"role": "assistant", "content": "it ships tomorrow"},
    ]
}


def trained(tokenizer: Any, row: dict[str, list[int]]) -> list[tuple[str, bool]]:
    tokens = tokenizer.convert_ids_to_tokens(row["input_ids"])
    return [(t, label != IGNORE_INDEX) for t, label in zip(tokens, row["labels"], strict=True)]


def test_every_assistant_turn_carries_the_loss_token_by_token(tiny_tokenizer: Any) -> None:
    """A 3-turn chat with a system turn: each reply and its end-of-turn marker are trained;
    the system and user turns and the template's role markers are not."""
    row, cut = encode_example(tiny_tokenizer, conversation(CHAT), max_length=128)
    assert cut == 0
    assert row["labels"] != row["input_ids"]
    S, E = "<|im_start|>", "<|im_end|>"
    expected = [
        (S, False), ("system", False), ("a", False), (E, False),
        (S, False), ("user", False), ("hi", False), (E, False),
        (S, False), ("assistant", False), ("hello", True), (E, True),
        (S, False), ("user", False), ("refund", False), ("please", False), (E, False),
        (S, False), ("assistant", False), ("thanks", True), (E, True),
        (S, False), ("user", False), ("where", False), ("is", False), ("my", False),
        ("order", False), (E, False),
        (S, False), ("assistant", False), ("it", True), ("ships", True), ("tomorrow", True),
        (E, True),
    ]  # fmt: skip
    assert trained(tiny_tokenizer, row) == expected


def test_last_assistant_trains_on_the_final_reply_only(tiny_tokenizer: Any) -> None:
    row, _ = encode_example(tiny_tokenizer, conversation(CHAT), 128, "last-assistant")
    labelled = [t for t, on in trained(tiny_tokenizer, row) if on]
    assert labelled == ["it", "ships", "tomorrow", "<|im_end|>"]


def test_a_cut_final_reply_still_trains_the_earlier_ones(tiny_tokenizer: Any) -> None:
    row, cut = encode_example(tiny_tokenizer, conversation(CHAT), max_length=24)
    assert cut == 34 - 24
    labelled = [t for t, on in trained(tiny_tokenizer, row) if on]
    assert labelled == ["hello", "<|im_end|>", "thanks", "<|im_end|>"]
    assert encode_example(tiny_tokenizer, conversation(CHAT), 24, "last-assistant") is None


def test_a_template_that_refuses_a_record_skips_it_with_the_reason(tiny_tokenizer: Any) -> None:
    """Gemma- and Mistral-style templates raise on a system turn: the record is not trained
    on, and the reason says so, instead of the whole run crashing."""
    import copy

    strict = copy.deepcopy(tiny_tokenizer)
    strict.chat_template = (
        "{% for m in messages %}{% if m['role'] == 'system' %}"
        "{{ raise_exception('System role not supported') }}{% endif %}"
        "<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    records = [{"id": "sys", **CHAT}, {"id": "plain", "input": "hi", "output": "hello"}]
    encoded = encode_records(strict, records, max_length=64)
    assert encoded.ids == ["plain"]
    assert "System role not supported" in encoded.skipped["sys"]


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
