"""`curate run`: errors stop it; --fix sets error records aside and runs to a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from tests.conftest import SAMPLES

pytest.importorskip("peft")


def test_error_findings_stop_the_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["run", str(SAMPLES / "support_tickets.jsonl"), "--out", str(tmp_path / "run")]
    )
    assert result.exit_code == 1
    assert "error findings stop the run" in result.stderr
    assert not (tmp_path / "run" / "adapter").exists()


def test_fix_sets_error_records_aside_and_reports(tmp_path: Path, tiny_model_dir: Path) -> None:
    config = tmp_path / "curate.toml"
    # The tiny test model takes 64 positions; the sample's prompts are longer, which the
    # LEN rules would (rightly) call errors, so they are ignored here.
    config.write_text(
        '[lint]\nignore = ["LEN004", "LEN005"]\n[train]\nmax-seq-length = 64\nbatch-size = 4\n'
    )
    result = CliRunner().invoke(
        app,
        [
            "run",
            str(SAMPLES / "support_tickets.jsonl"),
            "--out",
            str(tmp_path / "run"),
            "--fix",
            "--model",
            str(tiny_model_dir),
            "--max-steps",
            "2",
            "--limit",
            "3",
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.stderr
    set_aside = {
        line.split()[2].rstrip(":"): line
        for line in result.stderr.splitlines()
        if line.startswith("set aside")
    }
    # The planted errors: a secret, an empty reply, a conflicting pair, three exact copies.
    assert {"T-00098", "T-00266", "T-00238", "T-00442", "T-00217", "T-00308", "T-00488"} <= set(
        set_aside
    )
    assert "LEAK005" in set_aside["T-00098"] and "DUP003" in set_aside["T-00442"]
    assert "T-00042" not in set_aside  # the kept copy of an exact duplicate group
    clean = (tmp_path / "run" / "data" / "support_tickets.jsonl").read_text()
    assert "sk_live_" not in clean
    assert "ROUGE-L" in result.stdout and "Verdict (" in result.stdout
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert report["n"] == 3


def test_ablate_trains_raw_alongside_and_compares(tmp_path: Path, tiny_model_dir: Path) -> None:
    config = tmp_path / "curate.toml"
    config.write_text(
        '[lint]\nignore = ["LEN004", "LEN005"]\n[train]\nmax-seq-length = 64\nbatch-size = 4\n'
        "[eval]\nresamples = 1000\n"
    )
    out = tmp_path / "run"
    command = ["run", str(SAMPLES / "support_tickets.jsonl"), "--out", str(out), "--fix"]
    command += ["--ablate", "--model", str(tiny_model_dir), "--max-steps", "1", "--limit", "4"]
    result = CliRunner().invoke(app, [*command, "--config", str(config)])
    assert result.exit_code == 0, result.stderr
    ablation = json.loads((out / "ablation.json").read_text())
    assert set(ablation) >= {"raw", "curated", "deltas", "verdict", "memorised", "categories"}
    assert ablation["n"] == 4 and ablation["verdict"].startswith("Curated ")
    low, high = ablation["deltas"]["rouge_l"]["ci95"]
    assert low <= ablation["deltas"]["rouge_l"]["delta"] <= high
    # The planted secret was set aside; the check asks both adapters for it.
    secret = [m for m in ablation["memorised"] if m["id"] == "T-00098"]
    assert secret and secret[0]["kind"] and {"raw", "curated"} <= set(secret[0])
    # Raw trains on everything but val/test (and their copies): set-aside records included.
    raw_train = (out / "ablation" / "raw" / "splits" / "train.jsonl").read_text()
    curated_train = (out / "splits" / "train.jsonl").read_text()
    assert '"T-00098"' in raw_train and '"T-00098"' not in curated_train
    test_ids = {json.loads(line)["id"] for line in (out / "splits" / "test.jsonl").open()}
    raw_ids = {json.loads(line)["id"] for line in raw_train.splitlines()}
    assert not test_ids & raw_ids
    assert "## Ablation: did curation help?" in (out / "report.md").read_text()
    assert "Ablation: Curated" in result.stdout


def test_shuffled_outputs_never_claim_a_win_over_retrieval(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    """Replies shuffled across inputs: nothing can be learnt, so the verdict must not say the
    tuned model beats retrieval (or anything else)."""
    import random

    records = [json.loads(line) for line in (SAMPLES / "support_tickets.jsonl").open()][:200]
    outputs = [r["output"] for r in records]
    random.Random(3).shuffle(outputs)
    data = tmp_path / "shuffled.jsonl"
    data.write_text(
        "".join(
            json.dumps({**r, "output": o}) + "\n" for r, o in zip(records, outputs, strict=True)
        )
    )
    config = tmp_path / "curate.toml"
    config.write_text(
        '[lint]\nignore = ["LEN004", "LEN005"]\n[train]\nmax-seq-length = 64\nbatch-size = 4\n'
    )
    command = ["run", str(data), "--out", str(tmp_path / "run"), "--fix", "--max-steps", "2"]
    command += ["--model", str(tiny_model_dir), "--config", str(config)]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert "retrieval" not in report["verdict"]["tuned_beats"]
    assert report["verdict"]["advice"] != "fine-tuning-pays"
