"""Small numpy helpers shared by the dedup stages.

Every stage works on flat arrays in blocks, and several need the distinct values of large
uint64 hash arrays; these are the two helpers they share.
"""

from __future__ import annotations

import numpy as np


def _chunks(length: int, size: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges covering range(length)."""
    return [(start, min(start + size, length)) for start in range(0, length, size)]


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
