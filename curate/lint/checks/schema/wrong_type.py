from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.schema import read_issues
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class WrongType(Rule[RuleOptions]):
    """Field has the wrong type (a number or list where text belongs), or a key is repeated.

    ## Why it matters
    Parsers disagree on these records: one turns `42` into `"42"`, another rejects the
    line; with a repeated key one keeps the first value and another the last. What trains
    is then not what was reviewed.

    ## Example
    `{"input": "Price?", "output": 42}` or `{"output": "yes", "output": "no"}`.

    ## Fix
    Write the value as a JSON string and keep each key once.
    """

    code = "SCH003"
    name = "wrong-type"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from read_issues(ctx, {"wrong-type", "duplicate-key"})
