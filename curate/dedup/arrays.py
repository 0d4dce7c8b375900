"""Small numpy helpers shared by the dedup stages.

Every stage works on flat arrays in blocks, and several need the distinct values of large
uint64 hash arrays; these are the helpers they share.
"""

from __future__ import annotations

import numpy as np


def _chunks(length: int, size: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges covering range(length)."""
    return [(start, min(start + size, length)) for start in range(0, length, size)]


def byte_ranges(lengths: np.ndarray, max_bytes: int, max_records: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges of records covering all of them, each at most
    ``max_records`` records and, unless one record alone is larger, ``max_bytes`` bytes
    (``lengths``: each record's bytes). Text is worked on in such slices so that its
    memory is bounded by bytes, however long the records."""
    ends = np.cumsum(lengths.astype(np.int64, copy=False))
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < len(ends):
        base = int(ends[start - 1]) if start else 0
        stop = int(np.searchsorted(ends, base + max_bytes, side="right"))
        stop = min(max(stop, start + 1), start + max_records, len(ends))
        ranges.append((start, stop))
        start = stop
    return ranges


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values.

    Sort-based: numpy 2.x's ``np.unique`` hashes and is some 50 times slower on large
    integer arrays.
    """
    ordered = np.sort(values, axis=None)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
