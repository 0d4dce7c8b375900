from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class TrivialOptions(RuleOptions):
    min_words: int = Field(default=3, ge=1)
    """Outputs with fewer words than this are trivial..."""
    median_at_least: int = Field(default=10, ge=1)
    """...when the dataset's median output has at least this many words (so short-answer
    datasets such as classification are left alone)."""


@register
class TrivialOutput(Rule[TrivialOptions]):
    """Output is a word or two in a dataset of full answers.

    ## Why it matters
    "OK", "Yes" or "See above" teaches the model to brush users off; in a dataset of
    paragraph-long replies they are usually truncated exports or placeholders.

    ## Example
    `"output": "Thanks!"` where the median reply has 80 words.

    ## Fix
    Write the full reply or delete the record.
    """

    code = "LEN002"
    name = "trivial-output"
    severity = Severity.WARNING
    Options = TrivialOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        outputs = ctx.frame.select("id", "output")
        # The median from an even sample of at most 10k outputs, and word counts only for
        # outputs short enough to have fewer than `min_words` words of up to 20 characters:
        # counting words is the slow part, and a long output is not a trivial one.
        sample = outputs.gather_every(max(1, outputs.height // 10_000)).get_column("output")
        median = float(sample.str.count_matches(r"\w+").median() or 0)  # type: ignore[arg-type]
        if median < options.median_at_least:
            return
        short = outputs.filter(pl.col("output").str.len_chars() <= 20 * options.min_words)
        counted = short.with_columns(pl.col("output").str.count_matches(r"\w+").alias("w"))
        trivial = (pl.col("w") > 0) & (pl.col("w") < options.min_words)
        for record, _, count in counted.filter(trivial).iter_rows():
            yield Violation(
                [record],
                f"output has {count} word{'s' if count != 1 else ''}; the median output has "
                f"{median:.0f}",
                {"words": count, "median_words": median},
            )
