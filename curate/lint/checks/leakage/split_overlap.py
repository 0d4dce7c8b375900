from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.leakage import LeakKeyOptions, exact_groups, role_groups
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class SplitOverlap(Rule[LeakKeyOptions]):
    """The same example is in more than one split (train, validation, test).

    ## Why it matters
    A test record that is also in training measures memory, not skill: scores go up, the
    model does not get better, and the report says it did.

    ## Example
    The ticket on line 12 of `test.jsonl` is line 840 of `train.jsonl` with other casing.

    ## Fix
    Split with `curate split`, which keeps every duplicate group inside one split, or
    delete the copies from the evaluation splits.
    """

    code = "LEAK001"
    name = "split-overlap"
    severity = Severity.ERROR
    Options = LeakKeyOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if not ctx.has_splits:
            return
        for violation in role_groups(ctx, exact_groups(ctx, self.options.key), "splits"):
            violation.message = f"same {self.options.key} in {violation.message}"
            yield violation
