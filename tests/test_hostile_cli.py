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


def test_a_record_rejected_in_one_file_stays_rejected_when_its_folder_is_read(
    tmp_path: Path,
) -> None:
    """Reviewing `train.jsonl` rejects a record with a secret; linting or splitting the folder
    (where `test.jsonl` reuses the id) keeps it out and never touches test's record."""
    from datetime import UTC, datetime

    from curate.journal import append_decision, journal_path
    from curate.schemas.decision import Decision

    data = tmp_path / "data"
    data.mkdir()
    secret = "token ghp_" + "a1B2" * 9
    train = [{"id": f"r{i}", "input": f"question {i} about the {w} order",
              "output": f"answer {i}", "category": "billing" if i % 2 else "shipping"}
             for i, w in enumerate(["first", "second", "third", "fourth", "fifth", "sixth",
                                    "seventh", "eighth", "ninth", "tenth", "eleventh",
                                    "twelfth"])]  # fmt: skip
    train[3]["output"] = secret
    (data / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train))
    (data / "test.jsonl").write_text(
        json.dumps(
            {"id": "r3", "input": "a different question", "output": "fine", "category": "billing"}
        )
        + "\n"
    )
    at = datetime(2026, 11, 30, tzinfo=UTC)
    journal = journal_path(data / "train.jsonl")
    append_decision(journal, Decision(id="r3", decision="reject", reviewer="ann", at=at))
    before = journal.read_bytes()

    lint = CliRunner().invoke(app, ["lint", str(data), "--output-format", "json", "--exit-zero"])
    assert lint.exit_code == 0, lint.output
    findings = json.loads(lint.output)["findings"]
    assert not [f for f in findings if f["rule"].startswith("SEC")], findings

    split = CliRunner().invoke(app, ["split", str(data), "--out", str(tmp_path / "splits")])
    assert split.exit_code == 0, split.output
    written = "".join(p.read_text() for p in (tmp_path / "splits").glob("*.jsonl"))
    assert "ghp_" not in written
    assert '"a different question"' in written  # test's r3 was never rejected
    assert journal.read_bytes() == before
    assert not journal_path(data / "test.jsonl").exists()


def test_a_csv_and_a_jsonl_of_one_name_keep_their_own_journals(tmp_path: Path) -> None:
    from curate.journal import journal_path

    assert journal_path(tmp_path / "tickets.csv") != journal_path(tmp_path / "tickets.jsonl")
