"""Trainer callbacks: the metrics log, progress reports and cancellation.

This module imports transformers at module level; only `train()` imports it, inside the
function, so `import curate.trainer.train` stays torch-free.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

from curate.trainer.cancel import Cancelled
from curate.trainer.progress import TrainProgress


class MetricsWriter(TrainerCallback):  # type: ignore[misc]
    """Appends every log entry (loss, eval loss, step) to a JSONL file as training goes,
    flushed, so a crash or Ctrl-C keeps the curve so far. Only the main process writes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if state.is_world_process_zero:
            self.path.write_text("")

    def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> None:
        if logs and state.is_world_process_zero:
            with self.path.open("a") as handle:
                handle.write(json.dumps({"step": state.global_step, **logs}) + "\n")


class ProgressHooks(TrainerCallback):  # type: ignore[misc]
    """Reports progress after each optimizer step and each log, and stops on request.

    A step that is about to be logged is reported from `on_log`, so that its report carries
    the step's own loss. When `should_stop()` turns true after a step, the Trainer is told
    to stop, the step is still logged, and `Cancelled` is raised at the end of the epoch
    loop, before any evaluation or checkpoint.
    """

    def __init__(
        self,
        on_progress: Callable[[TrainProgress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.started = time.monotonic()
        self.first_step = 0
        self.loss: float | None = None
        self.eval_loss: float | None = None
        self.cancelled = False

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.started = time.monotonic()
        self.first_step = state.global_step
        self._report(state)  # the total is known now: a bar can show 0/N before step 1

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
            control.should_training_stop = True
        if not control.should_log:
            self._report(state)

    def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> None:
        logs = logs or {}
        if "loss" in logs:
            self.loss = float(logs["loss"])
        if "eval_loss" in logs:
            self.eval_loss = float(logs["eval_loss"])
        self._report(state)

    def on_epoch_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.cancelled:
            raise Cancelled(f"training stopped on request after step {state.global_step}")

    def _report(self, state: Any) -> None:
        if self.on_progress is None or not state.is_world_process_zero:
            return
        elapsed = time.monotonic() - self.started
        done = state.global_step - self.first_step
        eta = elapsed / done * max(0, state.max_steps - state.global_step) if done else None
        self.on_progress(
            TrainProgress(
                step=state.global_step,
                max_steps=state.max_steps,
                epoch=float(state.epoch or 0.0),
                loss=self.loss,
                eval_loss=self.eval_loss,
                elapsed_s=elapsed,
                eta_s=eta,
            )
        )
