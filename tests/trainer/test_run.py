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
