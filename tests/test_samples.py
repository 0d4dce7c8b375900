"""The committed samples are exactly what the seeded generator writes, and their planted
problems are where samples/README.md and planted.json say."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from curate.io import read_dataset
from tests.conftest import SAMPLES

GENERATED = [
    "support_tickets.jsonl",
    "alpaca.jsonl",
    "sharegpt.json",
    "chat_messages.jsonl",
    "prompt_completion.csv",
    "planted.json",
    "README.md",
]


def test_generator_reproduces_the_committed_samples(tmp_path: Path) -> None:
    shutil.copy2(SAMPLES / "generate.py", tmp_path / "generate.py")
    shutil.copytree(SAMPLES / "generator_data", tmp_path / "generator_data")
    result = subprocess.run(
        [sys.executable, str(tmp_path / "generate.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


def test_planted_records_are_at_the_documented_lines() -> None:
    planted = json.loads((SAMPLES / "planted.json").read_text())
    frame = read_dataset([SAMPLES / "support_tickets.jsonl"]).frame
    line_of = dict(zip(frame["id"], frame["source_line"], strict=True))
    kinds = {entry["kind"] for entry in planted}
    expected = {"exact_duplicate", "near_duplicate", "conflict", "secret", "email", "empty_output"}
    assert expected <= kinds
    for entry in planted:
        assert [line_of[i] for i in entry["ids"]] == entry["lines"]
    readme = (SAMPLES / "README.md").read_text()
    for entry in planted:
        assert ", ".join(entry["ids"]) in readme
