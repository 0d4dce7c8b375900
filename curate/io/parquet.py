"""Parquet files to a raw polars frame; the row number stands in for the line."""

from __future__ import annotations

import io
from collections.abc import Callable

import polars as pl

from curate.io.errors import DatasetError
from curate.io.jsonl import LINE_COLUMN, RawTable


def read_parquet(path: str, data: bytes) -> RawTable:
    """Read every column of a Parquet file; `source_line` is the 1-based row number."""
    if data[-4:] != b"PAR1":
        raise DatasetError(path, "truncated or corrupt Parquet file (no PAR1 footer)")
    return numbered_table(path, "Parquet", lambda: pl.read_parquet(io.BytesIO(data)))


def numbered_table(path: str, kind: str, read: Callable[[], pl.DataFrame]) -> RawTable:
    """The frame `read()` gives, each row numbered from 1 as its line; a file it cannot read
    or that holds no row is one DatasetError naming the file and the `kind` of file."""
    try:
        frame = read()
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatasetError(path, f"corrupt {kind} file: {first}") from None
    if frame.height == 0:
        raise DatasetError(path, f"{kind} file holds no rows")
    rows = pl.int_range(1, frame.height + 1, dtype=pl.UInt32, eager=True).alias(LINE_COLUMN)
    return RawTable(frame.insert_column(0, rows))
