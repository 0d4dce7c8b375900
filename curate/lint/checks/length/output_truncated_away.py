from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.length.exceeds_max_length import MaxLengthOptions, over_limit
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class OutputTruncatedAway(Rule[MaxLengthOptions]):
    """The prompt alone fills the training sequence: the output is cut off entirely.

    ## Why it matters
    With the loss on output tokens only, the example contributes nothing but compute; a
    trainer that does not check for it trains on an empty target. These records look
    fine in every other tool.

    ## Example
    A 700-token prompt with `max-seq-length = 512`.

    ## Fix
    Shorten the prompt (keep the part the reply needs), raise the sequence length, or delete
    the record.
    """

    code = "LEN005"
    name = "output-truncated-away"
    severity = Severity.ERROR
    Options = MaxLengthOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        frame, limit, how = over_limit(ctx, self.options.max_tokens)
        for record, prompt, _ in frame.filter(pl.col("prompt") >= limit).iter_rows():
            yield Violation(
                [record],
                f"the prompt alone is {prompt:,} {how} >= {limit}: no output token is trained on",
                {"prompt_tokens": prompt, "limit": limit},
            )
