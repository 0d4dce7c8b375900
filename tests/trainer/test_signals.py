"""Model signals on a tiny random Llama: the reply training cannot learn ranks first, MOD001
names it, and out-of-fold scoring scores every record with an adapter that never saw it."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.schemas.settings import TrainSettings
from curate.signals import SIGNALS

pytest.importorskip("torch")
pytest.importorskip("peft")

REPLIES = ["it ships tomorrow", "thanks it ships tomorrow", "hi it ships tomorrow"]
INPUTS = ["where is my order", "hello please where is the order", "my order thanks", "hi a order"]
ODD = "refund please the a hello hi"


def write_data(folder: Path) -> tuple[Path, list[dict[str, str]]]:
    """24 records that all say the same kind of thing, and one whose reply does not."""
    folder.mkdir()
    rows = [
        {"id": f"t{i}", "input": INPUTS[i % 4], "output": REPLIES[i % 3], "category": "a"}
        for i in range(24)
    ]
    rows[7]["output"] = ODD
    (folder / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:20]))
    (folder / "val.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[20:]))
    (folder / "manifest.json").write_text("{}")
    return folder, rows


def settings(model: Path, folds: int = 1) -> TrainSettings:
    return TrainSettings(
        model=str(model),
        batch_size=4,
        learning_rate=2e-2,
        max_seq_length=64,
        lora_r=4,
        lora_alpha=8,
        folds=folds,
    )


def test_the_reply_training_cannot_learn_ranks_first(tmp_path: Path, tiny_model_dir: Path) -> None:
    from curate.trainer.signals import write_run_signals
    from curate.trainer.train import train

    splits, rows = write_data(tmp_path / "splits")
    run = tmp_path / "run"
    train(splits, run, settings(tiny_model_dir), max_steps=30)
    path = write_run_signals(run, settings(tiny_model_dir))
    frame = pl.read_parquet(path)
    assert sorted(frame.get_column("id")) == sorted(r["id"] for r in rows)
    assert frame.get_column("id")[0] == "t7"
    assert frame.filter(pl.col("split") == "val").get_column("held_out").all()
    assert not frame.filter(pl.col("split") == "train").get_column("held_out").any()
    # lint of the splits with the run names it, as the strongest of its findings
    result = CliRunner().invoke(
        app,
        ["lint", str(splits), "--run", str(run), "--select", "MOD001", "--output-format", "json"],
    )
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["findings"]
    strongest = max(found, key=lambda f: f["detail"]["strength"])
    assert strongest["records"] == ["t7"]


def test_out_of_fold_signals_come_from_adapters_that_never_saw_the_record(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    from curate.trainer.signals import write_run_signals
    from curate.trainer.train import train

    splits, _ = write_data(tmp_path / "splits")
    run = tmp_path / "run"
    train(splits, run, settings(tiny_model_dir), max_steps=2)
    write_run_signals(run, settings(tiny_model_dir, folds=2), max_steps=2)
    frame = pl.read_parquet(run / SIGNALS)
    train_rows = frame.filter(pl.col("split") == "train")
    assert train_rows.get_column("held_out").all()
    assert set(train_rows.get_column("fold")) == {0, 1}
    assert frame.filter(pl.col("split") == "val").get_column("fold").is_null().all()
    for fold in (0, 1):
        trained_on = {
            json.loads(line)["id"]
            for line in (run / "folds" / str(fold) / "splits" / "train.jsonl").open()
        }
        scored = set(train_rows.filter(pl.col("fold") == fold).get_column("id"))
        assert scored and not scored & trained_on
        assert (run / "folds" / str(fold) / "adapter" / "adapter_config.json").is_file()


def test_curate_signals_scores_an_existing_run(tmp_path: Path, tiny_model_dir: Path) -> None:
    from curate.trainer.train import train

    splits, _ = write_data(tmp_path / "splits")
    run = tmp_path / "run"
    train(splits, run, settings(tiny_model_dir), max_steps=1)
    assert not (run / SIGNALS).exists()
    result = CliRunner().invoke(app, ["signals", str(run)])
    assert result.exit_code == 0, result.stderr
    assert pl.read_parquet(run / SIGNALS).height == 24
    missing = CliRunner().invoke(app, ["signals", str(tmp_path)])
    assert missing.exit_code == 2
    assert "no train_config.json here" in missing.stderr


def test_out_of_fold_needs_as_many_groups_as_folds(tmp_path: Path, tiny_model_dir: Path) -> None:
    from curate.trainer.train import train

    splits, rows = write_data(tmp_path / "splits")
    same = [{**r, "input": "where is my order"} for r in rows[:20]]
    (splits / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in same))
    run = tmp_path / "run"
    train(splits, run, settings(tiny_model_dir), max_steps=1)
    result = CliRunner().invoke(app, ["signals", str(run), "--folds", "2"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"curate: error: {splits / 'train.jsonl'}: --folds 2 needs at least 2 groups of "
        "training records, and the split made 1 (records with the same or a near input "
        "stay in one fold)"
    ]
