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
        except (DatasetError, ConfigError) as exc:
            print(f"curate: error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


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


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
