from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class DuplicateId(Rule[RuleOptions]):
    """The same id is given to more than one record.

    ## Why it matters
    Review decisions, eval predictions and error reports are keyed by id; with repeated ids
    a decision about one record lands on another. curate falls back to content hashes for
    the whole dataset until the ids are unique.

    ## Example
    Lines 3 and 90 both have `"id": "ticket-17"`.

    ## Fix
    Give every record its own id (or drop the field and let curate hash the content).
    """

    code = "SCH004"
    name = "duplicate-id"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        field = ctx.settings.fields.id
        column = f"raw.{field}" if field == "id" else field
        if column not in ctx.frame.columns or ctx.frame.schema[column].is_nested():
            return
        groups = (
            ctx.frame.filter(pl.col(column).is_not_null())
            .group_by(pl.col(column).cast(pl.String).alias("file_id"), maintain_order=True)
            .agg(pl.col("id"))
            .filter(pl.col("id").list.len() > 1)
        )
        for file_id, records in groups.iter_rows():
            yield Violation(
                records,
                f"id {file_id!r} is used by {len(records)} records",
                {"id": file_id},
            )
