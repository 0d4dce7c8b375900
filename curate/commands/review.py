"""`curate review`: the review app, or reviewer agreement with `--agreement`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from curate.commands.base import PathsArg, app, fails_cleanly, with_settings
from curate.config import ConfigError
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.terminal import plain


@app.command()
@fails_cleanly
@with_settings
def review(
    paths: PathsArg,
    reviewer: Annotated[
        str | None,
        typer.Option(help="Name recorded with decisions (default: config, CURATE_REVIEWER, git)."),
    ] = None,
    agreement: Annotated[
        bool, typer.Option("--agreement", help="Print reviewer agreement (kappa) and exit.")
    ] = False,
    splits: Annotated[
        Path | None, typer.Option(help="Split folder of this data, for the balance screen.")
    ] = None,
    runs: Annotated[
        Path, typer.Option(help="Where train-and-evaluate (key t) puts its run folders.")
    ] = Path("curate-runs"),
    max_steps: Annotated[
        int | None, typer.Option(help="Key t: stop training after this many steps.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Key t: evaluate on the first N test records.")
    ] = None,
    run_dir: Annotated[
        Path | None,
        typer.Option("--run", help="Run folder of this data: the model's findings (key m)."),
    ] = None,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge", help="PATH is a run folder: judge two models' replies blind, side by side."
        ),
    ] = False,
    models: Annotated[
        str, typer.Option(help="With --judge: the two models to compare, e.g. prompted,tuned.")
    ] = "base,tuned",
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="With --judge: write the expert win rates into the report, print them, exit.",
        ),
    ] = False,
    *,
    settings: CurateSettings,
    fields: FieldSettings,
) -> None:
    """Review records in a terminal app: findings first, one key per decision. With
    `--judge`, judge a run's replies instead."""
    if summary and not judge:
        raise ConfigError("--summary goes with --judge (curate review RUN --judge --summary)")
    if judge:
        _judge(paths, models, reviewer, summary, settings)
        return
    if agreement:
        from curate.agreement import agreement_for, render_agreement

        render_agreement(agreement_for(paths, settings), Console(highlight=False))
        return
    try:
        from curate.tui.app import make_app
    except ImportError as exc:
        print(
            f"curate: error: the review app needs the tui extra ({exc.name} is missing): "
            "pip install 'curate-sft[tui]'",
            file=sys.stderr,
        )
        raise typer.Exit(2) from None
    review_app = make_app(paths, settings, reviewer, fields, splits, runs, run_dir)
    review_app.session.max_steps, review_app.session.eval_limit = max_steps, limit
    review_app.run()


def _judge(
    paths: list[Path], models: str, reviewer: str | None, summary: bool, settings: CurateSettings
) -> None:
    """`--judge`: the judge app on a run folder, or with `--summary` the expert win rates
    written into its report and printed. The report is refreshed when the app closes."""
    from curate.judging import (
        journal_of,
        parse_models,
        read_judgements,
        read_predictions,
        refresh_report,
        run_models,
        summary_lines,
    )

    if len(paths) != 1:
        raise ConfigError("--judge takes one run folder (curate run DATA --out RUN makes one)")
    run = paths[0]
    pair = parse_models(models, run_models(read_predictions(run)))
    judgements, warning = read_judgements(journal_of(run))
    if warning:
        print(f"curate: warning: {plain(warning)}", file=sys.stderr)
    if summary:
        for line in summary_lines(refresh_report(run, judgements)):
            print(plain(line))
        print(f"report: {plain(run / 'report.md')}", file=sys.stderr)
        return
    try:
        from curate.tui.app import make_judge_app
    except ImportError as exc:
        raise ConfigError(
            f"the judge app needs the tui extra ({exc.name} is missing): "
            "pip install 'curate-sft[tui]'"
        ) from None

    judge_app = make_judge_app(run, pair, settings, reviewer)
    judge_app.run()
    outcome = judge_app.outcome
    if outcome.error:
        print(f"curate: warning: {plain(outcome.error)}", file=sys.stderr)
    elif outcome.judged:
        for line in summary_lines(outcome.pairs):
            print(plain(line), file=sys.stderr)
        print(f"report: {plain(run / 'report.md')}", file=sys.stderr)
