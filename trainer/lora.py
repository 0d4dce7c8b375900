"""The one place a peft LoraConfig is built."""

from __future__ import annotations

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
