"""The `curate` command line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from curate import __version__
from curate.config import ConfigError, load_settings
from curate.io import DatasetError, read_dataset
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.trainer.model import ModelError

app = typer.Typer(
    name="curate",
    help="Curate, lint, split and prove fine-tuning datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
F = TypeVar("F", bound=Callable[..., Any])


class InputFormat(StrEnum):
    AUTO = "auto"
    INPUT_OUTPUT = "input-output"
    ALPACA = "alpaca"
    SHAREGPT = "sharegpt"
    MESSAGES = "messages"


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class LintFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


PathsArg = Annotated[list[Path], typer.Argument(help="Dataset files (.jsonl .json .csv .parquet).")]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="curate.toml or pyproject.toml to use.")
]
FormatOpt = Annotated[
    InputFormat, typer.Option("--input-format", help="Record shape; auto detects it per file.")
]
InputFieldOpt = Annotated[
    str | None, typer.Option("--input-field", help="Field holding the prompt (e.g. prompt).")
]
OutputFieldOpt = Annotated[
    str | None, typer.Option("--output-field", help="Field holding the reply (e.g. completion).")
]
CategoryFieldOpt = Annotated[
    str | None, typer.Option("--category-field", help="Field holding the category.")
]


def fails_cleanly(command: F) -> F:
    """Turn an unreadable input or a bad config into one line on stderr and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (DatasetError, ConfigError, ModelError) as exc:
            print(f"curate: error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def trainer_functions() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """`train` and `evaluate`, or one clear error when the train extra is missing."""
    try:
        from curate.trainer.evaluate import evaluate
        from curate.trainer.train import train
    except ImportError as exc:
        raise ConfigError(
            f"training needs the train extra ({exc.name} is missing): pip install 'curate[train]'"
        ) from None
    return train, evaluate


def resolve_fields(
    settings: CurateSettings,
    input_format: InputFormat,
    input_field: str | None,
    output_field: str | None,
    category_field: str | None,
) -> FieldSettings:
    """Field settings from the config file, overridden by command-line flags."""
    overrides: dict[str, Any] = {}
    if input_format is not InputFormat.AUTO:
        overrides["input_format"] = input_format.value
    if input_field:
        overrides["input"] = input_field
    if output_field:
        overrides["output"] = output_field
    if category_field:
        overrides["category"] = category_field
    return settings.fields.model_copy(update=overrides)


def _version(value: bool) -> None:
    if value:
        print(f"curate {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Curate, lint, split and prove fine-tuning datasets."""


@app.command()
@fails_cleanly
def stats(
    paths: PathsArg,
    config: ConfigOpt = None,
    input_format: FormatOpt = InputFormat.AUTO,
    input_field: InputFieldOpt = None,
    output_field: OutputFieldOpt = None,
    category_field: CategoryFieldOpt = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="text for people, json for scripts.")
    ] = OutputFormat.TEXT,
) -> None:
    """Records, categories, lengths, formats and unreadable lines of a dataset."""
    from curate.stats import compute_stats, render_stats

    settings = load_settings(config)
    fields = resolve_fields(settings, input_format, input_field, output_field, category_field)
    summary = compute_stats(read_dataset(paths, fields))
    if output_format is OutputFormat.JSON:
        print(summary.model_dump_json(indent=2))
    else:
        render_stats(summary, Console())


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


@app.command()
@fails_cleanly
def lint(
    paths: Annotated[
        list[Path], typer.Argument(help="Dataset files or folders, linted as one dataset.")
    ],
    eval_paths: Annotated[
        list[Path] | None,
        typer.Option("--eval", help="Golden/eval set: never trained on; overlap is leakage."),
    ] = None,
    config: ConfigOpt = None,
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
    statistics: Annotated[bool, typer.Option(help="Add counts and seconds per rule.")] = False,
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
    review: Annotated[
        bool, typer.Option(help="Apply the review journals beside the files (<name>.review.jsonl).")
    ] = True,
    input_format: FormatOpt = InputFormat.AUTO,
    input_field: InputFieldOpt = None,
    output_field: OutputFieldOpt = None,
    category_field: CategoryFieldOpt = None,
) -> None:
    """Lint a dataset: exit 0 clean, 1 error findings, 2 bad usage, config or input."""
    from curate.lint.command import LintRequest
    from curate.lint.command import lint as run

    settings = load_settings(config)
    lint_settings = settings.lint.model_copy(
        update={
            key: value
            for key, value in {
                "select": _codes(select),
                "ignore": [*settings.lint.ignore, *(_codes(ignore) or [])] if ignore else None,
                "extend_select": [*settings.lint.extend_select, *(_codes(extend_select) or [])]
                if extend_select
                else None,
            }.items()
            if value is not None
        }
    )
    settings = settings.model_copy(update={"lint": lint_settings})
    fields = resolve_fields(settings, input_format, input_field, output_field, category_field)
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
        review=review,
    )
    raise typer.Exit(run(request, settings, fields))


