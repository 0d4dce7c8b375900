"""What every command shares: the typer app, option types, field overrides, and the
one-line error handling."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from curate.config import ConfigError, load_settings
from curate.io import DatasetError
from curate.models import INSTALL_TRAIN, ModelError
from curate.schemas.settings import ShapeName

app = typer.Typer(
    name="curate",
    help="Curate, lint, split and prove fine-tuning datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
F = TypeVar("F", bound=Callable[..., Any])


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
ShapeOpt = Annotated[
    ShapeName | None,
    typer.Option(
        "--shape",
        "--input-format",
        help="Record shape; auto detects it per file.",
        show_default=False,
    ),
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
_GROUP = ("config", "shape", "input_field", "output_field", "category_field")
_GROUP_TYPES = (ConfigOpt, ShapeOpt, InputFieldOpt, OutputFieldOpt, CategoryFieldOpt)


def with_settings(command: F) -> F:
    """The option group every command that reads data shares: `--config`, `--shape`,
    `--input-field`, `--output-field`, `--category-field`.

    The command declares `settings: CurateSettings` and `fields: FieldSettings` instead; they
    arrive resolved (the config file, then the flags, validated).
    """
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name not in ("settings", "fields")]
    group = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in zip(
            _GROUP,
            (ConfigOpt, ShapeOpt, InputFieldOpt, OutputFieldOpt, CategoryFieldOpt),
            strict=True,
        )
    ]

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        config, shape, input_field, output_field, category_field = (
            kwargs.pop(name, None) for name in _GROUP
        )
        settings = load_settings(config)
        flags = {"shape": shape, "input": input_field, "output": output_field}
        flags["category"] = category_field
        fields = validated(settings.fields, flags, FIELD_FLAGS)
        settings = settings.model_copy(update={"fields": fields})
        return command(*args, settings=settings, fields=fields, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *group])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


S = TypeVar("S", bound=BaseModel)


FIELD_FLAGS = {"input": "input-field", "output": "output-field", "category": "category-field"}


def validated(section: S, flags: dict[str, Any], flag_of: dict[str, str] | None = None) -> S:
    """`section` with the command-line values that were given (not None), validated like the
    config file: `--epochs -1` is an error naming the flag, never a silent setting."""
    given = {key: value for key, value in flags.items() if value is not None}
    if not given:
        return section
    try:
        return type(section).model_validate({**section.model_dump(), **given})
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else "value"
        name = (flag_of or {}).get(key, key.replace("_", "-"))
        raise ConfigError(f"--{name}: {error['msg']}") from None


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
            f"training needs the train extra ({exc.name} is missing): {INSTALL_TRAIN}"
        ) from None
    return train, evaluate
