from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import STRENGTH, Severity

REASONS: dict[str, Callable[[dict[str, Any]], str]] = {
    "loss": lambda row: (
        f"the tuned model finds this reply unlike the replies it learned: loss {row['loss']:.2f}"
    ),
    "lift": lambda row: (
        f"this reply does not follow from its prompt, which barely makes it likelier: lift "
        f"{row['lift']:.2f}"
    ),
    "contradiction": lambda row: (
        f"the prompt argues against words of this reply (another name or number?): "
        f"contradiction {row['contradiction']:.2f}"
    ),
}
"""What the measure that stands out says about the reply, for the expert who reads it."""


class HardOptions(RuleOptions):
    min_z: float = Field(default=3.0, gt=0.0)
    """Robust z-score of the reply's loss (within its category, corrected for length) from
    which a record is reported."""


@register
class HardToLearnReply(Rule[HardOptions]):
    """The tuned model finds a reply far harder to predict than replies like it.

    ## Why it matters
    After training, a reply the model still finds unlikely, next to the replies of its
    category at its length, is one the rest of the data does not support. Three measures
    (the largest decides): its loss (a reply unlike any trained on); its lift, how much
    its prompt makes it likelier (low for another record's reply, or a reply to a
    different question); and its contradiction, the tokens the prompt makes *less* likely
    (another customer's name, a changed order number). Lint sees form; this sees content
    that disagrees with the data. With `--folds` the record is scored by an adapter that
    never trained on it, so a wrong reply the run memorised still stands out.

    ## Example
    A billing reply greets "Hi Marguerite" and cites order #FW-118204 while the customer
    who wrote is Tobias with order #FW-552871: the prompt makes those tokens much less
    likely than they are without it, and the contradiction puts it first of its category.

    ## Fix
    Correct the reply, reject the record, or keep it when it is right and rare; the review
    app lists these first with `--run RUN_DIR` (key m).
    """

    code = "MOD001"
    name = "hard-to-learn-reply"
    severity = Severity.INFO
    Options = HardOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        signals = ctx.signals()
        if signals is None:
            return
        scored = signals.scored
        frame = signals.frame.filter(signals.frame.get_column("z") >= self.options.min_z)
        for row in frame.sort("rank").iter_rows(named=True):
            how = (
                "out of fold"
                if row["fold"] is not None
                else ("held out" if row["held_out"] else "in-sample")
            )
            yield Violation(
                [row["id"]],
                f"{REASONS.get(row['why'], REASONS['loss'])(row)}, z {row['z']:.1f} within its "
                f"category (rank {row['rank']} of {scored}, {how})",
                {
                    STRENGTH: round(row["z"], 3),
                    "loss": round(row["loss"], 4),
                    "lift": round(row["lift"], 4),
                    "contradiction": round(row["contradiction"], 4),
                    "why": row["why"],
                    "z": round(row["z"], 3),
                    "rank": row["rank"],
                    "fold": row["fold"],
                    "held_out": row["held_out"],
                },
            )
