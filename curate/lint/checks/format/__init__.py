"""FMT: outputs that must be JSON, match a JSON schema, or match a pattern."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import polars as pl

from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.rule import RuleOptions

_FENCE = r"^\s*```(?:json)?\s*\n(.*)\n\s*```\s*$"


class FormatScope(RuleOptions):
    categories: list[str] | None = None
    """Check only these categories; default every record."""


def outputs_in_scope(ctx: LintContext, categories: list[str] | None) -> pl.DataFrame:
    """`id`, `output` of the training records the format rule applies to."""
    frame = ctx.frame.filter(pl.col("role") != EVAL_ROLE)
    if categories is not None:
        frame = frame.filter(pl.col("category").is_in(categories))
    return frame.select("id", "output")


def json_text(output: str) -> str:
    """The JSON part of an output, without a ```json fence around it."""
    import re

    fenced = re.match(_FENCE, output, re.DOTALL)
    return fenced.group(1) if fenced else output


def parsed_outputs(frame: pl.DataFrame) -> Iterator[tuple[str, Any, str | None]]:
    """(id, parsed value or None, error message or None) for each output."""
    for record, output in frame.iter_rows():
        try:
            yield record, json.loads(json_text(output)), None
        except json.JSONDecodeError as exc:
            yield record, None, f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        except RecursionError:  # thousands of nested brackets: no model output means that
            yield record, None, "nested too deeply to parse"
