from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity

# C0 controls but tab, newline and carriage return; DEL; C1 controls; bidi embeddings,
# overrides and isolates (the "Trojan Source" characters); zero-width and other invisible
# format characters. Zero-width joiners (U+200C, U+200D) are left alone: emoji sequences and
# Indic scripts need them.
CONTROL = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f"
    "\u2060-\u2064\ufeff\u00ad\U000e0000-\U000e007f]"
)


@register
class ControlCharacter(Rule[RuleOptions]):
    """Text holds control, bidirectional-override or invisible characters.

    ## Why it matters
    They are invisible to a reviewer but not to the tokenizer: a zero-width space splits a
    word into rare tokens, a bidi override makes text read differently from how it is
    stored, and stray control bytes come from broken exports. They also hide duplicates
    and secrets from naive checks.

    ## Example
    `"Your refund of $20\u202e.00"` or `"pass\u200bword"`.

    ## Fix
    Strip the characters (curate shows which code points were found).
    """

    code = "SCH008"
    name = "control-character"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        found = ctx.frame.select(
            "id",
            pl.col("input").str.extract_all(CONTROL).alias("in"),
            pl.col("output").str.extract_all(CONTROL).alias("out"),
        ).filter((pl.col("in").list.len() > 0) | (pl.col("out").list.len() > 0))
        for record, in_chars, out_chars in found.iter_rows():
            fields = [name for name, chars in (("input", in_chars), ("output", out_chars)) if chars]
            points = sorted({f"U+{ord(c):04X}" for c in [*in_chars, *out_chars]})
            yield Violation(
                [record],
                f"{' and '.join(fields)} contain{'s' if len(fields) == 1 else ''} "
                f"{', '.join(points)}",
                {"code_points": points, "fields": fields},
            )
