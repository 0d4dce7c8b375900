from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import NOT_SPACE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class MissingCategory(Rule[RuleOptions]):
    """Some records have a category and some do not.

    ## Why it matters
    Uncategorised records fall out of balance checks, stratified splits and per-category
    scores, so problems in them stay invisible.

    ## Example
    1,180 records have a `category`; 20 have none or an empty one.

    ## Fix
    Give the records their category (the review app's edit key sets it).
    """

    code = "BAL003"
    name = "missing-category"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        training = ctx.training
        missing = pl.col("category").is_null() | ~pl.col("category").str.contains(NOT_SPACE)
        without = training.filter(missing).get_column("id").to_list()
        if without and len(without) < training.height:
            yield Violation(
                without,
                f"{len(without)} of {training.height} records have no category",
                {"count": len(without)},
            )
