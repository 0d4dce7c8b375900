from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import STRENGTH, Severity


class RegressedOptions(RuleOptions):
    margin: float = Field(default=0.25, gt=0.0, le=1.0)
    """How far below the base model's score (on the run's primary metric) the tuned
    model's must fall."""


@register
class TunedRegressed(Rule[RegressedOptions]):
    """On this test record the tuned model does clearly worse than the base model.

    ## Why it matters
    Fine-tuning should not make any kind of request worse. A test record where the base
    model was right and the tuned one is wrong points at training data that teaches the
    wrong thing for records like it (a wrong reference, contradicting replies, a category
    too small to learn), or at a reference the tuned model is right to disagree with.

    ## Example
    Fact recall 1.00 for the base model's reply, 0.00 for the tuned model's: the tuned
    reply names another customer.

    ## Fix
    Review the record and its training neighbours (`curate review DATA --run RUN_DIR`);
    fix the reference or the training replies that taught the regression.
    """

    code = "MOD003"
    name = "tuned-regressed"
    severity = Severity.INFO
    Options = RegressedOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        scores = ctx.test_scores()
        if scores is None:
            return
        margin = self.options.margin
        worst = sorted(scores.scores.items(), key=lambda item: item[1][1] - item[1][0])
        for rid, (base, tuned) in worst:
            if tuned <= base - margin:
                yield Violation(
                    [rid],
                    f"tuned model {scores.metric} {tuned:.2f} against the base model's "
                    f"{base:.2f} on this test record",
                    {STRENGTH: base - tuned, "metric": scores.metric, "base": base, "tuned": tuned},
                )
