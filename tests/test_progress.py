"""The progress line of long runs: on a terminal's stderr after a delay, never otherwise."""

from __future__ import annotations

import io
import time
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from curate.cli import app
from curate.io import read_dataset
from curate.lint.engine import run_lint
from curate.progress import StageLine, stage_line, terminal_console
from curate.schemas.settings import CurateSettings
from tests.conftest import SAMPLES


def test_a_long_run_shows_its_stage_rule_and_rate_then_erases_it() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with stage_line(console, delay=0.0) as progress:
        progress.stage("reading")
        dataset = read_dataset([SAMPLES / "support_tickets.jsonl"])
        progress.records = len(dataset)
        time.sleep(0.3)
        run_lint(dataset, CurateSettings(), on_rule=progress.rule)
        time.sleep(0.3)
    shown = screen.getvalue()
    assert "643 records" in shown and "records/s" in shown
    assert "rule " in shown and " of " in shown


def test_a_short_run_shows_nothing() -> None:
    screen = io.StringIO()
    with stage_line(Console(file=screen, force_terminal=True), delay=5.0) as progress:
        progress.stage("reading")
    assert screen.getvalue() == ""


def test_no_line_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    assert terminal_console(io.StringIO()) is None
    data = str(SAMPLES / "support_tickets.jsonl")
    for args in (
        ["lint", data, "--output-format", "json"],
        ["stats", data],
        ["split", data, "--out", str(tmp_path / "splits")],
    ):
        result = CliRunner().invoke(app, args)
        assert "records/s" not in result.output and "\x1b" not in result.stderr


def test_the_line_names_every_rule_running_side_by_side() -> None:
    line = StageLine(None)
    line.rule(2, 36, ("DUP002", "LANG001"))
    shown = line.__rich__().plain
    assert "duplicates, language" in shown and "rule 2 of 36: DUP002, LANG001" in shown
    line.rule(3, 36, ("LANG001", "LANG002"))
    assert line.__rich__().plain.startswith("language · rule 3 of 36: LANG001, LANG002")
