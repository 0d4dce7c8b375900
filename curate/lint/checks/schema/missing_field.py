from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.schema import read_issues
from curate.lint.context import NOT_SPACE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class MissingField(Rule[RuleOptions]):
    """Record lacks a required field, has it null, or has an empty input.

    ## Why it matters
    A record without a prompt or a reply cannot be trained on; one with an empty prompt
    teaches the model to answer a question nobody asked.

    ## Example
    `{"input": "Cancel my plan"}` has no `output`; `{"input": "", "output": "Done!"}` has
    an empty input.

    ## Fix
    Fill in the field or delete the record.
    """

    code = "SCH002"
    name = "missing-field"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from read_issues(ctx, {"missing-field", "null-field"})
        empty = ctx.frame.filter(~pl.col("input").str.contains(NOT_SPACE))
        for record in empty.get_column("id"):
            yield Violation([record], "input is empty")
