from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import STRENGTH, Severity


class CategoryOptions(RuleOptions):
    min_vote: float = Field(default=0.6, gt=0.0, le=1.0)
    """Share of the nearest records' (similarity-weighted) vote another category needs."""
    max_own: float = Field(default=0.2, ge=0.0, lt=1.0)
    """Largest share of the vote the record's own category may have."""


@register
class LikelyWrongCategory(Rule[CategoryOptions]):
    """The records the tuned model sees as nearest to this one are of another category.

    ## Why it matters
    A record filed under the wrong category is trained on as the wrong kind of example,
    skews the balance the split keeps, and is scored in the wrong row of the report. The
    tuned model's own representation of the record puts it among its true neighbours; when
    they outvote its label by a wide margin, the label is likely wrong (as Cleanlab finds
    label errors in classification data, here with the fine-tuned model's view).

    ## Example
    A ticket asking where a parcel is, filed as `billing`: its 10 nearest records vote 80%
    `shipping_delivery` and 0% `billing`.

    ## Fix
    Review it: change the category (`e` in the review app) or keep it when the label is
    right.
    """

    code = "MOD002"
    name = "likely-wrong-category"
    severity = Severity.INFO
    Options = CategoryOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        signals = ctx.signals()
        if signals is None:
            return
        frame = signals.frame.filter(
            pl.col("suspect_category").is_not_null()
            & (pl.col("suspect_share") >= self.options.min_vote)
            & (pl.col("own_share") <= self.options.max_own)
        ).sort(pl.col("suspect_share") - pl.col("own_share"), descending=True)
        for row in frame.iter_rows(named=True):
            yield Violation(
                [row["id"]],
                f"filed as {row['category']!r}, but its nearest records vote "
                f"{row['suspect_share']:.0%} {row['suspect_category']!r} and "
                f"{row['own_share']:.0%} {row['category']!r}",
                {
                    STRENGTH: round(row["suspect_share"] - row["own_share"], 3),
                    "category": row["category"],
                    "suspect": row["suspect_category"],
                    "suspect_share": round(row["suspect_share"], 3),
                    "own_share": round(row["own_share"], 3),
                    "neighbours": row["neighbours"],
                },
            )
