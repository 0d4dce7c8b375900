"""MinHash signatures of the shingle sets, computed on flat arrays, a block at a time.

MinHash follows datasketch 2.0's ``affine32`` scheme: the top 32 bits of each shingle hash
are pre-mixed with the MurmurHash3 ``fmix32`` finalizer, permutation ``k`` is
``a_k * h + b_k`` in uint32 wraparound with odd ``a_k`` (drawn exactly as datasketch draws
them), and the signature is the minimum per record. The signatures equal those of
``datasketch.MinHash(num_perm, seed, scheme="affine32")`` fed the same 32-bit hashes, so
they can be checked against datasketch (the tests do).

The LSH band keys (``lsh._band_keys``) are computed here too, from each block's transposed
signatures while they are at hand, which saves a second pass over all the signatures.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import polars as pl

from curate.dedup.arrays import _chunks
from curate.dedup.joined import JoinedTexts
from curate.dedup.lsh import _band_keys, _band_keys_of_rows, _lsh_bands
from curate.dedup.parallel import _run
from curate.dedup.params import NearDuplicateParams
from curate.dedup.shingles import _as_text, _shingles, _text_chunks
from curate.io.analysis_cache import AnalysisCache, text_keys

# Records tokenised per polars call; bounds the memory of one chunk (words, hashes, shingles).
_TOKENISE_CHUNK = 16_384
# Records per MinHash block: the shingles of one block (~120k values) stay in the L2 cache
# while all permutations run over them.
_MINHASH_BLOCK = 1_024

_U64 = np.uint64
_U32 = np.uint32
_MAX_U32 = np.uint32(0xFFFFFFFF)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer on a uint32 array (a bijection), in place."""
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


@lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine32 permutation parameters (a odd, b), drawn as datasketch 2.0 draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


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
    texts: pl.Series | JoinedTexts,
    params: NearDuplicateParams,
    *,
    rows: np.ndarray | None = None,
    with_keys: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """MinHash signatures of some texts.

    Args:
        texts: String series, or two joined a chunk at a time.
        params: The n-gram size, permutations, seed (and threshold, for the band keys).
        rows: Sorted positions of the texts to sign; all when None. Chunks are gathered
            one at a time, so a mask that keeps most rows costs no copy of the texts.
        with_keys: Whether to compute the LSH band keys too.

    Returns:
        Per signed text: the (m, num_perm) uint32 signatures, the number of n-gram
        shingles, and (if asked for) the (bands, m) uint64 LSH band keys.
    """
    if isinstance(texts, pl.Series):
        texts = _as_text(texts)
    count = len(texts) if rows is None else len(rows)
    signatures = np.empty((count, params.num_perm), dtype=np.uint32)
    sizes = np.empty(count, dtype=np.int64)
    keys = None
    if with_keys:
        bands, _ = _lsh_bands(params.threshold, params.num_perm)
        keys = np.empty((bands, count), dtype=np.uint64)
    tasks: list[Callable[[], None]] = []
    for start, stop in _text_chunks(texts, _TOKENISE_CHUNK):
        if rows is None:
            low, high = start, stop
        else:
            low, high = np.searchsorted(rows, [start, stop]).tolist()
            if low == high:
                continue

        # Each task makes its own chunk: the chunks of joined texts never exist all at once.
        def task(start: int = start, stop: int = stop, low: int = low, high: int = high) -> None:
            chunk = texts.slice(start, stop - start)
            if rows is not None and high - low < stop - start:
                chunk = chunk.gather(rows[low:high] - start)
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


def cached_signatures(
    texts: pl.Series | JoinedTexts,
    params: NearDuplicateParams,
    rows: np.ndarray,
    cache: AnalysisCache,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_signatures` of the texts at `rows` with their band keys, the signatures and shingle
    counts of texts seen before read from `cache` (the band keys are cheap to remake).
    Joined texts are cached by their sides' hashes, in a file of their own. Only the texts
    of rows not in the cache are gathered (a gather copies each text)."""

    def signed_at(at: pl.Series) -> pl.DataFrame:
        # Every text (a cold run over distinct texts) is signed as it is, uncopied.
        whole = len(at) == len(rows) == len(texts)
        signatures, sizes, _ = _signatures(
            texts if whole else texts.gather(rows[at.to_numpy()]), params
        )
        return pl.DataFrame(
            {
                "signature": pl.Series(signatures, dtype=pl.Array(pl.UInt32, params.num_perm)),
                "size": pl.Series(sizes, dtype=pl.Int64),
            }
        )

    options = f"ngram={params.ngram} num_perm={params.num_perm} seed={params.seed}"
    code: tuple[str, ...] = ("curate.dedup.minhash", "curate.dedup.shingles", "curate.dedup.ngrams")
    if isinstance(texts, JoinedTexts):
        analysis, by = "minhash-joined", texts.keys()
        code = (*code, "curate.dedup.joined")
    else:
        analysis, by = "minhash", text_keys(texts)
    found = cache.rows_at(
        analysis, options, by if len(rows) == len(by) else by[rows], signed_at, code
    )
    signatures = found.get_column("signature").to_numpy().reshape(len(rows), params.num_perm)
    bands, band_rows = _lsh_bands(params.threshold, params.num_perm)
    keys = _band_keys_of_rows(signatures, bands, band_rows)
    return signatures, found.get_column("size").to_numpy(), keys
