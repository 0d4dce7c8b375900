"""BAL: how the records spread over categories."""

from __future__ import annotations

import polars as pl

from curate.lint.context import EVAL_ROLE, LintContext
from curate.schemas.finding import Location


def category_counts(ctx: LintContext) -> pl.DataFrame:
    """`category`, `count`, `ids` over training records with a category, largest first."""
    return (
        ctx.training.filter(pl.col("category").is_not_null() & (pl.col("category") != ""))
        .group_by("category")
        .agg(pl.len().alias("count"), pl.col("id").alias("ids"))
        .sort(["count", "category"], descending=[True, False])
    )


def dataset_locations(ctx: LintContext) -> list[Location]:
    """The training files, for findings about the dataset as a whole."""
    return [Location(path=s.path) for s in ctx.dataset.sources if _is_training(ctx, s.path)]


def _is_training(ctx: LintContext, path: str) -> bool:
    roles = ctx.frame.filter(pl.col("source") == path).get_column("role")
    return roles.is_empty() or roles[0] != EVAL_ROLE
