"""Train-and-evaluate from the review app: `curate.pipeline.run` on the data as reviewed,
with the same set-aside rule as `curate run --fix`, in a folder of its own per run.

The trainer is imported only when training starts, so the review app runs without the train
extra.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from curate.journal import ReviewState
from curate.pipeline import STAGES, RunEvent, RunRequest, run
from curate.schemas.report import EvalReport
from curate.tui.session import ReviewSession

__all__ = ["STAGES", "RunEvent", "missing_train_extra", "run_folder", "train_and_evaluate"]

TRAIN_MODULES = ("torch", "transformers", "peft")


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
    session: ReviewSession,
    emit: Callable[[RunEvent], None],
    should_stop: Callable[[], bool],
    out: Path | None = None,
) -> EvalReport:
    """The whole run on the data as reviewed, into `out` (default: a new `run_folder`);
    raises `Cancelled` when asked to stop."""
    request = RunRequest(
        paths=[Path(source.path) for source in session.dataset.sources],
        out=out or run_folder(session),
        settings=session.settings,
        fields=session.fields,
        fix=True,
        max_steps=session.max_steps,
        limit=session.eval_limit,
        dataset=session.dataset,
        review=ReviewState(latest=dict(session.state.latest)),
    )
    summary = run(request, emit, should_stop)
    session.splits_dir = summary.splits
    assert summary.evaluation is not None
    return summary.evaluation
