from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class EmptyTurn(Rule[RuleOptions]):
    """A chat has an empty system turn, or an empty assistant turn before its last.

    ## Why it matters
    Every assistant turn carries the loss (`[train] train-on = "all-assistant"`, as TRL,
    Axolotl and LLaMA-Factory train): an empty one teaches the model to answer a user with
    nothing. An empty system turn replaces the template's default system prompt with an
    empty one, which the model never saw in pretraining. (An empty final reply is LEN001.)

    ## Example
    `[user "Hi", assistant "", user "Where is my order?", assistant "It ships today."]`

    ## Fix
    Write the missing turn, or remove it together with the user turn it answered.
    """

    code = "SCH009"
    name = "empty-turn"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        if "messages" not in ctx.frame.columns:
            return
        chats = ctx.frame.filter(pl.col("messages").is_not_null()).select("id", "messages")
        for record, turns in chats.iter_rows():
            empty = [
                (number, turn["role"])
                for number, turn in enumerate(turns, start=1)
                if not (turn["content"] or "").strip()
                and (
                    turn["role"] == "system"
                    or (turn["role"] == "assistant" and number < len(turns))
                )
            ]
            if empty:
                shown = ", ".join(f"{role} turn {number}" for number, role in empty)
                yield Violation(
                    [record],
                    f"empty {shown} of {len(turns)}",
                    {"turns": [number for number, _ in empty]},
                )
