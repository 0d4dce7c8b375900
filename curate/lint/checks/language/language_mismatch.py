from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.language import LanguageOptions, describe, languages
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class LanguageMismatch(Rule[LanguageOptions]):
    """The output is in a different language from the input.

    ## Why it matters
    Unless the task is translation, a reply in another language teaches the model to
    ignore the user's language. Both texts must be detected confidently to be reported.

    ## Example
    A German ticket answered in English.

    ## Fix
    Answer in the input's language, or `ignore` this rule for translation datasets.
    """

    code = "LANG002"
    name = "language-mismatch"
    severity = Severity.WARNING
    Options = LanguageOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        frame = ctx.frame.select(
            "id",
            "role",
            languages(ctx, "input", options).get_column("lang").alias("in_lang"),
            languages(ctx, "output", options).get_column("lang").alias("out_lang"),
        ).filter(
            (pl.col("role") != EVAL_ROLE)
            & pl.col("in_lang").is_not_null()
            & pl.col("out_lang").is_not_null()
            & (pl.col("in_lang") != pl.col("out_lang"))
        )
        for record, _, in_lang, out_lang in frame.iter_rows():
            yield Violation(
                [record],
                f"input is {describe(in_lang)}, output is {describe(out_lang)}",
                {"input": in_lang, "output": out_lang},
            )
