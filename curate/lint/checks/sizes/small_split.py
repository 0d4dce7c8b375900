from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Location, Severity


class SplitSizeOptions(RuleOptions):
    min_records: int = Field(default=50, ge=1)
    """Fewest records a validation or test split should have."""


@register
class SmallSplit(Rule[SplitSizeOptions]):
    """A validation or test split is too small, or lacks a category the training split has.

    ## Why it matters
    A validation split of a dozen records makes early stopping and model selection a coin
    toss; a category missing from it is never measured, so a regression there goes unseen.

    ## Example
    `val.jsonl` has 12 records; `test.jsonl` has no `refunds` record while `train.jsonl`
    has 80.

    ## Fix
    Re-split with `curate split`, which stratifies by category and keeps every category
    with at least 3 records in each split.
    """

    code = "SIZE004"
    name = "small-split"
    severity = Severity.WARNING
    Options = SplitSizeOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if not ctx.has_splits:
            return
        minimum = self.options.min_records
        frame = ctx.frame
        trained = set(
            frame.filter((pl.col("role") == "train") & pl.col("category").is_not_null())
            .group_by("category")
            .len()
            .filter(pl.col("len") >= 3)
            .get_column("category")
        )
        for role in ("val", "test"):
            split = frame.filter(pl.col("role") == role)
            if split.is_empty():
                continue
            where = [
                Location(path=p) for p in split.get_column("source").unique(maintain_order=True)
            ]
            if split.height < minimum:
                yield Violation(
                    [],
                    f"{role} split has {split.height} records, fewer than {minimum}",
                    {"split": role, "records": split.height},
                    locations=where,
                )
            missing = sorted(trained - set(split.get_column("category").drop_nulls()))
            if missing:
                yield Violation(
                    [],
                    f"{role} split has no record of categor"
                    f"{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}",
                    {"split": role, "missing_categories": missing},
                    locations=where,
                )
