"""Machine output: JSON (the LintReport model), GitHub workflow annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any

from curate import __version__
from curate.lint.engine import REVIEWED, is_reviewed
from curate.lint.registry import all_rules
from curate.schemas.finding import Severity
from curate.schemas.lint import LintReport
from curate.terminal import plain

GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_json(report: LintReport) -> str:
    return report.model_dump_json(indent=2, exclude_none=True)


def render_github(report: LintReport) -> str:
    """One `::error file=...,line=...::` workflow command per finding."""
    lines = []
    for finding in report.findings:
        props = [f"title={_escape_property(f'{finding.rule} {finding.name}')}"]
        if finding.locations:
            first = finding.locations[0]
            props.insert(0, f"file={_escape_property(first.path)}")
            if first.line:
                props.insert(1, f"line={first.line}")
        level = GITHUB_LEVEL[finding.severity]
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return plain(escaped)  # no ESC or BEL from data reaches the CI log


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_sarif(report: LintReport) -> str:
    """A SARIF 2.1.0 log with one run, the rules that fired, and one result per finding."""
    rules = all_rules()
    fired = sorted({f.rule for f in report.findings})
    driver: dict[str, Any] = {
        "name": "curate",
        "version": __version__,
        "informationUri": "https://pypi.org/project/curate-sft/",
        "rules": [
            {
                "id": code,
                "name": rules[code].name,
                "shortDescription": {"text": rules[code].summary()},
                "fullDescription": {"text": rules[code].doc()},
                "help": {"text": rules[code].fix_hint()},
                "defaultConfiguration": {"level": SARIF_LEVEL[rules[code].severity]},
            }
            for code in fired
            if code in rules
        ],
    }
    results = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": location.path},
                        **({"region": {"startLine": location.line}} if location.line else {}),
                    }
                }
                for location in finding.locations
            ],
        }
        if finding.records:
            result["properties"] = {"records": finding.records}
        if is_reviewed(finding):
            # Code scanning shows a suppressed result as dismissed, not as an open alert.
            reviewers = ", ".join(finding.detail[REVIEWED])
            result["suppressions"] = [
                {"kind": "external", "justification": f"kept in review by {reviewers}"}
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
