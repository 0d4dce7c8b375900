from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from pydantic import Field

from curate.lint.context import EVAL_ROLE, NOT_SPACE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


class TemplatedOptions(RuleOptions):
    min_inputs: int = Field(default=5, ge=2)
    """Report an output given to at least this many different inputs."""


@register
class TemplatedOutput(Rule[TemplatedOptions]):
    """One output is the answer to many different inputs.

    ## Why it matters
    A canned reply repeated across many prompts teaches the model to give it whatever is
    asked: the fine-tune collapses onto the template. Often it is an export bug (every
    row got the same reply) or a placeholder that was never filled in.

    ## Example
    "Thank you for contacting us, we will get back to you." answers 340 different tickets.

    ## Fix
    Write specific replies, or keep a few examples of the template and drop the rest.
    """

    code = "DUP004"
    name = "templated-output"
    severity = Severity.WARNING
    Options = TemplatedOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        minimum = self.options.min_inputs
        groups = (
            ctx.frame.with_columns(
                ctx.exact_group("output").alias("group"), ctx.exact_group("input").alias("asked")
            )
            .filter((pl.col("role") != EVAL_ROLE) & pl.col("output").str.contains(NOT_SPACE))
            .group_by("group", maintain_order=True)
            .agg(pl.col("id"), pl.col("asked").n_unique().alias("inputs"))
            .filter(pl.col("inputs") >= minimum)
        )
        for _, records, inputs in groups.iter_rows():
            yield Violation(
                records,
                f"the same output answers {inputs} different inputs",
                {"inputs": inputs},
            )
