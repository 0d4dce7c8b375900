"""What every command shares: the typer app, option types, field overrides, and the
one-line error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from curate.config import ConfigError
from curate.io import DatasetError
from curate.models import ModelError
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
