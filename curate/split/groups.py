"""Which records must stay together, and which exact copies to drop, before splitting."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from curate.lint.checks.duplicates import NearOptions
from curate.lint.context import LintContext
from curate.split.assign import Group

NONE_STRATUM = "(none)"


@dataclass
class Grouping:
    groups: list[Group]
    dropped: dict[str, str] = field(default_factory=dict)
    """Record id -> reason, for exact copies left out."""


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build_groups(ctx: LintContext, stratify: str, keep_duplicates: bool) -> Grouping:
    """Groups of records joined by the same input, near-same input, or near-same record.

    Exact copies of a whole record (input and output, after normalisation) are dropped but
    one, the one with the smallest id, so the choice does not depend on file order. The
    LEAK rules compare inputs, so anything they would call an overlap is kept together.
    """
    frame = ctx.frame
    ids = frame.get_column("id").to_list()
    dropped: dict[str, str] = {}
    if not keep_duplicates:
        dropped = _exact_copies(ctx, ids)
    links = _UnionFind(len(ids))
    for row, first in enumerate(ctx.exact_group("input").to_list()):
        links.union(row, first)
    for key in ("input", "both"):
        for cluster in ctx.near_duplicates(NearOptions(key=key)).clusters:
            for row in cluster[1:]:
                links.union(cluster[0], row)
    strata = strata_of(frame, stratify).to_list()
    members: dict[int, list[int]] = {}
    for row in range(len(ids)):
        if ids[row] not in dropped:
            members.setdefault(links.find(row), []).append(row)
    groups = []
    for rows in members.values():
        records = tuple(sorted(ids[r] for r in rows))
        counts = Counter(strata[r] for r in rows)
        stratum = min(counts, key=lambda s: (-counts[s], s))
        groups.append(Group(key=records[0], records=records, stratum=stratum))
    return Grouping(groups, dropped)


def _exact_copies(ctx: LintContext, ids: list[str]) -> dict[str, str]:
    groups = (
        pl.DataFrame({"id": ids, "group": ctx.exact_group("both")})
        .group_by("group")
        .agg(pl.col("id").sort())
        .filter(pl.col("id").list.len() > 1)
    )
    dropped = {}
    for records in groups.get_column("id").to_list():
        for record in records[1:]:
            dropped[record] = f"exact duplicate of {records[0]}"
    return dropped


def strata_of(frame: pl.DataFrame, stratify: str) -> pl.Series:
    """The stratum of each record: its value in the stratify column, `(none)` when empty."""
    values = frame.get_column(stratify).cast(pl.String).fill_null(NONE_STRATUM)
    return values.replace("", NONE_STRATUM)
