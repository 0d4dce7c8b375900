"""Open an input file and decide what kind of file it is, by name and by content."""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

from curate.io.errors import DatasetError
from curate.io.remote import read_url, url_of

GZIP_RATIO_ENV = "CURATE_MAX_GZIP_RATIO"
DEFAULT_GZIP_RATIO = 200.0

SUFFIX_KINDS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".arrow": "arrow",
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
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192


def input_sha256(name: str) -> str:
    """The sha256 of an input as it is stored: a local file's bytes (gzip included), or a
    URL's bytes as fetched (the URL is read again)."""
    url = url_of(Path(name))
    if url is not None:
        return hashlib.sha256(read_url(url)).hexdigest()
    return sha256_file(Path(name))


def sha256_file(path: Path) -> str:
    """The sha256 of a local file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_input(path: Path) -> bytes:
    """Return the bytes of `path` (gunzipped for `.gz`), or raise a one-line DatasetError."""
    shown = str(path)
    url = url_of(path)
    if url is not None:
        return _unpacked(url, read_url(url))
    if not path.exists():
        raise DatasetError(shown, "no such file")
    if path.is_dir():
        raise DatasetError(shown, "is a directory, expected a dataset file (.jsonl, .csv, ...)")
    if not path.is_file():  # a device (/dev/zero), a FIFO: reading would never end
        raise DatasetError(shown, "is not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(shown, f"cannot read: {exc.strerror}") from None
    return _unpacked(shown, data)


def _unpacked(shown: str, data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(shown, data)
    if not data or data.isspace():
        raise DatasetError(shown, "file is empty")
    return data


def max_gzip_ratio() -> float:
    """How many times its own size a gzip file may inflate to: `CURATE_MAX_GZIP_RATIO`,
    default 200 (JSON Lines compresses 5-30x; a gzip bomb 1,000x and more)."""
    value = os.environ.get(GZIP_RATIO_ENV, "")
    try:
        ratio = float(value) if value else DEFAULT_GZIP_RATIO
    except ValueError:
        raise DatasetError(GZIP_RATIO_ENV, f"must be a number, got {value!r}") from None
    return ratio if ratio > 0 else DEFAULT_GZIP_RATIO


def _gunzip(shown: str, data: bytes) -> bytes:
    """The decompressed bytes of every gzip member, refusing to inflate past the ratio cap
    (checked as it inflates, so a bomb never fills memory)."""
    limit = int(max(len(data) * max_gzip_ratio(), 1 << 20))
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = inflater.decompress(rest, limit - size + 1)
            while True:
                size += len(chunk)
                out.append(chunk)
                if size > limit:
                    raise DatasetError(
                        shown,
                        f"gzip inflates to more than {limit:,} bytes, {max_gzip_ratio():g}x its "
                        f"size (a gzip bomb?); raise {GZIP_RATIO_ENV} if it is real data",
                    )
                if not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, limit - size + 1)
            if not inflater.eof:
                raise DatasetError(shown, "corrupt gzip file: it ends before its last member does")
            rest = inflater.unused_data.lstrip(b"\x00")
    except zlib.error as exc:
        raise DatasetError(shown, f"corrupt gzip file: {exc}") from None
    return b"".join(out)


def file_kind(path: Path, data: bytes) -> str:
    """One of jsonl, json, csv, tsv, parquet, arrow; content wins where it is unambiguous."""
    shown = str(path)
    name = path.name.removesuffix(".gz")
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PAR1":
        return "parquet"
    if suffix in {".parquet", ".pq"}:
        raise DatasetError(shown, "not a Parquet file (no PAR1 magic bytes at the start)")
    if suffix == ".arrow" or data[:6] == b"ARROW1":
        return "arrow"
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
