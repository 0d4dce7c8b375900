from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class MaxLengthOptions(RuleOptions):
    max_tokens: int | None = Field(default=None, gt=0)
    """Training sequence length; default: `[tool.curate.train] max-seq-length`."""


def over_limit(ctx: LintContext, max_tokens: int | None) -> tuple[pl.DataFrame, int, str]:
    """Records with their prompt and total token counts, the limit, and how counts were made."""
    limit = max_tokens or ctx.settings.train.max_seq_length
    counts = ctx.tokens(limit)
    how = (
        "tokens"
        if counts.exact
        else "tokens (estimated: the training model's tokenizer is not here)"
    )
    frame = ctx.frame.select("id", counts.prompt.alias("prompt"), counts.total.alias("total"))
    return frame, limit, how


@register
class ExceedsMaxLength(Rule[MaxLengthOptions]):
    """Example is longer than the training sequence length, so its end is cut off.

    ## Why it matters
    Training truncates the example: the model learns a reply that stops mid-sentence, and
    learns to stop mid-sentence. With a tokenizer configured the count is exact and
    includes the chat template; otherwise it is estimated (about 4 characters a token).

    ## Example
    Prompt and reply come to 1,310 tokens with `max-seq-length = 512`.

    ## Fix
    Shorten the example, raise `[tool.curate.train] max-seq-length`, or delete it.
    """

    code = "LEN004"
    name = "exceeds-max-length"
    severity = Severity.WARNING
    long_running = True
    Options = MaxLengthOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        frame, limit, how = over_limit(ctx, self.options.max_tokens)
        long = frame.filter((pl.col("total") > limit) & (pl.col("prompt") < limit))
        for record, prompt, total in long.iter_rows():
            kept = (limit - prompt) / max(1, total - prompt)
            yield Violation(
                [record],
                f"{total:,} {how} > {limit}: {1 - kept:.0%} of the output is cut off",
                {"tokens": total, "prompt_tokens": prompt, "limit": limit},
            )
