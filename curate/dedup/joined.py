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

    def keys(self) -> pl.Series:
        """Per row, a text that is equal for two rows exactly when both sides are (128 bits
        of each side's polars hash): what a cache keys the joined text by."""
        frame = pl.DataFrame({"a": self.first.cast(pl.String), "b": self.second.cast(pl.String)})
        hashes = [pl.col(side).hash(seed).cast(pl.String) for side in "ab" for seed in (0, 1)]
        return frame.select(pl.concat_str(hashes, separator=":").alias("key")).to_series()


def _joined(first: pl.Series, second: pl.Series) -> pl.Series:
    frame = pl.DataFrame({"a": first.cast(pl.String), "b": second.cast(pl.String)})
    return frame.select(
        pl.concat_str(pl.col("a").fill_null(""), pl.lit("\n"), pl.col("b").fill_null(""))
    ).to_series()
