"""Data from a scraped file never reaches a terminal or a CI log as control sequences or
markup: every command's output is checked byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app

ESC, BEL = "\x1b", "\x07"
RECORDS = [
    {
        "input": f"copy this {ESC}]52;c;ZWNobyBwd25lZA=={BEL} please",
        "output": f"sure {ESC}]0;title{BEL}",
        "category": f"x {ESC}[2J[/] [link=http://evil]y[/link]",
    },
    {"input": "Where is my order?", "output": "It ships tomorrow.", "category": "[/x]"},
    {"input": "Where is my order?", "output": "It was lost.", "category": "[/x]"},
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "data[v2].jsonl"  # brackets in a file name are not markup either
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["lint", "--exit-zero"],
        ["lint", "--exit-zero", "--output-format", "github"],
        ["split", "--out", "{tmp}/splits"],
    ],
)
def test_no_control_character_and_no_markup_crash(
    hostile: Path, tmp_path: Path, args: list[str]
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, [args[0], str(hostile), *args[1:]], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert ESC not in result.output and BEL not in result.output
    assert "Traceback" not in result.output
    if args[0] in ("stats", "lint") and "github" not in args:
        assert "data[v2].jsonl" in result.output
