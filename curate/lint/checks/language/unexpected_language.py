from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.language import LanguageOptions, describe, languages
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class UnexpectedLanguage(Rule[LanguageOptions]):
    """Text is in a language outside the allowed set (`languages`, default English).

    ## Why it matters
    A few records in another language teach the model to switch languages at random, and
    they are often scraping accidents. Only confident detections on texts of several words
    are reported: a greeting or an order number is never judged.

    ## Example
    A Spanish ticket with a Spanish reply in an English-only support dataset.

    ## Fix
    Translate or remove the record, or add the language to `[tool.curate.lint] languages`.
    """

    code = "LANG001"
    name = "unexpected-language"
    severity = Severity.WARNING
    Options = LanguageOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        allowed = set(ctx.settings.lint.languages)
        options = self.options
        frame = ctx.frame.select(
            "id",
            "role",
            languages(ctx, "input", options).get_column("lang").alias("in_lang"),
            languages(ctx, "output", options).get_column("lang").alias("out_lang"),
        ).filter(pl.col("role") != EVAL_ROLE)
        outside = ~pl.col("in_lang").is_in(list(allowed)) | ~pl.col("out_lang").is_in(list(allowed))
        for record, _, in_lang, out_lang in frame.filter(outside.fill_null(False)).iter_rows():
            parts = [
                f"{field} is {describe(lang)}"
                for field, lang in (("input", in_lang), ("output", out_lang))
                if lang is not None and lang not in allowed
            ]
            if parts:
                yield Violation(
                    [record],
                    f"{' and '.join(parts)}; allowed: {', '.join(sorted(allowed))}",
                    {"input": in_lang, "output": out_lang},
                )
