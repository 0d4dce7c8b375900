"""LEAK: evaluation data that training has seen, and secrets a model would learn to repeat."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.dedup.groups import Key
from curate.lint.checks.duplicates import KeyOptions, NearOptions
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.rule import Violation


class LeakKeyOptions(KeyOptions):
    key: Key = "input"
    """Compare inputs (the default: a test prompt seen in training leaks), outputs or both."""


class LeakNearOptions(NearOptions):
    key: Key = "input"


def role_groups(ctx: LintContext, groups: list[list[int]], wanted: str) -> Iterator[Violation]:
    """Groups of rows (duplicates) whose records sit in different roles.

    `wanted` is "splits" (train/val/test, eval records ignored) or "eval" (groups that
    join an eval record with training data).
    """
    ids = ctx.frame.get_column("id")
    roles = ctx.frame.get_column("role")
    for rows in groups:
        present = [roles[r] for r in rows]
        if wanted == "splits":
            rows = [r for r, role in zip(rows, present, strict=True) if role != EVAL_ROLE]
            if len({roles[r] for r in rows}) < 2:
                continue
        elif EVAL_ROLE not in present or all(role == EVAL_ROLE for role in present):
            continue
        yield Violation(
            [ids[r] for r in rows],
            _describe(rows, roles),
            {"roles": {ids[r]: roles[r] or "dataset" for r in rows}},
        )


def exact_groups(ctx: LintContext, key: Key) -> list[list[int]]:
    """Row indices of each exact-duplicate group with more than one record."""
    frame = pl.DataFrame({"group": ctx.exact_group(key)}).with_row_index("row")
    grouped = frame.group_by("group", maintain_order=True).agg(pl.col("row"))
    return [rows for rows in grouped.get_column("row").to_list() if len(rows) > 1]


def _describe(rows: list[int], roles: pl.Series) -> str:
    counts: dict[str, int] = {}
    for r in rows:
        counts[roles[r] or "dataset"] = counts.get(roles[r] or "dataset", 0) + 1
    return " and ".join(f"{role} ({n})" for role, n in counts.items())
