from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.balance import dataset_locations
from curate.lint.checks.sizes.too_few_examples import SizeOptions
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class BelowRecommendedSize(Rule[SizeOptions]):
    """The dataset is above the minimum size but below the recommended one.

    ## Why it matters
    Training works, but scores on a test split of this size move by several points from
    one seed to the next: improvements are hard to tell from noise.

    ## Example
    150 records against a recommended 200.

    ## Fix
    Collect more examples, or set `recommended` under `[tool.curate.lint.options.SIZE002]`.
    """

    code = "SIZE002"
    name = "below-recommended-size"
    severity = Severity.WARNING
    Options = SizeOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        count = ctx.training.height
        if options.minimum <= count < options.recommended:
            yield Violation(
                [],
                f"{count} examples, fewer than the recommended {options.recommended}",
                {"records": count, "recommended": options.recommended},
                locations=dataset_locations(ctx),
            )
