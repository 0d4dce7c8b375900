"""`curate lint` reads the review journal: it lints the reviewed data (rejects left out, edits
applied), and findings on records an expert kept are reported as reviewed, not as errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from curate.cli import app
from curate.journal import append_decision, journal_path
from curate.schemas.decision import Decision
from curate.schemas.finding import Severity
from curate.schemas.lint import LintReport

RECORDS = [
    {"id": "a", "input": "Where is my order?", "output": "It ships tomorrow."},
    {"id": "b", "input": "Can I pay by card?", "output": "Yes, all major cards."},
    {"id": "c", "input": "WHERE is my  order?", "output": "It ships tomorrow."},  # copy of a
    {"id": "d", "input": "Refund please", "output": ""},
]
SELECT = ("--select", "DUP001,LEN001")


def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    return path


def decide(data: Path, rid: str, action: str, reviewer: str = "ana", **fields: str) -> None:
    decision = Decision(
        id=rid, decision=action, reviewer=reviewer, at=datetime(2026, 11, 22, tzinfo=UTC), **fields
    )  # type: ignore[arg-type]
    append_decision(journal_path(data), decision)


def lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def lint_json(*args: str) -> tuple[int, LintReport]:
    code, stdout, stderr = lint(*args, "--output-format", "json")
    assert code in (0, 1), stderr
    return code, LintReport.model_validate_json(stdout)


def test_a_kept_duplicate_is_reported_as_reviewed_info(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")  # the later copy, the one a fix would drop
    decide(data, "d", "edit", output="Refunded in full.")
    code, report = lint_json(str(data), *SELECT)
    assert code == 0
    [finding] = report.findings
    assert (finding.rule, finding.severity) == ("DUP001", Severity.INFO)
    assert finding.message.endswith("(kept in review by ana)")
    assert finding.detail["reviewed_by"] == ["ana"]
    assert finding.detail["original_severity"] == "error"
    assert (report.summary.errors, report.summary.infos, report.summary.reviewed) == (0, 1, 1)


def test_text_report_shows_reviewed_findings_apart(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")
    code, stdout, _ = lint(str(data), *SELECT)
    assert code == 1  # the empty output of d is still an error
    assert "LEN001 empty-output (error) 1 finding" in stdout
    assert "DUP001 exact-duplicate (reviewed) 1 finding" in stdout
    assert "(kept in review by ana)" in stdout
    assert "Failed: 1 errors, 0 warnings, 1 infos (1 kept in review) in 4 records." in stdout


def test_rejected_records_are_left_out_of_lint(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "reject")
    decide(data, "d", "reject")
    code, report = lint_json(str(data), *SELECT)
    assert (code, report.findings, report.summary.records) == (0, [], 2)


def test_edits_are_linted_as_edited(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "edit", output="It ships on Monday.")  # no longer a copy of a
    decide(data, "b", "edit", output="")  # now empty
    code, report = lint_json(str(data), *SELECT)
    assert code == 1
    assert [(f.rule, f.records) for f in report.findings] == [("LEN001", ["b"]), ("LEN001", ["d"])]


def test_keeping_only_the_first_copy_leaves_the_duplicate_an_error(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "a", "keep")
    decide(data, "c", "flag", note="copy?")
    decide(data, "d", "reject")
    code, report = lint_json(str(data), *SELECT)
    assert code == 1
    assert [(f.rule, f.severity) for f in report.findings] == [("DUP001", Severity.ERROR)]


def test_the_latest_decision_decides_and_names_its_reviewer(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "reject", reviewer="bo")
    decide(data, "c", "keep", reviewer="ana")
    decide(data, "d", "reject", reviewer="bo")
    code, report = lint_json(str(data), *SELECT)
    assert code == 0
    assert report.findings[0].message.endswith("(kept in review by ana)")
    decide(data, "c", "undo", reviewer="ana")  # bo's reject stands again
    code, report = lint_json(str(data), *SELECT)
    assert (code, report.findings) == (0, [])


def test_no_review_lints_the_files_as_they_are(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")
    decide(data, "d", "reject")
    code, report = lint_json(str(data), *SELECT, "--no-review")
    assert code == 1
    assert {(f.rule, f.severity) for f in report.findings} == {
        ("DUP001", Severity.ERROR),
        ("LEN001", Severity.ERROR),
    }


def test_a_folder_lints_the_dataset_but_not_its_journal(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")
    decide(data, "d", "reject")
    code, report = lint_json(str(tmp_path), *SELECT)
    assert (code, report.summary.records, report.summary.reviewed) == (0, 3, 1)


def test_fix_keeps_what_the_expert_kept_and_writes_edits(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")
    decide(data, "b", "reject")
    decide(data, "d", "edit", output="Refunded in full.")
    out = tmp_path / "clean.jsonl"
    code, _, stderr = lint(str(data), *SELECT, "--fix", "--out", str(out))
    assert code == 0, stderr
    source = data.read_text().splitlines()
    written = out.read_text().splitlines()
    assert written[:2] == [source[0], source[2]]  # a and the kept copy c, byte for byte
    assert json.loads(written[2]) == {**RECORDS[3], "output": "Refunded in full."}
    assert len(written) == 3


def test_sarif_marks_reviewed_results_as_suppressed(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    decide(data, "c", "keep")
    _, stdout, _ = lint(str(data), "--select", "DUP001", "--output-format", "sarif")
    [result] = json.loads(stdout)["runs"][0]["results"]
    assert result["level"] == "note"
    assert result["suppressions"] == [
        {"kind": "external", "justification": "kept in review by ana"}
    ]


def test_a_rules_reviewed_findings_follow_its_open_ones_in_one_group(tmp_path: Path) -> None:
    config = tmp_path / "curate.toml"
    config.write_text('[lint.severity]\nDUP001 = "info"\n')  # open ones are infos too
    questions = ["Where is my order?", "Can I pay by card?", "Do you ship abroad?"]
    records = [
        {"id": f"{n}{i}", "input": q, "output": "Yes."}
        for n in "xy"
        for i, q in enumerate(questions)
    ]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    decide(data, "y1", "keep")  # the middle pair's later copy
    code, stdout, _ = lint(str(data), "--select", "DUP001", "--config", str(config))
    assert code == 0
    headers = [line for line in stdout.splitlines() if line.startswith("DUP001")]
    assert headers == [
        "DUP001 exact-duplicate (info) 2 findings",
        "DUP001 exact-duplicate (reviewed) 1 finding",
    ]
