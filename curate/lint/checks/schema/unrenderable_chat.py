from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class UnrenderableChat(Rule[RuleOptions]):
    """The training model's chat template refuses to render the record.

    ## Why it matters
    Some chat templates raise on conversations they do not support: Gemma's and Mistral's
    reject a system turn, others insist on strictly alternating user and assistant turns.
    `curate train` cannot encode such a record and skips it, so it is data that never
    trains. The template is the training model's (`lint.tokenizer = "auto"`: `[train]
    model` where it is on this machine); without one this rule has nothing to check.

    ## Example
    `[system "Be brief", user "Hi", assistant "Hello"]` under Gemma's template:
    "System role not supported".

    ## Fix
    Fold the system turn into the first user turn, or reorder the turns as the template
    requires; or train a model whose template accepts them.
    """

    code = "SCH010"
    name = "unrenderable-chat"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        refused, source = ctx.template_refusals()
        for record, why in refused.items():
            yield Violation(
                [record], f"the chat template refuses this record: {why}", {"template": source}
            )
