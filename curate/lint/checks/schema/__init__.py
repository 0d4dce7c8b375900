"""SCH: records that cannot be read or do not have the structure training needs."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import LintContext
from curate.lint.rule import Violation
from curate.schemas.finding import Location


def read_issues(ctx: LintContext, kinds: set[str]) -> Iterator[Violation]:
    """Violations for the records the readers left out, of the given kinds."""
    for issue in ctx.dataset.issues:
        if issue.kind in kinds:
            yield Violation(
                records=[],
                message=issue.message,
                detail={"kind": issue.kind},
                locations=[Location(path=issue.path, line=issue.line)],
            )


KNOWN_ROLES = {"system": "s", "user": "u", "assistant": "a", "tool": "t"}


def role_letters(ctx: LintContext) -> pl.DataFrame:
    """Chat records with their turn roles as one letter each (s, u, a, t; x for unknown)."""
    if "messages" not in ctx.frame.columns:
        return pl.DataFrame(schema={"id": pl.String, "roles": pl.String})
    letters = (
        pl.col("messages")
        .list.eval(pl.element().struct.field("role").replace_strict(KNOWN_ROLES, default="x"))
        .list.join("")
        .alias("roles")
    )
    return ctx.frame.filter(pl.col("messages").is_not_null()).select("id", letters)
