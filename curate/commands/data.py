"""`curate stats`, `lint`, `split` and `export`: the commands that read and write data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from curate.commands.base import (
    LintFormat,
    OutputFormat,
    PathsArg,
    app,
    fails_cleanly,
    validated,
    with_settings,
)
from curate.config import ConfigError
from curate.io import read_dataset
from curate.io.paths import expand_paths
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.terminal import plain


@app.command()
@fails_cleanly
@with_settings
def stats(
    paths: PathsArg,
    settings: CurateSettings,
    fields: FieldSettings,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="text for people, json for scripts.")
    ] = OutputFormat.TEXT,
) -> None:
    """Records, categories, lengths, formats and unreadable lines of a dataset."""
    from curate.progress import stage_line
    from curate.stats import compute_stats, render_stats

    with stage_line() as progress:
        progress.stage("reading")
        dataset = read_dataset(expand_paths(paths), fields)
        progress.records = len(dataset)
        progress.stage("statistics")
        summary = compute_stats(dataset)
    if output_format is OutputFormat.JSON:
        print(summary.model_dump_json(indent=2))
    else:
        render_stats(summary, Console())


def _run_path(run_dir: Path | None, settings: CurateSettings) -> str | None:
    """`--run` as `[lint] run` holds it: a relative path there is the config file's, so
    one given on the command line is made absolute when a config file is in play."""
    if run_dir is None:
        return None
    return (
        str(run_dir.absolute()) if settings.source and not run_dir.is_absolute() else str(run_dir)
    )


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


@app.command()
@fails_cleanly
@with_settings
def lint(
    paths: Annotated[
        list[Path], typer.Argument(help="Dataset files or folders, linted as one dataset.")
    ],
    eval_paths: Annotated[
        list[Path] | None,
        typer.Option("--eval", help="Golden/eval set: never trained on; overlap is leakage."),
    ] = None,
    select: Annotated[
        str | None, typer.Option(help="Rules to run: codes or prefixes, comma-separated.")
    ] = None,
    extend_select: Annotated[
        str | None, typer.Option(help="Rules to add to the selection.")
    ] = None,
    ignore: Annotated[str | None, typer.Option(help="Rules not to run.")] = None,
    output_format: Annotated[
        LintFormat, typer.Option("--output-format", help="text, json, github or sarif.")
    ] = LintFormat.TEXT,
    statistics: Annotated[
        bool,
        typer.Option(
            help="Add counts and seconds per rule (rules run two at a time: seconds overlap)."
        ),
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option(help="Report only findings not in this baseline.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Write today's findings as the baseline.")
    ] = None,
    fix: Annotated[bool, typer.Option(help="Write a cleaned copy to --out.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option(help="With --fix: also redact secrets and personal data.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Where --fix writes (a file, or a folder for several inputs)."),
    ] = None,
    exit_zero: Annotated[bool, typer.Option(help="Exit 0 even when there are errors.")] = False,
    output_file: Annotated[
        Path | None,
        typer.Option(help="Write the report to this file (atomically) instead of stdout."),
    ] = None,
    review: Annotated[
        bool, typer.Option(help="Apply the review journals beside the files (<name>.review.jsonl).")
    ] = True,
    run_dir: Annotated[
        Path | None,
        typer.Option("--run", help="Run folder whose model signals the MOD rules read."),
    ] = None,
    cache: Annotated[
        bool, typer.Option(help="Keep per-text results in the cache folder (--no-cache: off).")
    ] = True,
    cache_dir: Annotated[
        Path | None, typer.Option(help="The cache folder (default: .curate_cache).")
    ] = None,
    *,
    settings: CurateSettings,
    fields: FieldSettings,
) -> None:
    """Lint a dataset: exit 0 clean, 1 error findings, 2 bad usage, config or input."""
    from curate.lint.command import LintRequest
    from curate.lint.command import lint as run

    lint_settings = validated(
        settings.lint,
        {
            "select": _codes(select),
            "ignore": [*settings.lint.ignore, *(_codes(ignore) or [])] if ignore else None,
            "extend_select": [*settings.lint.extend_select, *(_codes(extend_select) or [])]
            if extend_select
            else None,
            "run": _run_path(run_dir, settings),
            "cache_dir": "" if not cache else str(cache_dir.resolve()) if cache_dir else None,
        },
    )
    settings = settings.model_copy(update={"lint": lint_settings})
    request = LintRequest(
        paths=paths,
        eval_paths=eval_paths or [],
        output_format=output_format.value,
        statistics=statistics,
        baseline=baseline,
        write_baseline=write_baseline,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        out=out,
        exit_zero=exit_zero,
        output_file=output_file,
        review=review,
    )
    raise typer.Exit(run(request, settings, fields))


@app.command()
@fails_cleanly
@with_settings
def split(
    paths: Annotated[list[Path], typer.Argument(help="Dataset files or folders.")],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for train/val/test and manifest.json.")
    ],
    ratios: Annotated[
        str | None, typer.Option(help="train,val,test shares, e.g. 0.8,0.1,0.1.")
    ] = None,
    stratify: Annotated[
        str | None, typer.Option(help="Field whose values each split keeps in proportion.")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of the assignment (default 42).")] = None,
    parquet: Annotated[bool, typer.Option(help="Also write Parquet files.")] = False,
    force: Annotated[bool, typer.Option(help="Replace a non-empty --out folder.")] = False,
    keep_duplicates: Annotated[
        bool, typer.Option(help="Keep exact copies (still kept together).")
    ] = False,
    *,
    settings: CurateSettings,
    fields: FieldSettings,
) -> None:
    """Write stratified train/val/test splits that keep duplicates inside one split."""
    from curate.split.command import describe
    from curate.split.command import split as run

    update: dict[str, Any] = {}
    if ratios is not None:
        try:
            update["ratios"] = tuple(float(r) for r in ratios.split(","))
        except ValueError:
            raise ConfigError(f"--ratios: {ratios!r} is not three numbers") from None
        if len(update["ratios"]) != 3:
            raise ConfigError(f"--ratios: give three shares, train,val,test (got {ratios!r})")
    update["stratify"], update["seed"] = stratify, seed
    settings = settings.model_copy(update={"split": validated(settings.split, update)})
    from curate.progress import stage_line

    with stage_line() as progress:
        manifest = run(
            paths, out, settings, fields, parquet, force, keep_duplicates, progress=progress
        )
    print(describe(manifest, out), file=sys.stderr)


@app.command()
@fails_cleanly
@with_settings
def export(
    path: Annotated[
        Path,
        typer.Argument(
            help="The reviewed dataset file (with --merged: a run folder; with --preferences: "
            "a run folder or a dataset file)."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="New file for the reviewed dataset; its suffix picks the format "
            "(with --merged: a new folder).",
        ),
    ],
    merged: Annotated[
        bool,
        typer.Option(
            "--merged", help="Write the run's base model with its adapter merged in (safetensors)."
        ),
    ] = False,
    preferences: Annotated[
        bool,
        typer.Option(
            "--preferences",
            help="Write experts' choices as preference data (prompt, chosen, rejected): a run "
            "folder's judgements, or a dataset's duplicate-screen choices.",
        ),
    ] = False,
    *,
    settings: CurateSettings,
    fields: FieldSettings,
) -> None:
    """Write the reviewed dataset: rejected records left out, edits applied. With
    `--merged`, write a run's merged model instead; with `--preferences`, experts' choices
    as preference data in TRL's format."""
    if merged and preferences:
        raise ConfigError("--merged and --preferences write different things; give one")
    if preferences:
        from curate.preferences import describe_preferences, export_preferences

        written = export_preferences(path, out, fields)
        if written.warning:
            print(f"curate: warning: {plain(written.warning)}", file=sys.stderr)
        print(plain(describe_preferences(written)), file=sys.stderr)
        return
    if merged:
        from curate.commands.base import trainer_functions

        trainer_functions()  # one clear line when the train extra is missing
        from curate.trainer.merge import export_merged

        print(f"merged model written to {plain(export_merged(path, out))}", file=sys.stderr)
        return
    from curate.export import describe_export, export_reviewed

    print(describe_export(export_reviewed(path, out, fields)), file=sys.stderr)
