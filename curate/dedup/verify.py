"""Verification of candidate pairs and their clusters (union-find).

Candidates are verified by the exact Jaccard of the two n-gram hash sets, best signature
estimate first; a pair whose rows are already joined through verified pairs is skipped, so a
cluster of k texts costs about k exact comparisons, however many candidate pairs its LSH
buckets produced. Verified pairs are joined by union-find, and the clusters are its trees.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from curate.dedup.arrays import _unique

# Candidate pairs verified exactly per step; pairs already joined by earlier steps are skipped
# (looked for in windows of _VERIFY_WINDOW candidates).
_VERIFY_BLOCK = 8_192
_VERIFY_WINDOW = 262_144


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


Judge = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""Given pairs of rows, their exact similarity and whether each pair is near."""


def _verify(
    left: np.ndarray, right: np.ndarray, judge: Judge
) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Verify candidate pairs by their exact Jaccard and join the verified ones.

    Candidates are taken in the given order (best signature estimate first), a block at a
    time; a pair whose rows are already joined through verified pairs is not computed
    again. So a cluster of k texts costs about k exact comparisons, however many candidate
    pairs its LSH buckets produced.

    Args:
        left: First row of each candidate pair.
        right: Second row of each candidate pair.
        judge: Computes the exact similarity of pairs of rows and whether they are near.

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
        similarity, near = judge(left[open_], right[open_])
        good = open_[near]
        found.append(good)
        values.append(similarity[near])
        _union(parent, u[good], v[good])
    index = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
    similarity = np.concatenate(values) if values else np.empty(0, dtype=np.float64)
    pairs = np.stack([left[index], right[index]], axis=1).astype(np.int64)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return pairs[order], similarity[order], _clusters(nodes, parent)
