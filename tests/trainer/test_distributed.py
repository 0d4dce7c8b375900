"""Two CPU processes under torchrun (gloo): one adapter, written once, that has learnt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trainer.test_train import write_splits

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


def test_torchrun_two_processes_train_one_adapter(tmp_path: Path, tiny_model_dir: Path) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    if not torch.distributed.is_gloo_available():
        pytest.skip("torch built without the gloo backend")
    splits, run = write_splits(tmp_path / "splits"), tmp_path / "run"
    command = [
        *(sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"),
        *("-m", "curate.cli", "train", str(splits), "--out", str(run)),
        *("--model", str(tiny_model_dir), "--max-steps", "2"),
    ]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # Only the main process reports and writes: one summary line, each step logged once.
    assert done.stderr.count("adapter saved to") == 1
    logged = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [entry["step"] for entry in logged if "loss" in entry] == [1, 2]
    assert json.loads((run / "train_config.json").read_text())["lora_r"] == 16
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    tuned = PeftModel.from_pretrained(base, run / "adapter")
    lora_b = [p for name, p in tuned.named_parameters() if "lora_B" in name]
    assert lora_b and any(p.abs().sum() > 0 for p in lora_b)  # B starts at zero
