"""A cache of per-text analyses on disk, so that linting a dataset again costs only what changed.

Lint's expensive work is per text: a language, personal data and secrets found, a token
count. Each depends on the text alone (and on the analysis's options and code), so its
result can be kept by the text's hash and looked up the next time: after ten records of a
100k dataset change, ten texts are analysed again, not 100k. The pre-commit hook, which
lints on every commit, is what this is for (ruff's cache is the model).

One Arrow IPC file per analysis and options, `FOLDER/<analysis>-<options>-<code>.arrow`,
holds the text's hash (128 bits: polars' hash under two seeds, `k0` and `k1`) and the
analysis's result columns. Its name digests the options, and the curate and polars versions
(polars' hash is stable within a version only) with the source of the modules that compute
the analysis, so a changed rule never reads a stale result. A run that analyses a few new
texts adds their rows in a small segment file beside it (`SEGMENT`) instead of writing the
whole file again (48 MB of signatures for 100k records); once the segments are many or
large, a run writes one file of all the rows and removes them, and with it the files of
the same analysis and options that older code left, all but the newest, and the
temporary files of killed runs once they are an hour old (`_remove_outdated`; files of
options no longer used stay until the folder is deleted). The folder is safe
to delete at any time. Files are written atomically (a temporary file renamed into place),
so a run that is killed, or two runs at once, leave either the old file or a whole new
one; a file that cannot be read is treated as empty and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import platform
import re
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import polars as pl

from curate import __version__
from curate.io.atomic import ordinary_mode

if TYPE_CHECKING:
    from curate.io.dataset import Dataset

DEFAULT_FOLDER = ".curate_cache"
ANALYSIS_CACHE = "analysis-cache"
"""The name the cache is shared under on a dataset (`Dataset.shared`)."""
FOLDER_ENV = "CURATE_LINT_CACHE_DIR"
"""Overrides where the cache lives (`--cache-dir` and `[lint] cache-dir` override it)."""
KEYS = ("k0", "k1")
_SEEDS = (0, 0x9E3779B97F4A7C15)
_FOLD = 0xBF58476D1CE4E5B9
"""An odd 64-bit multiplier: `column_keys` folds a row's column hashes as k * _FOLD + h."""
PRUNE_FACTOR = 2
"""A file holding more than this many times the entries the current dataset needs (plus
`PRUNE_SLACK`) is cut down to the current dataset's: datasets that shrink or churn do not
grow the cache without bound, and alternating between a few datasets still hits."""
PRUNE_SLACK = 100_000
SUFFIX = ".arrow"
"""Arrow IPC files: a warm run reads 100k signatures in 0.03 s, against 0.15 s from the
Parquet files this cache wrote before."""
SEGMENT = ".segment"
"""Rows added by a later run go in a file of their own beside the analysis's file,
`<analysis>-<options>-<code>.arrow.<random>.segment`, until there are `MAX_SEGMENTS` of them or
they hold more than 1/`SEGMENT_SHARE` of its rows; the next run that adds rows then writes
one file of all of them."""
MAX_SEGMENTS = 8
SEGMENT_SHARE = 4
_IGNORE_ALL = "# Written by curate: the lint cache, safe to delete.\n*\n"
ABANDONED_AFTER = 3600.0
"""Seconds after which a temporary file of the cache's is a killed run's, and is removed."""
_CACHE_FILE = re.compile(r"([0-9a-f]{16})\.arrow(?:\.[0-9a-f]{12}\.segment)?")
"""The code digest and suffix of a cache file or segment, after `<analysis>-<options>-`."""
_LEGACY_KEY = r"-[0-9a-f]{16}\.parquet(?:\.[0-9a-f]{12}\.segment)?"
"""What follows the analysis's name in a file of the Parquet cache curate kept before."""


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
        keys: Callable[[], pl.DataFrame] | None = None,
    ) -> pl.DataFrame:
        """`compute(texts)`, one row per text in order, with the rows of texts seen before
        read from the cache. `compute` must give each text's row from that text alone;
        `code` names the modules whose source decides the result (their source is part of
        the file's key). `keys()` gives the texts' `text_keys` where the caller keeps them
        (analyses of one column share them); it is asked only when the cache is on."""
        texts = texts.cast(pl.String)
        if self.folder is None or texts.is_empty():
            self._counted(len(texts))
            return compute(texts)

        def compute_at(rows: pl.Series) -> pl.DataFrame:
            # Every text (a cold run over distinct texts): the texts as they are, uncopied.
            return compute(texts if len(rows) == len(texts) else texts.gather(rows))

        by = text_keys(texts) if keys is None else keys()
        if by.height != len(texts):
            raise ValueError(f"{by.height} keys for {len(texts)} texts")
        return self.rows_at(analysis, options, by, compute_at, code)

    def rows_at(
        self,
        analysis: str,
        options: str,
        keys: pl.DataFrame,
        compute: Callable[[pl.Series], pl.DataFrame],
        code: tuple[str, ...],
    ) -> pl.DataFrame:
        """`rows` by key: one row per row of `keys` (`text_keys`, or `column_keys` of
        several texts), `compute(positions)` giving the rows of the positions whose key is
        not cached, in their order, from what is at each position alone."""
        if self.folder is None or keys.is_empty():
            self._counted(keys.height)
            return compute(pl.Series("row", range(keys.height), dtype=pl.UInt32))
        path = self.folder / f"{analysis}-{_file_key(analysis, options, code)}{SUFFIX}"
        with self._guard:
            lock = self._files.setdefault(path, threading.Lock())
        on = list(KEYS)
        with lock:
            # What a row must look like: a file of another layout is not this analysis's.
            found_layout = compute(pl.Series("row", [], dtype=pl.UInt32)).schema
            layout = pl.Schema([*keys.schema.items(), *found_layout.items()])
            base, segments = _read(path, layout), _segments(path)
            added = [_read(segment, layout) for segment in segments]
            cached = _merged([part for part in (base, *added) if part is not None])
            at = _positions(keys, cached)
            missing = at.is_null()
            if missing.any():
                # The first position of each distinct uncached key is computed; the others
                # of that key take its row.
                todo = (
                    keys.with_row_index("row")
                    .filter(missing)
                    .unique(on, keep="first", maintain_order=True)
                )
                found = compute(todo.get_column("row"))
                self._counted(todo.height)
                fresh = pl.concat([todo.select(on), found], how="horizontal")
                _store(path, analysis, fresh, base, cached, segments, keys)
                offset = 0 if cached is None else cached.height
                numbered = todo.select(on).with_row_index("fresh", offset=offset)
                uncached = keys.filter(missing).join(
                    numbered, on=on, how="left", maintain_order="left"
                )
                at = at.scatter(missing.arg_true(), uncached.get_column("fresh"))
                cached = fresh if cached is None else pl.concat([cached, fresh])
            assert cached is not None
        return cached.drop(on)[at]


