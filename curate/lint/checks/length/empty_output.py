from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import NOT_SPACE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class EmptyOutput(Rule[RuleOptions]):
    """Output is empty or only whitespace.

    ## Why it matters
    The model is trained to answer this input with nothing, and learns to stop early on
    inputs like it. Usually an export bug or a placeholder row.

    ## Example
    `{"input": "Can I change my delivery address?", "output": ""}`

    ## Fix
    Write the reply or delete the record. (A conversation that ends without an assistant
    turn is SCH006.)
    """

    code = "LEN001"
    name = "empty-output"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        empty = ~pl.col("output").str.contains(NOT_SPACE)
        if "messages" in ctx.frame.columns:
            last_role = pl.col("messages").list.last().struct.field("role")
            empty = empty & (pl.col("messages").is_null() | (last_role == "assistant"))
        for record in ctx.frame.filter(empty).get_column("id"):
            yield Violation([record], "output is empty")
