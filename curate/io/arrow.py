"""Arrow IPC files (`.arrow`: what `datasets.Dataset.save_to_disk` writes, in the stream
format, and Feather v2 / the IPC file format) to a raw polars frame; the row number stands
in for the line."""

from __future__ import annotations

import io

import polars as pl

from curate.io.jsonl import RawTable
from curate.io.parquet import numbered_table

FILE_MAGIC = b"ARROW1"


def read_arrow(path: str, data: bytes) -> RawTable:
    """Read every column of an Arrow IPC file or stream; `source_line` is the row number."""
    if data.startswith(FILE_MAGIC):
        return numbered_table(path, "Arrow", lambda: pl.read_ipc(io.BytesIO(data)))
    return numbered_table(path, "Arrow", lambda: pl.read_ipc_stream(io.BytesIO(data)))
