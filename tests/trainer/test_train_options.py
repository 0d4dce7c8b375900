"""`[train]` options a team coming from TRL or Axolotl expects: trackers, gradient
checkpointing, QLoRA. QLoRA needs a CUDA GPU: here its configuration path and its errors
are tested; the quantised run itself where a GPU is lent."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from curate.models import ModelError
from curate.schemas.settings import TrainSettings
from tests.trainer.test_train import write_splits

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


def tiny_settings(model: Path, **changes: object) -> TrainSettings:
    return TrainSettings(model=str(model), batch_size=4, max_seq_length=64, lora_r=4,
                         lora_alpha=8, learning_rate=1e-2, **changes)  # type: ignore[arg-type]  # fmt: skip


def test_tensorboard_gets_the_loss_besides_metrics_jsonl(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    pytest.importorskip("tensorboard")
    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    settings = tiny_settings(tiny_model_dir, report_to=["tensorboard"])
    train(splits, tmp_path / "run", settings, max_steps=2)
    events = list((tmp_path / "run").rglob("events.out.tfevents.*"))
    assert events and events[0].stat().st_size > 0
    assert (tmp_path / "run" / "metrics.jsonl").is_file()


def test_a_tracker_that_is_not_installed_is_one_clear_error(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    settings = tiny_settings(tiny_model_dir, report_to=["no-such-tracker"])
    with pytest.raises(ModelError, match="report-to 'no-such-tracker'"):
        train(splits, tmp_path / "run", settings, max_steps=1)
    assert not (tmp_path / "run").exists()


def test_gradient_checkpointing_trains_the_same_adapter(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    from safetensors.torch import load_file

    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    adapters = []
    for checkpointing in (False, True):
        settings = tiny_settings(tiny_model_dir, gradient_checkpointing=checkpointing,
                                 lora_dropout=0.0)  # fmt: skip
        result = train(splits, tmp_path / f"run-{checkpointing}", settings, max_steps=2)
        adapters.append(load_file(result.adapter / "adapter_model.safetensors"))
        config = json.loads((tmp_path / f"run-{checkpointing}" / "train_config.json").read_text())
        assert config["gradient_checkpointing"] is checkpointing
    for key, value in adapters[0].items():
        assert torch.allclose(value, adapters[1][key], atol=1e-5), key


def test_quantize_without_a_gpu_is_one_clear_error(
    tmp_path: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.trainer.train import train

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    splits = write_splits(tmp_path / "splits")
    with pytest.raises(ModelError, match="needs a CUDA GPU"):
        train(splits, tmp_path / "run", tiny_settings(tiny_model_dir, quantize="4bit"))


def test_quantize_without_bitsandbytes_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.trainer.model import quantization_config

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setitem(sys.modules, "bitsandbytes", None)  # import fails
    with pytest.raises(ModelError, match="pip install bitsandbytes"):
        quantization_config("8bit")


def test_4bit_is_qlora_as_its_paper_trains(monkeypatch: pytest.MonkeyPatch) -> None:
    """NF4 weights, double quantisation, bf16 compute; 8bit is int8; none is no config."""
    from curate.trainer.model import quantization_config

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setitem(sys.modules, "bitsandbytes", types.ModuleType("bitsandbytes"))
    assert quantization_config("none") is None
    four = quantization_config("4bit")
    assert four.load_in_4bit and four.bnb_4bit_quant_type == "nf4"
    assert four.bnb_4bit_use_double_quant and four.bnb_4bit_compute_dtype == torch.bfloat16
    eight = quantization_config("8bit")
    assert eight.load_in_8bit and not eight.load_in_4bit


def test_unknown_quantize_value_is_refused_by_the_config() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        TrainSettings.model_validate({"quantize": "2bit"})


@pytest.mark.skipif(not torch.cuda.is_available(), reason="QLoRA quantises on a CUDA GPU")
@pytest.mark.parametrize(("quantize", "layer"), [("4bit", "Linear4bit"), ("8bit", "Linear8bitLt")])
def test_quantized_training_on_a_gpu_learns_a_portable_adapter(
    tmp_path: Path,
    tiny_model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    quantize: str,
    layer: str,
) -> None:
    """The quantised run itself: the base is bitsandbytes layers, the LoRA learns, and the
    adapter loads on a full-precision base (as it would be served)."""
    pytest.importorskip("bitsandbytes")
    from peft import PeftModel
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM

    from curate.trainer import train as train_module

    loaded: list[object] = []
    real_load = train_module.load

    def recording_load(folder: Path, quantization: object = None) -> tuple[object, object]:
        model, tokenizer = real_load(folder, quantization)
        loaded.append(model)
        return model, tokenizer

    monkeypatch.setattr(train_module, "load", recording_load)
    splits = write_splits(tmp_path / "splits")
    settings = tiny_settings(tiny_model_dir, quantize=quantize, signals=False)
    result = train_module.train(splits, tmp_path / "run", settings, max_steps=3)
    assert layer in {type(m).__name__ for m in loaded[0].modules()}  # type: ignore[attr-defined]
    weights = load_file(result.adapter / "adapter_model.safetensors")
    assert any(v.abs().sum() > 0 for k, v in weights.items() if "lora_B" in k)
    config = json.loads((tmp_path / "run" / "train_config.json").read_text())
    assert ("NF4" if quantize == "4bit" else "int8") in config["precision"]
    PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model_dir), result.adapter)
