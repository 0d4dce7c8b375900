"""JSON Lines and JSON-array files to a raw polars frame, one row per readable record.

The happy path is polars' native reader. Only when it fails (a bad line somewhere) do we walk
the lines in Python to report each bad one and hand the good ones back to polars.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from curate.io.errors import DatasetError, ReadIssue

LINE_COLUMN = "__curate_line"
"""Raw-frame column holding the 1-based source line of each record."""
TEXT_COLUMN = "__curate_text"
"""Raw-frame column holding the JSON text of each record, for exact type checks."""


@dataclass
class RawTable:
    """Parsed records of one file, before they are mapped onto the canonical shape."""

    frame: pl.DataFrame
    issues: list[ReadIssue] = field(default_factory=list)


def read_json_lines(path: str, data: bytes) -> RawTable:
    """Parse JSON Lines bytes; blank lines are skipped, bad lines become issues."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    table = _try_native(data, line_numbers=None)
    if table is not None:
        return table
    good, numbers, issues = _filter_bad_lines(path, data)
    if not good:
        raise DatasetError(
            path,
            f"no readable JSON record ({issues[0].message} on line {issues[0].line})"
            if issues
            else "no JSON records",
        )
    table = _try_native(b"\n".join(good), numbers) or _from_python_objects(good, numbers)
    table.issues[:0] = issues
    return table


def read_json_array(path: str, data: bytes) -> RawTable:
    """Parse a file holding one JSON array of objects (the usual ShareGPT/Alpaca file)."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DatasetError(path, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", line) from None
    elements, numbers, issues = split_array(path, text)
    if not elements:
        raise DatasetError(path, "the JSON array holds no objects")
    # Newlines outside strings are plain whitespace in JSON (inside strings they are escaped),
    # so each element can become one JSON line without re-serialising it.
    lines = [e.replace("\r", " ").replace("\n", " ").encode() for e in elements]
    table = _try_native(b"\n".join(lines), numbers) or _from_python_objects(lines, numbers)
    table.issues[:0] = issues
    return table


def reparse(frame: pl.DataFrame) -> pl.DataFrame:
    """Parse the kept records again, so that columns get the types of the good rows only."""
    lines = [text.encode() for text in frame.get_column(TEXT_COLUMN)]
    numbers = frame.get_column(LINE_COLUMN).to_list()
    table = _try_native(b"\n".join(lines), numbers) or _from_python_objects(lines, numbers)
    return table.frame


PIECES_FROM = 1536 * 2**20
"""A file larger than this is parsed in pieces of `BATCH_BYTES`, so that its bytes, its
lines and polars' working copies are not all held at once. Smaller files are parsed whole:
the copies that pieces make cost more than they save there. 1M records (1.08 GB): 4.4 s
whole against 6.6 s in pieces, at the same peak (3.47 and 3.50 GB); 100k (69 MB): 0.36 s
and 293 MB against 0.42 s and 353 MB."""
BATCH_BYTES = 64 * 2**20


def _try_native(data: bytes, line_numbers: list[int] | None) -> RawTable | None:
    """polars' reader; None when anything in the bytes needs the slow line-by-line path."""
    if b"\x00" in data:
        return None
    if line_numbers is None and len(data) > PIECES_FROM:
        frame = _native_pieces(data)
    else:
        parsed = _native_frame(data, 1)
        frame = None if parsed is None else parsed[0]
    if frame is None:
        return None
    if line_numbers is not None:
        frame = frame.with_columns(pl.Series(LINE_COLUMN, line_numbers, dtype=pl.UInt32))
    return RawTable(frame)


def _native_pieces(data: bytes) -> pl.DataFrame | None:
    """`_native_frame` of the whole file, parsed a piece of whole lines at a time. Where
    the pieces' columns come out typed differently (a field null throughout one piece),
    the file is parsed whole, so that polars types each column from all its records."""
    frames: list[pl.DataFrame] = []
    start, first_line = 0, 1
    while start < len(data):
        cut = data.find(b"\n", start + BATCH_BYTES)
        end = len(data) if cut < 0 else cut + 1
        parsed = _native_frame(data[start:end], first_line)
        if parsed is None:
            return None
        frames.append(parsed[0])
        first_line += parsed[1]  # the piece ends with a newline: its lines are its newlines
        start = end
    if any(frame.schema != frames[0].schema for frame in frames):
        frames.clear()
        whole = _native_frame(data, 1)
        return None if whole is None else whole[0]
    return pl.concat(frames, rechunk=False)


