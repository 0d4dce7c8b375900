from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.checks.balance import category_counts, dataset_locations
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class ImbalanceOptions(RuleOptions):
    max_ratio: float = Field(default=10.0, gt=1.0)
    """Largest allowed ratio between the biggest and the smallest category."""


@register
class CategoryImbalance(Rule[ImbalanceOptions]):
    """The largest category is many times the size of the smallest.

    ## Why it matters
    The model sees the big categories far more often and drifts towards their answers; the
    small ones are under-learnt and their scores on a test split are noise.

    ## Example
    `billing` has 4,200 records, `legal` 150: a ratio of 28 against a bound of 10.

    ## Fix
    Collect more examples of the small categories, down-sample the big ones, or raise
    `max-ratio` if the skew is what production traffic looks like.
    """

    code = "BAL001"
    name = "category-imbalance"
    severity = Severity.WARNING
    Options = ImbalanceOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        counts = category_counts(ctx)
        if counts.height < 2:
            return
        largest, smallest = counts.row(0, named=True), counts.row(-1, named=True)
        ratio = largest["count"] / smallest["count"]
        bound = self.options.max_ratio
        if ratio > bound:
            yield Violation(
                [],
                f"category {largest['category']!r} has {largest['count']} records, "
                f"{smallest['category']!r} {smallest['count']}: ratio {ratio:.1f} > {bound:g}",
                {
                    "ratio": round(ratio, 2),
                    "largest": largest["category"],
                    "smallest": smallest["category"],
                },
                locations=dataset_locations(ctx),
            )
