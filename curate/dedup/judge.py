"""Whether a pair of texts is near: the exact Jaccard for texts long enough for it to mean
something, near-equality for short ones (see ``short``)."""

from __future__ import annotations

import numpy as np
import polars as pl

from curate.dedup.jaccard import _exact_jaccard
from curate.dedup.params import NearDuplicateParams
from curate.dedup.short import near_equal_pairs, word_counts
from curate.dedup.verify import Judge

# Jaccard values this close below the threshold still reach it (float rounding).
_EPSILON = 1e-12


def judge_pairs(
    texts: pl.Series, params: NearDuplicateParams, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Exact n-gram Jaccard of the texts at rows ``left[k]`` and ``right[k]``, and whether
    each pair is near.

    A pair where both texts have at least ``params.min_words`` words is near when its
    Jaccard reaches ``params.threshold``; any other pair only when its texts are nearly equal.
    """
    similarity = _exact_jaccard(texts, left, right, params)
    near = similarity >= params.threshold - _EPSILON
    if params.min_words > 0 and len(left):
        rows = np.concatenate([left, right])
        counts = word_counts(texts, rows)
        short = np.minimum(counts[: len(left)], counts[len(left) :]) < params.min_words
        if short.any():
            where = np.flatnonzero(short)
            near[where] = near_equal_pairs(texts, left[where], right[where])
    return similarity, near


def judge_of(texts: pl.Series, params: NearDuplicateParams) -> Judge:
    """``judge_pairs`` bound to one series of texts, for ``verify._verify``."""

    def judge(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return judge_pairs(texts, params, left, right)

    return judge
