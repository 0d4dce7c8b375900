"""Two text columns joined row by row, made a slice at a time.

The record-pair search signs each record's input and output joined by a newline. Joined
all at once, a million records of 1.1 KB would be another gigabyte of text next to the
inputs and outputs it is made from (lint's peak memory at that size); a slice of the rows
that the MinHash chunk being signed needs costs a few megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from curate.io.analysis_cache import column_keys


@dataclass(frozen=True)
class JoinedTexts:
    """`first` and `second` joined by a newline per row (a null side joins as empty)."""

    first: pl.Series
    second: pl.Series

    def __post_init__(self) -> None:
        if len(self.first) != len(self.second):
            raise ValueError(f"{len(self.first)} first texts but {len(self.second)} second")

    def __len__(self) -> int:
        return len(self.first)

    def len_bytes(self) -> pl.Series:
        """Bytes of each joined text."""
        return (
            self.first.cast(pl.String).str.len_bytes().fill_null(0)
            + self.second.cast(pl.String).str.len_bytes().fill_null(0)
            + 1
        )

    def slice(self, offset: int, length: int) -> pl.Series:
        """The joined texts of rows offset .. offset + length."""
        return _joined(self.first.slice(offset, length), self.second.slice(offset, length))

    def gather(self, rows: np.ndarray) -> JoinedTexts:
        """The rows at `rows`, still unjoined (a gather of text copies no text)."""
        return JoinedTexts(self.first.gather(rows), self.second.gather(rows))

    def keys(self) -> pl.DataFrame:
        """Per row, what a cache keys the joined text by (`column_keys` of both sides)."""
        return column_keys([self.first.cast(pl.String), self.second.cast(pl.String)])


def _joined(first: pl.Series, second: pl.Series) -> pl.Series:
    frame = pl.DataFrame({"a": first.cast(pl.String), "b": second.cast(pl.String)})
    return frame.select(
        pl.concat_str(pl.col("a").fill_null(""), pl.lit("\n"), pl.col("b").fill_null(""))
    ).to_series()
