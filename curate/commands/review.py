"""`curate review`: the review app, or reviewer agreement with `--agreement`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from curate.commands.base import PathsArg, app, fails_cleanly, with_settings
from curate.schemas.settings import CurateSettings, FieldSettings


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
    *,
    settings: CurateSettings,
    fields: FieldSettings,
) -> None:
    """Review records in a terminal app: findings first, one key per decision."""
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
