"""The pre-commit hook, run by pre-commit itself on a throwaway git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "curate-lint",
            "--verbose",
            "--files",
            *files,
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_on_a_bad_dataset_and_passes_on_a_good_one(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo, home = tmp_path / "repo", tmp_path / "pre-commit-home"
    repo.mkdir()
    _git(repo, "init", "-q")
    bad = [json.loads(line) for line in (SAMPLES / "support_tickets.jsonl").open()]
    (repo / "bad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in bad))
    good = [r for r in bad[:300] if r["output"]]
    seen, unique = set(), []
    for record in good:  # the first 300 tickets minus the planted problems
        if (
            record["input"] not in seen
            and "sk_live" not in record["output"]
            and "@" not in record["output"]
        ):
            seen.add(record["input"])
            unique.append(record)
    (repo / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in unique))
    _git(repo, "add", ".")

    failed = _try_repo(repo, home, "bad.jsonl")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "DUP001" in failed.stdout and "LEAK005" in failed.stdout

    passed = _try_repo(repo, home, "good.jsonl")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_hook_install_resolves_to_the_core_dependencies_only(tmp_path: Path) -> None:
    """pre-commit installs the repository without extras: that must not pull torch or textual."""
    report = tmp_path / "report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            str(report),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    names = {item["metadata"]["name"].lower() for item in json.loads(report.read_text())["install"]}
    assert {"curate-sft", "polars", "langdetect", "numpy", "scipy"} <= names
    assert "datasketch" not in names  # curate's MinHash is its own; tests compare with it
    assert not {"torch", "textual", "transformers", "peft"} & names


def test_a_staged_split_is_linted_with_its_whole_dataset_and_eval_sets(tmp_path: Path) -> None:
    """The hook passes only staged files; with `[lint] datasets`, a file of a configured
    dataset brings in the rest of it and the configured eval sets, so a leak into an
    unstaged test split or golden set is still found."""
    from typer.testing import CliRunner

    from curate.cli import app

    data = tmp_path / "data"
    data.mkdir()
    rows = [{"input": f"question {i} about the order number {i * 7}", "output": f"answer {i}"}
            for i in range(40)]  # fmt: skip
    (data / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:30]))
    (data / "test.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [rows[3], *rows[30:35]]))
    (tmp_path / "golden.jsonl").write_text(json.dumps(rows[5]) + "\n")
    config = tmp_path / "curate.toml"
    config.write_text('[lint]\ndatasets = ["data/"]\neval = ["golden.jsonl"]\n')
    args = ["lint", str(data / "train.jsonl"), "--config", str(config), "--output-format", "json"]
    result = CliRunner().invoke(app, [*args, "--select", "LEAK001,LEAK003"])
    rules = sorted({f["rule"] for f in json.loads(result.output)["findings"]})
    assert rules == ["LEAK001", "LEAK003"]  # train-test overlap, and overlap with golden
    config.write_text("")  # without the setting only the staged file is linted
    result = CliRunner().invoke(app, [*args, "--select", "LEAK001,LEAK003"])
    assert json.loads(result.output)["findings"] == []
