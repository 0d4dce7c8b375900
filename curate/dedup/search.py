"""The near-duplicate search end to end, and its result.

``near_duplicates`` runs the stages in order (MinHash signatures and band keys, LSH
candidates, exact verification) and returns ``NearDuplicates``, which keeps a way back to the
texts so that the similarity of pairs that were never verified directly can be computed on
demand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from curate.dedup.jaccard import _exact_jaccard
from curate.dedup.joined import JoinedTexts
from curate.dedup.judge import judge_of
from curate.dedup.lsh import _candidates
from curate.dedup.minhash import _signatures, cached_signatures
from curate.dedup.params import NearDuplicateParams
from curate.dedup.shingles import _as_text
from curate.dedup.verify import _verify
from curate.io.analysis_cache import AnalysisCache


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


def near_duplicates(
    texts: pl.Series,
    params: NearDuplicateParams,
    candidates_mask: np.ndarray | None = None,
    cache: AnalysisCache | None = None,
) -> NearDuplicates:
    """Clusters of texts whose word n-gram Jaccard is at least ``params.threshold`` (texts
    under ``params.min_words`` words: that are nearly equal, see ``curate.dedup.short``).

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
    left, right = candidate_pairs(texts, params, candidates_mask, cache)

    def exact(first: np.ndarray, second: np.ndarray) -> np.ndarray:
        return _exact_jaccard(texts, first, second, params)

    pairs, similarity, clusters = _verify(left, right, judge_of(texts, params))
    return NearDuplicates(clusters=clusters, pairs=pairs, similarity=similarity, _exact=exact)


def candidate_pairs(
    texts: pl.Series | JoinedTexts,
    params: NearDuplicateParams,
    candidates_mask: np.ndarray | None = None,
    cache: AnalysisCache | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The LSH candidate pairs of rows that the signature estimate does not rule out, best
    estimate first: ``(left, right)`` row indices into ``texts``, ``left[k] < right[k]``.

    ``texts`` and ``candidates_mask`` as in ``near_duplicates`` (or two text columns joined
    a chunk at a time); signatures are read from ``cache`` where it holds them.
    """
    if isinstance(texts, pl.Series):
        texts = _as_text(texts)
    if candidates_mask is None:
        rows = np.arange(len(texts), dtype=np.int64)
    else:
        mask = np.asarray(candidates_mask, dtype=bool)
        if mask.shape != (len(texts),):
            raise ValueError(f"candidates_mask has shape {mask.shape}, expected ({len(texts)},)")
        rows = np.flatnonzero(mask).astype(np.int64)
    keys: np.ndarray | None
    if cache is not None and cache.folder is not None:
        signatures, sizes, keys = cached_signatures(texts, params, rows, cache)
    else:
        signatures, sizes, keys = _signatures(
            texts, params, rows=None if len(rows) == len(texts) else rows, with_keys=True
        )
    assert keys is not None
    candidates, agreement = _candidates(signatures, keys, sizes > 0, params.threshold)
    del signatures, keys
    best_first = np.lexsort((candidates[:, 1], candidates[:, 0], -agreement))
    return rows[candidates[best_first, 0]], rows[candidates[best_first, 1]]
