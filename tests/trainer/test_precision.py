"""Precision: bf16 where the hardware has it natively, CURATE_PRECISION to choose."""

from __future__ import annotations

import pytest

from curate.models import ModelError
from curate.trainer.model import PRECISION_ENV, use_bf16

pytest.importorskip("torch")


def test_the_environment_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRECISION_ENV, "float32")
    assert use_bf16() is False
    monkeypatch.setenv(PRECISION_ENV, "bfloat16")
    assert use_bf16() is True
    monkeypatch.setenv(PRECISION_ENV, "fp8")
    with pytest.raises(ModelError, match="use float32 or bfloat16"):
        use_bf16()


def test_cpu_without_native_bf16_stays_in_float32(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.delenv(PRECISION_ENV, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    for probe in ("_is_amx_tile_supported", "_is_avx512_bf16_supported"):
        monkeypatch.setattr(torch.cpu, probe, lambda: False, raising=False)
    assert use_bf16() is False
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: True, raising=False)
    assert use_bf16() is True
