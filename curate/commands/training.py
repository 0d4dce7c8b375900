"""`curate train`, `eval` and `run`: the commands that need the train extra."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from curate.commands.base import ConfigOpt, app, fails_cleanly, trainer_functions, validated
from curate.config import load_settings
from curate.io import DatasetError
from curate.schemas.finding import Severity

if TYPE_CHECKING:
    from curate.pipeline import RunEvent


SignalsOpt = Annotated[
    bool | None,
    typer.Option(
        "--signals/--no-signals",
        help="Score train and val records with the tuned model for the MOD rules.",
    ),
]
FoldsOpt = Annotated[
    int | None,
    typer.Option(help="Out-of-fold signals: train K more adapters (K x the training time)."),
]


@app.command()
@fails_cleanly
def train(
    splits: Annotated[
        Path, typer.Argument(help="Folder from `curate split` (train.jsonl, val.jsonl).")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Run folder: adapter/, metrics, model card.")
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Model folder, .gguf file or hub id (default: embedded SmolLM2-135M-Instruct)."
        ),
    ] = None,
    epochs: Annotated[float | None, typer.Option(help="Training epochs.")] = None,
    max_steps: Annotated[
        int | None, typer.Option(help="Stop after this many optimizer steps.")
    ] = None,
    train_on: Annotated[
        str | None,
        typer.Option(help="Assistant turns that carry the loss: all-assistant or last-assistant."),
    ] = None,
    signals: SignalsOpt = None,
    folds: FoldsOpt = None,
    show_mask: Annotated[
        int | None,
        typer.Option(
            help="Print train record N (1-based) with the trained tokens marked, and stop."
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Fine-tune a LoRA adapter on the train split, validating on val."""
    settings = load_settings(config)
    changes = {
        "model": model,
        "epochs": epochs,
        "train_on": train_on,
        "signals": signals,
        "folds": folds,
    }
    train_settings = validated(settings.train, changes)
    if not (splits / "train.jsonl").is_file():
        raise DatasetError(str(splits), "no train.jsonl here; make one with `curate split`")
    run, _ = trainer_functions()
    if show_mask is not None:
        from curate.trainer.mask import mask_view

        Console(highlight=False).print(mask_view(splits, train_settings, show_mask), end="")
        return
    if out is None:
        raise DatasetError("--out", "needs a run folder: curate train SPLITS --out RUN")
    from curate.trainer.display import training_bar

    with training_bar() as show:
        result = run(splits, out, train_settings, max_steps=max_steps, on_progress=show)
    if not result.main_process:
        return
    print(
        f"adapter saved to {result.adapter} ({result.train_records} examples, "
        f"{len(result.truncated)} truncated, {len(result.skipped)} not trainable)",
        file=sys.stderr,
    )
    for record, why in result.skipped.items():
        print(f"  not trained on {record}: {why}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if train_settings.signals:
        _write_signals(out, train_settings, max_steps)


@app.command(name="signals")
@fails_cleanly
def signals_command(
    run: Annotated[Path, typer.Argument(help="Run folder from `curate train` or `curate run`.")],
    folds: Annotated[
        int | None,
        typer.Option(help="Out-of-fold: K adapters, each record scored by one that never saw it."),
    ] = None,
    max_steps: Annotated[
        int | None, typer.Option(help="With --folds: stop each fold's training after N steps.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Score a run's train and val records with its tuned model (signals.parquet)."""
    import json

    from curate.trainer.train import run_settings

    config_file = run / "train_config.json"
    if not config_file.is_file():
        raise DatasetError(str(run), "no train_config.json here; train with `curate train` first")
    trainer_functions()
    settings = run_settings(json.loads(config_file.read_text()), load_settings(config).train)
    settings = validated(settings, {"folds": folds})
    _write_signals(run, settings, max_steps)


def _write_signals(run: Path, settings: Any, max_steps: int | None) -> None:
    from curate.trainer.display import signals_bar
    from curate.trainer.signals import write_run_signals

    with signals_bar() as show:
        path = write_run_signals(run, settings, max_steps, show)
    print(f"signals: {path} (read them with `curate lint DATA --run {run}`)", file=sys.stderr)


@app.command(name="eval")
@fails_cleanly
def eval_command(
    run: Annotated[Path, typer.Argument(help="Run folder from `curate train`.")],
    split: Annotated[
        str, typer.Option(help="Split to evaluate on: test, val, or a JSONL path.")
    ] = "test",
    splits: Annotated[
        Path | None, typer.Option(help="Split folder (default: the one the run trained on).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate on the first N records only.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Compare the base model with the tuned adapter on held-out records."""
    import json

    from curate.trainer.display import evaluation_bar

    settings = load_settings(config)
    config_file = run / "train_config.json"
    if not config_file.is_file():
        raise DatasetError(str(run), "no train_config.json here; train with `curate train` first")
    folder = splits or Path(json.loads(config_file.read_text())["splits"])
    path = Path(split) if split.endswith(".jsonl") else folder / f"{split}.jsonl"
    if not path.is_file():
        raise DatasetError(str(path), "no such split file")
    _, evaluate = trainer_functions()
    from curate.trainer.evaluate import render_table

    with evaluation_bar() as show:
        report = evaluate(run, path, limit, settings=settings, on_progress=show)
    console = Console(highlight=False)
    console.print(render_table(report, f"on {path} ({report.n} records)"))
    console.print(Text(f"Verdict ({report.verdict.advice}): {report.verdict.text}"))
    print(f"report: {run / 'report.json'}, {run / 'report.md'}", file=sys.stderr)


@app.command(name="run")
@fails_cleanly
def run_command(
    paths: Annotated[list[Path], typer.Argument(help="The dataset file.")],
    out: Annotated[Path, typer.Option("--out", help="Run folder: data, splits, adapter, report.")],
    fix: Annotated[
        bool, typer.Option(help="Apply safe fixes and set aside records with errors.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Train even with error findings.")] = False,
    fix_level: Annotated[
        Severity | None,
        typer.Option(
            help="With --fix: set aside records with findings of this severity or worse "
            "(default error; implies --fix)."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model folder, .gguf file or hub id.")] = None,
    max_steps: Annotated[
        int | None, typer.Option(help="Stop training after this many steps.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate on the first N test records.")] = None,
    ablate: Annotated[
        bool,
        typer.Option(help="Also train on the raw data (same settings) and compare: ablation.json."),
    ] = False,
    signals: SignalsOpt = None,
    folds: FoldsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Lint, split, train and evaluate, then print one summary."""
    from curate.lint.report.text import render_text
    from curate.pipeline import LintFailed, RunRequest, run

    settings = load_settings(config)
    changes = {"model": model, "signals": signals, "folds": folds}
    settings = settings.model_copy(update={"train": validated(settings.train, changes)})
    fields = settings.fields
    console = Console(highlight=False)
    trainer_functions()  # a clear error now when the train extra is missing
    level = fix_level or Severity.ERROR
    request = RunRequest(
        paths,
        out,
        settings,
        fields,
        fix or fix_level is not None,
        force,
        level,
        max_steps,
        limit,
        ablate=ablate,
    )
    try:
        with RunDisplay() as display:
            summary = run(request, display.show)
    except LintFailed as failed:
        render_text(failed.report, console)
        print(
            "curate: error findings stop the run; use --fix to set those records aside, or --force",
            file=sys.stderr,
        )
        raise typer.Exit(1) from None
    report, result = summary.evaluation, summary.trained
    assert report is not None and result is not None
    from curate.trainer.evaluate import render_table

    print(
        f"lint: {summary.report.summary.errors} errors, {summary.report.summary.warnings} "
        f"warnings; {len(summary.set_aside)} records set aside"
    )
    print(f"train: {result.train_records} examples, adapter in {result.adapter}")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    console.print(render_table(report, f"eval on {report.n} test records"))
    console.print(Text(f"Verdict ({report.verdict.advice}): {report.verdict.text}"))
    if summary.ablation is not None:
        console.print(Text(f"Ablation: {summary.ablation['verdict']}"))
        for item in summary.ablation["memorised"]:
            said = [name for name in ("raw", "curated") if item[name]]
            print(f"  {item['id']} ({item['kind']}) repeated by: {', '.join(said) or 'neither'}")
    print(f"report: {out / 'report.md'}")


class RunDisplay:
    """What `curate run` shows while it runs: the set-aside records on stderr, then a
    training bar and an evaluation bar, each open only during its stage."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._train: Callable[[Any], None] | None = None
        self._eval: Callable[[int, int], None] | None = None

    def __enter__(self) -> RunDisplay:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def show(self, event: RunEvent) -> None:
        from curate.trainer.display import evaluation_bar, training_bar

        if event.stage == "lint" and event.message.startswith("  set aside "):
            print(event.message.strip(), file=sys.stderr)
        elif event.stage == "train" and event.progress is not None:
            if self._train is None:
                self._train = self._stack.enter_context(training_bar())
            self._train(event.progress)
        elif event.stage == "signals" and event.message:
            self._stack.close()  # the training bar is done
            print(event.message, file=sys.stderr)
        elif event.stage == "eval" and event.total is not None:
            if self._eval is None:
                self._stack.close()  # the training bar is done
                self._eval = self._stack.enter_context(evaluation_bar())
            self._eval(int(event.done or 0), int(event.total))
