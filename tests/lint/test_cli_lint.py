"""`curate lint` as users run it: exit codes, output formats, baseline, fix, selection."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.lint.registry import all_rules
from curate.schemas.lint import LintReport
from tests.conftest import ROOT, SAMPLES

TICKETS = SAMPLES / "support_tickets.jsonl"
PLANTED_RULES = {
    "exact_duplicate": {"DUP001"},
    "near_duplicate": {"DUP002"},
    "conflict": {"DUP003"},
    "secret": {"LEAK005"},
    "email": {"LEAK006"},
    "non_english": {"LANG001"},
    "lang_mismatch": {"LANG002"},
    "empty_output": {"LEN001"},
    "overlong": {"LEN003", "LEN004"},
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def lint_json(*args: str) -> tuple[int, LintReport]:
    code, stdout, stderr = run("lint", *args, "--output-format", "json")
    assert code in (0, 1), stderr
    return code, LintReport.model_validate_json(stdout)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def clean_records(n: int = 120) -> list[dict[str, Any]]:
    """The first n ordinary tickets (planted problems and their originals left out)."""
    planted = json.loads((SAMPLES / "planted.json").read_text())
    involved = {i for entry in planted for i in entry["ids"]}
    records = [json.loads(line) for line in TICKETS.read_text().splitlines()]
    return [r for r in records if r["id"] not in involved][:n]


@pytest.fixture(scope="module")
def sample_report() -> LintReport:
    code, report = lint_json(str(TICKETS))
    assert code == 1
    return report


def test_sample_reports_every_planted_problem(sample_report: LintReport) -> None:
    planted = json.loads((SAMPLES / "planted.json").read_text())
    for entry in planted:
        kinds = [entry["kind"], *entry.get("also", [])]
        wanted = set().union(*(PLANTED_RULES[k] for k in kinds))
        copy = entry["ids"][0]
        hits = {f.rule for f in sample_report.findings if copy in f.records}
        assert wanted <= hits, f"{entry['kind']} {entry['ids']}: got {hits}"


def test_sample_reports_nothing_on_ordinary_records(sample_report: LintReport) -> None:
    planted = json.loads((SAMPLES / "planted.json").read_text())
    involved = {i for entry in planted for i in entry["ids"]}
    for finding in sample_report.findings:
        assert set(finding.records) <= involved, (finding.rule, finding.message, finding.records)


def test_json_summary_matches_findings(sample_report: LintReport) -> None:
    summary = sample_report.summary
    assert summary.records == 643
    assert summary.errors == sum(f.severity == "error" for f in sample_report.findings)
    assert sum(summary.by_rule.values()) == len(sample_report.findings)
    group = next(f for f in sample_report.findings if f.rule == "DUP002")
    assert group.detail["keep"] == group.records[0]
    sides = group.detail["similarity"].values()
    assert all(0.5 <= s[side] <= 1.0 for s in sides for side in ("input", "output"))
    assert all(loc.line for loc in group.locations)


def test_clean_dataset_exits_0(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "clean.jsonl", clean_records())
    code, report = lint_json(str(path), "--ignore", "SIZE,LANG")
    assert [f.message for f in report.findings if f.severity == "error"] == []
    assert code == 0


def test_exit_zero_and_select(tmp_path: Path) -> None:
    code, _, _ = run("lint", str(TICKETS), "--exit-zero")
    assert code == 0
    code, report = lint_json(str(TICKETS), "--select", "LEN001")
    assert {f.rule for f in report.findings} == {"LEN001"}
    code, report = lint_json(str(TICKETS), "--select", "DUP", "--ignore", "DUP001,DUP003")
    assert {f.rule for f in report.findings} == {"DUP002"}
    assert code == 0  # DUP002 is a warning


def test_bad_selector_config_and_input_exit_2(tmp_path: Path) -> None:
    code, _, stderr = run("lint", str(TICKETS), "--select", "NOPE")
    assert code == 2 and "unknown rule or prefix 'NOPE'" in stderr
    config = tmp_path / "curate.toml"
    config.write_text("[lint.options.DUP002]\ntreshold = 0.7\n")
    code, _, stderr = run("lint", str(TICKETS), "--config", str(config))
    assert code == 2 and "lint.options.DUP002: treshold: Extra inputs are not permitted" in stderr
    code, _, stderr = run("lint", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "no such file" in stderr


def test_text_output_groups_by_rule_with_help_and_summary() -> None:
    code, stdout, _ = run("lint", str(TICKETS), "--statistics")
    assert code == 1
    assert "DUP001 exact-duplicate (error) 3 findings" in stdout
    assert f"{TICKETS}:42: 1 exact copy of T-00042" in stdout
    assert "help: Keep one copy" in stdout
    assert "seconds" in stdout and "Failed:" in stdout


def test_github_annotations() -> None:
    code, stdout, _ = run("lint", str(TICKETS), "--output-format", "github", "--select", "LEN001")
    assert code == 1
    assert stdout.strip() == (
        f"::error file={TICKETS},line=266,title=LEN001 empty-output::output is empty"
    )


def test_sarif_log() -> None:
    _, stdout, _ = run("lint", str(TICKETS), "--output-format", "sarif", "--select", "DUP001")
    log = json.loads(stdout)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["DUP001"]
    assert len(run_["results"]) == 3
    first = run_["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 42}
    # The copy is a related location; the baseline's content key fingerprints the result.
    related = first["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [217]
    assert related[0]["id"] == 1 and related[0]["message"] == {"text": "also here"}
    keys = {r["partialFingerprints"]["curateContent/v1"] for r in run_["results"]}
    assert len(keys) == 3 and all(k.startswith("DUP001:") for k in keys)


def test_sarif_fingerprints_follow_a_finding_across_reordering(tmp_path: Path) -> None:
    records = clean_records()
    data = write_jsonl(tmp_path / "d.jsonl", [*records, records[0]])
    prints = []
    for order in ([*records, records[0]], [records[0], *records[::-1]]):
        write_jsonl(data, order)
        _, stdout, _ = run("lint", str(data), "--output-format", "sarif", "--select", "DUP001")
        results = json.loads(stdout)["runs"][0]["results"]
        prints.append([r["partialFingerprints"] for r in results])
    assert prints[0] == prints[1] and len(prints[0]) == 1


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_output_file_holds_what_stdout_would(tmp_path: Path, output_format: str) -> None:
    args = ["lint", str(TICKETS), "--select", "DUP001", "--output-format", output_format]
    _, stdout, _ = run(*args)
    report = tmp_path / "report.out"
    code, to_stdout, stderr = run(*args, "--output-file", str(report))
    assert code == 1 and to_stdout == ""
    assert f"wrote the report to {report}" in stderr
    written = report.read_text()
    if output_format == "text":
        assert "DUP001" in written and "\x1b" not in written
    else:
        assert written == stdout
    code, _, stderr = run(*args, "--output-file", str(TICKETS))
    assert code == 2 and "would overwrite the input file" in stderr


def test_baseline_hides_accepted_findings_and_shows_new_ones(tmp_path: Path) -> None:
    records = clean_records()
    data = write_jsonl(tmp_path / "d.jsonl", [*records, records[0]])
    baseline = tmp_path / "baseline.json"
    code, _, _ = run("lint", str(data), "--select", "DUP001", "--write-baseline", str(baseline))
    assert code == 0 and baseline.is_file()  # accepting today's findings is a success
    code, report = lint_json(str(data), "--select", "DUP001", "--baseline", str(baseline))
    assert (code, report.findings) == (0, [])
    # Re-ordered records keep their baseline entry; a new copy is a new finding.
    write_jsonl(data, [records[5], *records[::-1], records[0], records[5]])
    code, report = lint_json(str(data), "--select", "DUP001", "--baseline", str(baseline))
    assert code == 1
    assert [[loc.line for loc in f.locations] for f in report.findings] == [[1, 116, 123]]


def test_fix_writes_a_clean_copy_and_never_the_input(tmp_path: Path) -> None:
    before = TICKETS.read_bytes()
    out = tmp_path / "clean.jsonl"
    code, _, stderr = run("lint", str(TICKETS), "--fix", "--out", str(out), "--exit-zero")
    assert code == 0 and "wrote" in stderr
    assert TICKETS.read_bytes() == before
    kept = out.read_text().splitlines()
    assert len(kept) == 643 - 3 - 3  # three exact and three near copies left out
    original = set(before.decode().splitlines())
    assert all(line in original for line in kept)  # kept lines are byte-identical
    code, report = lint_json(str(out), "--select", "DUP001,DUP002")
    assert report.findings == []


def test_unsafe_fixes_redact_secrets(tmp_path: Path) -> None:
    out = tmp_path / "clean.jsonl"
    run("lint", str(TICKETS), "--fix", "--unsafe-fixes", "--out", str(out), "--exit-zero")
    text = out.read_text()
    assert "sk_live_" not in text and "[REDACTED:" in text
    _, report = lint_json(str(out), "--select", "LEAK005")
    assert report.findings == []


def test_fix_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", clean_records(10))
    before = data.read_bytes()
    code, _, stderr = run("lint", str(data), "--fix", "--out", str(data))
    assert code == 2 and "would overwrite the input file" in stderr
    assert data.read_bytes() == before
    code, _, stderr = run("lint", str(data), "--fix")
    assert code == 2 and "needs --out" in stderr


def test_folder_of_splits_is_one_dataset(tmp_path: Path) -> None:
    records = clean_records(150)
    write_jsonl(tmp_path / "train.jsonl", records[:120])
    write_jsonl(tmp_path / "val.jsonl", records[120:135])
    write_jsonl(tmp_path / "test.jsonl", [*records[135:], records[3]])
    code, report = lint_json(str(tmp_path), "--select", "LEAK001")
    assert code == 1
    assert [sorted(Path(loc.path).name for loc in f.locations) for f in report.findings] == [
        ["test.jsonl", "train.jsonl"]
    ]


def test_rules_and_rule_docs() -> None:
    code, stdout, _ = run("rules")
    assert code == 0
    for rule_code in all_rules():
        assert rule_code in stdout
    code, stdout, _ = run("rule", "dup002")
    assert code == 0
    assert stdout.startswith("DUP002 near-duplicate (warning)")
    assert "## Why it matters" in stdout and "threshold = 0.5" in stdout
    code, _, stderr = run("rule", "XYZ999")
    assert code == 2 and "unknown rule" in stderr


def test_a_named_review_journal_is_never_linted_as_data(tmp_path: Path) -> None:
    """A pre-commit hook names every staged file, journals included: they are skipped, and
    a journal alone is one clear error."""
    import yaml

    from curate.journal import append_decision, journal_path
    from curate.schemas.decision import Decision

    data = write_jsonl(tmp_path / "clean.jsonl", clean_records())
    at = datetime(2026, 11, 30, tzinfo=UTC)
    append_decision(journal_path(data), Decision(id="r0", decision="keep", reviewer="a", at=at))
    code, report = lint_json(str(data), str(journal_path(data)), "--ignore", "SIZE,LANG")
    assert code == 0 and report.summary.records == len(clean_records())
    result = CliRunner().invoke(app, ["lint", str(journal_path(data))])
    assert result.exit_code == 2 and "review journal" in result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["exclude"] == r"\.review\.jsonl$"


def test_outputs_never_overwrite_inputs_journals_or_each_other(tmp_path: Path) -> None:
    from curate.journal import journal_path

    data = write_jsonl(tmp_path / "d.jsonl", clean_records(20))
    journal = journal_path(data)
    journal.write_text("")
    before = data.read_bytes()
    for args in (
        ["lint", str(data), "--fix", "--out", str(journal)],
        ["lint", str(data), "--fix", "--out", str(tmp_path / "other.review.jsonl")],
        ["lint", str(data), "--write-baseline", str(data)],
        ["lint", str(data), "--write-baseline", str(journal)],
        ["export", str(data), "--out", str(tmp_path / "x.review.jsonl")],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("curate: error:") and result.stderr.count("\n") == 1
    assert data.read_bytes() == before and journal.read_text() == ""
    a = (
        write_jsonl(tmp_path / "a" / "data.jsonl", clean_records(5))
        if (tmp_path / "a").mkdir() is None
        else None
    )
    b = (
        write_jsonl(tmp_path / "b" / "data.jsonl", clean_records(8)[5:])
        if (tmp_path / "b").mkdir() is None
        else None
    )
    out = tmp_path / "fixed"
    out.mkdir()
    result = CliRunner().invoke(app, ["lint", str(a), str(b), "--fix", "--out", str(out)])
    assert result.exit_code == 2 and "would both be written here" in result.stderr
    assert not any(out.iterdir())


def test_a_pattern_that_backtracks_without_end_is_one_line_not_a_hang(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"input": "q", "output": "a" * 40}])
    config = tmp_path / "curate.toml"
    config.write_text('[lint.options.FMT003]\npattern = "(a|a)+b"\n')
    result = CliRunner().invoke(app, ["lint", str(data), "--config", str(config)])
    assert result.exit_code == 2 and "took over 1 s" in result.stderr
