from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class ContaminationOptions(RuleOptions):
    n: int = Field(default=13, ge=5, le=50)
    """Words per n-gram (13, as in the GPT-3 contamination study)."""
    min_overlap: float = Field(default=0.5, gt=0.0, le=1.0)
    """Share of an answer's n-grams found in training data that counts as contamination:
    by default most of the answer, as when it was pasted into a training record. Replies
    written from shared macros overlap in a sentence or two and stay below it."""
    max_occurrences: int = Field(default=3, ge=1)
    """An n-gram found more often than this in training data is shared phrasing (a
    greeting, a sign-off, a policy sentence every reply quotes), not a leaked answer."""


@register
class NgramContamination(Rule[ContaminationOptions]):
    """Long word sequences of a test or eval answer appear in the training data.

    ## Why it matters
    Even when no training record equals the test record, a training record that contains
    the reference answer's sentences teaches the model to recite it; the test then measures
    recall of text the model has seen. Word sequences that many training records share
    (a brand's greeting or sign-off) are phrasing, not leaks, and are not counted.

    ## Example
    80% of the 13-word sequences of `test.jsonl` line 9's output occur in `train.jsonl`.

    ## Fix
    Remove or rewrite the training records that contain the answer.
    """

    code = "LEAK004"
    name = "ngram-contamination"
    severity = Severity.WARNING
    Options = ContaminationOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        from curate.dedup import ngram_overlap

        options = self.options
        roles = ctx.frame.get_column("role")
        probe_mask = roles.is_in(["test", EVAL_ROLE])
        train_mask = roles.is_in(["train", ""])
        if not probe_mask.any() or not train_mask.any():
            return
        both, outputs = ctx.normal_text("both"), ctx.normal_text("output")
        overlap = ngram_overlap(
            both.filter(train_mask), outputs.filter(probe_mask), options.n, options.max_occurrences
        )
        probes = ctx.frame.filter(probe_mask).select("id", "role")
        found = probes.with_columns(pl.Series("overlap", overlap)).filter(
            pl.col("overlap") >= options.min_overlap
        )
        for record, role, share in found.iter_rows():
            yield Violation(
                [record],
                f"{share:.0%} of this {role} answer's {options.n}-word sequences occur in "
                "training data",
                {"overlap": round(share, 3), "n": options.n},
            )
