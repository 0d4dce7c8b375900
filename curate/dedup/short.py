"""Near-equality of short texts, where a Jaccard similarity is no evidence.

Two short texts share few word pairs, so one edited word moves their Jaccard by a third or
more: "what is a motormouth" and "what is a ratchet jaw" share half their word pairs, and
"where is my order" and "where is my refund" two of four. Those are different questions. So
when either text of a pair has fewer than ``min_words`` words, the pair is near only when the
texts are nearly equal: the same words in the same order (case, punctuation, spacing and
invisible characters already normalised away), or the same words but one that differs by a
single typo (one character inserted, deleted, replaced, or two neighbours swapped) in a word
of at least ``_TYPO_MIN_LETTERS`` letters. Digits never count as a typo: "order 41" and
"order 42" are different orders.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

_WORD = re.compile(r"\w+")
# A one-character difference counts as a typo only in words at least this long.
_TYPO_MIN_LETTERS = 5


def word_counts(texts: pl.Series, rows: np.ndarray) -> np.ndarray:
    """Number of words (``\\w+`` matches) of the texts at ``rows``."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    counts = texts.gather(rows).str.count_matches(r"\w+").fill_null(0)
    return counts.to_numpy().astype(np.int64)


def near_equal(first: str, second: str) -> bool:
    """True when two normalised texts have the same words, or the same words but one typo."""
    a, b = _WORD.findall(first), _WORD.findall(second)
    if a == b:
        return bool(a) or first == second
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differing) == 1 and _is_typo(*differing[0])


def near_equal_pairs(texts: pl.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``near_equal`` of the texts at rows ``left[k]`` and ``right[k]``, as a bool array."""
    firsts = texts.gather(left).fill_null("").to_list()
    seconds = texts.gather(right).fill_null("").to_list()
    return np.fromiter(
        (near_equal(a, b) for a, b in zip(firsts, seconds, strict=True)),
        dtype=bool,
        count=len(firsts),
    )


def _is_typo(first: str, second: str) -> bool:
    """One character inserted, deleted, replaced, or two neighbours swapped, in words of
    letters only that are long enough for that to be a slip rather than another word."""
    if min(len(first), len(second)) < _TYPO_MIN_LETTERS:
        return False
    if not (first.isalpha() and second.isalpha()):
        return False
    if len(first) == len(second):
        diff = [i for i, (x, y) in enumerate(zip(first, second, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and first[diff[0]] == second[diff[1]]
            and first[diff[1]] == second[diff[0]]
        )
    if abs(len(first) - len(second)) != 1:
        return False
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
