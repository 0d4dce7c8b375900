from __future__ import annotations

import math
from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class OutlierOptions(RuleOptions):
    max_z: float = Field(default=4.0, gt=0.0)
    """Robust z-score (median and MAD of log length) beyond which a length is an outlier."""
    min_records: int = Field(default=20, ge=3)
    """Too few records make any length look unusual: below this the rule stays quiet."""
    min_ratio: float = Field(default=3.0, gt=1.0)
    """An outlier must also be this many times longer (or shorter) than the median, so a
    dataset of near-identical lengths does not flag a reply twice the usual size."""


@register
class LengthOutlier(Rule[OutlierOptions]):
    """Input or output is far longer or shorter than the rest of the dataset.

    ## Why it matters
    A 4,000-word reply among 80-word ones is usually a pasted document or a concatenation
    bug; it dominates the loss of its batch and is truncated in training anyway. Lengths
    are compared on a log scale with the median and MAD, so a few outliers cannot hide
    each other.

    ## Example
    Line 629's output has 4,447 words; the median output has 76.

    ## Fix
    Check the record: trim it to the answer, split it, or delete it.
    """

    code = "LEN003"
    name = "length-outlier"
    severity = Severity.WARNING
    Options = OutlierOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        training = ctx.frame.filter(pl.col("role") != EVAL_ROLE)
        if training.height < options.min_records:
            return
        for field in ("input", "output"):
            chars = pl.col(field).str.len_chars()
            scored = (
                training.select("id", chars.alias("chars"), (chars + 1).log().alias("log"))
                # Empty texts are LEN001's and SCH002's; they would drag the median down.
                .filter(pl.col("chars") > 0)
            ).with_columns(
                (
                    (pl.col("log") - pl.col("log").median())
                    / (1.4826 * (pl.col("log") - pl.col("log").median()).abs().median())
                ).alias("z")
            )
            median = float(scored.get_column("chars").median() or 0)  # type: ignore[arg-type]
            far = (pl.col("log") - pl.col("log").median()).abs() >= math.log(options.min_ratio)
            outliers = scored.filter((pl.col("z").abs() > options.max_z) & far).drop_nans()
            for record, length, _, z in outliers.iter_rows():
                side = "longer" if z > 0 else "shorter"
                yield Violation(
                    [record],
                    f"{field} has {length:,} characters, far {side} than the median "
                    f"{median:,.0f} (robust z {z:+.1f})",
                    {"field": field, "chars": length, "median_chars": median, "z": round(z, 2)},
                )
