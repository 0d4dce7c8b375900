from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.checks.balance import category_counts
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class CategorySizeOptions(RuleOptions):
    min_count: int = Field(default=20, ge=1)
    """Fewest examples a category needs to be learnt and measured."""


@register
class SmallCategory(Rule[CategorySizeOptions]):
    """A category has too few examples to be learnt or measured.

    ## Why it matters
    A handful of examples per category gives the model too little signal, and after a
    80/10/10 split the category has one record or none in validation and test.

    ## Example
    `legal` has 7 records against a minimum of 20.

    ## Fix
    Collect more examples for the category or merge it with a related one.
    """

    code = "SIZE003"
    name = "small-category"
    severity = Severity.WARNING
    Options = CategorySizeOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        minimum = self.options.min_count
        for category, count, ids in category_counts(ctx).iter_rows():
            if count < minimum:
                yield Violation(
                    ids,
                    f"category {category!r} has {count} examples, fewer than {minimum}",
                    {"category": category, "count": count},
                )
