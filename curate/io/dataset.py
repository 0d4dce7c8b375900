"""Read one or more files into one canonical Dataset."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from curate.io.arrow import read_arrow
from curate.io.delimited import read_delimited
from curate.io.errors import DatasetError, ReadIssue
from curate.io.jsonl import (
    LINE_COLUMN,
    TEXT_COLUMN,
    RawTable,
    read_json_array,
    read_json_lines,
    reparse,
)
from curate.io.parquet import read_parquet
from curate.io.remote import url_of
from curate.io.shapes import (
    FILE_ID_COLUMN,
    SYSTEM_COLUMN,
    Shape,
    detect_shape,
    parse_checked,
    record_problem,
    suspicious_rows,
    to_canonical,
)
from curate.io.sniff import file_kind, read_input
from curate.schemas.settings import FieldSettings

T = TypeVar("T")


@dataclass(frozen=True)
class SourceFile:
    """What was read from one input file."""

    path: str
    kind: str
    """File kind: jsonl, json, csv, tsv or parquet."""
    shape: Shape
    """Record shape (`shape.name`: input-output, alpaca, sharegpt or messages) and the
    source fields it was read from, for writing records back as they were."""
    records: int
    unreadable: int


@dataclass
class Dataset:
    """The canonical frame of DESIGN.md plus what the readers could not read.

    `cache` holds work that several rules share (normal form, signatures, languages), so it
    is computed once per run.
    """

    frame: pl.DataFrame
    sources: list[SourceFile]
    issues: list[ReadIssue] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    local_ids: dict[str, str] = field(default_factory=dict)
    """Ids qualified with their file's name because another file read with it has a record
    of the same id (`test.jsonl:7`), each to the id it has in its own file (`7`)."""

    def __len__(self) -> int:
        return self.frame.height

    _computing: dict[str, threading.RLock] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _guard: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` once per dataset, kept in `cache` under `name` for every later asker.

        Safe from several threads (lint runs rules side by side): one computes, the others
        asking for the same name wait for its result."""
        if name in self.cache:
            return self.cache[name]  # type: ignore[no-any-return]
        with self._guard:
            lock = self._computing.setdefault(name, threading.RLock())
        with lock:
            if name not in self.cache:
                self.cache[name] = compute()
        return self.cache[name]  # type: ignore[no-any-return]

    def local_id(self, record_id: str) -> str:
        """The record's id within its own file: what its file's review journal records."""
        return self.local_ids.get(record_id, record_id)

    def with_frame(self, frame: pl.DataFrame) -> Dataset:
        """The same files with another frame of their records (reviewed, filtered)."""
        return Dataset(frame, self.sources, self.issues, local_ids=self.local_ids)


def read_dataset(paths: Sequence[str | Path], fields: FieldSettings | None = None) -> Dataset:
    """Read every file into one canonical Dataset; a file that cannot be read raises.

    Records that cannot be read (a bad line, a missing field) are left out and listed in
    `Dataset.issues`, so a few bad lines never stop the read of a large file.
    """
    fields = fields or FieldSettings()
    frames: list[pl.DataFrame] = []
    sources: list[SourceFile] = []
    issues: list[ReadIssue] = []
    for path in paths:
        frame, source, file_issues = read_file(Path(path), fields)
        frames.append(_with_ids(frame, fields))
        sources.append(source)
        issues.extend(file_issues)
    if not frames:
        raise DatasetError("(no input)", "no dataset files given")
    frames, local_ids = _qualify_shared_ids(frames, [source.path for source in sources])
    frame = pl.concat(frames, how="diagonal_relaxed")
    first = [column for column in ID_FIRST if column in frame.columns]
    frame = frame.select(*first, pl.exclude(first))
    return Dataset(frame, sources, issues, local_ids=local_ids)


def read_file(
    path: Path, fields: FieldSettings
) -> tuple[pl.DataFrame, SourceFile, list[ReadIssue]]:
    """One file to canonical columns (without ids), its summary and its unreadable records."""
    shown = url_of(path) or str(path)  # a URL as the user wrote it, not folded by Path
    data = read_input(path)
    kind = file_kind(path, data)
    raw = parse_raw(shown, kind, data)
    del data  # the file's bytes can be as large as the frame: free them before mapping
    shape = detect_shape(shown, raw.frame.columns, fields)
    frame, issues = _drop_invalid(shown, shape, raw)
    del raw
    if not frame.height:
        # Nothing to read is one clear error, as for a JSON Lines file of bad lines.
        if issues:
            first = min(issues, key=lambda issue: issue.line)
            raise DatasetError(shown, f"no readable record (line {first.line}: {first.message})")
        raise DatasetError(shown, "no records: the file holds a header or nothing else")
    canonical = to_canonical(shown, shape, frame, fields)
    canonical = canonical.with_columns(pl.lit(shown).alias("source"))
    source = SourceFile(shown, kind, shape, canonical.height, len(issues))
    return canonical, source, sorted(issues, key=lambda issue: issue.line)


def parse_raw(shown: str, kind: str, data: bytes) -> RawTable:
    """The raw records of a file of the given kind, before shape mapping."""
    if kind == "jsonl":
        return read_json_lines(shown, data)
    if kind == "json":
        return read_json_array(shown, data)
    if kind == "parquet":
        return read_parquet(shown, data)
    if kind == "arrow":
        return read_arrow(shown, data)
    return read_delimited(shown, data, "\t" if kind == "tsv" else ",")


