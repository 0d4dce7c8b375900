from __future__ import annotations

from collections.abc import Iterator

import regex

from curate.config import ConfigError
from curate.lint.checks.format import FormatScope, outputs_in_scope
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


class PatternOptions(FormatScope):
    pattern: str | None = None
    """Python regular expression every output in scope must match in full (off when unset)."""


MATCH_SECONDS = 1.0
"""A user's pattern may backtrack exponentially; one output may take at most this long."""


@register
class RegexMismatch(Rule[PatternOptions]):
    """Output does not match the configured pattern.

    ## Why it matters
    When outputs have a fixed form (a label from a set, a date, a code), any output outside
    it teaches the model to produce answers the consumer cannot parse.

    ## Example
    `"Refund"` where `pattern = "(billing|shipping|refunds)"` expects lower-case labels.

    ## Fix
    Correct the output or widen the pattern.
    """

    code = "FMT003"
    name = "regex-mismatch"
    severity = Severity.ERROR
    Options = PatternOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        if options.pattern is None:
            return
        try:
            pattern = regex.compile(options.pattern, regex.DOTALL)
        except regex.error as exc:
            raise ConfigError(f"lint.options.FMT003.pattern: {exc}") from None
        for record, output in outputs_in_scope(ctx, options.categories).iter_rows():
            try:
                matched = pattern.fullmatch(output, timeout=MATCH_SECONDS)
            except TimeoutError:
                raise ConfigError(
                    f"lint.options.FMT003.pattern: took over {MATCH_SECONDS:g} s on one output "
                    "(nested repetition such as (a+)+ backtracks without end); simplify it"
                ) from None
            if matched is None:
                shown = output if len(output) <= 40 else output[:37] + "..."
                yield Violation([record], f"output {shown!r} does not match {options.pattern!r}")
