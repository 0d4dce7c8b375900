from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from curate.lint.checks.schema import read_issues
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.schemas.finding import Severity


@register
class UnreadableRecord(Rule[RuleOptions]):
    """Record cannot be read: broken JSON, invalid UTF-8, a NUL byte or a malformed CSV row.

    ## Why it matters
    The record is silently missing from every tool that skips bad lines, and the tools that
    do not skip them crash mid-run. Either way the data you reviewed is not the data you train.

    ## Example
    Line 57 is `{"input": "Where is my order?", "output": "It ships tomorrow.` (unclosed).

    ## Fix
    Repair or delete the line; the message names the line and what is wrong with it.
    """

    code = "SCH001"
    name = "unreadable-record"
    severity = Severity.ERROR
    kinds: ClassVar[set[str]] = {
        "invalid-json",
        "invalid-utf8",
        "nul-byte",
        "not-an-object",
        "bad-row",
    }

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from read_issues(ctx, self.kinds)
