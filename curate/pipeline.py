"""One run: lint → set aside → split → train → evaluate, driven by `curate run` and by the
review app's train-and-evaluate key alike.

Error findings stop the run unless `fix` (safe fixes applied, and every record with an error
finding set aside and listed with its rule) or `force` (train on the data as it is). The run
reports through `on_event` (stage, progress, loss, messages) and stops between stages and
inside training and generation when `should_stop()` turns true (`Cancelled`). The trainer is
imported only when training starts, so the data half (`prepare`) runs on the core install.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curate.io import Dataset, read_dataset
from curate.io.atomic import write_text_atomic
from curate.io.paths import expand_paths
from curate.journal import ReviewState, load_review, reviewed_dataset
from curate.lint import (
    FixPlan,
    mark_reviewed,
    output_paths,
    plan_fixes,
    run_lint,
    set_aside,
    write_fixed,
)
from curate.schemas.finding import Severity
from curate.schemas.lint import LintReport
from curate.schemas.manifest import SplitManifest
from curate.schemas.report import EvalReport
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.trainer.cancel import Cancelled

STAGES = ("lint", "split", "train", "signals", "eval")
SET_ASIDE = "set_aside.json"
"""In the run folder: record id -> the rules that set it aside (read into the report)."""


class LintFailed(Exception):
    """Error findings and neither `fix` nor `force`: the report says what to do."""

    def __init__(self, report: LintReport) -> None:
        self.report = report
        super().__init__(f"{report.summary.errors} error findings")


@dataclass
class RunEvent:
    """What the run is doing now; `done`/`total` drive a progress bar."""

    stage: str
    done: float | None = None
    total: float | None = None
    loss: float | None = None
    """A new training loss (once per step)."""
    message: str = ""
    progress: Any = None
    """The trainer's own progress report (`TrainProgress`), for training events."""


@dataclass
class RunRequest:
    """What to run on, and how."""

    paths: list[Path]
    out: Path
    settings: CurateSettings
    fields: FieldSettings
    fix: bool = False
    force: bool = False
    fix_level: Severity = Severity.ERROR
    """With `fix`, set aside records with findings of this severity or worse."""
    max_steps: int | None = None
    """Stop training after this many optimizer steps (default: the configured epochs)."""
    limit: int | None = None
    """Evaluate on the first N test records only."""
    ablate: bool = False
    """Also train on the raw data and compare (`curate.ablation`)."""
    dataset: Dataset | None = None
    """The dataset already read (the review app's); read from `paths` when None."""
    review: ReviewState | None = None
    """The review decisions to honour; the journals beside `paths` when None."""


@dataclass
class RunSummary:
    report: LintReport
    set_aside: dict[str, list[str]] = field(default_factory=dict)
    """Record id -> the rules whose error findings set it aside."""
    cleaned: Path | None = None
    """The cleaned copy (`fix`): the file, or the folder of files for several sources."""
    splits: Path | None = None
    manifest: SplitManifest | None = None
    trained: Any = None
    """The trainer's `TrainResult`."""
    evaluation: EvalReport | None = None
    ablation: dict[str, Any] | None = None


Events = Callable[[RunEvent], None]
StopCheck = Callable[[], bool]


def _never() -> bool:
    return False


def _ignore(event: RunEvent) -> None:
    return None


