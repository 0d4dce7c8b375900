"""Find and load the user's configuration, with errors that name the file and the key."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from curate.schemas.settings import CurateSettings


class ConfigError(Exception):
    """The configuration file cannot be used; the message is one line naming file and key."""


def find_config(start: Path) -> Path | None:
    """Return the nearest `curate.toml`, or `pyproject.toml` with `[tool.curate]`, above start."""
    for folder in [start, *start.parents]:
        candidate = folder / "curate.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _curate_table(pyproject) is not None:
            return pyproject
    return None


def load_settings(path: Path | None = None, start: Path | None = None) -> CurateSettings:
    """Load settings from `path`, or from the nearest config file above `start` (default cwd).

    Without any config file the defaults apply.
    """
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return CurateSettings()
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    table = _curate_table(path) if path.name == "pyproject.toml" else _read_toml(path)
    try:
        settings = CurateSettings.model_validate(table or {})
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
    settings._source = str(path)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start}); TOML files are UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _curate_table(pyproject: Path) -> dict[str, Any] | None:
    table = _read_toml(pyproject).get("tool", {}).get("curate")
    return table if isinstance(table, dict) else None


def _describe(exc: ValidationError) -> str:
    """One line for the first validation error, naming the key as the user wrote it."""
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        parent = ".".join(str(part) for part in error["loc"][:-1])
        hint = _suggest(CurateSettings, error["loc"])
        where = f" in [{parent}]" if parent else ""
        return f"unknown key '{error['loc'][-1]}'{where}{hint}"
    return f"'{key}': {error['msg']}"


def _suggest(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """`(did you mean 'select'?)` for a misspelt key, when a known key is close."""
    for part in loc[:-1]:
        field = model.model_fields.get(str(part).replace("-", "_"))
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    known = [name.replace("_", "-") for name in model.model_fields]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
