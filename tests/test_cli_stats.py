"""`curate stats` on every sample and every file kind, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate import __version__
from curate.cli import app
from curate.schemas.stats import DatasetStats
from tests.conftest import SAMPLES

SAMPLE_FILES = [
    ("support_tickets.jsonl", "jsonl", "input-output"),
    ("alpaca.jsonl", "jsonl", "alpaca"),
    ("sharegpt.json", "json", "sharegpt"),
    ("chat_messages.jsonl", "jsonl", "messages"),
    ("prompt_completion.csv", "csv", "input-output"),
]


def stats_json(*args: str) -> DatasetStats:
    result = CliRunner().invoke(app, ["stats", *args, "--output-format", "json"])
    assert result.exit_code == 0, result.stderr
    return DatasetStats.model_validate_json(result.stdout)


@pytest.mark.parametrize(("name", "kind", "shape"), SAMPLE_FILES)
def test_stats_on_every_sample(name: str, kind: str, shape: str) -> None:
    stats = stats_json(str(SAMPLES / name))
    assert stats.records >= 30
    assert stats.unreadable == 0
    assert (stats.files[0].kind, stats.files[0].shape) == (kind, shape)
    assert sum(c.count for c in stats.categories) == stats.records
    assert abs(sum(c.share for c in stats.categories) - 1.0) < 1e-9
    by_field = {(p.field, p.unit): p for p in stats.lengths}
    for field in ("input", "output"):
        chars = by_field[(field, "chars")]
        assert chars.p5 <= chars.p25 <= chars.p50 <= chars.p75 <= chars.p95 <= chars.max


def test_support_tickets_have_the_promised_spread() -> None:
    stats = stats_json(str(SAMPLES / "support_tickets.jsonl"))
    assert stats.records >= 600
    assert 8 <= len(stats.categories) <= 10
    shares = [c.share for c in stats.categories]
    assert max(shares) > 3 * min(shares), "the spread should be realistic, not uniform"


def test_stats_on_parquet_and_several_files(tmp_path: Path) -> None:
    parquet = tmp_path / "tickets.parquet"
    pl.read_ndjson(SAMPLES / "support_tickets.jsonl").write_parquet(parquet)
    stats = stats_json(str(parquet), str(SAMPLES / "alpaca.jsonl"))
    assert [f.kind for f in stats.files] == ["parquet", "jsonl"]
    jsonl_stats = stats_json(str(SAMPLES / "support_tickets.jsonl"))
    assert stats.records == jsonl_stats.records + stats.files[1].records


def test_text_output_shows_categories_lengths_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    rows = [
        {"input": f"question {i}", "output": "word " * (i + 1), "category": "c"} for i in range(5)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    result = CliRunner().invoke(app, ["stats", str(path)])
    assert result.exit_code == 0
    for expected in ("5 records, 1 unreadable", "Categories", "100.0%", "Lengths", "input-output"):
        assert expected in result.stdout
    assert f"{path}:6: invalid JSON" in result.stdout


def test_version_and_help() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--version"]).stdout == f"curate {__version__}\n"
    help_text = runner.invoke(app, ["--help"]).stdout
    assert "stats" in help_text


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curate", "stats", str(SAMPLES / "alpaca.jsonl")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "alpaca" in result.stdout
