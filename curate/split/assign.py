"""Assign duplicate groups to splits, stratum by stratum, deterministically.

Pure functions of their inputs: no I/O, no dependence on the order records came in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import NamedTuple

SPLITS = ("train", "val", "test")


class Group(NamedTuple):
    """Records that must land in one split, with the stratum they count towards.

    A NamedTuple: a million of them are built per million records, and that is cheap.
    """

    key: str
    """Stable identity: the smallest record id in the group."""
    records: tuple[str, ...]
    stratum: str


def seeded_order(key: str, seed: int) -> bytes:
    """A stable pseudo-random sort key (blake2b: the same on every Python and polars)."""
    return hashlib.blake2b(f"{seed}\x1f{key}".encode(), digest_size=8).digest()


def quotas(n: int, ratios: tuple[float, float, float]) -> list[int]:
    """Integer record counts per split for a stratum of n records (largest remainder).

    A stratum of at least 3 records gets at least one record in every split whose ratio
    is above zero, so no split misses a category that could be in it.
    """
    ideal = [n * r for r in ratios]
    counts = [int(x) for x in ideal]
    by_remainder = sorted(range(3), key=lambda i: (-(ideal[i] - counts[i]), i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    if n >= 3:
        for i in (1, 2):
            if ratios[i] > 0 and counts[i] == 0:
                donor = max(range(3), key=lambda j: (counts[j], -j))
                counts[donor] -= 1
                counts[i] += 1
    return counts


def assign(groups: list[Group], ratios: tuple[float, float, float], seed: int) -> dict[str, str]:
    """Split name for every record; each group lands whole in one split.

    Within a stratum, groups are placed largest first (ties in seeded order) into the split
    furthest below its quota, so with single-record groups every split ends within one
    record of its ideal count.
    """
    by_stratum: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        by_stratum[group.stratum].append(group)
    placed: dict[str, str] = {}
    for stratum in sorted(by_stratum):
        members = by_stratum[stratum]
        quota = quotas(sum(len(g.records) for g in members), ratios)
        filled = [0, 0, 0]
        multi = sorted(
            (g for g in members if len(g.records) > 1),
            key=lambda g: (-len(g.records), seeded_order(g.key, seed)),
        )
        for group in multi:
            target = max(
                (i for i in range(3) if ratios[i] > 0),
                key=lambda i: (quota[i] - filled[i], -i),
            )
            filled[target] += len(group.records)
            for record in group.records:
                placed[record] = SPLITS[target]
        # Single records fill what is left of each quota, in seeded order: the same result
        # as placing them one by one into the split furthest below its quota, in bulk.
        singles = sorted(
            (g.records[0] for g in members if len(g.records) == 1),
            key=lambda record: seeded_order(record, seed),
        )
        left = [max(quota[i] - filled[i], 0) if ratios[i] > 0 else 0 for i in range(3)]
        start = 0
        for i in sorted(range(3), key=lambda i: (-left[i], i)):
            take = singles[start : start + left[i]]
            placed.update(dict.fromkeys(take, SPLITS[i]))
            start += len(take)
        fallback = max((i for i in range(3) if ratios[i] > 0), key=lambda i: (ratios[i], -i))
        placed.update(dict.fromkeys(singles[start:], SPLITS[fallback]))
    return placed
