from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.schema import KNOWN_ROLES
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class UnknownRole(Rule[RuleOptions]):
    """Chat turn has a role other than system, user, assistant or tool.

    ## Why it matters
    Chat templates know a fixed set of roles; an unknown one is dropped, rendered as plain
    text or raises an error in the middle of training.

    ## Example
    `{"role": "customer", "content": "..."}` (ShareGPT's `human`/`gpt` are understood).

    ## Fix
    Map the role onto user, assistant, system or tool.
    """

    code = "SCH007"
    name = "unknown-role"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if "messages" not in ctx.frame.columns:
            return
        unknown = (
            ctx.frame.filter(pl.col("messages").is_not_null())
            .select(
                "id",
                pl.col("messages")
                .list.eval(pl.element().struct.field("role"))
                .list.eval(pl.element().filter(~pl.element().is_in(list(KNOWN_ROLES))))
                .list.unique(maintain_order=True)
                .alias("unknown"),
            )
            .filter(pl.col("unknown").list.len() > 0)
        )
        for record, roles in unknown.iter_rows():
            shown = ", ".join(repr(role) for role in roles)
            yield Violation([record], f"unknown role {shown}", {"roles": roles})
