"""`curate run`: lint, split, train and evaluate in one go, with one summary.

Error findings stop the run unless `--fix` (safe fixes applied, and every record with an
error finding set aside and listed with its rule) or `--force` (train on the data as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from curate.io import DatasetError, read_dataset
from curate.lint.command import expand_paths
from curate.lint.engine import run_lint
from curate.lint.fix import output_paths, plan_fixes, write_fixed
from curate.schemas.finding import Severity
from curate.schemas.lint import LintReport
from curate.schemas.settings import CurateSettings, FieldSettings


class LintFailed(Exception):
    """Error findings and neither --fix nor --force: the report says what to do."""

    def __init__(self, report: LintReport) -> None:
        self.report = report
        super().__init__(f"{report.summary.errors} error findings")


@dataclass
class RunSummary:
    report: LintReport
    set_aside: dict[str, list[str]] = field(default_factory=dict)
    """Record id -> the rules whose error findings set it aside."""
    cleaned: Path | None = None
    splits: Path | None = None


def prepare(
    paths: list[Path],
    out: Path,
    settings: CurateSettings,
    fields: FieldSettings,
    fix: bool,
    force: bool,
) -> RunSummary:
    """Lint, then (with --fix) write the cleaned copy, then split: the data part of the run."""
    from curate.split.command import split

    files = expand_paths(paths)
    dataset = read_dataset(files, fields)
    report = run_lint(dataset, settings)
    summary = RunSummary(report)
    data_paths = files
    if report.summary.errors and not (fix or force):
        raise LintFailed(report)
    if fix:
        if len(dataset.sources) != 1:
            raise DatasetError(str(paths[0]), "curate run --fix takes one dataset file")
        plan = plan_fixes(report.findings, unsafe=False)
        for finding in report.findings:
            if finding.severity is not Severity.ERROR:
                continue
            kept = finding.detail.get("keep")
            for record in finding.records:
                if record != kept or finding.rule not in ("DUP001", "DUP002"):
                    summary.set_aside.setdefault(record, []).append(finding.rule)
                    plan.drop.setdefault(record, finding.rule)
        cleaned = out / "data" / Path(dataset.sources[0].path).name
        write_fixed(dataset, plan, output_paths(dataset.sources, cleaned))
        summary.cleaned, data_paths = cleaned, [cleaned]
    summary.splits = out / "splits"
    split(data_paths, summary.splits, settings, fields, force=True)
    return summary
