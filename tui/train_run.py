"""Train-and-evaluate from the review app, without Textual: lint the reviewed data, set
aside what still has error findings, split, train a LoRA adapter, evaluate base vs tuned.

`train_and_evaluate()` reports through `emit` (stage, progress, loss, messages) and stops
when `should_stop()` turns true. The trainer is imported only here, inside the function,
so the review app runs without the train extra.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from curate.journal import ReviewState, reviewed_dataset
from curate.lint.fix import FixPlan
from curate.pipeline import set_aside, write_reviewed
from curate.schemas.report import EvalReport
from curate.trainer.cancel import Cancelled
from curate.tui.session import ReviewSession

STAGES = ("lint", "split", "train", "eval")
TRAIN_MODULES = ("torch", "transformers", "peft")


@dataclass
class RunEvent:
    """What the run is doing now; `done`/`total` drive the progress bar."""

    stage: str
    done: float | None = None
    total: float | None = None
    loss: float | None = None
    message: str = ""


def missing_train_extra() -> str | None:
    """The first module of the train extra that is not installed, if any."""
    for name in TRAIN_MODULES:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def run_folder(session: ReviewSession) -> Path:
    """A new folder per run under the session's runs folder, named by data and time."""
    stem = Path(session.dataset.sources[0].path).name.split(".")[0]
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return session.runs_dir / f"{stem}-{stamp}"


def train_and_evaluate(
    session: ReviewSession, emit: Callable[[RunEvent], None], should_stop: Callable[[], bool]
) -> EvalReport:
    """The whole run on the data as reviewed; raises `Cancelled` when asked to stop."""
    from curate.split.command import split
    from curate.trainer.evaluate import evaluate
    from curate.trainer.train import train

    out = run_folder(session)
    emit(RunEvent("lint", message=f"run folder: {out}"))
    report = session.lint()
    aside = set_aside(report.findings)
    emit(
        RunEvent(
            "lint",
            message=f"lint: {report.summary.errors} errors, {report.summary.reviewed} reviewed; "
            f"{len(aside)} records set aside",
        )
    )
    for record, rules in aside.items():
        emit(RunEvent("lint", message=f"  set aside {record}: {', '.join(rules)}"))
    review = ReviewState(latest=dict(session.state.latest))
    plan = FixPlan(drop={record: rules[0] for record, rules in aside.items()})
    dataset = reviewed_dataset(session.dataset, review)
    data = write_reviewed(dataset, review, plan, out / "data", session.fields.category)
    _check(should_stop)
    emit(RunEvent("split", message="splitting (stratified, duplicate groups kept together)"))
    settings, fields = session.settings, session.fields
    manifest = split(data, out / "splits", settings, fields, force=True)
    session.splits_dir = out / "splits"
    emit(RunEvent("split", message=f"split: {manifest.totals}"))
    _check(should_stop)

    charted: set[int] = set()

    def trained(progress: Any) -> None:
        # One loss point per step: the trainer reports a step again when it logs it.
        loss = progress.loss if progress.step not in charted else None
        charted.add(progress.step)
        emit(RunEvent("train", progress.step, progress.max_steps, loss))

    emit(RunEvent("train", message=f"training a LoRA adapter on {manifest.totals.get('train')}"))
    train(
        out / "splits",
        out,
        settings.train,
        max_steps=session.max_steps,
        on_progress=trained,
        should_stop=should_stop,
    )
    emit(RunEvent("eval", 0, 1, message="generating replies with the base and tuned models"))
    result = evaluate(
        out,
        out / "splits" / "test.jsonl",
        session.eval_limit,
        settings=settings,
        on_progress=lambda done, total: emit(RunEvent("eval", done, total)),
        should_stop=should_stop,
    )
    emit(RunEvent("eval", message=f"report: {out / 'report.md'}"))
    return result


def _check(should_stop: Callable[[], bool]) -> None:
    if should_stop():
        raise Cancelled("cancelled")
