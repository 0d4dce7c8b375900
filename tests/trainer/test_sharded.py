"""Sharded training through `accelerate launch --config_file samples/accelerate/fsdp.yaml`.

accelerate runs FSDP on GPUs only. On a CPU the same command trains with plain data
parallelism, and curate says so rather than letting the user believe the model was sharded;
on a CUDA machine (the `device` GPU where one is lent) the run is sharded and the adapter is
gathered whole before it is saved.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curate.trainer.train import _parallelism_notes
from tests.trainer.test_train import write_splits

torch = pytest.importorskip("torch")
pytest.importorskip("peft")
pytest.importorskip("accelerate")

FSDP_CONFIG = Path(__file__).resolve().parents[2] / "samples" / "accelerate" / "fsdp.yaml"


def launch(
    tmp_path: Path, model: Path, processes: int
) -> tuple[subprocess.CompletedProcess[str], Path]:
    splits, run = write_splits(tmp_path / "splits"), tmp_path / "run"
    command = [
        *(sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(FSDP_CONFIG)),
        *("--num_processes", str(processes), "-m", "curate", "train", str(splits)),
        *("--out", str(run), "--model", str(model), "--max-steps", "2", "--no-signals"),
    ]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done, run


def assert_whole_learnt_adapter(run: Path, model: Path) -> None:
    """The saved adapter loads with peft, every LoRA matrix has its full shape (not one
    process's shard), and B (which starts at zero) has learnt."""
    from peft import PeftModel
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForCausalLM

    hidden = AutoConfig.from_pretrained(model).hidden_size
    weights = load_file(run / "adapter" / "adapter_model.safetensors")
    q_a = next(v for k, v in weights.items() if "q_proj.lora_A" in k)
    assert tuple(q_a.shape) == (16, hidden)  # r x in_features, whole
    assert any(v.abs().sum() > 0 for k, v in weights.items() if "lora_B" in k)
    PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(model), run / "adapter")


@pytest.mark.skipif(torch.cuda.is_available(), reason="on a GPU the run is sharded: next test")
def test_fsdp_config_on_cpu_trains_data_parallel_and_says_so(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    if not torch.distributed.is_gloo_available():
        pytest.skip("torch built without the gloo backend")
    done, run = launch(tmp_path, tiny_model_dir, processes=2)
    config = json.loads((run / "train_config.json").read_text())
    assert config["parallelism"] == {"type": "MULTI_CPU", "processes": 2}
    assert done.stderr.count("note: accelerate was asked for FSDP, which it runs on GPUs") == 1
    assert_whole_learnt_adapter(run, tiny_model_dir)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="FSDP needs a CUDA GPU")
def test_fsdp_config_on_a_gpu_shards_and_saves_the_whole_adapter(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    done, run = launch(tmp_path, tiny_model_dir, processes=torch.cuda.device_count())
    config = json.loads((run / "train_config.json").read_text())
    assert config["parallelism"] == {"type": "FSDP", "processes": torch.cuda.device_count()}
    assert "note: accelerate was asked" not in done.stderr
    assert_whole_learnt_adapter(run, tiny_model_dir)


def test_a_plain_run_has_nothing_to_say(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACCELERATE_USE_FSDP", raising=False)
    monkeypatch.delenv("ACCELERATE_USE_DEEPSPEED", raising=False)
    assert _parallelism_notes({"type": "NO", "processes": 1}) == []


def test_deepspeed_asked_for_but_not_used_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCELERATE_USE_DEEPSPEED", "true")
    monkeypatch.delenv("ACCELERATE_USE_FSDP", raising=False)
    (note,) = _parallelism_notes({"type": "MULTI_CPU", "processes": 4})
    assert note.startswith("accelerate was asked for DEEPSPEED")
    assert "MULTI_CPU with 4 process(es)" in note
