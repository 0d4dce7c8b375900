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
    min_run: int = Field(default=25, ge=0)
    """Words of one verbatim run shared with a training record that count as contamination
    whatever share of the answer it is (0: only `min-overlap` counts). 25 is one more than
    2 x (n - 1): the longest run made where two common phrases meet, whose 13-grams are
    rare though each phrase is not (on the support sample's clean split, 20 flags 32 of 62
    test answers this way, 25 flags 4)."""
    run_max_occurrences: int = Field(default=1, ge=1)
    """A run counts when its n-grams occur at most this often in training data: a passage
    pasted from one record, not a macro that several replies reuse."""
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

    A single verbatim run of `min-run` (25) words shared with one training record is
    contamination too, even when it is a small part of a long answer: it is the answer's
    content, copied. A run found in several training records is a reused macro, not
    counted (`run-max-occurrences`).

    ## Example
    80% of the 13-word sequences of `test.jsonl` line 9's output occur in `train.jsonl`;
    or a 30-word passage of its 300-word output is in a training reply.

    ## Fix
    Remove or rewrite the training records that contain the answer.
    """

    code = "LEAK004"
    name = "ngram-contamination"
    severity = Severity.WARNING
    memory_heavy = True
    Options = ContaminationOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        from curate.dedup import ngram_overlap_runs

        options = self.options
        roles = ctx.frame.get_column("role")
        probe_mask = roles.is_in(["test", EVAL_ROLE])
        train_mask = roles.is_in(["train", ""])
        if not probe_mask.any() or not train_mask.any():
            return
        both, outputs = ctx.normal_text("both"), ctx.normal_text("output")
        overlap, runs = ngram_overlap_runs(
            both.filter(train_mask),
            outputs.filter(probe_mask),
            options.n,
            options.max_occurrences,
            options.run_max_occurrences,
        )
        probes = ctx.frame.filter(probe_mask).select("id", "role")
        by_run = pl.col("run") >= options.min_run if options.min_run else pl.lit(False)
        found = probes.with_columns(
            pl.Series("overlap", overlap), pl.Series("run", runs, dtype=pl.Int64)
        ).filter((pl.col("overlap") >= options.min_overlap) | by_run)
        for record, role, share, run in found.iter_rows():
            if share >= options.min_overlap:
                message = (
                    f"{share:.0%} of this {role} answer's {options.n}-word sequences occur in "
                    "training data"
                )
            else:
                message = (
                    f"a verbatim run of {run} words of this {role} answer occurs in training data"
                )
            yield Violation(
                [record], message, {"overlap": round(share, 3), "n": options.n, "run": int(run)}
            )
