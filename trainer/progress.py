"""`TrainProgress`: what training reports after each step, torch-free so that progress bars
and the app can show it without the train extra."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrainProgress:
    """Where training stands, after an optimizer step, a log or an evaluation."""

    step: int
    max_steps: int
    epoch: float
    loss: float | None
    """The latest training loss logged (None before the first log)."""
    eval_loss: float | None
    """The latest validation loss (None before the first evaluation)."""
    elapsed_s: float
    eta_s: float | None
    """Seconds left at the pace so far (None before the first step)."""
