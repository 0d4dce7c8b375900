"""The work behind `curate lint`: paths, settings, run, baseline, fix, report, exit code."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console

from curate.io import DatasetError, read_dataset
from curate.io.atomic import write_text_atomic
from curate.io.paths import expand_paths
from curate.journal import ReviewState, load_review, reviewed_dataset
from curate.lint.baseline import fingerprints, load_baseline, without_baseline, write_baseline
from curate.lint.context import signals_note
from curate.lint.engine import is_reviewed, mark_reviewed, run_lint, summarise
from curate.lint.fix import output_paths, plan_fixes, write_fixed
from curate.lint.report.machine import render_github, render_json, render_sarif
from curate.lint.report.text import render_text
from curate.outputs import refuse_output
from curate.progress import stage_line
from curate.schemas.lint import LintReport
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.terminal import plain


@dataclass
class LintRequest:
    """What the user asked for on the command line."""

    paths: list[Path]
    eval_paths: list[Path] = field(default_factory=list)
    output_format: str = "text"
    statistics: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    out: Path | None = None
    exit_zero: bool = False
    output_file: Path | None = None
    """Write the report here (atomically) instead of to standard output."""
    review: bool = True
    """Read the review journals beside the files (`--no-review`: lint the files as they are)."""


def lint(request: LintRequest, settings: CurateSettings, fields: FieldSettings) -> int:
    """Run the linter as the CLI does; returns the exit code (0 clean, 1 errors)."""
    if request.fix and request.out is None:
        raise DatasetError("--fix", "needs --out PATH: curate never writes over its input")
    request = whole_datasets(request, settings)
    eval_files = expand_paths(request.eval_paths)
    evaluated = {f.resolve() for f in eval_files}
    # An eval set inside a dataset folder is read once, as what it is: an eval set.
    data_files = [f for f in expand_paths(request.paths) if f.resolve() not in evaluated]
    with stage_line() as progress:
        progress.stage("reading")
        dataset = read_dataset([*data_files, *eval_files], fields)
        progress.records = len(dataset)
        review = load_review(dataset) if request.review else ReviewState()
        dataset = reviewed_dataset(dataset, review)
        note = signals_note(dataset, settings)
        if note is not None:
            print(f"curate: note: {plain(note)}", file=sys.stderr)
        eval_sources = {str(p) for p in eval_files}
        report = run_lint(
            dataset, settings, eval_sources, statistics=request.statistics, on_rule=progress.rule
        )
    report = mark_reviewed(report, review).model_copy(update={"config": settings.source})
    suppressed = 0
    baseline_path = request.baseline or (
        Path(settings.lint.baseline) if settings.lint.baseline else None
    )
    if baseline_path is not None and request.write_baseline is None:
        kept, suppressed = without_baseline(
            report.findings, dataset.frame, load_baseline(baseline_path)
        )
        report = report.model_copy(
            update={"findings": kept, "summary": summarise(len(dataset), kept)}
        )
    if request.write_baseline is not None:
        refuse_output(request.write_baseline, [*data_files, *eval_files])
        count = write_baseline(request.write_baseline, report.findings, dataset.frame)
        print(f"wrote {count} findings to {plain(request.write_baseline)}", file=sys.stderr)
    if request.fix and request.out is not None:
        training = [s for s in dataset.sources if s.path not in eval_sources]
        # A record an expert kept stays, even where a rule would drop it.
        unreviewed = [f for f in report.findings if not is_reviewed(f)]
        plan = plan_fixes(unreviewed, request.unsafe_fixes)
        targets = output_paths(training, request.out)
        written = write_fixed(dataset, plan, targets, review.edits, fields.category)
        for target, count in written.items():
            print(
                f"wrote {count:,} records to {target} ({len(plan.drop):,} left out, "
                f"{len(plan.redact):,} redacted)",
                file=sys.stderr,
            )
    keys = fingerprints(report.findings, dataset.frame)
    if request.output_file is not None:
        refuse_output(request.output_file, [*data_files, *eval_files])
        text = _rendered(request.output_format, report, suppressed, keys)
        write_text_atomic(request.output_file, text)
        print(f"wrote the report to {plain(request.output_file)}", file=sys.stderr)
    else:
        _emit(request.output_format, report, suppressed, keys)
    if request.write_baseline is not None:
        return 0  # the findings were just accepted: writing a baseline is a success
    return 1 if report.summary.errors and not request.exit_zero else 0


def whole_datasets(request: LintRequest, settings: CurateSettings) -> LintRequest:
    """With `[lint] datasets`, a path inside a configured dataset stands for the whole of
    it, plus the configured eval sets: a hook that stages `data/train.jsonl` alone still
    finds its leaks into the unstaged `data/test.jsonl` and `golden.jsonl`."""
    lint = settings.lint
    if not lint.datasets or request.fix:  # --fix writes what it was given, never more
        return request
    base = Path(settings.source).parent if settings.source else Path.cwd()
    configured = [_relative(base / entry) for entry in lint.datasets]
    touched = [
        dataset for dataset in configured if any(_within(path, dataset) for path in request.paths)
    ]
    if not touched:
        return request
    others = [p for p in request.paths if not any(_within(p, d) for d in configured)]
    evals = [*request.eval_paths, *(_relative(base / entry) for entry in lint.eval)]
    return replace(request, paths=[*touched, *others], eval_paths=evals)


def _relative(path: Path) -> Path:
    """`path` relative to the current folder where it lies below it, so annotations and
    SARIF locations name files as the repository does."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _within(path: Path, dataset: Path) -> bool:
    try:
        path, dataset = path.resolve(), dataset.resolve()
    except OSError:
        return False
    return path == dataset or dataset in path.parents


def _emit(output_format: str, report: LintReport, suppressed: int, keys: list[str]) -> None:
    if output_format == "text":
        render_text(report, Console(highlight=False), suppressed)
        return
    text = _rendered(output_format, report, suppressed, keys)
    if text:
        print(text, end="")


def _rendered(output_format: str, report: LintReport, suppressed: int, keys: list[str]) -> str:
    """The report as text in the format, ending in a newline (empty when nothing to say)."""
    if output_format == "json":
        text = render_json(report)
    elif output_format == "github":
        text = render_github(report)
    elif output_format == "sarif":
        text = render_sarif(report, keys)
    else:
        buffer = io.StringIO()
        render_text(report, Console(file=buffer, highlight=False, width=100), suppressed)
        text = buffer.getvalue()
    return text if not text or text.endswith("\n") else text + "\n"