@app.command()
@fails_cleanly
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
    config: ConfigOpt = None,
    input_format: FormatOpt = InputFormat.AUTO,
    input_field: InputFieldOpt = None,
    output_field: OutputFieldOpt = None,
    category_field: CategoryFieldOpt = None,
) -> None:
    """Write stratified train/val/test splits that keep duplicates inside one split."""
    from pydantic import ValidationError

    from curate.schemas.settings import SplitSettings
    from curate.split.command import describe
    from curate.split.command import split as run

    settings = load_settings(config)
    update: dict[str, Any] = {}
    if ratios is not None:
        try:
            update["ratios"] = tuple(float(r) for r in ratios.split(","))
        except ValueError:
            raise ConfigError(f"--ratios: {ratios!r} is not three numbers") from None
        if len(update["ratios"]) != 3:
            raise ConfigError(f"--ratios: give three shares, train,val,test (got {ratios!r})")
    if stratify is not None:
        update["stratify"] = stratify
    if seed is not None:
        update["seed"] = seed
    try:
        split_settings = SplitSettings.model_validate({**settings.split.model_dump(), **update})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConfigError(f"--{error['loc'][0]}: {error['msg']}") from None
    settings = settings.model_copy(update={"split": split_settings})
    fields = resolve_fields(settings, input_format, input_field, output_field, category_field)
    manifest = run(paths, out, settings, fields, parquet, force, keep_duplicates)
    print(describe(manifest, out), file=sys.stderr)


@app.command()
@fails_cleanly
def export(
    path: Annotated[Path, typer.Argument(help="The reviewed dataset file.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="New file for the reviewed dataset; its suffix picks the format."
        ),
    ],
    config: ConfigOpt = None,
    input_format: FormatOpt = InputFormat.AUTO,
    input_field: InputFieldOpt = None,
    output_field: OutputFieldOpt = None,
    category_field: CategoryFieldOpt = None,
) -> None:
    """Write the reviewed dataset: rejected records left out, edits applied."""
    from curate.export import describe_export, export_reviewed

    settings = load_settings(config)
    fields = resolve_fields(settings, input_format, input_field, output_field, category_field)
    print(describe_export(export_reviewed(path, out, fields)), file=sys.stderr)


