"""Words and word n-grams ("shingles") of normalised texts, as flat arrays of hashes.

Texts arrive already in their normal form (NFKC, lower case, invisible characters removed,
whitespace collapsed) as a polars String Series. Tokens are words, the matches of ``\\w+``.

1. Words are cut and hashed by polars (``Expr.hash(seed)``, stable within one polars
   version, which is all one run needs), a chunk of records at a time, never in a Python
   loop per record.
2. Consecutive word hashes are combined into word n-gram ("shingle") hashes with numpy.
   N-grams never cross a record boundary; a text shorter than ``n`` words gets one shingle
   made of all its words; an empty text gets none and is never a near duplicate.

The MinHash signatures, the exact Jaccard verification and the n-gram overlap all shingle
through here, so all three see the same words and the same hashes.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polars as pl

from curate.dedup.arrays import byte_ranges
from curate.dedup.joined import JoinedTexts

_WORD = r"\w+"
_NOT_WORD_OR_SPACE = r"[^\w ]+"
# Text tokenised per polars call at most (long records): bounds the memory of one chunk.
_TOKENISE_BYTES = 16 << 20

# N-grams of up to this many words are hashed directly, longer ones with a rolling hash.
_DIRECT_NGRAM = 4
_ROLL = np.uint64(0x9E3779B97F4A7C15)
_ROLL_INVERSE = np.uint64(pow(0x9E3779B97F4A7C15, -1, 1 << 64))

_U64 = np.uint64


@lru_cache(maxsize=16)
def _ngram_multipliers(n: int) -> np.ndarray:
    """Odd 64-bit multipliers that weight the words of an n-gram by their position."""
    rng = np.random.default_rng(0x5EED_0F_6A)
    return rng.integers(0, 1 << 63, size=n, dtype=np.uint64) * _U64(2) + _U64(1)


def _as_text(texts: pl.Series) -> pl.Series:
    """The series as String (a Null-typed or Categorical series is accepted too)."""
    if texts.dtype != pl.String:
        texts = texts.cast(pl.String)
    return texts


def _word_hashes(texts: pl.Series, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Hash every word (``\\w+`` match) of every text.

    Equivalent to ``str.extract_all(r"\\w+")`` but about twice as fast: every run of
    characters that are neither word characters nor spaces becomes one space (far rarer
    than words), the text is split at spaces, and the empty pieces are dropped. What remains
    are exactly the maximal runs of word characters.

    Args:
        texts: String series; nulls count as empty texts.
        seed: Seed of the polars hash.

    Returns:
        The uint64 hashes of all words, record after record, and the int64 number of words
        of each record.
    """
    pieces = texts.str.replace_all(_NOT_WORD_OR_SPACE, " ").str.split(" ")
    per_text = pieces.list.len().fill_null(0).to_numpy().astype(np.int64, copy=False)
    flat = pieces.explode(empty_as_null=False, keep_nulls=False)
    hashes = flat.hash(seed).to_numpy()
    empty = np.flatnonzero((flat.str.len_bytes() == 0).to_numpy())
    if len(empty) == 0:
        return hashes, per_text
    text = np.searchsorted(np.cumsum(per_text), empty, side="right")
    counts = per_text - np.bincount(text, minlength=len(texts))
    return np.delete(hashes, empty), counts


def _direct_grams(words: np.ndarray, mult: np.ndarray) -> np.ndarray:
    """``grams[i] = sum(words[i + j] * mult[j])`` (words past the end count as 0)."""
    total, n = len(words), len(mult)
    grams = words * mult[0]
    if n > 1:
        padded = np.concatenate([words, np.zeros(n - 1, dtype=np.uint64)])
        part = np.empty(total, dtype=np.uint64)
        for j in range(1, n):
            np.multiply(padded[j : j + total], mult[j], out=part)
            grams += part
    return grams


def _rolling_grams(words: np.ndarray, n: int) -> np.ndarray:
    """``grams[i] = sum(words[i + j] * P**j)`` for i <= len(words) - n, else 0.

    A rolling polynomial hash: with prefix sums ``R[i] = sum(words[k] * P**k, k < i)``, it is
    ``(R[i + n] - R[i]) * P**-i`` (P odd, so invertible modulo 2**64), a handful of passes
    over the words whatever ``n`` is.
    """
    total = len(words)
    grams = np.zeros(total, dtype=np.uint64)
    if total < n:
        return grams
    powers = np.full(total, _ROLL, dtype=np.uint64)
    powers[0] = 1
    np.multiply.accumulate(powers, out=powers)
    prefix = np.zeros(total + 1, dtype=np.uint64)
    np.cumsum(words * powers, out=prefix[1:])
    powers[1:] = _ROLL_INVERSE
    np.multiply.accumulate(powers, out=powers)
    count = total - n + 1
    np.subtract(prefix[n:], prefix[:count], out=grams[:count])
    grams[:count] *= powers[:count]
    return grams


def _shingles(
    texts: pl.Series, n: int, seed: int, *, short_shingle: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Hash the word n-grams of each text.

    Args:
        texts: String series.
        n: Words per n-gram.
        seed: Seed of the word hashes.
        short_shingle: Whether a text of 1 to n-1 words gets one shingle made of all its
            words (near duplicates) or none (n-gram overlap).

    Returns:
        The uint64 n-gram hashes, record after record (one per n-gram position, so repeats
        are kept), and the int64 number of them per record. The hash of words
        ``w_0 .. w_{n-1}`` is ``sum(hash(w_j) * C_j) mod 2**64`` with odd constants ``C_j``:
        the polars word hashes are already well mixed, so every bit of it is.
    """
    words, counts = _word_hashes(texts, seed)
    total = len(words)
    if total == 0:
        return np.empty(0, dtype=np.uint64), np.zeros(len(counts), dtype=np.int64)
    mult = _ngram_multipliers(n)
    grams = _rolling_grams(words, n) if n > _DIRECT_NGRAM else _direct_grams(words, mult)
    ends = np.cumsum(counts)
    starts = ends - counts
    # The last n - 1 words of a record start no whole n-gram.
    valid = np.ones(total, dtype=bool)
    for j in range(1, n):
        valid[(ends - j)[counts >= j]] = False
    per_record = np.maximum(counts - (n - 1), 0)
    if short_shingle and n > 1:
        short = np.flatnonzero((counts > 0) & (counts < n))
        if len(short):
            first, size = starts[short], counts[short]
            whole = words[first] * mult[0]
            for j in range(1, n - 1):
                has = size > j
                whole[has] += words[first[has] + j] * mult[j]
            grams[first] = whole
            valid[first] = True
            per_record[short] = 1
    return grams[valid], per_record


def _text_chunks(texts: pl.Series | JoinedTexts, max_records: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges of records to tokenise together, each at most
    ``max_records`` records and (unless one record alone is larger) ``_TOKENISE_BYTES`` bytes
    of text."""
    lengths = texts.len_bytes() if isinstance(texts, JoinedTexts) else texts.str.len_bytes()
    return byte_ranges(lengths.fill_null(0).to_numpy(), _TOKENISE_BYTES, max_records)
