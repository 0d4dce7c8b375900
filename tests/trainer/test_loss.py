"""The loss from trained positions only is the model's own loss, gradients included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


def batch(tokenizer: Any) -> dict[str, Any]:
    from transformers import DataCollatorForSeq2Seq

    from curate.trainer.data import conversation, encode_example

    records = [
        {"input": "where is my order", "output": "it ships tomorrow"},
        {"input": "hi", "output": "hello the order ships tomorrow please"},
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "a"},
                      {"role": "user", "content": "refund"},
                      {"role": "assistant", "content": "thanks"}]},
    ]  # fmt: skip
    rows = [encode_example(tokenizer, conversation(r), 64)[0] for r in records]  # type: ignore[index]
    collate = DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100)
    return dict(collate(rows))


def lora_model(folder: Path) -> Any:
    from peft import get_peft_model

    from curate.schemas.settings import TrainSettings
    from curate.trainer.lora import build_lora_config
    from curate.trainer.model import load

    model, _ = load(folder)
    torch.manual_seed(0)
    model = get_peft_model(model, build_lora_config(TrainSettings(lora_r=4, lora_dropout=0.0)))
    for name, weight in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(weight, std=0.1)  # B starts at zero: make the LoRA path count
    return model


@pytest.mark.parametrize("count", [None, 9])
def test_the_reply_only_loss_is_the_models_loss(
    tiny_model_dir: Path, tiny_tokenizer: Any, count: int | None
) -> None:
    from curate.trainer.loss import ReplyLossTrainer

    model = lora_model(tiny_model_dir)
    inputs = batch(tiny_tokenizer)
    extra = {} if count is None else {"num_items_in_batch": torch.tensor(count)}
    expected = model(**inputs, **extra).loss
    expected.backward()
    expected_grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
    model.zero_grad()
    from types import SimpleNamespace

    one_process = SimpleNamespace(
        args=SimpleNamespace(n_gpu=1, average_tokens_across_devices=False),
        model_accepts_loss_kwargs=True,
    )
    loss, outputs = ReplyLossTrainer.compute_loss(
        one_process,  # type: ignore[arg-type]
        model,
        inputs,
        return_outputs=True,
        num_items_in_batch=None if count is None else torch.tensor(count),
    )
    loss.backward()
    assert torch.allclose(loss, expected, atol=1e-5)
    trained = int((inputs["labels"][:, 1:] != -100).sum())
    assert outputs.logits.shape[:2] == (1, trained)  # one row per trained token, no more
    assert trained < inputs["labels"].numel() / 2
    for name, grad in expected_grads.items():
        param = dict(model.named_parameters())[name]
        assert torch.allclose(param.grad, grad, atol=1e-5), name
