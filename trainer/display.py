"""Progress bars on stderr for `curate train`, `eval` and `run`: one line each, with the
step, the current loss and the time left. Torch-free (rich only)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from curate.trainer.progress import TrainProgress


def clock(seconds: float | None) -> str:
    """`m:ss` (or `h:mm:ss`); `-:--` when unknown."""
    if seconds is None:
        return "-:--"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def train_status(progress: TrainProgress) -> str:
    """`loss 1.234  val 1.301  0:42 elapsed  eta 1:10`: what the bar shows after m/n."""
    parts = [f"loss {progress.loss:.3f}" if progress.loss is not None else "loss -"]
    if progress.eval_loss is not None:
        parts.append(f"val {progress.eval_loss:.3f}")
    parts += [f"{clock(progress.elapsed_s)} elapsed", f"eta {clock(progress.eta_s)}"]
    return "  ".join(parts)


def main_process() -> bool:
    """False in the other processes of a `torchrun` / `accelerate launch` run."""
    return os.environ.get("RANK", "0") == "0"


@contextmanager
def training_bar(console: Console | None = None) -> Iterator[Callable[[TrainProgress], None]]:
    """A progress bar for `train(on_progress=...)`; nothing in the other processes of a
    distributed run."""
    if not main_process():
        yield lambda report: None
        return
    progress = Progress(
        TextColumn("train"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        console=console or Console(stderr=True),
    )
    task = progress.add_task("train", total=None, status="loading")

    def show(report: TrainProgress) -> None:
        progress.update(
            task, total=report.max_steps, completed=report.step, status=train_status(report)
        )

    with progress:
        yield show


@contextmanager
def evaluation_bar(console: Console | None = None) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for `evaluate(on_progress=...)`: replies generated, base and tuned."""
    progress = Progress(
        TextColumn("eval"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("replies"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
    )
    task = progress.add_task("eval", total=None)

    def show(done: int, total: int) -> None:
        progress.update(task, total=total, completed=done)

    with progress:
        yield show


@contextmanager
def signals_bar(console: Console | None = None) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar for `write_run_signals(on_progress=...)`: records scored, or the fold
    being trained. It appears with the first report, so a run that fails at once (a bad
    `--folds`) prints its error alone."""
    progress = Progress(
        TextColumn("signals"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[what]}"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
    )
    task = progress.add_task("signals", total=None, what="loading")

    def show(what: str, done: int, total: int) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.update(task, total=total, completed=done, what=what)

    try:
        yield show
    finally:
        if progress.live.is_started:
            progress.stop()
