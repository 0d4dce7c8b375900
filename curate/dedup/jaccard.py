"""Exact n-gram Jaccard of pairs of texts: the truth every LSH candidate is checked against.

MinHash only estimates the similarity; a near duplicate is reported only when the exact
Jaccard of the two n-gram hash sets reaches the threshold. The sets are built only for the
rows that appear in the pairs asked about, and compared a block of pairs at a time with one
sort per block, not one Python set per text.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from curate.dedup.arrays import _chunks, _unique
from curate.dedup.params import NearDuplicateParams
from curate.dedup.shingles import _WORD, _shingles

# Shingle values gathered per vectorised step of the exact Jaccard.
_JACCARD_BLOCK = 4_000_000

_U64 = np.uint64


def _distinct_per_group(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Number of distinct values in each group of consecutive values.

    Each value is tagged with its group number in the high bits of one uint64 (the value
    keeps the low ``64 - bits(groups)`` bits, 40 or more), so one sort finds them all. Two
    different 64-bit n-gram hashes of one group agree on those bits with probability about
    ``m**2 / 2**41`` for ``m`` values: the count is exact but for such a collision.

    Args:
        values: uint64 hashes, group after group.
        counts: Values per group.

    Returns:
        int64 distinct count per group.
    """
    result = np.zeros(len(counts), dtype=np.int64)
    ends = np.cumsum(counts)
    for first, last in _chunks(len(counts), 1 << 24):
        low = int(ends[first - 1]) if first else 0
        high = int(ends[last - 1])
        if high == low:
            continue
        shift = max(1, int(last - first - 1).bit_length())
        keep = _U64((1 << (64 - shift)) - 1)
        group = np.repeat(np.arange(last - first, dtype=np.uint64), counts[first:last])
        keys = np.sort((group << _U64(64 - shift)) | (values[low:high] & keep))
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        result[first:last] = np.bincount(
            (keys[new] >> _U64(64 - shift)).astype(np.int64), minlength=last - first
        )
    return result


class _ShingleSets:
    """The n-gram hashes of some rows, for their exact Jaccard similarity."""

    def __init__(self, texts: pl.Series, rows: np.ndarray, params: NearDuplicateParams) -> None:
        self.rows = _unique(rows)
        subset = texts.gather(self.rows) if len(self.rows) else texts.clear()
        self.values, self.counts = _shingles(subset, params.ngram, params.seed)
        self.offsets = np.cumsum(self.counts) - self.counts
        self.sizes = _distinct_per_group(self.values, self.counts)

    def jaccard(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Exact Jaccard of the n-gram sets of rows ``left[k]`` and ``right[k]``."""
        result = np.zeros(len(left), dtype=np.float64)
        if len(left) == 0:
            return result
        li = np.searchsorted(self.rows, left)
        ri = np.searchsorted(self.rows, right)
        work = np.cumsum(self.counts[li] + self.counts[ri])
        start = 0
        while start < len(left):
            base = int(work[start - 1]) if start else 0
            stop = int(np.searchsorted(work, base + _JACCARD_BLOCK, side="right"))
            stop = max(stop, start + 1)
            a, b = li[start:stop], ri[start:stop]
            lengths = np.stack([self.counts[a], self.counts[b]], axis=1).ravel()
            firsts = np.stack([self.offsets[a], self.offsets[b]], axis=1).ravel()
            union = _distinct_per_group(
                self.values[_ranges(firsts, lengths)], lengths.reshape(-1, 2).sum(axis=1)
            ).astype(np.float64)
            common = self.sizes[a] + self.sizes[b] - union
            with np.errstate(invalid="ignore", divide="ignore"):
                result[start:stop] = np.where(union > 0, common / union, 0.0)
            start = stop
        return result


def _exact_jaccard(
    texts: pl.Series, left: np.ndarray, right: np.ndarray, params: NearDuplicateParams
) -> np.ndarray:
    """Exact n-gram Jaccard of the texts at rows ``left[k]`` and ``right[k]``.

    Equal texts with at least one word are 1.0 without tokenising them (a group of copies
    verified against its first member costs one string comparison per copy).
    """
    result = np.ones(len(left), dtype=np.float64)
    if len(left) == 0:
        return result
    first = texts.gather(left)
    same = ((first == texts.gather(right)) & first.str.contains(_WORD)).fill_null(False)
    rest = np.flatnonzero(~same.to_numpy())
    if len(rest):
        sets = _ShingleSets(texts, np.concatenate([left[rest], right[rest]]), params)
        result[rest] = sets.jaccard(left[rest], right[rest])
    return result


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenation of range(starts[k], starts[k] + lengths[k]) for all k."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(
        ends - lengths - starts, lengths
    )
