from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.leakage import LeakNearOptions, exact_groups, role_groups
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class EvalOverlap(Rule[LeakNearOptions]):
    """An example of the `--eval` set is in the training data, exactly or nearly.

    ## Why it matters
    A golden eval set is only golden while no model has trained on it. One leaked record
    per hundred can move a benchmark score by more than a real improvement does.

    ## Example
    `golden.jsonl` line 7 equals `tickets.jsonl` line 5,310 apart from whitespace.

    ## Fix
    Remove the record from the training data (never from the eval set).
    """

    code = "LEAK003"
    name = "eval-overlap"
    severity = Severity.ERROR
    memory_heavy = True
    Options = LeakNearOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if EVAL_ROLE not in ctx.roles:
            return
        key = self.options.key
        for violation in role_groups(ctx, exact_groups(ctx, key), "eval"):
            violation.message = f"same {key} in {violation.message}"
            violation.detail["match"] = "exact"
            yield violation
        options = self.options
        near = ctx.duplicates.near_clusters(options.key, options.text_params())
        for violation in role_groups(ctx, near.clusters, "eval"):
            violation.message = f"near copies of one {key} in {violation.message}"
            violation.detail["match"] = "near"
            yield violation
