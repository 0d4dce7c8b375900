"""RunScreen: lint → split → train → evaluate the reviewed data in a worker, with the stage,
a progress bar, the training loss as it falls, and the base-vs-tuned table at the end.

The run can be cancelled (the trainer stops at the next step and keeps what it learnt);
the review screen stays one key away throughout.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar, RichLog, Sparkline, Static

from curate.proof.render import interval_text, number
from curate.proof.verdict import METRIC_NAMES
from curate.schemas.report import MODELS, EvalReport
from curate.trainer.cancel import Cancelled
from curate.tui.session import ReviewSession
from curate.tui.train_run import (
    STAGES,
    RunEvent,
    missing_train_extra,
    run_folder,
    train_and_evaluate,
)
from curate.tui.widgets.visible_text import plain

RUN_SCREEN = "train-and-evaluate"
"""The name the run screen is installed under while it exists."""


class RunScreen(Screen[None]):
    """One train-and-evaluate run of the reviewed data."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "cancel", "Cancel run", id="run.cancel"),
        Binding("j", "judge", "Judge replies", id="run.judge"),
        Binding("escape,q", "close", "Back to review", id="run.close"),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.stop = threading.Event()
        self.losses: list[float] = []
        self.stage = ""
        self.done: set[str] = set()
        self.running = False
        self.run_dir = run_folder(session)
        self.evaluated = False
        """The run finished with a report: its replies can be judged (key j)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="run"):
            yield Static(id="run-stages")
            yield ProgressBar(id="run-progress", show_eta=True)
            yield Label("loss", id="run-loss-label")
            yield Sparkline([], id="run-loss")
            yield Static(id="run-report")
            yield RichLog(id="run-log", wrap=True, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        missing = missing_train_extra()
        if missing:
            self.query_one("#run-stages", Static).update(
                Text(
                    f"Training needs the train extra ({missing} is not installed).\n"
                    "Install it with:  pip install torch==2.13.0 'curate-sft[train]'",
                    style="bold yellow",
                )
            )
            return
        self._show_stages()
        self.running = True
        self._run()

    @work(thread=True, exclusive=True, group="train")
    def _run(self) -> None:
        try:
            report = train_and_evaluate(
                self.session,
                lambda event: self.app.call_from_thread(self._on_event, event),
                self.stop.is_set,
                self.run_dir,
            )
        except Cancelled:
            self.app.call_from_thread(self._finished, None, "cancelled")
        except Exception as exc:  # shown on the screen: the app must not die with the run
            message = f"{type(exc).__name__}: {exc}".splitlines()[0]
            self.app.call_from_thread(self._finished, None, f"failed: {message}")
        else:
            self.app.call_from_thread(self._finished, report, "done")

    def _on_event(self, event: RunEvent) -> None:
        if event.stage != self.stage:
            if self.stage:
                self.done.add(self.stage)
            self.stage = event.stage
            self._show_stages()
        bar = self.query_one("#run-progress", ProgressBar)
        if event.total is not None:
            bar.update(total=event.total, progress=event.done or 0)
        if event.loss is not None:
            self.losses.append(event.loss)
            self.query_one("#run-loss", Sparkline).data = list(self.losses)
            self.query_one("#run-loss-label", Label).update(
                f"training loss {event.loss:.3f}  (first {self.losses[0]:.3f})"
            )
        if event.message:
            self.query_one("#run-log", RichLog).write(plain(event.message))

    def _show_stages(self) -> None:
        text = Text()
        for position, name in enumerate(STAGES, start=1):
            if name in self.done:
                text.append(f" {position} {name} ✓ ", style="green")
            elif name == self.stage:
                text.append(f" {position} {name} … ", style="bold reverse")
            else:
                text.append(f" {position} {name} ", style="dim")
        self.query_one("#run-stages", Static).update(text)

    def _finished(self, report: EvalReport | None, outcome: str) -> None:
        self.running = False
        if self.stage:
            self.done.add(self.stage)
        self._show_stages()
        self.query_one("#run-log", RichLog).write(plain(f"run {outcome}"))
        if report is not None:
            self.query_one("#run-report", Static).update(report_table(report))
            self.evaluated = True
            self.refresh_bindings()
            self._use_signals()
        self.notify(f"train and evaluate: {plain(outcome)}", markup=False)

    def _use_signals(self) -> None:
        """The run's model signals join the review: back on the review screen, lint runs
        again with the MOD rules, and `m` shows what the tuned model disagrees with."""
        from curate.io import DatasetError

        log = self.query_one("#run-log", RichLog)
        if not self.session.settings.train.signals:
            return
        try:
            self.session.use_run(self.run_dir)
        except DatasetError as exc:
            log.write(plain(f"model signals not used: {exc}"))
            return
        log.write(
            "model signals loaded: back in review, m shows what the tuned model disagrees with"
        )

    def action_cancel(self) -> None:
        if self.running and not self.stop.is_set():
            self.stop.set()
            self.query_one("#run-log", RichLog).write("cancelling at the next step…")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Judging is offered once the run has replies to judge."""
        return self.evaluated if action == "judge" else True

    def action_judge(self) -> None:
        """Blind side-by-side judging of this run's base and tuned replies."""
        from curate.io.errors import DatasetError
        from curate.judging import JudgeSession
        from curate.tui.screens.judge import JudgeScreen

        try:
            session = JudgeSession.open(self.run_dir, ("base", "tuned"), self.session.reviewer)
        except DatasetError as exc:
            self.notify(plain(exc), severity="error", markup=False)
            return
        self.app.push_screen(JudgeScreen(session))

    def action_close(self) -> None:
        """Back to reviewing; a run goes on in the background (`t` shows it again)."""
        if self.running:
            self.notify("the run goes on; t shows it again")
        self.app.pop_screen()


def report_table(report: EvalReport) -> Group:
    """The verdict, then one row per model: the primary metric, ROUGE-L, format validity
    where FMT rules apply, and tuned's difference from it with its 95% interval. Short
    enough for an 80x24 terminal; report.md has the rest."""
    primary = report.verdict.primary_metric
    name = METRIC_NAMES.get(primary, primary)
    table = Table(title=Text(f"on {report.n} held-out records"), title_justify="left")
    columns = [("model", "left"), (name, "right"), ("ROUGE-L", "right")]
    has_format = report.models["tuned"].get("format_valid") is not None
    if has_format:
        columns.append(("format", "right"))
    columns.append((f"tuned − model, {name} (95% CI)", "right"))
    for column, justify in columns:
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for model in MODELS:
        means = report.models[model]
        cells = [model, number(means.get(primary)), number(means.get("rouge_l"))]
        if has_format:
            cells.append(number(means.get("format_valid")))
        delta = report.deltas.get(f"tuned_vs_{model}", {}).get(primary)
        cells.append("-" if delta is None else interval_text(delta.delta, *delta.ci95))
        table.add_row(*(Text(c) for c in cells), style="bold" if model == "tuned" else "")
    verdict = Text(f"Verdict ({report.verdict.advice}): {report.verdict.text}")
    return Group(table, verdict)
