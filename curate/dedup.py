"""Near-duplicate detection with MinHash LSH, and long n-gram overlap.

Texts arrive already in their normal form (NFKC, lower case, invisible characters removed,
whitespace collapsed) as a polars String Series. Tokens are words, the matches of ``\\w+``.

Everything runs on flat numpy arrays built by polars, never in a Python loop per record:

1. Words are extracted and hashed by polars (``Expr.hash``, stable within one polars
   version, which is all one run needs), in chunks of records.
2. Consecutive word hashes are combined into word n-gram ("shingle") hashes with numpy.
   N-grams never cross a record boundary; a text shorter than ``n`` words gets one shingle
   made of all its words; an empty text gets none and is never a near duplicate.
3. MinHash follows datasketch 2.0's ``affine32`` scheme: each 32-bit shingle hash is
   pre-mixed with the MurmurHash3 ``fmix32`` finalizer, permutation ``k`` is
   ``a_k * h + b_k`` in uint32 wraparound with odd ``a_k`` (drawn exactly as datasketch
   draws them), and the signature is the minimum per record. The signatures equal those of
   ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` fed the same 32-bit hashes.
4. LSH banding groups equal band keys, pairs the members of small buckets exhaustively
   and the members of large buckets (templated text) with their neighbours in signature
   order, so a bucket of 100k identical texts stays linear.
5. Candidates are checked first against the signature estimate, then by the exact Jaccard
   of the two n-gram hash sets, and the verified pairs are joined into clusters.

Chunks of records are processed by a small thread pool: numpy ufuncs and polars release the
GIL, so the work spreads over the cores while memory stays bounded by the chunk size.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial

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
# Records tokenised per polars call; bounds the memory of one chunk (words, hashes, shingles).
_TOKENISE_CHUNK = 16_384
_TOKENISE_BYTES = 16 << 20
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
# Shingle values gathered per vectorised step of the exact Jaccard.
_JACCARD_BLOCK = 4_000_000
# Probe n-gram hashes are looked up in train text, this many train records at a time.
_OVERLAP_CHUNK = 32_768

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
        if self.seed < 0:
            raise ValueError(f"seed must be >= 0, got {self.seed}")


@dataclass
class NearDuplicates:
    """Clusters of near-duplicate texts and the verified pairs that joined them.

    Attributes:
        clusters: Row indices (positions in the texts searched), each cluster with at least
            two members sorted ascending; clusters sorted by their first member.
        pairs: Shape (P, 2) int64, the verified near-duplicate pairs ``i < j``, sorted.
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


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer on a uint64 array (a bijection), in place."""
    h ^= h >> _U64(33)
    h *= _U64(0xFF51AFD7ED558CCD)
    h ^= h >> _U64(33)
    h *= _U64(0xC4CEB9FE1A85EC53)
    h ^= h >> _U64(33)
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
    """Hash every word of every text.

    Args:
        texts: String series; nulls count as empty texts.
        seed: Seed of the polars hash.

    Returns:
        The uint64 hashes of all words, record after record, and the int64 number of words
        of each record.
    """
    words = texts.str.extract_all(_WORD)
    counts = words.list.len().fill_null(0).to_numpy().astype(np.int64, copy=False)
    flat = words.explode(empty_as_null=False, keep_nulls=False)
    hashes = flat.hash(seed).to_numpy()
    return hashes, counts


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
        are kept), and the int64 number of them per record.
    """
    words, counts = _word_hashes(texts, seed)
    total = len(words)
    if total == 0:
        return np.empty(0, dtype=np.uint64), np.zeros(len(counts), dtype=np.int64)
    mult = _ngram_multipliers(n)
    padded = np.concatenate([words, np.zeros(n - 1, dtype=np.uint64)]) if n > 1 else words
    grams = words * mult[0]
    for j in range(1, n):
        grams += padded[j : j + total] * mult[j]
    ends = np.cumsum(counts)
    starts = ends - counts
    # Position i starts a whole n-gram when it lies at least n words before its record's end.
    valid = np.arange(n - 1, total + n - 1, dtype=np.int64) < np.repeat(ends, counts)
    per_record = np.maximum(counts - (n - 1), 0)
    if short_shingle and n > 1:
        short = np.flatnonzero((counts > 0) & (counts < n))
        if len(short):
            first, size = starts[short], counts[short]
            partial = words[first] * mult[0]
            for j in range(1, n - 1):
                has = size > j
                partial[has] += words[first[has] + j] * mult[j]
            grams[first] = partial
            valid[first] = True
            per_record[short] = 1
    return _fmix64(grams[valid]), per_record


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
    texts: pl.Series, params: NearDuplicateParams, *, with_keys: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """MinHash signatures, the number of n-gram shingles of each text and, if asked for,
    the LSH band keys (bands, len(texts))."""
    texts = _as_text(texts)
    n = len(texts)
    signatures = np.empty((n, params.num_perm), dtype=np.uint32)
    sizes = np.empty(n, dtype=np.int64)
    keys = None
    if with_keys:
        bands, _ = _lsh_bands(params.threshold, params.num_perm)
        keys = np.empty((bands, n), dtype=np.uint64)
    tasks: list[Callable[[], None]] = []
    for start, stop in _text_chunks(texts, _TOKENISE_CHUNK, _TOKENISE_BYTES):

        def task(start: int = start, stop: int = stop) -> None:
            _signature_chunk(
                texts.slice(start, stop - start),
                params,
                signatures[start:stop],
                sizes[start:stop],
                None if keys is None else keys[:, start:stop],
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


def _bucket_pairs(order: np.ndarray, keys: np.ndarray, signatures: np.ndarray) -> np.ndarray:
    """Candidate pairs among the rows that share a band key.

    Args:
        order: Row numbers sorted by key.
        keys: The sorted keys.
        signatures: All signatures (to order the members of large buckets).

    Returns:
        uint64 pair codes ``i * n + j`` (i < j), possibly repeated.
    """
    n = np.uint64(len(signatures))
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    shared = sizes >= 2
    starts, sizes = starts[shared], sizes[shared]
    codes: list[np.ndarray] = []

    def emit(left: np.ndarray, right: np.ndarray) -> None:
        low = np.minimum(left, right).astype(np.uint64)
        high = np.maximum(left, right).astype(np.uint64)
        codes.append(low * n + high)

    small = sizes <= _MAX_BUCKET_PAIRS
    for size in _unique(sizes[small]).tolist():
        first = starts[small & (sizes == size)]
        members = order[first[:, None] + np.arange(size)]
        left, right = np.triu_indices(size, 1)
        emit(members[:, left].ravel(), members[:, right].ravel())
    for first, size in zip(starts[~small].tolist(), sizes[~small].tolist(), strict=True):
        # Sorted by row first, so that equal signatures keep one order in every band.
        members = np.sort(order[first : first + size])
        rows = np.ascontiguousarray(signatures[members].astype(">u4"))
        by_signature = members[
            np.argsort(rows.view(f"V{rows.shape[1] * 4}").ravel(), kind="stable")
        ]
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
) -> np.ndarray:
    """Keep the pair codes whose signature agreement is at least ``floor``.

    A cheap first pass compares only the last ``columns`` signature columns and drops pairs
    with fewer than ``need`` agreements there; the rest are compared on the whole signature.
    """
    n = np.uint64(len(signatures))
    width = signatures.shape[1]
    full = int(np.ceil(floor * width - 1e-9))
    kept: list[np.ndarray] = []
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
        kept.append(block[agree >= full])
    return np.concatenate(kept) if kept else codes[:0]


