from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.checks.balance import category_counts
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class RareOptions(RuleOptions):
    min_share: float = Field(default=0.02, gt=0.0, lt=1.0)
    """Smallest share of the records a category should have."""


@register
class RareCategory(Rule[RareOptions]):
    """A category holds only a tiny share of the records.

    ## Why it matters
    A category with 1% of the data is mostly ignored by training and cannot be measured on
    a test split; often it is a typo of another category (`Biling`) or a label to merge.

    ## Example
    `warranty` has 9 of 1,200 records (0.75%) against a minimum share of 2%.

    ## Fix
    Add examples, merge the category into a related one, or fix the misspelt label.
    """

    code = "BAL002"
    name = "rare-category"
    severity = Severity.WARNING
    Options = RareOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        counts = category_counts(ctx)
        total = counts.get_column("count").sum()
        minimum = self.options.min_share
        for category, count, ids in counts.iter_rows():
            share = count / total
            if counts.height > 1 and share < minimum:
                yield Violation(
                    ids,
                    f"category {category!r} has {count} of {total} records "
                    f"({share:.1%} < {minimum:.0%})",
                    {"category": category, "count": count, "share": round(share, 4)},
                )
