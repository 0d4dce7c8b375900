"""Long n-gram overlap: how much of each eval text occurs verbatim in the training texts.

The GPT-3-style 13-gram contamination check. It shares the word hashing of the near-duplicate
search (``shingles``) but not its MinHash: an exact lookup of the probe's n-gram hashes is
both cheaper and exact here, since the probe set is small.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import polars as pl

from curate.dedup.arrays import _unique
from curate.dedup.parallel import _run
from curate.dedup.shingles import _as_text, _shingles, _text_chunks

# Probe n-gram hashes are looked up in train text, this many train records at a time.
_OVERLAP_CHUNK = 32_768

_U64 = np.uint64


def ngram_overlap(
    train: pl.Series, probe: pl.Series, n: int = 13, max_occurrences: int | None = None
) -> np.ndarray:
    """How much of each probe text occurs in the training texts; see `ngram_overlap_runs`."""
    return ngram_overlap_runs(train, probe, n, max_occurrences)[0]


def ngram_overlap_runs(
    train: pl.Series,
    probe: pl.Series,
    n: int = 13,
    max_occurrences: int | None = None,
    run_max_occurrences: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
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
        times, when given); 0.0 for a probe with fewer than ``n`` words. And an int64 array:
        the words of each probe's longest verbatim run found in ``train`` (consecutive
        found n-grams, each found at most ``run_max_occurrences`` times when given; 0 when
        none is found).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    train, probe = _as_text(train), _as_text(probe)
    grams, counts = _shingles(probe, n, 0, short_shingle=False)
    result = np.zeros(len(probe), dtype=np.float64)
    if len(grams) == 0 or len(train) == 0:
        return result, np.zeros(len(probe), dtype=np.int64)
    wanted = _unique(grams)
    inverse = np.searchsorted(wanted, grams)
    # A bitmap of the wanted hashes' top bits (16 slots per hash) rules out almost every
    # training n-gram with one lookup; only the rest are searched for.
    bits = min(max(16, (16 * len(wanted)).bit_length()), 28)
    shift = _U64(64 - bits)
    bitmap = np.zeros(1 << bits, dtype=bool)
    bitmap[wanted >> shift] = True
    chunks = [train.slice(a, b - a) for a, b in _text_chunks(train, _OVERLAP_CHUNK)]
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
    found_at = seen[inverse]
    hits = np.bincount(
        np.repeat(np.arange(len(probe)), counts),
        weights=found_at.astype(np.float64),
        minlength=len(probe),
    )
    nonzero = counts > 0
    result[nonzero] = hits[nonzero] / counts[nonzero]
    in_runs = found_at
    if run_max_occurrences is not None:
        in_runs = ((occurrences > 0) & (occurrences <= run_max_occurrences))[inverse]
    return result, _longest_runs(in_runs, counts, n)


def _longest_runs(found_at: np.ndarray, counts: np.ndarray, n: int) -> np.ndarray:
    """Per probe, the words of its longest stretch of consecutive found n-grams: k of them
    in a row cover k + n - 1 words. Probes are few (test and eval sets): a loop suffices."""
    runs = np.zeros(len(counts), dtype=np.int64)
    ends = np.cumsum(counts)
    for index in np.flatnonzero(hits_any(found_at, counts)):
        segment = found_at[ends[index] - counts[index] : ends[index]]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], segment.astype(np.int8), [0]))))
        runs[index] = int((edges[1::2] - edges[::2]).max()) + n - 1
    return runs


def hits_any(found_at: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Per probe, whether any of its n-grams was found."""
    owner = np.repeat(np.arange(len(counts)), counts)
    return np.bincount(owner[found_at], minlength=len(counts)) > 0
