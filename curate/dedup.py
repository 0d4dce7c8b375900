"""Near-duplicate detection with MinHash LSH, and long n-gram overlap.

Texts arrive already in their normal form (NFKC, lower case, invisible characters removed,
whitespace collapsed) as a polars String Series. Tokens are words, the matches of ``\\w+``.

Everything runs on flat numpy arrays built by polars, never in a Python loop per record:

1. Words are cut and hashed by polars (``Expr.hash(seed)``, stable within one polars
   version, which is all one run needs), a chunk of records at a time.
2. Consecutive word hashes are combined into word n-gram ("shingle") hashes with numpy.
   N-grams never cross a record boundary; a text shorter than ``n`` words gets one shingle
   made of all its words; an empty text gets none and is never a near duplicate.
3. MinHash follows datasketch 2.0's ``affine32`` scheme: the top 32 bits of each shingle
   hash are pre-mixed with the MurmurHash3 ``fmix32`` finalizer, permutation ``k`` is
   ``a_k * h + b_k`` in uint32 wraparound with odd ``a_k`` (drawn exactly as datasketch
   draws them), and the signature is the minimum per record. The signatures equal those of
   ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` fed the same 32-bit hashes.
4. LSH: rows with equal signatures are first collapsed (each paired once with the first of
   them); the rest are banded, (bands, rows) = (42, 3) at the defaults (see _lsh_bands).
   Buckets of up to 100 members give all their pairs; larger ones (templated text) pair
   each member with its 10 next neighbours in signature order, so they stay linear.
5. Candidates are checked against the signature estimate (dropped below threshold - 0.15),
   then verified by the exact Jaccard of the two n-gram hash sets, best estimate first; a
   pair whose rows are already joined through verified pairs is skipped, so a cluster of k
   texts costs about k exact comparisons. Verified pairs are joined by union-find.

Chunks of records, LSH bands and blocks of pairs are spread over a small thread pool:
numpy ufuncs and polars release the GIL, so the work uses every core while memory stays
bounded by the chunk sizes (about 1 GB beyond the texts for 1M records of 120 words: the
signatures, 512 MB, and the band keys, 336 MB).
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, TypeVar

import numpy as np
import polars as pl

__all__ = [
    "NearDuplicateParams",
    "NearDuplicates",
    "minhash_signatures",
    "near_duplicates",
    "ngram_overlap",
]

_WORD = r"\w+"
_NOT_WORD_OR_SPACE = r"[^\w ]+"
# Records tokenised per polars call; bounds the memory of one chunk (words, hashes, shingles).
_TOKENISE_CHUNK = 16_384
_TOKENISE_BYTES = 16 << 20  # and at most this much text per chunk (long records)
# Records per MinHash block: the shingles of one block (~120k values) stay in the L2 cache
# while all permutations run over them.
_MINHASH_BLOCK = 1_024
# Buckets of up to this many members are paired exhaustively; larger ones by neighbours.
_MAX_BUCKET_PAIRS = 100
# In a large bucket sorted by signature, each member is paired with this many next members.
_BUCKET_NEIGHBOURS = 10
# Candidates whose signature estimate is this far below the threshold are dropped unchecked.
_ESTIMATE_SLACK = 0.15
# Weights of false positives and false negatives when choosing the LSH bands; see _lsh_bands.
_FALSE_POSITIVE_WEIGHT = 0.005
_FALSE_NEGATIVE_WEIGHT = 0.995
# Candidates first compare this many signature columns (128 bytes, two cache lines a row) and
# are dropped when they agree on so few that a pair at the threshold would do so with
# probability at most _PREFILTER_MISS.
_PREFILTER_COLUMNS = 32
_PREFILTER_MISS = 1e-4
# Candidate pairs compared per vectorised step (signature estimate).
_PAIR_BLOCK = 32_768
# LSH bands whose candidate pairs are pooled and deduplicated before signatures are compared,
# unless they reach _PENDING_PAIRS pairs (128 MB) first.
_BAND_GROUP = 8
_PENDING_PAIRS = 1 << 24
# Candidate pairs verified exactly per step; pairs already joined by earlier steps are skipped
# (looked for in windows of _VERIFY_WINDOW candidates).
_VERIFY_BLOCK = 8_192
_VERIFY_WINDOW = 262_144
# Shingle values gathered per vectorised step of the exact Jaccard.
_JACCARD_BLOCK = 4_000_000
# Probe n-gram hashes are looked up in train text, this many train records at a time.
_OVERLAP_CHUNK = 32_768

# N-grams of up to this many words are hashed directly, longer ones with a rolling hash.
_DIRECT_NGRAM = 4
_ROLL = np.uint64(0x9E3779B97F4A7C15)
_ROLL_INVERSE = np.uint64(pow(0x9E3779B97F4A7C15, -1, 1 << 64))

_T = TypeVar("_T")
_U64 = np.uint64
_U32 = np.uint32
_MAX_U32 = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True)
class NearDuplicateParams:
    """How near duplicates are found.

    Attributes:
        threshold: Jaccard similarity of the word n-gram sets at which two texts are near
            duplicates.
        ngram: Word n-gram size of the shingles.
        num_perm: Number of MinHash permutations.
        seed: Seed of the word hashes and the MinHash permutations.
    """

    threshold: float = 0.5
    ngram: int = 2
    num_perm: int = 128
    seed: int = 1

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.ngram < 1:
            raise ValueError(f"ngram must be >= 1, got {self.ngram}")
        if self.num_perm < 2:
            raise ValueError(f"num_perm must be >= 2, got {self.num_perm}")
        if not 0 <= self.seed < 1 << 32:
            raise ValueError(f"seed must be in [0, 2**32), got {self.seed}")


@dataclass
class NearDuplicates:
    """Clusters of near-duplicate texts and the verified pairs that joined them.

    Clusters are connected components of verified pairs (single linkage): a member can be
    below the threshold to ``cluster[0]`` and still be joined to it through others.

    Attributes:
        clusters: Row indices (positions in the texts searched), each cluster with at least
            two members sorted ascending; clusters sorted by their first member.
        pairs: Shape (P, 2) int64, the verified near-duplicate pairs ``i < j``, sorted. They
            connect every cluster, but are not every near-duplicate pair: a candidate whose
            rows were already joined is not verified again (see ``similarity_to``).
        similarity: Shape (P,) float64, the exact n-gram Jaccard of each verified pair.
    """

    clusters: list[list[int]]
    pairs: np.ndarray
    similarity: np.ndarray
    _exact: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )
    _known: dict[tuple[int, int], float] | None = field(default=None, repr=False, compare=False)

    def similarity_to(self, cluster: list[int]) -> dict[int, float]:
        """Similarity of each member of a cluster to its first member.

        Args:
            cluster: Row indices, as in ``clusters``; ``cluster[0]`` is the reference.

        Returns:
            For each member except ``cluster[0]``, the exact n-gram Jaccard to
            ``cluster[0]``: the verified value where that pair was verified directly,
            otherwise computed on demand from the texts.
        """
        if len(cluster) < 2:
            return {}
        if self._known is None:
            self._known = {
                (int(i), int(j)): float(s)
                for (i, j), s in zip(self.pairs.tolist(), self.similarity.tolist(), strict=True)
            }
        first = int(cluster[0])
        result: dict[int, float] = {}
        missing: list[int] = []
        for member in cluster[1:]:
            member = int(member)
            key = (first, member) if first < member else (member, first)
            if member == first:
                result[member] = 1.0
            elif key in self._known:
                result[member] = self._known[key]
            else:
                missing.append(member)
        if missing:
            if self._exact is None:
                raise ValueError("the texts of these pairs are not available to compare")
            left = np.full(len(missing), first, dtype=np.int64)
            right = np.asarray(missing, dtype=np.int64)
            for member, value in zip(missing, self._exact(left, right).tolist(), strict=True):
                result[member] = float(value)
                key = (first, member) if first < member else (member, first)
                self._known[key] = float(value)
        return result


# ---------------------------------------------------------------------------------------------
# Hashing helpers
# ---------------------------------------------------------------------------------------------


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer on a uint32 array (a bijection), in place."""
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