def _native_frame(data: bytes, first_line: int) -> tuple[pl.DataFrame, int] | None:
    """Line number, JSON text and parsed fields of each record in `data`, whose first line
    is line `first_line` of the file, and how many lines `data` holds, blank ones too;
    None where polars cannot read every line."""
    try:
        lines = pl.read_lines(data, name=TEXT_COLUMN).with_row_index(LINE_COLUMN, offset=first_line)
        frame = pl.read_ndjson(data, infer_schema_length=None)
    except (pl.exceptions.PolarsError, ValueError):
        return None
    count = lines.height
    # Lines with more than whitespace (asked without copying every line, as stripping does).
    lines = lines.filter(pl.col(TEXT_COLUMN).str.contains(r"\S"))
    if lines.height != frame.height or frame.width == 0:
        return None
    return pl.concat([lines.select(LINE_COLUMN, TEXT_COLUMN), frame], how="horizontal"), count


def _filter_bad_lines(path: str, data: bytes) -> tuple[list[bytes], list[int], list[ReadIssue]]:
    """Walk the lines: keep those that hold a JSON object, report every other one."""
    good: list[bytes] = []
    numbers: list[int] = []
    issues: list[ReadIssue] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        if not raw.strip():
            continue
        problem = _line_problem(raw)
        if problem is None:
            good.append(raw)
            numbers.append(number)
        else:
            issues.append(ReadIssue(path, number, problem[0], problem[1]))
    return good, numbers, issues


def _line_problem(raw: bytes) -> tuple[str, str] | None:
    if b"\x00" in raw:
        return "nul-byte", f"NUL byte at column {raw.index(0) + 1}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte, column = raw[exc.start], exc.start + 1
        return "invalid-utf8", f"invalid UTF-8 (byte 0x{byte:02x} at column {column})"
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return "invalid-json", f"invalid JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return "invalid-json", "invalid JSON: nested too deeply"
    if not isinstance(value, dict):
        return "not-an-object", f"expected a JSON object, got {json_type(value)}"
    return None


def split_array(path: str, text: str) -> tuple[list[str], list[int], list[ReadIssue]]:
    """Cut a JSON array into the source text of its elements, with each one's line."""
    decoder = json.JSONDecoder()
    start = _skip_space(text, 0)
    if text[start : start + 1] != "[":
        raise DatasetError(path, "expected a JSON array or JSON Lines")
    elements: list[str] = []
    numbers: list[int] = []
    issues: list[ReadIssue] = []
    pos, line, counted = _skip_space(text, start + 1), 1, 0
    while pos < len(text) and text[pos] != "]":
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            message = f"invalid JSON: {exc.msg} (column {exc.colno})"
            raise DatasetError(path, message, exc.lineno) from None
        if isinstance(value, dict):
            elements.append(text[pos:end])
            numbers.append(line)
        else:
            issues.append(
                ReadIssue(
                    path, line, "not-an-object", f"expected a JSON object, got {json_type(value)}"
                )
            )
        pos = _skip_space(text, end)
        if text[pos : pos + 1] == ",":
            pos = _skip_space(text, pos + 1)
        elif text[pos : pos + 1] != "]":
            bad = line + text.count("\n", counted, pos)
            raise DatasetError(path, "invalid JSON: expected ',' or ']' between elements", bad)
    if pos >= len(text):
        raise DatasetError(path, "invalid JSON: the array is never closed with ']'")
    return elements, numbers, issues


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _from_python_objects(lines: list[bytes], numbers: list[int]) -> RawTable:
    """Last resort when polars cannot reconcile a column's types across records.

    A column that mixes containers and scalars (an `extra` field that is a list in one
    record and a string in another) is kept as JSON text so that nothing is lost.
    """
    objects = [json.loads(line) for line in lines]
    kinds: dict[str, set[str]] = {}
    for obj in objects:
        for key, value in obj.items():
            if value is not None:
                kinds.setdefault(key, set()).add(json_type(value))
    mixed = {key for key, seen in kinds.items() if len(seen) > 1}
    for obj in objects:
        for key in mixed & obj.keys():
            if obj[key] is not None:
                obj[key] = json.dumps(obj[key], ensure_ascii=False)
    try:
        frame = pl.from_dicts(objects, infer_schema_length=None)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        frame = _column_by_column(objects)
    frame = frame.with_columns(
        pl.Series(LINE_COLUMN, numbers, dtype=pl.UInt32),
        pl.Series(TEXT_COLUMN, [line.decode() for line in lines]),
    )
    return RawTable(frame.select(LINE_COLUMN, TEXT_COLUMN, pl.exclude(LINE_COLUMN, TEXT_COLUMN)))


def _column_by_column(objects: list[dict[str, object]]) -> pl.DataFrame:
    """The frame built one column at a time: a column polars cannot type (a list mixing
    booleans and numbers, nested values of several shapes) is kept as JSON text."""
    keys = list(dict.fromkeys(key for obj in objects for key in obj))
    columns = []
    for key in keys:
        values = [obj.get(key) for obj in objects]
        try:
            columns.append(pl.Series(key, values))
        except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
            dumped = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
            columns.append(pl.Series(key, dumped, dtype=pl.String))
    return pl.DataFrame(columns)


def json_type(value: object) -> str:
    """The JSON name of a Python value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
