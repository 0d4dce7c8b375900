"""Which records must stay together, and which exact copies to drop, before splitting."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from curate.dedup import NearDuplicateParams
from curate.dedup.groups import Duplicates
from curate.dedup.pairs import RecordPairParams
from curate.split.assign import Group

NONE_STRATUM = "(none)"


@dataclass
class Grouping:
    groups: list[Group]
    dropped: dict[str, str] = field(default_factory=dict)
    """Record id -> reason, for exact copies left out."""
    rejected: dict[str, str] = field(default_factory=dict)
    """Record id -> reason, for records rejected in review (already out of the frame)."""


def build_groups(
    frame: pl.DataFrame, duplicates: Duplicates, stratify: str, keep_duplicates: bool
) -> Grouping:
    """Groups of records joined by the same input, a near-same input, or a near copy (input
    near and output near, DUP002's pair rule).

    Exact copies of a whole record (input and output, after normalisation) are dropped but
    one, the one DUP001 keeps (the smallest id in natural order), so the choice does not
    depend on file order. The LEAK rules compare inputs, so anything they would call an
    overlap is kept together. A shared reply alone never joins records: a dataset whose
    replies are all canned still splits at its ratios. Groups are the connected components
    of those links (scipy), labelled in bulk.
    """
    ids = frame.get_column("id")
    dropped: dict[str, str] = {} if keep_duplicates else _exact_copies(duplicates, ids)
    component = _components(duplicates, len(ids))
    frame = pl.DataFrame({"id": ids, "component": component, "stratum": strata_of(frame, stratify)})
    if dropped:
        frame = frame.filter(~pl.col("id").is_in(list(dropped)))
    # The group's stratum is its most common one, ties to the smallest name.
    stratum = (
        frame.group_by("component", "stratum")
        .len()
        .sort(["component", "len", "stratum"], descending=[False, True, False])
        .unique("component", keep="first")
        .select("component", "stratum")
    )
    grouped = (
        frame.group_by("component")
        .agg(pl.col("id").sort().alias("records"))
        .join(stratum, on="component")
    )
    groups = [
        Group(key=records[0], records=tuple(records), stratum=name)
        for _, records, name in grouped.iter_rows()
    ]
    return Grouping(groups, dropped)


def _components(duplicates: Duplicates, size: int) -> np.ndarray:
    """Component label per row over the links: same input, near-same input or record."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    sources = [np.arange(size, dtype=np.int64)]
    targets = [duplicates.exact_group("input").to_numpy().astype(np.int64)]
    for cluster in duplicates.near_clusters("input", NearDuplicateParams()).clusters:
        sources.append(np.full(len(cluster) - 1, cluster[0], dtype=np.int64))
        targets.append(np.asarray(cluster[1:], dtype=np.int64))
    copies = duplicates.record_pairs(RecordPairParams()).pairs
    sources.append(copies[:, 0])
    targets.append(copies[:, 1])
    rows, cols = np.concatenate(sources), np.concatenate(targets)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


def _exact_copies(duplicates: Duplicates, ids: pl.Series) -> dict[str, str]:
    """Every record that is an exact copy of the record kept of its group, with the reason."""
    kept = duplicates.exact_group("both")
    frame = pl.DataFrame({"id": ids, "kept": ids.gather(kept)}).filter(
        pl.col("id") != pl.col("kept")
    )
    return {rid: f"exact duplicate of {keeper}" for rid, keeper in frame.iter_rows()}


def strata_of(frame: pl.DataFrame, stratify: str) -> pl.Series:
    """The stratum of each record: its value in the stratify column, `(none)` when empty."""
    values = frame.get_column(stratify).cast(pl.String).fill_null(NONE_STRATUM)
    return values.replace("", NONE_STRATUM)
