"""Machine output: JSON (the LintReport model), GitHub workflow annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any

from curate import __version__
from curate.lint.engine import REVIEWED, is_reviewed
from curate.lint.registry import all_rules
from curate.schemas.finding import Location, Severity
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


def _physical(location: Location) -> dict[str, Any]:
    region = {"region": {"startLine": location.line}} if location.line else {}
    return {"physicalLocation": {"artifactLocation": {"uri": location.path}, **region}}


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return plain(escaped)  # no ESC or BEL from data reaches the CI log


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_sarif(report: LintReport, keys: list[str] | None = None) -> str:
    """A SARIF 2.1.0 log with one run, the rules that fired, and one result per finding.

    A finding's first location is its `locations`; its other records (the copies, the
    leaked test record) are `relatedLocations`. `keys` (the baseline's content keys, one per
    finding) become `partialFingerprints`, so code scanning follows a finding across
    re-orderings and re-exports as the baseline does."""
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
    for index, finding in enumerate(report.findings):
        places = [_physical(location) for location in finding.locations]
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": places[:1],
        }
        if len(places) > 1:
            result["relatedLocations"] = [
                {"id": n, **place, "message": {"text": "also here"}}
                for n, place in enumerate(places[1:], start=1)
            ]
        if keys is not None:
            result["partialFingerprints"] = {"curateContent/v1": keys[index]}
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
