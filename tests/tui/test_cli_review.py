"""`curate review` from the command line: the agreement table, and a clear error without
the tui extra."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.journal import append_decision, journal_path
from curate.schemas.decision import Decision


def _decide(path: Path, rid: str, reviewer: str, action: str) -> None:
    decision = Decision(id=rid, decision=action, reviewer=reviewer, at=datetime.now(UTC))  # type: ignore[arg-type]
    append_decision(journal_path(path), decision)


def test_agreement_prints_kappa_per_category(tickets: Path) -> None:
    for rid, ann, bob in [
        ("T-00001", "keep", "keep"),
        ("T-00002", "reject", "reject"),
        ("T-00003", "keep", "reject"),
        ("T-00004", "keep", "keep"),
    ]:
        _decide(tickets, rid, "ann", ann)
        _decide(tickets, rid, "bob", bob)
    result = CliRunner().invoke(app, ["review", str(tickets), "--agreement"])
    assert result.exit_code == 0, result.output
    assert "Reviewer agreement (ann, bob)" in result.output
    assert "shipping_delivery" in result.output  # T-00001 and T-00004's category
    assert "75%" in result.output


def test_agreement_with_one_reviewer_says_why_there_is_none(tickets: Path) -> None:
    _decide(tickets, "T-00001", "ann", "keep")
    result = CliRunner().invoke(app, ["review", str(tickets), "--agreement"])
    assert result.exit_code == 0
    assert "No record has decisions from two or more reviewers yet" in result.output


def test_without_the_tui_extra_one_line_names_the_install(
    tickets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "curate.tui.app", None)  # import fails as if absent
    result = CliRunner().invoke(app, ["review", str(tickets)])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert "pip install 'curate-sft[tui]'" in line


def test_missing_dataset_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl" in result.output