def prepare(
    request: RunRequest, on_event: Events = _ignore, should_stop: StopCheck = _never
) -> RunSummary:
    """The data half of the run: lint, then (with `fix`) the cleaned copy, then the split."""
    from curate.split.command import split

    settings, fields, out = request.settings, request.fields, request.out
    if request.dataset is not None and not request.fix:
        raise ValueError("a dataset given in memory is written out, so it runs with fix")
    files = expand_paths(request.paths) if request.dataset is None else []
    dataset = request.dataset if request.dataset is not None else read_dataset(files, fields)
    # The review journal counts: rejects out, edits in, findings on kept records reviewed.
    review = request.review if request.review is not None else load_review(dataset)
    reviewed = reviewed_dataset(dataset, review)
    on_event(RunEvent("lint", message=f"run folder: {out}"))
    report = mark_reviewed(run_lint(reviewed, settings), review)
    summary = RunSummary(report)
    if report.summary.errors and not (request.fix or request.force):
        raise LintFailed(report)
    data_paths = files
    if request.fix:
        plan = plan_fixes(report.findings, unsafe=False)
        summary.set_aside = set_aside(report.findings, request.fix_level)
        for record, rules in summary.set_aside.items():
            plan.drop.setdefault(record, rules[0])
        data_paths = write_reviewed(reviewed, review, plan, out / "data", fields.category)
        write_text_atomic(out / SET_ASIDE, json.dumps(summary.set_aside, indent=2) + "\n")
        summary.cleaned = data_paths[0] if len(data_paths) == 1 else out / "data"
    on_event(
        RunEvent(
            "lint",
            message=f"lint: {report.summary.errors} errors, {report.summary.warnings} warnings, "
            f"{report.summary.reviewed} reviewed; {len(summary.set_aside)} records set aside",
        )
    )
    for record, rules in summary.set_aside.items():
        on_event(RunEvent("lint", message=f"  set aside {record}: {', '.join(rules)}"))
    _check(should_stop)
    on_event(RunEvent("split", message="splitting (stratified, duplicate groups kept together)"))
    summary.splits = out / "splits"
    linted = (
        f"`curate run` linted the data before splitting: {report.summary.errors} errors, "
        f"{report.summary.warnings} warnings, {report.summary.reviewed} reviewed; "
        f"{len(summary.set_aside)} records set aside (listed in the run's set_aside.json)."
    )
    summary.manifest = split(
        data_paths, summary.splits, settings, fields, force=True, lint_summary=linted
    )
    on_event(RunEvent("split", message=f"split: {summary.manifest.totals}"))
    _check(should_stop)
    return summary


def run(
    request: RunRequest, on_event: Events = _ignore, should_stop: StopCheck = _never
) -> RunSummary:
    """The whole run; returns what each stage produced. Raises `LintFailed` (errors and
    neither fix nor force) or `Cancelled`."""
    from curate.trainer.evaluate import evaluate
    from curate.trainer.train import train

    summary = prepare(request, on_event, should_stop)
    assert summary.splits is not None and summary.manifest is not None
    settings, out = request.settings, request.out
    charted: set[int] = set()

    def trained(progress: Any) -> None:
        # One loss point per step: the trainer reports a step again when it logs it.
        loss = progress.loss if progress.step not in charted else None
        charted.add(progress.step)
        on_event(RunEvent("train", progress.step, progress.max_steps, loss, progress=progress))

    on_event(
        RunEvent("train", message=f"training a LoRA adapter on {summary.manifest.totals['train']}")
    )
    summary.trained = train(
        summary.splits,
        out,
        settings.train,
        max_steps=request.max_steps,
        on_progress=trained,
        should_stop=should_stop,
    )
    if settings.train.signals:
        _signals(out, request, on_event, should_stop)
    on_event(RunEvent("eval", 0, 1, message="generating replies with the base and tuned models"))
    summary.evaluation = evaluate(
        out,
        summary.splits / "test.jsonl",
        request.limit,
        settings=settings,
        on_progress=lambda done, total: on_event(RunEvent("eval", done, total)),
        should_stop=should_stop,
    )
    if request.ablate:
        summary.ablation = _ablate(request, summary, on_event, should_stop)
    on_event(RunEvent("eval", message=f"report: {out / 'report.md'}"))
    return summary


def _signals(out: Path, request: RunRequest, on_event: Events, should_stop: StopCheck) -> None:
    """Score the training and validation records with the tuned model (`signals.parquet`)."""
    from curate.trainer.signals import write_run_signals

    folds = request.settings.train.folds
    how = f"out of {folds} folds" if folds > 1 else "with the tuned model"
    on_event(RunEvent("signals", 0, 1, message=f"scoring training and validation records {how}"))
    path = write_run_signals(
        out,
        request.settings.train,
        request.max_steps,
        lambda what, done, total: on_event(RunEvent("signals", done, total)),
        should_stop,
    )
    on_event(RunEvent("signals", message=f"signals: {path} (curate lint --run {out})"))


def _ablate(
    request: RunRequest, summary: RunSummary, on_event: Events, should_stop: StopCheck
) -> dict[str, Any]:
    from curate.ablation import ablate, markdown_section
    from curate.proof.render import write_html

    if request.dataset is not None:
        raise ValueError("--ablate reads the raw data from its files")
    result = ablate(
        expand_paths(request.paths),
        request.out,
        request.settings,
        request.fields,
        summary.report,
        summary.set_aside,
        request.max_steps,
        request.limit,
        lambda message: on_event(RunEvent("eval", message=message)),
        should_stop,
    )
    report = request.out / "report.md"
    write_text_atomic(report, report.read_text(encoding="utf-8") + markdown_section(result))
    write_html(request.out)
    return result


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


def _check(should_stop: StopCheck) -> None:
    if should_stop():
        raise Cancelled("cancelled")
