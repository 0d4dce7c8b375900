"""LSH banding: from MinHash signatures to the candidate pairs worth verifying.

Rows with equal signatures are first collapsed (each paired once with the first of them);
the rest are banded, (bands, rows) = (42, 3) at the defaults (see _lsh_bands). Buckets of up
to 100 members give all their pairs; larger ones (templated text) pair each member with its
10 next neighbours in signature order, so they stay linear. Candidates whose signature
estimate is below threshold - 0.15 are dropped here, before any exact comparison (``verify``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from curate.dedup.arrays import _chunks, _unique
from curate.dedup.parallel import _map, workers
from curate.dedup.shingles import _ngram_multipliers

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
_ROW_BLOCK = 16_384
"""Records per block in `_band_keys_of_rows`."""


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


def _band_keys_of_rows(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """`_band_keys` of signatures laid out a record per row, (records, num_perm) uint32, as
    the cache gives them: a band at a time over blocks of records, with no transposed copy
    of the signatures (twice as fast as transposing them for `_band_keys`)."""
    mult = _ngram_multipliers(rows)
    keys = np.empty((bands, len(signatures)), dtype=np.uint64)
    for start in range(0, len(signatures), _ROW_BLOCK):
        block = signatures[start : start + _ROW_BLOCK, : bands * rows]
        by_band = block.reshape(len(block), bands, rows)
        key = by_band[:, :, 0].astype(np.uint64) * mult[0]
        for j in range(1, rows):
            key += by_band[:, :, j].astype(np.uint64) * mult[j]
        keys[:, start : start + len(block)] = key.T
    return keys


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
    for first_band, last_band in _chunks(len(keys), workers()):
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
        size = max(_PAIR_BLOCK, -(-len(codes) // workers()))
        results = _map(estimate, [codes[start:stop] for start, stop in _chunks(len(codes), size)])
        merged = np.concatenate([accepted, *(kept for kept, _ in results)])
        agreement = np.concatenate([agreement, *(agree for _, agree in results)])
        order = np.argsort(merged)
        accepted, agreement = merged[order], agreement[order]
    width = np.uint64(n)
    pairs = np.stack([(accepted // width), (accepted % width)], axis=1).astype(np.int64)
    return pairs, agreement