@app.command()
@fails_cleanly
def train(
    splits: Annotated[
        Path, typer.Argument(help="Folder from `curate split` (train.jsonl, val.jsonl).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Run folder: adapter/, metrics, model card.")],
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
    config: ConfigOpt = None,
) -> None:
    """Fine-tune a LoRA adapter on the train split, validating on val."""
    settings = load_settings(config)
    update: dict[str, Any] = {
        k: v for k, v in {"model": model, "epochs": epochs}.items() if v is not None
    }
    train_settings = settings.train.model_copy(update=update)
    if not (splits / "train.jsonl").is_file():
        raise DatasetError(str(splits), "no train.jsonl here; make one with `curate split`")
    run, _ = trainer_functions()
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
    table = render_table(report, f"base vs tuned on {path} ({report.records} records)")
    Console(highlight=False).print(table)
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
    model: Annotated[str | None, typer.Option(help="Model folder, .gguf file or hub id.")] = None,
    max_steps: Annotated[
        int | None, typer.Option(help="Stop training after this many steps.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate on the first N test records.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Lint, split, train and evaluate, then print one summary."""
    from curate.lint.report.text import render_text
    from curate.pipeline import LintFailed, prepare

    settings = load_settings(config)
    if model is not None:
        settings = settings.model_copy(
            update={"train": settings.train.model_copy(update={"model": model})}
        )
    fields = resolve_fields(settings, InputFormat.AUTO, None, None, None)
    console = Console(highlight=False)
    try:
        summary = prepare(paths, out, settings, fields, fix, force)
    except LintFailed as failed:
        render_text(failed.report, console)
        print(
            "curate: error findings stop the run; use --fix to set those records aside, or --force",
            file=sys.stderr,
        )
        raise typer.Exit(1) from None
    for record, rules in summary.set_aside.items():
        print(f"set aside {record}: {', '.join(rules)}", file=sys.stderr)
    run_train, evaluate = trainer_functions()
    assert summary.splits is not None
    from curate.trainer.display import evaluation_bar, training_bar

    with training_bar() as show_training:
        result = run_train(
            summary.splits, out, settings.train, max_steps=max_steps, on_progress=show_training
        )
    with evaluation_bar() as show_evaluation:
        test = summary.splits / "test.jsonl"
        report = evaluate(out, test, limit, settings=settings, on_progress=show_evaluation)
    overall = report.overall
    print(
        f"lint: {summary.report.summary.errors} errors, {summary.report.summary.warnings} "
        f"warnings; {len(summary.set_aside)} records set aside"
    )
    print(f"train: {result.train_records} examples, adapter in {result.adapter}")
    print(
        f"eval on {report.records} test records: ROUGE-L base {overall.base.rouge_l:.3f} -> "
        f"tuned {overall.tuned.rouge_l:.3f}, token F1 {overall.base.token_f1:.3f} -> "
        f"{overall.tuned.token_f1:.3f}, tuned wins {overall.win_rate:.0%}"
    )
    if overall.base.format_valid is not None and overall.tuned.format_valid is not None:
        print(
            f"format valid: base {overall.base.format_valid:.0%} -> "
            f"tuned {overall.tuned.format_valid:.0%}"
        )
    print(f"report: {out / 'report.md'}")


@app.command()
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print every rule's full docs as Markdown.")
    ] = False,
) -> None:
    """List every rule: code, name, default severity, what it finds."""
    from rich.table import Table

    from curate.lint.registry import all_rules

    if markdown:
        from curate.lint.docs import rules_markdown

        print(rules_markdown(), end="")
        return

    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("code", "name", "severity", "finds"):
        table.add_column(column)
    for code, rule in all_rules().items():
        table.add_row(code, rule.name, str(rule.severity), rule.summary())
    Console(highlight=False).print(table)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code such as DUP002.")]) -> None:
    """Print a rule's documentation and options."""
    from curate.lint.registry import all_rules

    found = all_rules().get(code.upper())
    if found is None:
        print(f"curate: error: unknown rule {code!r} (see `curate rules`)", file=sys.stderr)
        raise typer.Exit(2)
    print(f"{found.code} {found.name} ({found.severity})\n")
    print(found.doc())
    options = found.Options.model_fields
    if options:
        print("\n## Options")
        for name, info in options.items():
            default = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
            print(
                f"- {name.replace('_', '-')} = {default!r}: {info.description or ''}".rstrip(": ")
            )
    print(f"\nConfigure under [tool.curate.lint.options.{found.code}].")


@app.command()
@fails_cleanly
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
    input_format: FormatOpt = InputFormat.AUTO,
    input_field: InputFieldOpt = None,
    output_field: OutputFieldOpt = None,
    category_field: CategoryFieldOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Review records in a terminal app: findings first, one key per decision."""
    settings = load_settings(config)
    fields = resolve_fields(settings, input_format, input_field, output_field, category_field)
    if agreement:
        from curate.agreement import agreement_for, render_agreement

        render_agreement(agreement_for(paths, settings), Console(highlight=False))
        return
    try:
        from curate.tui.app import make_app
    except ImportError as exc:
        print(
            f"curate: error: the review app needs the tui extra ({exc.name} is missing): "
            "pip install 'curate[tui]'",
            file=sys.stderr,
        )
        raise typer.Exit(2) from None
    review_app = make_app(paths, settings, reviewer, fields, splits, runs)
    review_app.session.max_steps, review_app.session.eval_limit = max_steps, limit
    review_app.run()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
