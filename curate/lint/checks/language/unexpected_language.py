from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.language import LanguageOptions, describe, languages, scripts
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity
from curate.scripts import allowed_scripts


@register
class UnexpectedLanguage(Rule[LanguageOptions]):
    """Text is in a language outside the allowed set (`languages`, default English).

    ## Why it matters
    A few records in another language teach the model to switch languages at random, and
    they are often scraping accidents. A text written in a script none of the allowed
    languages uses (Cyrillic, Arabic, Devanagari, Han, Tamil, ... when only English is
    allowed) is reported whatever its length: that is no guess. Within an allowed script,
    only confident detections on texts of several words are reported: a greeting or an
    order number is never judged.

    ## Example
    A Spanish ticket with a Spanish reply in an English-only support dataset.

    ## Fix
    Translate or remove the record, or add the language to `[tool.curate.lint] languages`.
    """

    code = "LANG001"
    name = "unexpected-language"
    severity = Severity.WARNING
    long_running = True
    Options = LanguageOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        allowed = set(ctx.settings.lint.languages)
        options = self.options
        frame = ctx.frame.select(
            "id",
            "role",
            languages(ctx, "input", options).get_column("lang").alias("in_lang"),
            languages(ctx, "output", options).get_column("lang").alias("out_lang"),
            scripts(ctx, "input").alias("in_script"),
            scripts(ctx, "output").alias("out_script"),
        ).filter(pl.col("role") != EVAL_ROLE)
        written_in = allowed_scripts(sorted(allowed))
        foreign_script = (
            pl.lit(False)
            if written_in is None
            else ~pl.col("in_script").is_in(list(written_in)).fill_null(True)
            | ~pl.col("out_script").is_in(list(written_in)).fill_null(True)
        )
        outside = ~pl.col("in_lang").is_in(list(allowed)) | ~pl.col("out_lang").is_in(list(allowed))
        flagged = frame.filter(outside.fill_null(False) | foreign_script)
        for record, _, in_lang, out_lang, in_script, out_script in flagged.iter_rows():
            parts = []
            for field, lang, script in (
                ("input", in_lang, in_script),
                ("output", out_lang, out_script),
            ):
                if written_in is not None and script is not None and script not in written_in:
                    named = f" ({describe(lang)})" if lang is not None else ""
                    parts.append(f"{field} is in {script} script{named}")
                elif lang is not None and lang not in allowed:
                    parts.append(f"{field} is {describe(lang)}")
            if parts:
                yield Violation(
                    [record],
                    f"{' and '.join(parts)}; allowed: {', '.join(sorted(allowed))}",
                    {
                        "input": in_lang,
                        "output": out_lang,
                        "input_script": in_script,
                        "output_script": out_script,
                    },
                )
