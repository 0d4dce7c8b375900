"""`curate run`: lint, split, train and evaluate in one go, with one summary.

Error findings stop the run unless `--fix` (safe fixes applied, and every record with an
error finding set aside and listed with its rule) or `--force` (train on the data as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from curate.io import Dataset, DatasetError, read_dataset
from curate.io.paths import expand_paths
from curate.journal import ReviewState, load_review, reviewed_dataset
from curate.lint.engine import mark_reviewed, run_lint
from curate.lint.fix import FixPlan, output_paths, plan_fixes, write_fixed
from curate.schemas.finding import Finding, Severity
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


def set_aside(findings: list[Finding]) -> dict[str, list[str]]:
    """Records that error findings keep out of training, with the rules why. Of an exact
    or normalised duplicate group the copy the fix keeps stays in."""
    aside: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is not Severity.ERROR:
            continue
        kept = finding.detail.get("keep")
        for record in finding.records:
            if record != kept or finding.rule not in ("DUP001", "DUP002"):
                aside.setdefault(record, []).append(finding.rule)
    return aside


def write_reviewed(
    dataset: Dataset, review: ReviewState, plan: FixPlan, folder: Path, category_field: str
) -> list[Path]:
    """Write the reviewed dataset's records, less what `plan` drops and with the review's
    edits, into `folder`: one file per source, named and shaped as the source."""
    sources = dataset.sources
    target = folder / Path(sources[0].path).name if len(sources) == 1 else folder
    folder.mkdir(parents=True, exist_ok=True)
    targets = output_paths(sources, target)
    write_fixed(dataset, plan, targets, review.edits, category_field)
    return list(targets.values())


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
    # The review journal counts: rejects out, edits in, findings on kept records reviewed.
    review = load_review(files)
    dataset = reviewed_dataset(read_dataset(files, fields), review)
    report = mark_reviewed(run_lint(dataset, settings), review)
    summary = RunSummary(report)
    data_paths = files
    if report.summary.errors and not (fix or force):
        raise LintFailed(report)
    if fix:
        if len(dataset.sources) != 1:
            raise DatasetError(str(paths[0]), "curate run --fix takes one dataset file")
        plan = plan_fixes(report.findings, unsafe=False)
        summary.set_aside = set_aside(report.findings)
        for record, rules in summary.set_aside.items():
            plan.drop.setdefault(record, rules[0])
        [cleaned] = write_reviewed(dataset, review, plan, out / "data", fields.category)
        summary.cleaned, data_paths = cleaned, [cleaned]
    summary.splits = out / "splits"
    split(data_paths, summary.splits, settings, fields, force=True)
    return summary