def _drop_invalid(shown: str, shape: Shape, raw: RawTable) -> tuple[pl.DataFrame, list[ReadIssue]]:
    """Check the rows that may be wrong exactly, and leave out those that are."""
    frame, issues = raw.frame, list(raw.issues)
    mask = suspicious_rows(shape, frame)
    if mask.any():
        bad: list[int] = []
        doubtful = frame.filter(mask)
        for row in doubtful.iter_rows(named=True):
            text = row.pop(TEXT_COLUMN, None)
            record = parse_checked(text) if text is not None else row
            problem = record_problem(shape, record)
            if problem is not None:
                bad.append(row[LINE_COLUMN])
                issues.append(ReadIssue(shown, row[LINE_COLUMN], *problem))
        frame = frame.filter(~pl.col(LINE_COLUMN).is_in(bad))
    if frame.height and TEXT_COLUMN in frame.columns and _dtype_problem(shape, frame):
        # A dropped record's bad value may have set a column's type; the kept ones decide.
        frame = reparse(frame)
    if frame.height and (wrong_type := _dtype_problem(shape, frame)):
        raise DatasetError(shown, wrong_type)
    return frame, issues


def _dtype_problem(shape: Shape, frame: pl.DataFrame) -> str | None:
    """A column whose type cannot be what the shape reads (Parquet carries its own types)."""
    for column in (shape.input, shape.output, shape.context):
        if column and column in frame.columns and frame.schema[column] != pl.String:
            return f"column {column!r} has type {frame.schema[column]}, expected text"
    if shape.is_chat:
        dtype = frame.schema[shape.turns]
        inner = dtype.inner if isinstance(dtype, pl.List) else None
        fields = {f.name: f.dtype for f in inner.fields} if isinstance(inner, pl.Struct) else {}
        if fields.get(shape.role) != pl.String or fields.get(shape.content) != pl.String:
            turns = f"{{{shape.role}, {shape.content}}}"
            return f"column {shape.turns!r} has type {dtype}, expected a list of {turns} turns"
    return None


ID_FIRST = ("id", "input", "output", "category", "lang", "messages", "source", "source_line")
"""The canonical columns in their order; the source's other fields follow."""


def _with_ids(frame: pl.DataFrame, fields: FieldSettings) -> pl.DataFrame:
    """One file's records with their ids: the file's own ids when present and unique in the
    file, else content hashes. Computed from the file alone, so a record keeps its id (and
    its review decisions) whatever other files it is read with.

    A content hash keeps review decisions attached to a record when the file is re-ordered;
    identical records get `~2`, `~3` suffixes in the order they appear.
    """
    file_ids = frame.get_column(FILE_ID_COLUMN) if FILE_ID_COLUMN in frame.columns else None
    usable = (
        file_ids is not None
        and not file_ids.dtype.is_nested()
        and file_ids.null_count() == 0
        and file_ids.n_unique() == frame.height
    )
    if file_ids is not None and usable:
        ids = file_ids.cast(pl.String)
        frame = frame.drop(FILE_ID_COLUMN)
    else:
        ids = _content_ids(frame)
        if file_ids is not None:
            kept = f"raw.{fields.id}" if fields.id == "id" else fields.id
            frame = frame.rename({FILE_ID_COLUMN: kept})
    frame = frame.drop(SYSTEM_COLUMN).insert_column(0, ids.alias("id"))
    first = [column for column in ID_FIRST if column in frame.columns]
    return frame.select(*first, pl.exclude(first))


def _qualify_shared_ids(
    frames: list[pl.DataFrame], paths: list[str]
) -> tuple[list[pl.DataFrame], dict[str, str]]:
    """Make ids unique across files: an id that several files use becomes `<file>:<id>` in
    every one of them (the file's name, or its path where two files share a name), so no
    file's records are favoured by the order the files were given in."""
    if len(frames) < 2:
        return frames, {}
    each_once = pl.concat([frame.get_column("id").unique() for frame in frames])
    counts = each_once.value_counts(name="files")
    shared = set(counts.filter(pl.col("files") > 1).get_column("id").to_list())
    if not shared:
        return frames, {}
    names = [Path(path).name for path in paths]
    labels = [
        name if names.count(name) == 1 else path for name, path in zip(names, paths, strict=True)
    ]
    taken = set(counts.get_column("id").to_list())
    local_ids: dict[str, str] = {}
    qualified_frames = []
    for frame, label in zip(frames, labels, strict=True):
        ids = frame.get_column("id").to_list()
        for row, rid in enumerate(ids):
            if rid not in shared:
                continue
            qualified, n = f"{label}:{rid}", 1
            while qualified in taken:  # a file's own id that happens to look qualified
                n += 1
                qualified = f"{label}:{rid}~{n}"
            taken.add(qualified)
            local_ids[qualified] = rid
            ids[row] = qualified
        qualified_frames.append(frame.with_columns(pl.Series("id", ids, dtype=pl.String)))
    return qualified_frames, local_ids


def _content_ids(frame: pl.DataFrame) -> pl.Series:
    hashes = pl.Series(
        [
            blake2b(f"{i}\x1f{o}\x1f{s}".encode(), digest_size=8).hexdigest()
            for i, o, s in zip(
                frame.get_column("input"),
                frame.get_column("output"),
                frame.get_column(SYSTEM_COLUMN),
                strict=True,
            )
        ],
        dtype=pl.String,
    )
    occurrence = pl.DataFrame({"h": hashes}).select(pl.col("h").cum_count().over("h")).to_series()
    return pl.Series(
        [h if n == 1 else f"{h}~{n}" for h, n in zip(hashes, occurrence, strict=True)],
        dtype=pl.String,
    )
