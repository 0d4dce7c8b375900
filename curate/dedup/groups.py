"""The duplicate structure of a dataset: exact groups, near clusters and near pairs, which
record of a group is kept, and groups that cannot chain.

``Duplicates`` computes each of them once per dataset (lint's rules, ``curate split`` and the
app share it) from dedup's own parameters.

One rule decides the kept record everywhere (lint's DUP findings, ``--fix``, ``curate
split`` and the review app): **the record with the smallest id in natural order**, where runs
of digits compare as numbers (``T-9`` before ``T-10``, ``abc~2`` before ``abc~10``). Ids are
the file's own or a stable content hash, so the choice does not depend on the order of the
records or of the files read together.

Near copies are grouped as stars, not chains: the kept record of a group is near every other
member directly (``star_groups``). A record that is near only to a record that is itself
dropped stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Literal, TypeVar

import numpy as np
import polars as pl

from curate.dedup.pairs import (
    NearPairs,
    RecordPairParams,
    near_pairs,
    normalised_record_pairs,
    record_pairs,
)
from curate.dedup.params import NearDuplicateParams
from curate.dedup.search import NearDuplicates, near_duplicates
from curate.io import Dataset
from curate.io.analysis_cache import (
    ANALYSIS_CACHE,
    KEYS,
    AnalysisCache,
    dataset_text_keys,
    text_keys,
)
from curate.normalize import dedup_text

Key = Literal["input", "output", "both"]
"""What is compared: the input, the output, or a record (input and output)."""
Side = Literal["input", "output"]
_NORMAL_CODE = ("curate.normalize",)
"""The module whose source decides a normal form (the lint cache's key)."""
T = TypeVar("T")

_DIGITS = re.compile(r"(\d+)")


def natural_key(record_id: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of an id in natural order: digit runs by value, the rest as text."""
    return tuple(
        (1, int(part), part) if part.isdigit() else (0, 0, part)
        for part in _DIGITS.split(record_id)
        if part
    )


def keeper_first(ids: Sequence[str]) -> list[int]:
    """Positions of ``ids`` in keeping order: the one to keep first."""
    return sorted(range(len(ids)), key=lambda k: natural_key(ids[k]))


def exact_keepers(texts: pl.Series | pl.DataFrame, ids: pl.Series) -> pl.Series:
    """For each row, the row of the record kept of its exact-copy group (equal texts, or
    equal rows of a frame such as the texts' keys).

    Rows without a copy point at themselves. Only the rows that have a copy are ordered by
    id in Python, so a dataset with few copies costs one polars group-by.
    """
    values = texts.to_frame() if isinstance(texts, pl.Series) else texts
    by = [f"t{index}" for index in range(values.width)]
    values = values.rename(dict(zip(values.columns, by, strict=True)))
    frame = pl.concat([pl.DataFrame({"id": ids}), values], how="horizontal").with_row_index("row")
    frame = frame.with_columns(
        pl.col("row").min().over(by).alias("first"), pl.len().over(by).alias("size")
    )
    keeper = frame.get_column("row").cast(pl.Int64).to_numpy().copy()
    copies = frame.filter(pl.col("size") > 1)
    if copies.height:
        for rows, members in (
            copies.group_by("first")
            .agg(pl.col("row"), pl.col("id"))
            .select("row", "id")
            .iter_rows()
        ):
            kept = rows[keeper_first(members)[0]]
            keeper[np.asarray(rows, dtype=np.int64)] = kept
    return pl.Series("keeper", keeper)


def star_groups(
    pairs: np.ndarray, ids: Sequence[str], partition: Sequence[str] | None = None
) -> list[list[int]]:
    """Groups of near copies in which the kept record is near every other member.

    Rows are visited in keeping order (``natural_key`` of their ids). A row not yet in a
    group keeps every later row it is paired with that is not in a group yet: its group is
    ``[row, *those rows]``. So no member is in a group only through another member.

    Args:
        pairs: (P, 2) rows that are near each other.
        ids: Record id of every row.
        partition: Optional label per row (a split): pairs across labels are ignored.

    Returns:
        Groups of rows, the kept row first and the others in row order; groups in the order
        of their kept row.
    """
    if partition is not None and len(pairs):
        labels = np.asarray(partition, dtype=object)
        pairs = pairs[labels[pairs[:, 0]] == labels[pairs[:, 1]]]
    if len(pairs) == 0:
        return []
    rows = np.unique(pairs)
    order = sorted(rows.tolist(), key=lambda row: natural_key(ids[row]))
    rank = {row: k for k, row in enumerate(order)}
    neighbours: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        first, second = (a, b) if rank[a] < rank[b] else (b, a)
        neighbours.setdefault(first, []).append(second)
    grouped: set[int] = set()
    groups: list[list[int]] = []
    for row in order:
        if row in grouped or row not in neighbours:
            continue
        members = sorted({other for other in neighbours[row] if other not in grouped})
        if members:
            grouped.add(row)
            grouped.update(members)
            groups.append([row, *members])
    return groups


class Duplicates:
    """Normal forms, exact groups and near pairs of one dataset's records.

    Each result is computed once and kept with the dataset (`Dataset.shared`), so the rules
    of a lint run, the split that follows and the app compute each of them once.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.frame = dataset.frame
        # Lint registers its on-disk cache on the dataset; split and the app keep none.
        self.cache = dataset.shared(ANALYSIS_CACHE, lambda: AnalysisCache(None))

    def _once(self, name: str, compute: Callable[[], T]) -> T:
        return self.dataset.shared(f"dedup:{name}", compute)

    def normal_text(self, key: Key) -> pl.Series:
        """The dedup normal form of the input, the output, or both joined by a newline.

        The input's and the output's are kept for the dataset's later askers; both joined
        is made again for each asker (leakage rules on `key = "both"`, n-gram contamination
        when there is a test split): kept, it would be another copy of every text, a
        gigabyte for a million records, against about 0.6 s a join takes there. The
        record-pair search joins them a chunk at a time instead (`JoinedTexts`)."""
        if key == "both":
            both = pl.DataFrame({"i": self.normal_text("input"), "o": self.normal_text("output")})
            return both.select(pl.concat_str("i", pl.lit("\n"), "o")).to_series()
        return self._once(f"normal_text:{key}", lambda: dedup_text(self.frame.get_column(key)))

    def normal_keys(self, key: Side) -> pl.DataFrame:
        """The `text_keys` of the input's or output's normal form: equal exactly when the
        normal forms are (128 bits). With lint's cache they are read by the raw text, so a
        warm lint normalises only the texts it has not seen."""

        def compute() -> pl.DataFrame:
            if self.cache.folder is None:
                return text_keys(self.normal_text(key))

            # Stored under names of their own: the rows are keyed by the raw text's keys.
            stored = {half: f"normal_{half}" for half in KEYS}

            def normal_keys(texts: pl.Series) -> pl.DataFrame:
                return text_keys(dedup_text(texts)).rename(stored)

            raw = self.frame.get_column(key)
            known = partial(dataset_text_keys, self.dataset, key)
            # A file per side: a file pruned to one side's texts would lose the other's.
            found = self.cache.rows("normal-keys", key, raw, normal_keys, _NORMAL_CODE, known)
            return found.rename({name: half for half, name in stored.items()})

        return self._once(f"normal_keys:{key}", compute)

    def normal_text_at(self, key: Side, rows: pl.Series) -> pl.Series:
        """The normal form of the input or output of the records at `rows`, made for
        those records alone."""
        return dedup_text(self.frame.get_column(key).gather(rows).cast(pl.String))

    def exact_group(self, key: Key) -> pl.Series:
        """Per record, the row of the record kept of its exact-copy group (same normal
        form): the smallest id in natural order.

        Records are copies when their inputs are and their outputs are (normal forms hold
        no newline, so that is their joined texts being equal): grouped by the pair of
        their input's and output's groups, with no joined text made."""

        def compute() -> pl.Series:
            if key != "both":
                return exact_keepers(self.normal_keys(key), self.frame.get_column("id"))
            n = self.frame.height
            pair = self.exact_group("input").cast(pl.UInt64) * n + self.exact_group("output")
            return exact_keepers(pair, self.frame.get_column("id"))

        return self._once(f"exact_group:{key}", compute)

    def kept_copies(self, key: Key) -> np.ndarray:
        """True for each record that is the kept one of its exact-copy group (or has none)."""
        groups = self.exact_group(key).to_numpy()
        return np.asarray(groups == np.arange(len(groups)))

    def near_clusters(self, key: Key, params: NearDuplicateParams) -> NearDuplicates:
        """Single-linkage clusters of near texts of one key, exact copies left out: for
        keeping related records together (splits, leakage), not for dropping any."""
        return self._once(
            f"near:{key}:{params}",
            lambda: near_duplicates(
                self.normal_text(key),
                params,
                candidates_mask=self.kept_copies(key),
                cache=self.cache,
            ),
        )

    def near_pairs(self, key: Key, params: NearDuplicateParams) -> NearPairs:
        """Every verified near pair of texts of one key, exact copies left out."""
        return self._once(
            f"near_pairs:{key}:{params}",
            lambda: near_pairs(
                self.normal_text(key),
                params,
                candidates_mask=self.kept_copies(key),
                cache=self.cache,
            ),
        )

    def record_pairs(self, params: RecordPairParams) -> NearPairs:
        """Every pair of records whose inputs are near and whose outputs are near (the pair
        rule of ``pairs.record_pairs``), exact copies of a record left out."""

        def compute() -> NearPairs:
            mask = self.kept_copies("both")
            if self.cache.folder is None:
                inputs, outputs = self.normal_text("input"), self.normal_text("output")
                return record_pairs(inputs, outputs, params, mask, self.cache)
            # With lint's cache, texts are normalised only where they are signed or judged.
            keys = (self.normal_keys("input"), self.normal_keys("output"))
            raw = (self.frame.get_column("input"), self.frame.get_column("output"))
            return normalised_record_pairs(*raw, keys, params, mask, self.cache)

        return self._once(f"record_pairs:{params}", compute)
