"""Open an input file and decide what kind of file it is, by name and by content."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from curate.io.errors import DatasetError

SUFFIX_KINDS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
DATASET_SUFFIXES = tuple(SUFFIX_KINDS)

# Magic numbers of files that are sometimes saved with a dataset extension by mistake.
_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"\xff\xd8\xff": "a JPEG image",
    b"ARROW1": "an Arrow IPC file",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192


def read_input(path: Path) -> bytes:
    """Return the bytes of `path` (gunzipped for `.gz`), or raise a one-line DatasetError."""
    shown = str(path)
    if not path.exists():
        raise DatasetError(shown, "no such file")
    if path.is_dir():
        raise DatasetError(shown, "is a directory, expected a dataset file (.jsonl, .csv, ...)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(shown, f"cannot read: {exc.strerror}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise DatasetError(shown, f"corrupt gzip file: {exc}") from None
    if not data or data.isspace():
        raise DatasetError(shown, "file is empty")
    return data


def file_kind(path: Path, data: bytes) -> str:
    """One of jsonl, json, csv, tsv, parquet; content wins where it is unambiguous."""
    shown = str(path)
    name = path.name.removesuffix(".gz")
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PAR1":
        return "parquet"
    if suffix in {".parquet", ".pq"}:
        raise DatasetError(shown, "not a Parquet file (no PAR1 magic bytes at the start)")
    _reject_binary(shown, data)
    kind = SUFFIX_KINDS.get(suffix)
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if kind in {"jsonl", "json"} or (kind is None and first in {b"{", b"["}):
        return "json" if first == b"[" else "jsonl"
    if kind is None:
        known = ", ".join(SUFFIX_KINDS)
        raise DatasetError(shown, f"unsupported file type {suffix or '(none)'!r}; use {known}")
    return kind


def _reject_binary(shown: str, data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise DatasetError(shown, f"binary file ({what}), not a text dataset")
    if head.startswith(_UTF16_BOMS) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        raise DatasetError(shown, "file is UTF-16 or binary; datasets must be UTF-8 text")
    # Text with a few stray control characters or bad bytes is still text (the bad records
    # are reported one by one); NUL bytes or a mass of undecodable bytes mean binary.
    undecodable = len(head) - len(head.decode("utf-8", errors="ignore").encode("utf-8"))
    if head.count(0) > len(head) * 0.01 or undecodable > len(head) * 0.1:
        raise DatasetError(shown, "binary file (not UTF-8 text), not a text dataset")
