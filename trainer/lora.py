"""The one place a peft LoraConfig is built."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from curate.schemas.settings import TrainSettings


def build_lora_config(settings: TrainSettings) -> Any:
    """LoRA on every linear projection by default (r=16, alpha=32, dropout 0.05)."""
    from peft import LoraConfig, TaskType

    return LoraConfig(
        r=settings.lora_r,
        lora_alpha=settings.lora_alpha,
        lora_dropout=settings.lora_dropout,
        target_modules=settings.target_modules,
        task_type=TaskType.CAUSAL_LM,
        bias="none",
    )


@contextmanager
def quiet_peft() -> Iterator[None]:
    """peft asks transformers' deprecated `is_gradient_checkpointing` when it wraps a model;
    that FutureWarning says nothing to a user, so it is hidden."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", ".*is_gradient_checkpointing", FutureWarning)
        yield
