from __future__ import annotations

import re
from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class ConflictOptions(RuleOptions):
    categories: bool = True
    """Also report the same input filed under different categories."""
    similar_at: float = Field(default=0.5, gt=0.0, le=1.0)
    """Outputs at least this similar (Jaccard of word pairs) are edits of one answer, a
    near duplicate (DUP002), not a conflict."""


def _pairs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + 2]) for i in range(max(1, len(words) - 1))}


def differ(answers: list[str], similar_at: float) -> bool:
    """True when at least two of the answers are not near copies of each other."""
    shingles = [_pairs(a) for a in dict.fromkeys(answers)]
    for i, first in enumerate(shingles):
        for second in shingles[i + 1 :]:
            union = len(first | second)
            if union and len(first & second) / union < similar_at:
                return True
    return False


@register
class ConflictingOutputs(Rule[ConflictOptions]):
    """The same input has different outputs (or different categories).

    ## Why it matters
    The model is trained to give two answers to one question, so it learns neither; when
    the answers contradict each other (a refund approved here, refused there) it learns to
    be confidently wrong half the time.

    ## Example
    Lines 238 and 442 have the same ticket; one reply approves the refund, one refuses it.

    ## Fix
    Decide which answer is right and delete or correct the other.
    """

    code = "DUP003"
    name = "conflicting-outputs"
    severity = Severity.ERROR
    Options = ConflictOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        frame = (
            ctx.frame.select("id", "role", "category", ctx.exact_group("input").alias("group"))
            .with_row_index("row")
            .filter(pl.col("role") != EVAL_ROLE)
            .filter(pl.len().over("group") > 1)
        )
        # Only the outputs of records that share an input are compared, so only theirs are
        # normalised.
        answers = ctx.duplicates.normal_text_at("output", frame.get_column("row"))
        frame = frame.with_columns(answers.alias("answer"))
        groups = (
            frame.group_by("group", maintain_order=True)
            .agg(
                pl.col("id"),
                pl.col("answer").unique(maintain_order=True).alias("answers"),
                pl.col("category").drop_nulls().unique(maintain_order=True).alias("categories"),
            )
            .filter(pl.col("id").list.len() > 1)
        )
        options = self.options
        for _, records, answers, categories in groups.iter_rows():
            conflicts = []
            if len(answers) > 1 and differ(answers, options.similar_at):
                conflicts.append(f"{len(answers)} different outputs")
            if options.categories and len(categories) > 1:
                conflicts.append(f"categories {', '.join(categories)}")
            if conflicts:
                yield Violation(
                    records,
                    f"same input with {' and '.join(conflicts)}",
                    {"outputs": len(answers), "categories": categories},
                )
