from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.leakage import LeakNearOptions, role_groups
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class SplitNearOverlap(Rule[LeakNearOptions]):
    """A near copy of an example is in another split.

    ## Why it matters
    A test prompt with two words changed is still a prompt the model trained on: the leak is
    as real as an exact copy, and random splits produce such leaks whenever a dataset has
    near duplicates.

    ## Example
    `test.jsonl` line 40 is `train.jsonl` line 1,203 with "order" changed to "package".

    ## Fix
    Split with `curate split`, which keeps near-duplicate clusters inside one split.
    """

    code = "LEAK002"
    name = "split-near-overlap"
    severity = Severity.ERROR
    memory_heavy = True
    Options = LeakNearOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if not ctx.has_splits:
            return
        options = self.options
        near = ctx.duplicates.near_clusters(options.key, options.text_params())
        for violation in role_groups(ctx, near.clusters, "splits"):
            violation.message = f"near copies of one {self.options.key} in {violation.message}"
            yield violation
