from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.lint.checks.format import FormatScope, outputs_in_scope, parsed_outputs
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


class JsonOptions(FormatScope):
    require: bool = False
    """Every output in scope must be JSON. Off: only outputs that start like JSON (`{`,
    `[` or a ```json fence) are checked, which catches truncated JSON in any dataset."""


@register
class InvalidJsonOutput(Rule[JsonOptions]):
    """Output should be JSON but does not parse.

    ## Why it matters
    A model fine-tuned on broken JSON produces broken JSON, and the program that reads its
    answers fails. Truncated exports (a cut-off closing brace) are the usual cause.

    ## Example
    `{"order_id": "FW-398981", "status": "shipped"` (no closing brace).

    ## Fix
    Repair the JSON; set `require = true` under `[tool.curate.lint.options.FMT001]` (and
    `categories`) when every output of a task must be JSON.
    """

    code = "FMT001"
    name = "invalid-json-output"
    severity = Severity.ERROR
    Options = JsonOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        frame = outputs_in_scope(ctx, options.categories)
        if not options.require:
            frame = frame.filter(pl.col("output").str.contains(r"^\s*(\{|\[|```json)"))
        for record, _, error in parsed_outputs(frame):
            if error is not None:
                yield Violation([record], f"output is not valid JSON: {error}", {"error": error})
