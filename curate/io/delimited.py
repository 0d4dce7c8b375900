"""CSV and TSV files to a raw polars frame, every cell read as text."""

from __future__ import annotations

import csv
import io
import re

import polars as pl

from curate.io.errors import DatasetError, ReadIssue
from curate.io.jsonl import LINE_COLUMN, RawTable

_SURROGATE = re.compile("[\udc80-\udcff]")


def read_delimited(path: str, data: bytes, separator: str) -> RawTable:
    """Parse CSV/TSV; each record keeps the line it starts on, bad rows become issues.

    polars reads the file when it can and every record is one physical line; quoted fields
    with newlines, ragged rows, bad quotes or bad UTF-8 go through Python's csv module,
    which knows where each record starts.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        frame = pl.read_csv(data, separator=separator, infer_schema=False, raise_if_empty=True)
    except (pl.exceptions.PolarsError, ValueError):
        frame = None
    if frame is not None and frame.width and _one_line_per_record(data, frame.height):
        lines = pl.int_range(2, frame.height + 2, dtype=pl.UInt32, eager=True)
        frame = frame.with_columns(pl.all().fill_null(""))
        return RawTable(frame.insert_column(0, lines.alias(LINE_COLUMN)))
    return _read_with_python(path, data, separator)


def _one_line_per_record(data: bytes, rows: int) -> bool:
    body = data.rstrip(b"\r\n")
    return body.count(b"\n") == rows and b"\n\n" not in body and b"\n\r\n" not in body


def _read_with_python(path: str, data: bytes, separator: str) -> RawTable:
    text = data.decode("utf-8", errors="surrogateescape")
    # Lines end at "\n" only, as editors count them; a lone "\r" stays inside its line.
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=separator, strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    issues: list[ReadIssue] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "end of data" in str(exc):
                issues.append(
                    ReadIssue(
                        path,
                        start,
                        "bad-row",
                        "unclosed quote: the field opened on this line runs to the end of the file",
                    )
                )
                break
            issues.append(ReadIssue(path, start, "bad-row", f"malformed CSV row: {exc}"))
            continue
        if not row or row == [""]:
            continue
        if header is None:
            header = row
            continue
        problem = _row_problem(row, len(header))
        if problem:
            issues.append(ReadIssue(path, start, problem[0], problem[1]))
            continue
        rows.append(row)
        lines.append(start)
    if header is None:
        raise DatasetError(path, "no header row")
    if len(set(header)) != len(header):
        repeated = next(h for h in header if header.count(h) > 1)
        raise DatasetError(path, f"column {repeated!r} appears twice in the header", 1)
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    frame = frame.insert_column(0, pl.Series(LINE_COLUMN, lines, dtype=pl.UInt32))
    return RawTable(frame, issues)


def _row_problem(row: list[str], width: int) -> tuple[str, str] | None:
    if len(row) != width:
        return "bad-row", f"row has {len(row)} fields, the header has {width}"
    for cell in row:
        if _SURROGATE.search(cell):
            return "invalid-utf8", "invalid UTF-8 in this row"
        if "\x00" in cell:
            return "nul-byte", "NUL byte in this row"
    return None