def _candidates(signatures: np.ndarray, keys: np.ndarray, threshold: float) -> np.ndarray:
    """Candidate pairs that the signature estimate does not rule out.

    Args:
        signatures: (n, num_perm) signatures of the rows to compare.
        keys: (bands, n) LSH band keys of the same rows.
        threshold: The Jaccard threshold.

    Returns:
        Distinct pairs of rows ``i < j`` as an (M, 2) int64 array, sorted.
    """
    n, num_perm = signatures.shape
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    floor = max(threshold - _ESTIMATE_SLACK, 0.0)
    columns = min(_PREFILTER_COLUMNS, num_perm)
    need = _prefilter_need(threshold, columns)
    found: list[np.ndarray] = [np.empty(0, dtype=np.uint64)] * len(keys)

    def band_task(band: int) -> None:
        order = np.argsort(keys[band])
        codes = _bucket_pairs(order, keys[band][order], signatures)
        if len(codes):
            found[band] = _estimate_filter(_unique(codes), signatures, columns, floor, need)

    _run([partial(band_task, band) for band in range(len(keys))])
    codes = _unique(np.concatenate(found))
    width = np.uint64(n)
    return np.stack([(codes // width), (codes % width)], axis=1).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Exact Jaccard
# ---------------------------------------------------------------------------------------------


class _ShingleSets:
    """The distinct n-gram hashes of some rows, in CSR form, for exact Jaccard."""

    def __init__(self, texts: pl.Series, rows: np.ndarray, params: NearDuplicateParams) -> None:
        self.rows = _unique(rows)
        subset = texts.gather(self.rows) if len(self.rows) else texts.clear()
        values, counts = _shingles(subset, params.ngram, params.seed)
        frame = (
            pl.DataFrame(
                {
                    "row": np.repeat(np.arange(len(self.rows), dtype=np.int64), counts),
                    "value": values,
                }
            )
            .unique()
            .sort("row")
        )
        self.values = frame["value"].to_numpy()
        self.sizes = np.bincount(frame["row"].to_numpy(), minlength=len(self.rows))
        self.offsets = np.cumsum(self.sizes) - self.sizes

    def jaccard(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Exact Jaccard of the n-gram sets of rows ``left[k]`` and ``right[k]``."""
        result = np.zeros(len(left), dtype=np.float64)
        if len(left) == 0:
            return result
        li = np.searchsorted(self.rows, left)
        ri = np.searchsorted(self.rows, right)
        size_l, size_r = self.sizes[li], self.sizes[ri]
        work = np.cumsum(size_l + size_r)
        start = 0
        while start < len(left):
            base = int(work[start - 1]) if start else 0
            stop = int(np.searchsorted(work, base + _JACCARD_BLOCK, side="right"))
            stop = max(stop, start + 1)
            part = slice(start, stop)
            lengths = np.stack([size_l[part], size_r[part]], axis=1).ravel()
            firsts = np.stack([self.offsets[li[part]], self.offsets[ri[part]]], axis=1).ravel()
            pair = np.repeat(np.arange(stop - start, dtype=np.int64), lengths.reshape(-1, 2).sum(1))
            distinct = (
                pl.DataFrame({"pair": pair, "value": self.values[_ranges(firsts, lengths)]})
                .group_by("pair")
                .agg(pl.col("value").n_unique())
            )
            both = np.zeros(stop - start, dtype=np.float64)
            both[distinct["pair"].to_numpy()] = distinct["value"].to_numpy()
            total = (size_l[part] + size_r[part]).astype(np.float64)
            with np.errstate(invalid="ignore", divide="ignore"):
                result[part] = np.where(both > 0, (total - both) / both, 0.0)
            start = stop
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


def _components(pairs: np.ndarray) -> list[list[int]]:
    """Connected components (>= 2 members, sorted) of the graph with edges ``pairs``."""
    if len(pairs) == 0:
        return []
    nodes = _unique(pairs)
    edges = np.searchsorted(nodes, pairs)
    u, v = edges[:, 0], edges[:, 1]
    parent = np.arange(len(nodes), dtype=np.int64)
    while True:
        pu, pv = parent[u], parent[v]
        differ = pu != pv
        if not differ.any():
            break
        # Hook the larger root under the smaller, then compress paths fully.
        np.minimum.at(parent, np.maximum(pu, pv)[differ], np.minimum(pu, pv)[differ])
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    order = np.lexsort((nodes, parent))
    roots = parent[order]
    cut = np.flatnonzero(roots[1:] != roots[:-1]) + 1
    clusters = [group.tolist() for group in np.split(nodes[order], cut) if len(group) >= 2]
    clusters.sort(key=lambda members: members[0])
    return clusters


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
    subset = texts if len(rows) == len(texts) else texts.gather(rows)
    signatures, sizes, keys = _signatures(subset, params, with_keys=True)
    assert keys is not None
    has_shingles = np.flatnonzero(sizes > 0)
    if len(has_shingles) < len(signatures):
        signatures, keys = signatures[has_shingles], keys[:, has_shingles]
    candidates = _candidates(signatures, keys, params.threshold)
    del signatures, keys
    left = rows[has_shingles[candidates[:, 0]]]
    right = rows[has_shingles[candidates[:, 1]]]

    def exact(first: np.ndarray, second: np.ndarray) -> np.ndarray:
        sets = _ShingleSets(texts, np.concatenate([first, second]), params)
        return sets.jaccard(first, second)

    similarity = exact(left, right) if len(left) else np.empty(0, dtype=np.float64)
    keep = similarity >= params.threshold - 1e-12
    pairs = np.stack([left[keep], right[keep]], axis=1).astype(np.int64)
    similarity = similarity[keep]
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    pairs, similarity = pairs[order], similarity[order]
    return NearDuplicates(
        clusters=_components(pairs),
        pairs=pairs,
        similarity=similarity,
        _exact=exact,
    )


# ---------------------------------------------------------------------------------------------
# N-gram overlap
# ---------------------------------------------------------------------------------------------


def ngram_overlap(train: pl.Series, probe: pl.Series, n: int = 13) -> np.ndarray:
    """How much of each probe text occurs in the training texts, as word n-grams.

    The GPT-3-style 13-gram contamination check of eval answers against training data.
    The probe's n-gram hashes (few) are collected first and the training texts streamed
    past them in chunks, so memory stays bounded by the probe set, not the training set.

    Args:
        train: Normalised training texts.
        probe: Normalised texts to check (e.g. eval answers).
        n: Words per n-gram.

    Returns:
        float64 array of len(probe): for each probe text, the fraction (0..1) of its word
        n-gram positions whose n-gram occurs anywhere in ``train``; 0.0 for a probe with
        fewer than ``n`` words.
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
    seen = np.zeros(len(wanted), dtype=bool)
    chunks = [
        train.slice(a, b - a) for a, b in _text_chunks(train, _OVERLAP_CHUNK, _TOKENISE_BYTES)
    ]

    def task(chunk: pl.Series) -> None:
        found, _ = _shingles(chunk, n, 0, short_shingle=False)
        if len(found) == 0:
            return
        where = np.searchsorted(wanted, found)
        where[where == len(wanted)] = 0
        seen[where[wanted[where] == found]] = True

    _run([partial(task, chunk) for chunk in chunks])
    hits = np.bincount(
        np.repeat(np.arange(len(probe)), counts),
        weights=seen[inverse].astype(np.float64),
        minlength=len(probe),
    )
    nonzero = counts > 0
    result[nonzero] = hits[nonzero] / counts[nonzero]
    return result
