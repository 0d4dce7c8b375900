"""Records written back in their source's own shape: the one writer behind `lint --fix`,
`curate run`'s cleaned copy, `curate split` and `curate export`.

A record the user wrote is the user's: where nothing changes it, it goes out as it came in
(a JSON Lines record byte for byte, other kinds in their own format, field names and order
kept). Where review edited it, the edit goes into its own fields (``shapes.set_fields``);
a caller may change more (lint's redactions) through ``Changes.extra``. Every file is
written atomically.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from curate.io.atomic import write_atomic
from curate.io.dataset import Dataset, SourceFile, parse_raw
from curate.io.errors import DatasetError
from curate.io.jsonl import LINE_COLUMN, split_array
from curate.io.shapes import Shape, set_fields
from curate.io.sniff import read_input
from curate.schemas.decision import Decision

_BOM = b"\xef\xbb\xbf"

RecordChange = Callable[[SourceFile, Any], Any]
"""Changes one parsed record of a source (in place or by returning a new one)."""


@dataclass
class Changes:
    """What changes in the records written, by record id: review edits first, then any
    `extra` change (lint's redactions, found in the edited text)."""

    edits: Mapping[str, Decision] = field(default_factory=dict)
    category_field: str = "category"
    extra: Mapping[str, RecordChange] = field(default_factory=dict)

    def touches(self, record_id: str) -> bool:
        return record_id in self.edits or record_id in self.extra

    @property
    def edits_category(self) -> bool:
        return any(edit.category is not None for edit in self.edits.values())

    def apply(self, source: SourceFile, record_id: str, record: Any) -> Any:
        edit = self.edits.get(record_id)
        if edit is not None:
            record = set_fields(
                source.shape, record, self.category_field, edit.input, edit.output, edit.category
            )
        extra = self.extra.get(record_id)
        return extra(source, record) if extra is not None else record


def source_texts(source: SourceFile) -> dict[int, bytes]:
    """The JSON text of each record of a source by line: exactly as the user wrote it in
    JSON Lines, the array element on one line in a JSON file, the row's fields as a JSON
    object for tables."""
    data = read_input(Path(source.path))
    if source.kind == "jsonl":
        lines = data.removeprefix(_BOM).split(b"\n")
        return {n: line.rstrip(b"\r") for n, line in enumerate(lines, 1)}
    if source.kind == "json":
        elements, numbers, _ = split_array(source.path, data.removeprefix(_BOM).decode("utf-8"))
        return {
            n: e.replace("\r", " ").replace("\n", " ").encode()
            for e, n in zip(elements, numbers, strict=True)
        }
    frame = parse_raw(source.path, source.kind, data).frame
    return {
        row.pop(LINE_COLUMN): json.dumps(row, ensure_ascii=False, default=str).encode()
        for row in frame.iter_rows(named=True)
    }


def json_line(source: SourceFile, record_id: str, text: bytes, changes: Changes) -> bytes:
    """One record as a JSON Lines line (no newline): its own text unless it changes."""
    if not changes.touches(record_id):
        return text
    record = changes.apply(source, record_id, json.loads(text))
    return json.dumps(record, ensure_ascii=False).encode()


def write_like_source(
    source: SourceFile, records: Mapping[int, str], changes: Changes, target: Path
) -> int:
    """Write some records of a source to `target` in the source's kind and shape.

    Args:
        source: The file the records were read from.
        records: Record id by source line, for the records to write.
        changes: Edits and other changes, by record id.
        target: The file to write (atomically).

    Returns:
        The number of records written.
    """
    data = read_input(Path(source.path))
    if source.kind == "jsonl":
        lines = data.removeprefix(_BOM).split(b"\n")
        kept = [
            json_line(source, records[number], raw.rstrip(b"\r"), changes) + b"\n"
            for number, raw in enumerate(lines, start=1)
            if number in records
        ]
        write_atomic(target, lambda handle: handle.writelines(kept))
        return len(kept)
    if source.kind == "json":
        text = data.removeprefix(_BOM).decode("utf-8")
        elements, numbers, _ = split_array(source.path, text)
        kept_records = [
            changes.apply(source, records[n], json.loads(e))
            for e, n in zip(elements, numbers, strict=True)
            if n in records
        ]
        body = json.dumps(kept_records, indent=2, ensure_ascii=False) + "\n"
        write_atomic(target, lambda handle: handle.write(body.encode()))
        return len(kept_records)
    return _write_table(source, data, records, changes, target)


def _write_table(
    source: SourceFile, data: bytes, records: Mapping[int, str], changes: Changes, target: Path
) -> int:
    frame = parse_raw(source.path, source.kind, data).frame
    rows = []
    for row in frame.iter_rows(named=True):
        line = row.pop(LINE_COLUMN)
        if line in records:
            rows.append(changes.apply(source, records[line], row))
    schema = dict(frame.drop(LINE_COLUMN).schema)
    if changes.edits_category:
        schema[changes.category_field] = pl.String()  # a new column, or numbers that now hold text
    kept = pl.DataFrame(rows, schema=schema)
    if source.kind == "parquet":
        write_atomic(target, lambda handle: kept.write_parquet(handle))
    elif source.kind == "arrow":  # the stream format, as `datasets` writes it
        write_atomic(target, lambda handle: kept.write_ipc_stream(handle))
    else:
        body = _delimited_text(kept.columns, kept.iter_rows(), source.kind)
        write_atomic(target, lambda handle: handle.write(body.encode()))
    return kept.height


def reviewed_records(dataset: Dataset, changes: Changes) -> list[Any]:
    """Each record of the dataset in its own shape, with its changes, in file order."""
    texts = {source.path: source_texts(source) for source in dataset.sources}
    sources = {source.path: source for source in dataset.sources}
    rows = dataset.frame.select("id", "source", "source_line").sort("source_line")
    return [
        changes.apply(sources[path], rid, json.loads(texts[path][line]))
        for rid, path, line in rows.iter_rows()
    ]


def write_records(records: list[Any], kind: str, target: Path, shape: Shape) -> None:
    """Write records (dicts in their own shape) as `kind`, atomically."""
    if kind == "jsonl":
        lines = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records]
        write_atomic(target, lambda handle: handle.writelines(lines))
    elif kind == "json":
        body = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        write_atomic(target, lambda handle: handle.write(body.encode()))
    elif kind in ("parquet", "arrow"):
        try:
            frame = pl.DataFrame(records) if records else pl.DataFrame()
        except (pl.exceptions.PolarsError, TypeError, ValueError) as exc:
            first = str(exc).splitlines()[0]
            raise DatasetError(str(target), f"cannot write as {kind.title()}: {first}") from None
        if kind == "parquet":
            write_atomic(target, lambda handle: frame.write_parquet(handle))
        else:
            write_atomic(target, lambda handle: frame.write_ipc_stream(handle))
    else:
        columns: dict[str, None] = {}
        for record in records:
            for key, value in record.items():
                if isinstance(value, dict | list):
                    raise DatasetError(
                        str(target),
                        f"{shape.name} records hold nested field {key!r}, which CSV cannot; "
                        "write .jsonl, .json or .parquet",
                    )
                columns.setdefault(key)
        rows = ([record.get(c) for c in columns] for record in records)
        body = _delimited_text(list(columns), rows, kind)
        write_atomic(target, lambda handle: handle.write(body.encode()))


def _delimited_text(columns: list[str], rows: Any, kind: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if kind == "tsv" else ",")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()
