"""Arrow IPC files (`.arrow`: what `datasets.Dataset.save_to_disk` writes, in the stream
format, and Feather v2 / the IPC file format) to a raw polars frame; the row number stands
in for the line."""

from __future__ import annotations

import io

import polars as pl

from curate.io.errors import DatasetError
from curate.io.jsonl import LINE_COLUMN, RawTable

FILE_MAGIC = b"ARROW1"


def read_arrow(path: str, data: bytes) -> RawTable:
    """Read every column of an Arrow IPC file or stream; `source_line` is the row number."""
    try:
        if data.startswith(FILE_MAGIC):
            frame = pl.read_ipc(io.BytesIO(data))
        else:
            frame = pl.read_ipc_stream(io.BytesIO(data))
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatasetError(path, f"corrupt Arrow file: {first}") from None
    if frame.height == 0:
        raise DatasetError(path, "Arrow file holds no rows")
    rows = pl.int_range(1, frame.height + 1, dtype=pl.UInt32, eager=True).alias(LINE_COLUMN)
    return RawTable(frame.insert_column(0, rows))
