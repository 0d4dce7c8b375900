from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from curate.dedup.groups import keeper_first
from curate.lint.checks.duplicates import KeyOptions
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import DROP_COPIES, Rule, Violation
from curate.schemas.finding import Severity


@register
class ExactDuplicate(Rule[KeyOptions]):
    """Record repeats another after normalisation (case, whitespace, Unicode form and
    invisible characters do not count as differences).

    ## Why it matters
    Duplicates overweight one example in training, so the model memorises it; copies
    disguised by a zero-width space, a no-break space or different case still count twice.
    (Copies that straddle train and test splits are reported as LEAK001.)

    ## Example
    Line 217 is line 42 again; line 488 is line 260 with a zero-width space in one word.

    ## Fix
    Keep one copy: `curate lint --fix --out clean.jsonl` keeps the record with the
    smallest id in natural order (`T-9` before `T-10`), the same one `curate split` keeps.
    """

    code = "DUP001"
    name = "exact-duplicate"
    severity = Severity.ERROR
    Options = KeyOptions
    fix = DROP_COPIES

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        key = self.options.key
        groups = (
            ctx.frame.with_columns(ctx.exact_group(key).alias("group"))
            .filter(pl.col("role") != EVAL_ROLE)
            .group_by("group", "role", maintain_order=True)
            .agg(pl.col("id"))
            .filter(pl.col("id").list.len() > 1)
        )
        for members in groups.get_column("id").to_list():
            kept = members[
                keeper_first(members)[0]
            ]  # per split: the group's keeper may sit in another
            records = [kept, *(rid for rid in members if rid != kept)]
            yield Violation(
                records,
                f"{len(records) - 1} exact {'copy' if len(records) == 2 else 'copies'} "
                f"of {records[0]} ({key})",
                {"keep": records[0], "drop": records[1:], "key": key},
            )
