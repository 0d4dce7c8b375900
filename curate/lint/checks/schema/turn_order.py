from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.schema import role_letters
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity

# system first (optional), then user -> assistant exchanges; tool results may follow an
# assistant turn that called them and are answered by another assistant turn. A trailing
# user turn is SCH006's business, not an ordering problem.
VALID_ORDER = r"^s?(u(at+)*a)*u?$"


@register
class TurnOrder(Rule[RuleOptions]):
    """Chat turns are out of order: a system turn after the start, two user or two
    assistant turns in a row, or a conversation that opens with the assistant.

    ## Why it matters
    Chat templates and loss masking assume user and assistant alternate. Out-of-order
    turns get merged, mis-masked or rejected by the template, and the model learns a
    conversation shape it will never see.

    ## Example
    `[user, user, assistant]` or `[assistant, user, assistant]` or `[user, system, ...]`.

    ## Fix
    Merge consecutive turns of the same role, move the system prompt first, or drop the
    record.
    """

    code = "SCH005"
    name = "turn-order"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        chats = role_letters(ctx).filter(
            ~pl.col("roles").str.contains("x") & ~pl.col("roles").str.contains(VALID_ORDER)
        )
        names = {"s": "system", "u": "user", "a": "assistant", "t": "tool"}
        for record, roles in chats.iter_rows():
            shown = ", ".join(names[letter] for letter in roles)
            yield Violation([record], f"turns out of order: [{shown}]", {"roles": shown})
