from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.duplicates import NearOptions
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


@register
class NearDuplicate(Rule):
    """Record is a near copy of another: a few words edited, added or removed.

    ## Why it matters
    Near copies overweight one example as much as exact ones, and they are how duplicates
    slip past exact checks: change a word and the copy looks new. MinHash LSH over word
    pairs finds them at any dataset size.

    ## Example
    Line 603 is line 499 with "should" changed to "will", "please" added and "just" removed.

    ## Fix
    Keep one record per cluster: `curate lint --fix --out clean.jsonl` keeps the first.
    """

    code = "DUP002"
    name = "near-duplicate"
    severity = Severity.WARNING
    Options = NearOptions
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options: NearOptions = self.options  # type: ignore[assignment]
        near = ctx.near_duplicates(options)
        ids = ctx.frame.get_column("id")
        roles = ctx.frame.get_column("role")
        for cluster in near.clusters:
            by_role: dict[str, list[int]] = {}
            for row in cluster:
                if roles[row] != EVAL_ROLE:
                    by_role.setdefault(roles[row], []).append(row)
            for rows in by_role.values():
                if len(rows) < 2:
                    continue
                similarity = near.similarity_to(rows)
                records = [ids[row] for row in rows]
                lowest = min(similarity.values())
                yield Violation(
                    records,
                    f"{len(rows) - 1} near {'copy' if len(rows) == 2 else 'copies'} of "
                    f"{records[0]} (similarity {lowest:.2f} or more, {options.key})",
                    {
                        "keep": records[0],
                        "drop": records[1:],
                        "similarity": {ids[r]: round(s, 3) for r, s in similarity.items()},
                        "key": options.key,
                    },
                )
