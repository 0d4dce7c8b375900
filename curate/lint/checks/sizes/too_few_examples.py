from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.checks.balance import dataset_locations
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class SizeOptions(RuleOptions):
    minimum: int = Field(default=100, ge=1)
    """Fewest training examples a fine-tune needs."""
    recommended: int = Field(default=200, ge=1)
    """Fewest examples for a fine-tune whose effect can be trusted."""


@register
class TooFewExamples(Rule[SizeOptions]):
    """The dataset has fewer examples than a fine-tune needs.

    ## Why it matters
    With a few dozen examples a LoRA adapter memorises them instead of learning the task,
    and after splitting off validation and test data there is nothing left to measure with.

    ## Example
    64 records against a minimum of 100.

    ## Fix
    Collect more examples; at least `minimum` (100) to train, `recommended` (200) to trust
    the result (SIZE002 warns below that).
    """

    code = "SIZE001"
    name = "too-few-examples"
    severity = Severity.ERROR
    Options = SizeOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        count, minimum = ctx.training.height, self.options.minimum
        if count < minimum:
            yield Violation(
                [],
                f"{count} examples, fewer than the minimum of {minimum}",
                {"records": count, "minimum": minimum},
                locations=dataset_locations(ctx),
            )
