"""LoRA training on a tiny random Llama: adapter weights change, base weights do not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curate.schemas.settings import TrainSettings

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


def write_splits(folder: Path) -> Path:
    folder.mkdir()
    rows = [
        {
            "id": f"t{i}",
            "input": "where is my order",
            "output": "it ships tomorrow",
            "category": "a",
        }
        for i in range(16)
    ]
    (folder / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / "val.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:4]))
    (folder / "manifest.json").write_text("{}")
    return folder


def test_lora_weights_change_and_base_weights_do_not(tmp_path: Path, tiny_model_dir: Path) -> None:
    from safetensors.torch import load_file

    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    settings = TrainSettings(
        model=str(tiny_model_dir),
        epochs=1,
        batch_size=4,
        learning_rate=1e-2,
        max_seq_length=64,
        lora_r=4,
        lora_alpha=8,
    )
    result = train(splits, tmp_path / "run", settings, max_steps=4)
    adapter = load_file(result.adapter / "adapter_model.safetensors")
    lora_b = [v for k, v in adapter.items() if "lora_B" in k]
    assert lora_b and any(v.abs().sum() > 0 for v in lora_b)  # B starts at zero
    assert all("lora_" in key for key in adapter)  # the adapter holds no base weight
    from peft import PeftModel

    from curate.trainer.model import load

    model, _ = load(tiny_model_dir)
    tuned = PeftModel.from_pretrained(model, str(result.adapter))
    base = load_file(tiny_model_dir / "model.safetensors")
    checked = 0
    for name, tensor in tuned.named_parameters():
        plain = name.removeprefix("base_model.model.").replace(".base_layer", "")
        if "lora_" not in name and plain in base:
            assert torch.equal(tensor.detach(), base[plain]), name
            checked += 1
    assert checked >= 10
    for name in ("train_config.json", "metrics.jsonl", "README.md", "adapter/adapter_config.json"):
        assert (tmp_path / "run" / name).is_file()
    config = json.loads((tmp_path / "run" / "train_config.json").read_text())
    assert config["split_manifest_sha256"] and config["lora_r"] == 4
    logged = [
        json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
    ]
    assert any("loss" in entry for entry in logged) and all("step" in entry for entry in logged)


def test_ctrl_c_leaves_a_usable_adapter(
    tmp_path: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transformers import Trainer

    from curate.trainer.train import train

    def interrupted(self: Any, *args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "train", interrupted)
    splits = write_splits(tmp_path / "splits")
    settings = TrainSettings(model=str(tiny_model_dir), max_seq_length=64, lora_r=4)
    with pytest.raises(KeyboardInterrupt):
        train(splits, tmp_path / "run", settings, max_steps=2)
    assert (tmp_path / "run" / "adapter-interrupted" / "adapter_model.safetensors").is_file()


def test_train_command_with_a_local_model_folder(tmp_path: Path, tiny_model_dir: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    splits = write_splits(tmp_path / "splits")
    result = CliRunner().invoke(
        app,
        [
            "train",
            str(splits),
            "--out",
            str(tmp_path / "run"),
            "--model",
            str(tiny_model_dir),
            "--max-steps",
            "2",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "adapter saved to" in result.stderr
    assert (tmp_path / "run" / "adapter" / "adapter_model.safetensors").is_file()


def test_train_command_errors_are_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    result = CliRunner().invoke(app, ["train", str(tmp_path), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"curate: error: {tmp_path}: no train.jsonl here; make one with `curate split`\n"
    )
    splits = write_splits(tmp_path / "splits")
    result = CliRunner().invoke(
        app,
        ["train", str(splits), "--out", str(tmp_path / "run"), "--model", str(tmp_path / "x.gguf")],
    )
    assert result.exit_code == 2 and "no such GGUF file" in result.stderr


def test_eval_compares_base_and_tuned_per_category(tmp_path: Path, tiny_model_dir: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app
    from curate.schemas.report import EvalReport

    splits = write_splits(tmp_path / "splits")
    rows = [
        {"id": f"x{i}", "input": "refund please", "output": "thanks", "category": c}
        for i, c in enumerate(["a", "b", "b"])
    ]
    (splits / "test.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    runner = CliRunner()
    trained = runner.invoke(
        app,
        [
            "train",
            str(splits),
            "--out",
            str(tmp_path / "run"),
            "--model",
            str(tiny_model_dir),
            "--max-steps",
            "2",
        ],
    )
    assert trained.exit_code == 0, trained.stderr
    result = runner.invoke(app, ["eval", str(tmp_path / "run")])
    assert result.exit_code == 0, result.stderr
    report = EvalReport.model_validate_json((tmp_path / "run" / "report.json").read_text())
    assert report.n == 3
    assert [(c.name, c.n, c.too_few) for c in report.categories] == [("a", 1, True), ("b", 2, True)]
    assert report.models["base"]["loss"] is not None and report.models["tuned"]["loss"] is not None
    wins = report.win_rates["tuned_vs_base"]
    assert wins.wins + wins.losses + wins.ties == 3 and 0.0 <= wins.p_value <= 1.0
    predictions = (tmp_path / "run" / report.predictions).read_text().splitlines()
    assert len(predictions) == 3
    assert set(json.loads(predictions[0])["replies"]) == {"base", "prompted", "retrieval", "tuned"}
    markdown = (tmp_path / "run" / "report.md").read_text()
    assert "| a | 1 |" in markdown and "too few to judge" in markdown
    card = (tmp_path / "run" / "README.md").read_text()
    assert card.count("## Evaluation") == 1 and "[report.md](report.md)" in card
    assert "category_scores.svg" in card


def tiny_settings(model_dir: Path) -> TrainSettings:
    return TrainSettings(
        model=str(model_dir), batch_size=4, learning_rate=1e-2, max_seq_length=64, lora_r=4
    )


def test_progress_reports_each_step_with_its_loss(tmp_path: Path, tiny_model_dir: Path) -> None:
    from curate.trainer.train import TrainProgress, train

    reports: list[TrainProgress] = []
    splits = write_splits(tmp_path / "splits")
    train(splits, tmp_path / "run", tiny_settings(tiny_model_dir), 3, on_progress=reports.append)
    steps = [r.step for r in reports]
    assert steps == sorted(steps) and {1, 2, 3} <= set(steps)
    assert all(r.max_steps == 3 for r in reports)
    assert all(r.loss is not None and r.loss > 0 for r in reports if r.step >= 1)
    assert reports[-1].eval_loss is not None  # the end-of-epoch evaluation
    assert reports[-1].eta_s == 0.0 and reports[-1].elapsed_s > 0


def test_should_stop_cancels_after_the_step_and_keeps_the_adapter(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    from curate.trainer import Cancelled
    from curate.trainer.train import TrainProgress, train

    reports: list[TrainProgress] = []
    splits = write_splits(tmp_path / "splits")
    run = tmp_path / "run"
    with pytest.raises(Cancelled):
        train(
            splits,
            run,
            tiny_settings(tiny_model_dir),
            4,
            on_progress=reports.append,
            should_stop=lambda: bool(reports) and reports[-1].step >= 1,
        )
    assert max(r.step for r in reports) == 2  # stops at the boundary after asking
    assert not (run / "adapter").exists() and not list(run.glob("checkpoints/checkpoint-*"))
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    tuned = PeftModel.from_pretrained(base, run / "adapter-interrupted")
    lora_b = [p for n, p in tuned.named_parameters() if "lora_B" in n]
    assert lora_b and any(p.abs().sum() > 0 for p in lora_b)
