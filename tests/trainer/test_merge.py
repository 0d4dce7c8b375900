"""`curate export RUN --merged --out DIR`: base and adapter folded into one safetensors
model that loads with plain transformers and answers as base+adapter does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from tests.trainer.test_train import write_splits
from tests.trainer.test_train_options import tiny_settings

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    from curate.trainer.train import train

    root = tmp_path_factory.mktemp("merge")
    splits = write_splits(root / "splits")
    train(splits, root / "run", tiny_settings(tiny_model_dir), max_steps=3)
    return root / "run"


def test_the_merged_model_answers_as_base_plus_adapter(trained_run: Path, tmp_path: Path) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    from curate.trainer.model import load

    out = tmp_path / "merged"
    result = CliRunner().invoke(app, ["export", str(trained_run), "--merged", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "model.safetensors").is_file() and (out / "tokenizer.json").is_file()
    assert not list(out.glob("adapter_*"))
    assert "base_model_relation: merge" in (out / "README.md").read_text()
    merged = AutoModelForCausalLM.from_pretrained(str(out), use_safetensors=True)
    config = json.loads((trained_run / "train_config.json").read_text())
    base, _ = load(Path(config["resolved_model"]))
    tuned = PeftModel.from_pretrained(base, str(trained_run / "adapter"))
    ids = torch.tensor([[2, 4, 8, 9, 10, 11, 3]])
    with torch.inference_mode():
        assert torch.allclose(merged(input_ids=ids).logits, tuned(input_ids=ids).logits, atol=1e-4)


def test_merged_export_never_writes_into_a_folder_with_things_in_it(
    trained_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = CliRunner().invoke(app, ["export", str(trained_run), "--merged", "--out", str(out)])
    assert result.exit_code == 2
    assert "not an empty folder" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_merged_export_of_a_folder_that_is_no_run_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--merged", "--out", "x"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not a run folder" in result.stderr