def text_keys(texts: pl.Series) -> pl.DataFrame:
    """Each text's key in the cache, `KEYS`: its polars hash under two seeds (128 bits),
    the two computed side by side."""
    return _hashed(texts.cast(pl.String).alias("text").to_frame(), "text")


def _hashed(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """`KEYS`: the column's polars hash under each of `_SEEDS`, in one select."""
    seeds = zip(KEYS, _SEEDS, strict=True)
    return frame.select(pl.col(column).hash(seed).alias(key) for key, seed in seeds)


def column_keys(columns: list[pl.Series]) -> pl.DataFrame:
    """Per row, a key (`KEYS`) that is equal for two rows exactly when each column is:
    what `AnalysisCache.rows_at` keys a result by when it depends on several texts. Each
    column is hashed under each seed (hashing the columns one by one copies no text, where
    the hash of a struct of them encodes its rows first: a gigabyte for a million records),
    and the hashes folded (`fold_keys`)."""
    frame = pl.DataFrame({str(index): column for index, column in enumerate(columns)})
    return fold_keys([_hashed(frame, name) for name in frame.columns])


def fold_keys(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The key of several texts of a row from each text's key (`text_keys`), 128 bits in
    all: each half folded text by text as k * _FOLD + h, wrapping around in 64 bits.
    `fold_keys([text_keys(a), text_keys(b)])` equals `column_keys([a, b])`."""
    names = [[f"{key}_{index}" for key in KEYS] for index in range(len(parts))]
    frame = pl.concat(
        [
            part.select(KEYS).rename(dict(zip(KEYS, named, strict=True)))
            for part, named in zip(parts, names, strict=True)
        ],
        how="horizontal",
    )

    def folded(half: int) -> pl.Expr:
        key = pl.col(names[0][half])
        for named in names[1:]:
            key = key * _FOLD + pl.col(named[half])
        return key.alias(KEYS[half])

    return frame.select(folded(half) for half in range(len(KEYS)))


def dataset_text_keys(dataset: Dataset, field: str) -> pl.DataFrame:
    """The `text_keys` of a field of the dataset, computed once for every analysis of it
    (kept with the dataset, `Dataset.shared`)."""
    return dataset.shared(f"text-keys:{field}", lambda: text_keys(dataset.frame.get_column(field)))


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
    """What a cached result depends on besides its text, as `<options>-<code>`: a digest of
    the analysis's options, and one of curate's and polars' versions and the source of the
    modules that compute it (a development install changes code without changing the
    version). A file whose options match and whose code does not is outdated."""
    settings = hashlib.blake2b(f"{analysis}\x00{options}".encode(), digest_size=8)
    digest = hashlib.blake2b(digest_size=8)
    # Python's version too: its Unicode tables decide NFKC and what regular expressions match.
    for part in (__version__, pl.__version__, platform.python_version()):
        digest.update(part.encode() + b"\x00")
    for name in (__name__, *code):  # this module's own code decides what a key means
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ValueError(f"no module {name!r} to key the {analysis} cache by")
        digest.update(Path(spec.origin).read_bytes())
    return f"{settings.hexdigest()}-{digest.hexdigest()}"


def _remove_outdated(path: Path, analysis: str) -> None:
    """Delete what older code left for this analysis and these options, so that upgrades
    and edited rules do not pile up files: of the files of the same options under other
    code digests, all but the newest (two installs of different versions sharing the folder,
    a pre-commit hook's and a project's, then keep theirs), with their segments; and the
    analysis's Parquet files of the format this cache kept before; and the temporary files
    that killed runs left for these options, once they are `ABANDONED_AFTER` old (a run
    writing one now is seconds into it). Only in a folder that holds curate's `.gitignore`,
    and only names this analysis writes: files of other options (two configurations may
    share the folder) and anything else stay."""
    folder = path.parent
    try:
        if (folder / ".gitignore").read_text(encoding="utf-8") != _IGNORE_ALL:
            return
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return
    options_prefix = path.name.removesuffix(SUFFIX).rsplit("-", 1)[0] + "-"
    legacy = re.compile(re.escape(analysis) + _LEGACY_KEY)
    other_code: dict[str, list[str]] = {}
    abandoned = time.time() - ABANDONED_AFTER
    for name in names:
        if name.startswith(f".{options_prefix}"):  # `_write`'s temporary files
            if _modified(folder / name) < abandoned:
                _unlink(folder / name)
        elif name.startswith(options_prefix) and not name.startswith(path.name):
            found = _CACHE_FILE.fullmatch(name.removeprefix(options_prefix))
            if found:
                other_code.setdefault(found.group(1), []).append(name)
        elif legacy.fullmatch(name):
            _unlink(folder / name)
    oldest_first = sorted(
        other_code, key=lambda code: _modified(folder / f"{options_prefix}{code}{SUFFIX}")
    )
    for code in oldest_first[:-1]:  # all but the newest
        for name in other_code[code]:
            _unlink(folder / name)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _store(
    path: Path,
    analysis: str,
    fresh: pl.DataFrame,
    base: pl.DataFrame | None,
    cached: pl.DataFrame | None,
    segments: list[Path],
    keys: pl.DataFrame,
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
    if rows.height > PRUNE_FACTOR * keys.unique().height + PRUNE_SLACK:
        rows = rows.join(keys, on=list(KEYS), how="semi")
    _write(path, rows)
    for segment in segments:
        _unlink(segment)
    _remove_outdated(path, analysis)


def _merged(parts: list[pl.DataFrame]) -> pl.DataFrame | None:
    """The rows of a base file and its segments as one frame, each text's row once (two
    runs at once may have added the same texts; only keys are compared to find out)."""
    if not parts:
        return None
    rows = parts[0] if len(parts) == 1 else pl.concat(parts)
    # The first key alone tells (its repeats are rare without a repeated text).
    if len(parts) > 1 and rows.get_column(KEYS[0]).is_duplicated().any():
        rows = rows.unique(list(KEYS), keep="first", maintain_order=True)
    return rows


def _positions(keys: pl.DataFrame, cached: pl.DataFrame | None) -> pl.Series:
    """For each key, the row of `cached` that holds it (null where none does). Joined on
    the first key alone and checked on the second, which is twice as fast as joining on
    both, unless two cached texts share a first key (then on both)."""
    if cached is None:
        return pl.Series("at", [None] * keys.height, dtype=pl.UInt32)
    numbered = cached.select(KEYS).with_row_index("at")
    first, second = KEYS
    try:
        # Validated as many-to-one: polars checks that the cached first keys are distinct.
        matched = keys.join(
            numbered,
            on=first,
            how="left",
            maintain_order="left",
            suffix="_cached",
            validate="m:1",
        ).select(pl.when(pl.col(second) == pl.col(f"{second}_cached")).then("at"))
    except pl.exceptions.ComputeError:
        return keys.join(numbered, on=list(KEYS), how="left", maintain_order="left")["at"]
    return matched.to_series().alias("at")


def _segments(path: Path) -> list[Path]:
    """The segment files of the base file `path` (one that another run merges away
    meanwhile is read as missing)."""
    return sorted(path.parent.glob(f"{path.name}.*{SEGMENT}"))


def _read(path: Path, layout: pl.Schema) -> pl.DataFrame | None:
    """The cached rows, or None where there are none or they cannot be read as `layout`."""
    try:
        frame = pl.read_ipc(path)
    except (OSError, pl.exceptions.PolarsError):
        return None
    return frame if frame.schema == layout else None


def _compression(frame: pl.DataFrame) -> Literal["lz4", "uncompressed"]:
    """LZ4 for results (languages, hits, counts: a third of their size), none for arrays of
    hashes such as MinHash signatures, which do not compress: LZ4 kept 99% of their size,
    and a warm run took 0.06 s instead of 0.03 s to read 100k of them."""
    hashes = any(isinstance(dtype, pl.Array) for dtype in frame.schema.dtypes())
    return "uncompressed" if hashes else "lz4"


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
            frame.write_ipc(temporary, compression=_compression(frame))
            temporary.chmod(ordinary_mode())  # mkstemp makes it private
            temporary.replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    except OSError:
        return
