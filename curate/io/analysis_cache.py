"""A cache of per-text analyses on disk, so that linting a dataset again costs only what changed.

Lint's expensive work is per text: a language, personal data and secrets found, a token
count. Each depends on the text alone (and on the analysis's options and code), so its
result can be kept by the text's hash and looked up the next time: after ten records of a
100k dataset change, ten texts are analysed again, not 100k. The pre-commit hook, which
lints on every commit, is what this is for (ruff's cache is the model).

One Parquet file per analysis and options, `FOLDER/<analysis>-<key>.parquet`, holds the
text's hash (128 bits: polars' hash under two seeds, `k0` and `k1`) and the analysis's
result columns. The file's key covers the options, the curate and polars versions (polars'
hash is stable within a version only) and the source of the modules that compute the
analysis, so a changed rule never reads a stale result. A run that analyses a few new
texts adds their rows in a small segment file beside it (`SEGMENT`) instead of writing the
whole file again (48 MB of signatures for 100k records); once the segments are many or
large, a run writes one file of all the rows and removes them. The folder is safe to
delete at any time. Files are written atomically (a temporary file renamed into place),
so a run that is killed, or two runs at once, leave either the old file or a whole new
one; a file that cannot be read is treated as empty and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import polars as pl

from curate import __version__
from curate.io.atomic import ordinary_mode

DEFAULT_FOLDER = ".curate_cache"
ANALYSIS_CACHE = "analysis-cache"
"""The name the cache is shared under on a dataset (`Dataset.shared`)."""
FOLDER_ENV = "CURATE_LINT_CACHE_DIR"
"""Overrides where the cache lives (`--cache-dir` and `[lint] cache-dir` override it)."""
KEYS = ("k0", "k1")
_SEEDS = (0, 0x9E3779B97F4A7C15)
PRUNE_FACTOR = 2
"""A file holding more than this many times the entries the current dataset needs (plus
`PRUNE_SLACK`) is cut down to the current dataset's: datasets that shrink or churn do not
grow the cache without bound, and alternating between a few datasets still hits."""
PRUNE_SLACK = 100_000
SEGMENT = ".segment"
"""Rows added by a later run go in a file of their own beside the analysis's file,
`<analysis>-<key>.parquet.<random>.segment`, until there are `MAX_SEGMENTS` of them or
they hold more than 1/`SEGMENT_SHARE` of its rows; the next run that adds rows then writes
one file of all of them."""
MAX_SEGMENTS = 8
SEGMENT_SHARE = 4
_IGNORE_ALL = "# Written by curate: the lint cache, safe to delete.\n*\n"


class AnalysisCache:
    """Per-text results by text hash, in `folder` (None: a cache that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.computed = 0
        """Texts analysed (not found in the cache) by this instance: what a warm run saves."""
        self._guard = threading.Lock()
        self._files: dict[Path, threading.Lock] = {}
        """One lock per cache file: rules running side by side that use the same analysis
        read, extend and write its file one after the other, so neither loses the other's
        rows and the second reads what the first computed."""

    def _counted(self, texts: int) -> None:
        with self._guard:
            self.computed += texts

    def rows(
        self,
        analysis: str,
        options: str,
        texts: pl.Series,
        compute: Callable[[pl.Series], pl.DataFrame],
        code: tuple[str, ...],
    ) -> pl.DataFrame:
        """`compute(texts)`, one row per text in order, with the rows of texts seen before
        read from the cache. `compute` must give each text's row from that text alone;
        `code` names the modules whose source decides the result (their source is part of
        the file's key)."""
        if self.folder is None or texts.is_empty():
            self._counted(len(texts))
            return compute(texts)
        texts = texts.cast(pl.String)
        seeds = zip(KEYS, _SEEDS, strict=True)
        keys = pl.DataFrame({name: texts.hash(seed) for name, seed in seeds})
        path = self.folder / f"{analysis}-{_file_key(analysis, options, code)}.parquet"
        with self._guard:
            lock = self._files.setdefault(path, threading.Lock())
        with lock:
            # What a row must look like: a file of another layout is not this analysis's.
            found_layout = compute(texts.head(0)).schema
            layout = pl.Schema([*keys.schema.items(), *found_layout.items()])
            on = list(KEYS)
            base, segments = _read(path, layout), _segments(path)
            added = [_read(segment, layout) for segment in segments]
            parts = [part for part in (base, *added) if part is not None]
            cached = parts[0] if len(parts) == 1 else None
            if len(parts) > 1:  # two runs at once may have added the same texts
                cached = pl.concat(parts).unique(on, keep="first", maintain_order=True)
            # Each distinct text once, in order of first appearance; the uncached are to do.
            todo = keys.with_columns(texts.alias("text")).unique(
                on, keep="first", maintain_order=True
            )
            distinct = todo.height
            if cached is not None:
                todo = todo.join(cached.select(on), on=on, how="anti", maintain_order="left")
            if todo.height:
                found = compute(todo.get_column("text"))
                self._counted(todo.height)
                fresh = pl.concat([todo.select(on), found], how="horizontal")
                _store(path, fresh, base, cached, segments, keys, distinct)
                cached = fresh if cached is None else pl.concat([cached, fresh])
            assert cached is not None
        result = keys.join(cached, on=on, how="left", maintain_order="left")
        return result.drop(on)


def column_keys(columns: list[pl.Series]) -> pl.Series:
    """Per row, a text that is equal for two rows exactly when each column is (128 bits of
    each column's polars hash): what `AnalysisCache.rows` keys a result by when it depends
    on several texts. Hashing the columns one by one copies no text, where the hash of a
    struct of them encodes its rows first (a gigabyte for a million records)."""
    frame = pl.DataFrame({str(index): column for index, column in enumerate(columns)})
    hashes = [pl.col(name).hash(seed).cast(pl.String) for name in frame.columns for seed in (0, 1)]
    return frame.select(pl.concat_str(hashes, separator=":").alias("key")).to_series()


def cache_folder(configured: str, source: str | None) -> Path | None:
    """Where the lint cache lives: `""` (`--no-cache`) turns it off; the default folder
    can be moved by `CURATE_LINT_CACHE_DIR`; a relative folder is relative to the config
    file that set it (`source`), or to the current directory."""
    if configured == "":
        return None
    from_env = os.environ.get(FOLDER_ENV)
    if from_env and configured == DEFAULT_FOLDER:
        return Path(from_env)
    folder = Path(configured)
    if not folder.is_absolute() and source:
        folder = Path(source).parent / folder
    return folder


def _file_key(analysis: str, options: str, code: tuple[str, ...]) -> str:
    """What a cached result depends on besides its text: the options, curate's version and
    the source of the modules that compute it (a development install changes code without
    changing the version)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in (analysis, options, __version__, pl.__version__):
        digest.update(part.encode() + b"\x00")
    for name in code:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ValueError(f"no module {name!r} to key the {analysis} cache by")
        digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()


def _store(
    path: Path,
    fresh: pl.DataFrame,
    base: pl.DataFrame | None,
    cached: pl.DataFrame | None,
    segments: list[Path],
    keys: pl.DataFrame,
    distinct: int,
) -> None:
    """Keep the `fresh` rows: in a small segment file beside `path` while the segments are
    few and small next to the base file, so that a run that analysed ten texts writes ten
    rows, not the whole file again; else in a new base file of every row (cut down to the
    current texts' where it has grown far beyond them), and the segments read into it go."""
    segment_rows = 0 if cached is None or base is None else cached.height - base.height
    if (
        base is not None
        and len(segments) < MAX_SEGMENTS
        and (segment_rows + fresh.height) * SEGMENT_SHARE <= base.height
    ):
        _write(path.with_name(f"{path.name}.{os.urandom(6).hex()}{SEGMENT}"), fresh)
        return
    rows = fresh if cached is None else pl.concat([cached, fresh])
    if rows.height > PRUNE_FACTOR * distinct + PRUNE_SLACK:
        rows = rows.join(keys, on=list(KEYS), how="semi")
    _write(path, rows)
    for segment in segments:
        with contextlib.suppress(OSError):
            segment.unlink()


def _segments(path: Path) -> list[Path]:
    """The segment files of the base file `path` (one that another run merges away
    meanwhile is read as missing)."""
    return sorted(path.parent.glob(f"{path.name}.*{SEGMENT}"))


def _read(path: Path, layout: pl.Schema) -> pl.DataFrame | None:
    """The cached rows, or None where there are none or they cannot be read as `layout`."""
    try:
        frame = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError):
        return None
    return frame if frame.schema == layout else None


def _write(path: Path, frame: pl.DataFrame) -> None:
    """Replace `path` atomically. A cache that cannot be written (a read-only checkout, a
    full disk) costs only speed: the run goes on."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE_ALL, encoding="utf-8")
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        temporary = Path(name)
        try:
            frame.write_parquet(temporary, compression="zstd", compression_level=1)
            temporary.chmod(ordinary_mode())  # mkstemp makes it private
            temporary.replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    except OSError:
        return
