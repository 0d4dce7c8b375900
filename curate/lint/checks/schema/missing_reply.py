from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.schema import role_letters
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class MissingReply(Rule[RuleOptions]):
    """Conversation does not end with an assistant reply.

    ## Why it matters
    Fine-tuning learns from the final assistant turn. Without one there is nothing to
    learn, and trainers either drop the record or train on an empty target.

    ## Example
    `[system, user]` or `[user, assistant, user]`.

    ## Fix
    Add the assistant's reply, or remove the dangling user turn.
    """

    code = "SCH006"
    name = "missing-reply"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        chats = role_letters(ctx).filter(~pl.col("roles").str.ends_with("a"))
        for record, roles in chats.iter_rows():
            reason = (
                "has no assistant turn" if "a" not in roles else "ends with a non-assistant turn"
            )
            yield Violation([record], f"conversation {reason}")
