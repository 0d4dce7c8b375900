from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.proof.statistics import detectable_difference, records_needed
from curate.schemas.finding import Location, Severity


class PowerOptions(RuleOptions):
    difference: float = Field(default=0.10, gt=0.0, lt=1.0)
    """Smallest difference between base and tuned scores (e.g. 0.10 = 10 points of win
    rate or accuracy) the test set should be able to detect."""


@register
class UnderpoweredTestSplit(Rule[PowerOptions]):
    """The test split (or eval set) is too small to tell a real improvement from noise.

    ## Why it matters
    With 60 test records, base and tuned models must differ by about 25 points before the
    difference is more than chance: smaller real gains (or losses) look like noise, and
    noise looks like a gain.

    ## Example
    A test split of 64 records can detect differences of 25 points; 393 are needed for 10.

    ## Fix
    Give the test split more records (a larger test ratio or more data), or accept a larger
    `difference` under `[tool.curate.lint.options.SIZE005]`.
    """

    code = "SIZE005"
    name = "underpowered-test-split"
    severity = Severity.WARNING
    Options = PowerOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        wanted = self.options.difference
        needed = records_needed(wanted)
        for role in ("test", EVAL_ROLE):
            split = ctx.frame.filter(pl.col("role") == role)
            if not split.is_empty() and split.height < needed:
                where = [Location(path=p) for p in split.get_column("source").unique()]
                yield self._violation(f"{role} set", split.height, needed, wanted, where)
        if not ctx.has_splits:
            share = ctx.settings.split.ratios[2]
            projected = round(ctx.training.height * share)
            if projected < needed:
                where = [Location(path=s.path) for s in ctx.dataset.sources]
                yield self._violation(f"a {share:.0%} test split", projected, needed, wanted, where)

    @staticmethod
    def _violation(
        what: str, n: int, needed: int, wanted: float, where: list[Location]
    ) -> Violation:
        can = detectable_difference(n)
        power = f"detects differences of {can:.0%} or more" if can < 1 else "cannot measure any"
        return Violation(
            [],
            f"{what} of {n} record{'' if n == 1 else 's'} {power} (95% confidence, 80% power); "
            f"{needed} records are needed for {wanted:.0%}",
            {"records": n, "detectable_difference": round(can, 3), "needed": needed},
            locations=where,
        )
