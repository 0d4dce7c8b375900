"""Two text columns joined row by row, made a slice at a time.

The record-pair search signs each record's input and output joined by a newline. Joined
all at once, a million records of 1.1 KB would be another gigabyte of text next to the
inputs and outputs it is made from (lint's peak memory at that size); a slice of the rows
that the MinHash chunk being signed needs costs a few megabytes.

The sides may also be prepared only as they are sliced or gathered (`prepare`: their dedup
normal form): a warm lint reads the signatures of unchanged records from its cache and
normalises just the records it signs or judges, not every text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from curate.io.analysis_cache import column_keys


@dataclass(frozen=True)
class JoinedTexts:
    """`first` and `second` joined by a newline per row (a null side joins as empty)."""

    first: pl.Series
    second: pl.Series
    prepare: Callable[[pl.Series], pl.Series] | None = None
    """Made of each side's texts where they are sliced or gathered (None: used as they are)."""
    known_keys: pl.DataFrame | None = None
    """`keys()`, where the caller has them already."""

    def __post_init__(self) -> None:
        if len(self.first) != len(self.second):
            raise ValueError(f"{len(self.first)} first texts but {len(self.second)} second")

    def __len__(self) -> int:
        return len(self.first)

    def len_bytes(self) -> pl.Series:
        """Bytes of each joined text (of the sides as given: what slices are cut by)."""
        return (
            self.first.cast(pl.String).str.len_bytes().fill_null(0)
            + self.second.cast(pl.String).str.len_bytes().fill_null(0)
            + 1
        )

    def slice(self, offset: int, length: int) -> pl.Series:
        """The joined texts of rows offset .. offset + length."""
        first, second = self.first.slice(offset, length), self.second.slice(offset, length)
        return _joined(self._prepared(first), self._prepared(second))

    def gather(self, rows: np.ndarray) -> JoinedTexts:
        """The rows at `rows`, still unjoined (a gather of text copies no text)."""
        keys = None if self.known_keys is None else self.known_keys[rows]
        return JoinedTexts(self.first.gather(rows), self.second.gather(rows), self.prepare, keys)

    def keys(self) -> pl.DataFrame:
        """Per row, what a cache keys the joined text by (`column_keys` of both sides)."""
        if self.known_keys is not None:
            return self.known_keys
        return column_keys([self._prepared(self.first), self._prepared(self.second)])

    def sides(self, rows: np.ndarray) -> tuple[pl.Series, pl.Series]:
        """Both sides, row for row, prepared at least at `rows`: where sides are prepared
        as they are used, the other rows are null (nothing beyond `rows` may be read)."""
        if self.prepare is None:
            return self.first, self.second
        first, second = (
            pl.Series([None] * len(self), dtype=pl.String).scatter(
                rows, self._prepared(side.gather(rows))
            )
            for side in (self.first, self.second)
        )
        return first, second

    def _prepared(self, texts: pl.Series) -> pl.Series:
        texts = texts.cast(pl.String)
        return texts if self.prepare is None else self.prepare(texts)


def _joined(first: pl.Series, second: pl.Series) -> pl.Series:
    frame = pl.DataFrame({"a": first.cast(pl.String), "b": second.cast(pl.String)})
    return frame.select(
        pl.concat_str(pl.col("a").fill_null(""), pl.lit("\n"), pl.col("b").fill_null(""))
    ).to_series()