@lru_cache(maxsize=16)
def _ngram_multipliers(n: int) -> np.ndarray:
    """Odd 64-bit multipliers that weight the words of an n-gram by their position."""
    rng = np.random.default_rng(0x5EED_0F_6A)
    return rng.integers(0, 1 << 63, size=n, dtype=np.uint64) * _U64(2) + _U64(1)


@lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine32 permutation parameters (a odd, b), drawn as datasketch 2.0 draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


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


def _text_chunks(texts: pl.Series, max_records: int, max_bytes: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges of records, each at most ``max_records`` records and
    (unless one record alone is larger) ``max_bytes`` bytes of text."""
    if len(texts) == 0:
        return []
    ends = np.cumsum(texts.str.len_bytes().fill_null(0).to_numpy().astype(np.int64))
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < len(texts):
        base = int(ends[start - 1]) if start else 0
        stop = int(np.searchsorted(ends, base + max_bytes, side="right"))
        stop = min(max(stop, start + 1), start + max_records, len(texts))
        ranges.append((start, stop))
        start = stop
    return ranges


def _workers() -> int:
    """Threads to use: the cores this process may run on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _map(function: Callable[..., _T], *arguments: list[Any]) -> list[_T]:
    """``[function(*args) for args in zip(*arguments)]`` on the thread pool, in order."""
    calls = list(zip(*arguments, strict=True))
    if len(calls) <= 1 or _workers() == 1:
        return [function(*call) for call in calls]
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        return list(pool.map(lambda call: function(*call), calls))


def _run(tasks: list[Callable[[], None]]) -> None:
    """Run the tasks on the thread pool (inline when there is only one)."""
    if len(tasks) <= 1 or _workers() == 1:
        for task in tasks:
            task()
        return
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        for future in [pool.submit(task) for task in tasks]:
            future.result()


# ---------------------------------------------------------------------------------------------
# MinHash
# ---------------------------------------------------------------------------------------------


def _minhash_block(
    values: np.ndarray, counts: np.ndarray, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """MinHash the shingles of some records.

    Args:
        values: uint32 pre-mixed shingle hashes, record after record.
        counts: Shingles per record.
        a: Odd multipliers, one per permutation.
        b: Offsets, one per permutation.

    Returns:
        The transposed signatures, (num_perm, records) uint32; records without shingles get
        the empty-set value 0xFFFFFFFF everywhere.
    """
    transposed = np.full((len(a), len(counts)), _MAX_U32, dtype=np.uint32)
    nonempty = np.flatnonzero(counts)
    if len(nonempty) == 0:
        return transposed
    offsets = (np.cumsum(counts) - counts)[nonempty]
    mins = np.empty(len(nonempty), dtype=np.uint32)
    buffer = np.empty(len(values), dtype=np.uint32)
    everything = len(nonempty) == len(counts)
    for k in range(len(a)):
        np.multiply(values, a[k], out=buffer)
        np.add(buffer, b[k], out=buffer)
        if everything:
            np.minimum.reduceat(buffer, offsets, out=transposed[k])
        else:
            np.minimum.reduceat(buffer, offsets, out=mins)
            transposed[k, nonempty] = mins
    return transposed


def _band_keys(transposed: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """LSH band keys from transposed signatures.

    Args:
        transposed: (num_perm, records) uint32 signatures.
        bands: Number of bands.
        rows: Signature rows (permutations) per band.

    Returns:
        (bands, records) uint64: one key per band and record, a hash of the band's rows.
    """
    mult = _ngram_multipliers(rows)
    keys = np.empty((bands, transposed.shape[1]), dtype=np.uint64)
    part = np.empty(transposed.shape[1], dtype=np.uint64)
    for band in range(bands):
        key = keys[band]
        np.multiply(transposed[band * rows], mult[0], out=key, dtype=np.uint64)
        for j in range(1, rows):
            np.multiply(transposed[band * rows + j], mult[j], out=part, dtype=np.uint64)
            key += part
    return keys


def _signature_chunk(
    texts: pl.Series,
    params: NearDuplicateParams,
    out: np.ndarray,
    sizes: np.ndarray,
    keys: np.ndarray | None,
) -> None:
    """Signatures of one chunk of texts into ``out``, their shingle counts into ``sizes``
    and, unless ``keys`` is None, their LSH band keys into ``keys`` (bands, records)."""
    grams, counts = _shingles(texts, params.ngram, params.seed)
    values = _fmix32((grams >> _U64(32)).astype(np.uint32))
    del grams
    a, b = _permutations(params.num_perm, params.seed)
    ends = np.cumsum(counts)
    for start, stop in _chunks(len(counts), _MINHASH_BLOCK):
        low = int(ends[start - 1]) if start else 0
        high = int(ends[stop - 1])
        transposed = _minhash_block(values[low:high], counts[start:stop], a, b)
        out[start:stop] = transposed.T
        if keys is not None:
            bands, rows = _lsh_bands(params.threshold, params.num_perm)
            keys[:, start:stop] = _band_keys(transposed, bands, rows)
    sizes[:] = counts


def _signatures(
    texts: pl.Series,
    params: NearDuplicateParams,
    *,
    rows: np.ndarray | None = None,
    with_keys: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """MinHash signatures of some texts.

    Args:
        texts: String series.
        params: The n-gram size, permutations, seed (and threshold, for the band keys).
        rows: Sorted positions of the texts to sign; all when None. Chunks are gathered
            one at a time, so a mask that keeps most rows costs no copy of the texts.
        with_keys: Whether to compute the LSH band keys too.

    Returns:
        Per signed text: the (m, num_perm) uint32 signatures, the number of n-gram
        shingles, and (if asked for) the (bands, m) uint64 LSH band keys.
    """
    texts = _as_text(texts)
    count = len(texts) if rows is None else len(rows)
    signatures = np.empty((count, params.num_perm), dtype=np.uint32)
    sizes = np.empty(count, dtype=np.int64)
    keys = None
    if with_keys:
        bands, _ = _lsh_bands(params.threshold, params.num_perm)
        keys = np.empty((bands, count), dtype=np.uint64)
    tasks: list[Callable[[], None]] = []
    for start, stop in _text_chunks(texts, _TOKENISE_CHUNK, _TOKENISE_BYTES):
        chunk = texts.slice(start, stop - start)
        if rows is None:
            low, high = start, stop
        else:
            low, high = np.searchsorted(rows, [start, stop]).tolist()
            if low == high:
                continue
            if high - low < stop - start:
                chunk = chunk.gather(rows[low:high] - start)

        def task(chunk: pl.Series = chunk, low: int = low, high: int = high) -> None:
            _signature_chunk(
                chunk,
                params,
                signatures[low:high],
                sizes[low:high],
                None if keys is None else keys[:, low:high],
            )

        tasks.append(task)
    _run(tasks)
    return signatures, sizes, keys


def minhash_signatures(texts: pl.Series, params: NearDuplicateParams) -> np.ndarray:
    """MinHash signatures of each text's word n-gram set.

    Args:
        texts: Normalised texts (String series); nulls count as empty texts.
        params: The n-gram size, number of permutations and seed.

    Returns:
        A (len(texts), num_perm) uint32 array. Equal n-gram sets give equal rows; the
        fraction of agreeing columns estimates the Jaccard similarity of two texts. A text
        without words gets 0xFFFFFFFF everywhere (datasketch's empty MinHash).
    """
    return _signatures(texts, params)[0]


# ---------------------------------------------------------------------------------------------
# LSH candidates
# ---------------------------------------------------------------------------------------------


def _optimal_param(
    threshold: float,
    num_perm: int,
    false_positive_weight: float,
    false_negative_weight: float,
    min_rows: int = 1,
) -> tuple[int, int]:
    """datasketch's ``lsh._optimal_param`` (with ``min_rows=1``), without importing
    datasketch, which imports scipy (a second of start-up).

    Minimises ``fp * false_positive_weight + fn * false_negative_weight`` over all
    (bands, rows) with ``bands * rows <= num_perm``, where ``fp`` is the integral of the
    probability ``1 - (1 - s**rows)**bands`` that a pair of Jaccard ``s`` becomes a candidate
    over ``[0, threshold]`` and ``fn`` the integral of its complement over
    ``[threshold, 1]``, here with ``rows >= min_rows``. The integrands are polynomials of
    degree ``bands * rows``, so Gauss-Legendre quadrature with ``num_perm // 2 + 1`` nodes
    integrates them exactly.
    """
    combos = np.array(
        [(b, r) for b in range(1, num_perm + 1) for r in range(min_rows, num_perm // b + 1)],
        dtype=np.float64,
    )
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(low: float, high: float, miss: bool) -> np.ndarray:
        s = (high - low) / 2 * nodes + (high + low) / 2
        missed = (1.0 - s[None, :] ** combos[:, 1:2]) ** combos[:, 0:1]
        values = missed if miss else 1.0 - missed
        return (values * weights).sum(axis=1) * (high - low) / 2

    error = false_positive_weight * integral(0.0, threshold, miss=False)
    error += false_negative_weight * integral(threshold, 1.0, miss=True)
    b, r = combos[int(np.argmin(error))]
    return int(b), int(r)


@lru_cache(maxsize=64)
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) of the LSH index.

    Chosen like datasketch's MinHashLSH, minimising a weighted sum of the probabilities of
    false positives and false negatives (see _optimal_param), but with false negatives
    weighted 0.995 instead of 0.5: every candidate is verified exactly afterwards, so a false
    positive costs a little time while a false negative is a missed duplicate. At least two
    rows per band, or a single shared shingle would make a candidate.

    At threshold 0.5 and 128 permutations this gives (42, 3) instead of datasketch's
    (25, 5): a pair at Jaccard 0.52 (20 words, 3 scattered substitutions) becomes a
    candidate with probability 0.999 instead of 0.62; at 0.5, 0.996 instead of 0.55.
    """
    return _optimal_param(
        threshold, num_perm, _FALSE_POSITIVE_WEIGHT, _FALSE_NEGATIVE_WEIGHT, min_rows=2
    )


def _bucket_pairs(
    order: np.ndarray, keys: np.ndarray, n: int, rank: Callable[[], np.ndarray]
) -> np.ndarray:
    """Candidate pairs among the rows that share a band key.

    Args:
        order: Row numbers sorted by key.
        keys: The sorted keys.
        n: Number of rows (for the pair codes).
        rank: Gives each row's position in signature order (to order large buckets).

    Returns:
        uint64 pair codes ``i * n + j`` (i < j), possibly repeated.
    """
    width = np.uint64(n)
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    shared = sizes >= 2
    starts, sizes = starts[shared], sizes[shared]
    codes: list[np.ndarray] = []

    def emit(left: np.ndarray, right: np.ndarray) -> None:
        low = np.minimum(left, right).astype(np.uint64)
        high = np.maximum(left, right).astype(np.uint64)
        codes.append(low * width + high)

    small = sizes <= _MAX_BUCKET_PAIRS
    for size in _unique(sizes[small]).tolist():
        first = starts[small & (sizes == size)]
        members = order[first[:, None] + np.arange(size)]
        left, right = np.triu_indices(size, 1)
        emit(members[:, left].ravel(), members[:, right].ravel())
    for first, size in zip(starts[~small].tolist(), sizes[~small].tolist(), strict=True):
        members = order[first : first + size]
        by_signature = members[np.argsort(rank()[members])]
        for step in range(1, _BUCKET_NEIGHBOURS + 1):
            emit(by_signature[:-step], by_signature[step:])
    if not codes:
        return np.empty(0, dtype=np.uint64)
    return np.concatenate(codes)


def _binomial_cdf(successes: int, trials: int, p: float) -> float:
    """P(X <= successes) for X ~ Binomial(trials, p)."""
    return sum(math.comb(trials, k) * p**k * (1 - p) ** (trials - k) for k in range(successes + 1))


def _prefilter_need(threshold: float, columns: int) -> int:
    """Agreements on ``columns`` signature columns that a pair must reach to be looked at in
    full: the most that a pair exactly at the threshold misses with probability <= 1e-4."""
    need = 0
    while need < columns and _binomial_cdf(need, columns, threshold) <= _PREFILTER_MISS:
        need += 1
    return need


def _estimate_filter(
    codes: np.ndarray, signatures: np.ndarray, columns: int, floor: float, need: int
) -> tuple[np.ndarray, np.ndarray]:
    """Keep the pair codes whose signature agreement is at least ``floor``.

    A cheap first pass compares only the last ``columns`` signature columns and drops pairs
    with fewer than ``need`` agreements there; the rest are compared on the whole signature.

    Returns:
        The kept codes and their number of agreeing signature columns.
    """
    n = np.uint64(len(signatures))
    width = signatures.shape[1]
    full = int(np.ceil(floor * width - 1e-9))
    kept: list[np.ndarray] = [codes[:0]]
    agreements: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    for start, stop in _chunks(len(codes), _PAIR_BLOCK):
        block = codes[start:stop]
        left = (block // n).astype(np.int64)
        right = (block % n).astype(np.int64)
        if need > 0:
            tail = slice(width - columns, width)
            likely = np.count_nonzero(signatures[left, tail] == signatures[right, tail], axis=1)
            likely = likely >= need
            block, left, right = block[likely], left[likely], right[likely]
        agree = np.count_nonzero(signatures[left] == signatures[right], axis=1)
        close = agree >= full
        kept.append(block[close])
        agreements.append(agree[close].astype(np.int64))
    return np.concatenate(kept), np.concatenate(agreements)


def _collapse_identical(keys: np.ndarray, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group the eligible rows whose band keys are all equal (equal signatures, in effect).

    Args:
        keys: (bands, n) LSH band keys.
        eligible: (n,) bool, the rows that may be paired at all.

    Returns:
        The star pairs (first row of each group, each other row of the group) as uint64 pair
        codes ``i * n + j``, and the rows left for banding: the eligible rows that are not
        such an "other" row. So a group of 100k identical texts costs 100k candidate pairs
        once, instead of sitting in one bucket of every band.
    """
    n = keys.shape[1]
    mult = _ngram_multipliers(len(keys))
    whole = keys[0] * mult[0]
    for band in range(1, len(keys)):
        whole += keys[band] * mult[band]
    rows = np.flatnonzero(eligible)
    rows = rows[np.argsort(whole[rows], kind="stable")]  # equal keys: ascending rows
    ordered = whole[rows]
    repeat = np.zeros(len(rows), dtype=bool)
    np.equal(ordered[1:], ordered[:-1], out=repeat[1:])
    if not repeat.any():
        return np.empty(0, dtype=np.uint64), eligible
    group_start = np.maximum.accumulate(np.where(repeat, 0, np.arange(len(rows))))
    first = rows[group_start[repeat]].astype(np.uint64)
    codes = first * np.uint64(n) + rows[repeat].astype(np.uint64)
    banded = eligible.copy()
    banded[rows[repeat]] = False
    return codes, banded


def _candidates(
    signatures: np.ndarray, keys: np.ndarray, eligible: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs that the signature estimate does not rule out.

    Bands are processed in groups (8 bands, or fewer once their pairs reach 16M): the pairs
    of a group's bands are deduplicated, and pairs already accepted by an earlier group
    dropped, before any signature is compared. A true near duplicate shares most bands, and
    is compared about once per group, not once per band.

    Args:
        signatures: (n, num_perm) signatures of the rows to compare.
        keys: (bands, n) LSH band keys of the same rows.
        eligible: (n,) bool, the rows that may be paired at all (the others have no
            shingles).
        threshold: The Jaccard threshold.

    Returns:
        Distinct pairs of rows ``i < j`` as an (M, 2) int64 array, sorted, and the number
        of signature columns on which each pair agrees.
    """
    n, num_perm = signatures.shape
    if n < 2:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.int64)
    floor = max(threshold - _ESTIMATE_SLACK, 0.0)
    columns = min(_PREFILTER_COLUMNS, num_perm)
    need = _prefilter_need(threshold, columns)
    identical, banded = _collapse_identical(keys, eligible)
    accepted = np.sort(identical)
    agreement = np.full(len(identical), num_perm, dtype=np.int64)
    only = None if banded.all() else banded

    ranks: list[np.ndarray] = []
    lock = threading.Lock()

    def rank() -> np.ndarray:
        """Each row's position when all rows are sorted by signature (computed once)."""
        with lock:
            if not ranks:
                # Byte-wise order of the raw rows: rows agreeing on their first columns end
                # up next to each other, which is all the neighbour pairing needs.
                rows = np.ascontiguousarray(signatures).view(f"V{num_perm * 4}").ravel()
                by_signature = np.argsort(rows, kind="stable")
                ranks.append(np.empty(n, dtype=np.int64))
                ranks[0][by_signature] = np.arange(n)
            return ranks[0]

    def band_pairs(band: int) -> np.ndarray:
        order = np.argsort(keys[band])
        if only is not None:
            order = order[only[order]]
        return _unique(_bucket_pairs(order, keys[band][order], n, rank))

    def estimate(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _estimate_filter(codes, signatures, columns, floor, need)

    pending: list[np.ndarray] = []
    bands_pending = 0
    for first_band, last_band in _chunks(len(keys), _workers()):
        pending += _map(band_pairs, list(range(first_band, last_band)))
        bands_pending += last_band - first_band
        full = sum(len(codes) for codes in pending) >= _PENDING_PAIRS
        if not (full or bands_pending >= _BAND_GROUP or last_band == len(keys)):
            continue
        codes = _unique(np.concatenate(pending))
        pending, bands_pending = [], 0
        if len(accepted) and len(codes):
            where = np.minimum(np.searchsorted(accepted, codes), len(accepted) - 1)
            codes = codes[accepted[where] != codes]
        size = max(_PAIR_BLOCK, -(-len(codes) // _workers()))
        results = _map(estimate, [codes[start:stop] for start, stop in _chunks(len(codes), size)])
        merged = np.concatenate([accepted, *(kept for kept, _ in results)])
        agreement = np.concatenate([agreement, *(agree for _, agree in results)])
        order = np.argsort(merged)
        accepted, agreement = merged[order], agreement[order]
    width = np.uint64(n)
    pairs = np.stack([(accepted // width), (accepted % width)], axis=1).astype(np.int64)
    return pairs, agreement


# ---------------------------------------------------------------------------------------------
# Exact Jaccard
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------------------------


def _union(parent: np.ndarray, u: np.ndarray, v: np.ndarray) -> None:
    """Join nodes ``u[k]`` and ``v[k]`` in a union-find forest, in place.

    ``parent`` must be fully compressed (every node points at its root) and stays so: each
    root is hooked under the smallest root it is joined with, until no edge spans two trees.
    """
    while True:
        pu, pv = parent[u], parent[v]
        differ = pu != pv
        if not differ.any():
            return
        np.minimum.at(parent, np.maximum(pu, pv)[differ], np.minimum(pu, pv)[differ])
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent[:] = grand


def _clusters(nodes: np.ndarray, parent: np.ndarray) -> list[list[int]]:
    """The trees of a compressed union-find forest with at least two members, as sorted
    lists of ``nodes``, sorted by first member."""
    order = np.lexsort((nodes, parent))
    roots = parent[order]
    cut = np.flatnonzero(roots[1:] != roots[:-1]) + 1
    clusters = [group.tolist() for group in np.split(nodes[order], cut) if len(group) >= 2]
    clusters.sort(key=lambda members: members[0])
    return clusters


def _verify(
    left: np.ndarray,
    right: np.ndarray,
    threshold: float,
    exact: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Verify candidate pairs by their exact Jaccard and join the verified ones.

    Candidates are taken in the given order (best signature estimate first), a block at a
    time; a pair whose rows are already joined through verified pairs is not computed
    again. So a cluster of k texts costs about k exact comparisons, however many candidate
    pairs its LSH buckets produced.

    Args:
        left: First row of each candidate pair.
        right: Second row of each candidate pair.
        threshold: The Jaccard threshold.
        exact: Computes the exact Jaccard of pairs of rows.

    Returns:
        The verified pairs (P, 2) and their similarity, sorted by pair, and the clusters.
    """
    if len(left) == 0:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.float64), []
    nodes = _unique(np.concatenate([left, right]))
    u, v = np.searchsorted(nodes, left), np.searchsorted(nodes, right)
    parent = np.arange(len(nodes), dtype=np.int64)
    found: list[np.ndarray] = []
    values: list[np.ndarray] = []
    position = 0
    while position < len(left):
        stop = min(position + _VERIFY_WINDOW, len(left))
        open_ = np.flatnonzero(parent[u[position:stop]] != parent[v[position:stop]]) + position
        if len(open_) > _VERIFY_BLOCK:
            open_ = open_[:_VERIFY_BLOCK]
            stop = int(open_[-1]) + 1
        position = stop
        if len(open_) == 0:
            continue
        similarity = exact(left[open_], right[open_])
        good = open_[similarity >= threshold - 1e-12]
        found.append(good)
        values.append(similarity[similarity >= threshold - 1e-12])
        _union(parent, u[good], v[good])
    index = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
    similarity = np.concatenate(values) if values else np.empty(0, dtype=np.float64)
    pairs = np.stack([left[index], right[index]], axis=1).astype(np.int64)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return pairs[order], similarity[order], _clusters(nodes, parent)


def near_duplicates(
    texts: pl.Series,
    params: NearDuplicateParams,
    candidates_mask: np.ndarray | None = None,
) -> NearDuplicates:
    """Clusters of texts whose word n-gram Jaccard is at least ``params.threshold``.

    Args:
        texts: Normalised texts (String series); nulls count as empty texts, which are
            never near duplicates.
        params: Threshold, n-gram size, permutations and seed.
        candidates_mask: Boolean array of len(texts). Rows where it is False (e.g. exact
            copies of an earlier row, already handled elsewhere) are skipped entirely: not
            hashed, never a candidate, never in the result.

    Returns:
        The clusters (row indices into ``texts``), the verified pairs and their exact
        Jaccard similarity.
    """
    texts = _as_text(texts)
    if candidates_mask is None:
        rows = np.arange(len(texts), dtype=np.int64)
    else:
        mask = np.asarray(candidates_mask, dtype=bool)
        if mask.shape != (len(texts),):
            raise ValueError(f"candidates_mask has shape {mask.shape}, expected ({len(texts)},)")
        rows = np.flatnonzero(mask).astype(np.int64)
    signatures, sizes, keys = _signatures(
        texts, params, rows=None if len(rows) == len(texts) else rows, with_keys=True
    )
    assert keys is not None
    candidates, agreement = _candidates(signatures, keys, sizes > 0, params.threshold)
    del signatures, keys
    best_first = np.lexsort((candidates[:, 1], candidates[:, 0], -agreement))
    left, right = rows[candidates[best_first, 0]], rows[candidates[best_first, 1]]

    def exact(first: np.ndarray, second: np.ndarray) -> np.ndarray:
        return _exact_jaccard(texts, first, second, params)

    pairs, similarity, clusters = _verify(left, right, params.threshold, exact)
    return NearDuplicates(clusters=clusters, pairs=pairs, similarity=similarity, _exact=exact)


# ---------------------------------------------------------------------------------------------
# N-gram overlap
# ---------------------------------------------------------------------------------------------


def ngram_overlap(
    train: pl.Series, probe: pl.Series, n: int = 13, max_occurrences: int | None = None
) -> np.ndarray:
    """How much of each probe text occurs in the training texts, as word n-grams.

    The GPT-3-style 13-gram contamination check of eval answers against training data.
    The probe's n-gram hashes (few) are collected first and the training texts streamed
    past them in chunks, so memory stays bounded by the probe set, not the training set.

    Args:
        train: Normalised training texts.
        probe: Normalised texts to check (e.g. eval answers).
        n: Words per n-gram.
        max_occurrences: An n-gram found more often than this in ``train`` is boilerplate
            (a greeting, a sign-off every reply shares), not a leak, and does not count.

    Returns:
        float64 array of len(probe): for each probe text, the fraction (0..1) of its word
        n-gram positions whose n-gram occurs in ``train`` (at most ``max_occurrences``
        times, when given); 0.0 for a probe with fewer than ``n`` words.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    train, probe = _as_text(train), _as_text(probe)
    grams, counts = _shingles(probe, n, 0, short_shingle=False)
    result = np.zeros(len(probe), dtype=np.float64)
    if len(grams) == 0 or len(train) == 0:
        return result
    wanted = _unique(grams)
    inverse = np.searchsorted(wanted, grams)
    # A bitmap of the wanted hashes' top bits (16 slots per hash) rules out almost every
    # training n-gram with one lookup; only the rest are searched for.
    bits = min(max(16, (16 * len(wanted)).bit_length()), 28)
    shift = _U64(64 - bits)
    bitmap = np.zeros(1 << bits, dtype=bool)
    bitmap[wanted >> shift] = True
    chunks = [
        train.slice(a, b - a) for a, b in _text_chunks(train, _OVERLAP_CHUNK, _TOKENISE_BYTES)
    ]
    per_chunk: list[np.ndarray] = []

    def task(chunk: pl.Series) -> None:
        found, _ = _shingles(chunk, n, 0, short_shingle=False)
        found = found[bitmap[found >> shift]]
        if len(found) == 0:
            return
        where = np.searchsorted(wanted, found)
        where[where == len(wanted)] = 0
        # Each task counts on its own array (threads must not share np.add.at).
        per_chunk.append(np.bincount(where[wanted[where] == found], minlength=len(wanted)))

    _run([partial(task, chunk) for chunk in chunks])
    occurrences = np.sum(per_chunk, axis=0) if per_chunk else np.zeros(len(wanted), np.int64)
    seen = occurrences > 0
    if max_occurrences is not None:
        seen &= occurrences <= max_occurrences
    hits = np.bincount(
        np.repeat(np.arange(len(probe)), counts),
        weights=seen[inverse].astype(np.float64),
        minlength=len(probe),
    )
    nonzero = counts > 0
    result[nonzero] = hits[nonzero] / counts[nonzero]
    return result
