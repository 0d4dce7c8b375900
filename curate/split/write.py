"""Write the splits as JSONL in the records' own shape, optional Parquet, and the manifest.

The whole output folder is built beside the target and swapped in at the end, so a run
that is killed leaves either the old folder or the complete new one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from curate.io import Dataset
from curate.io.atomic import ordinary_mode
from curate.io.writer import Changes, json_line, source_texts
from curate.schemas.decision import Decision
from curate.split.assign import SPLITS, seeded_order


def split_bodies(
    dataset: Dataset,
    placed: dict[str, str],
    seed: int,
    edits: dict[str, Decision] | None = None,
    category_field: str = "category",
) -> dict[str, list[bytes]]:
    """The JSONL lines of each split, in a seeded order that ignores the input order.

    Records edited in review are written with the edits in their own fields.
    """
    texts = {source.path: source_texts(source) for source in dataset.sources}
    sources = {source.path: source for source in dataset.sources}
    changes = Changes(edits=edits or {}, category_field=category_field)
    rows: dict[str, list[tuple[bytes, bytes]]] = {name: [] for name in SPLITS}
    for record, path, line in dataset.frame.select("id", "source", "source_line").iter_rows():
        split = placed.get(record)
        if split is None:
            continue
        text = json_line(sources[path], record, texts[path][line], changes)
        rows[split].append((seeded_order(record, seed), text))
    return {name: [text for _, text in sorted(items)] for name, items in rows.items()}


def write_split_files(folder: Path, bodies: dict[str, list[bytes]], parquet: bool) -> None:
    for name, lines in bodies.items():
        jsonl = folder / f"{name}.jsonl"
        jsonl.write_bytes(b"".join(line + b"\n" for line in lines))
        if parquet:
            frame = pl.read_ndjson(jsonl) if lines else pl.DataFrame()
            frame.write_parquet(folder / f"{name}.parquet")


def staging_folder(target: Path) -> Path:
    """A new folder beside `target` to build the split in. Staging folders a killed run left
    behind (curate's own names, holding only split files) are removed first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*"):
        if stale.is_dir() and not stale.is_symlink() and _only_split_files(stale):
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    folder.chmod(ordinary_mode(folder=True))  # mkdtemp makes it private; the result is not
    return folder


def _only_split_files(folder: Path) -> bool:
    return all(
        p.is_file() and (p.name == "manifest.json" or p.name.split(".")[0] in SPLITS)
        for p in folder.iterdir()
    )


def swap_in(staging: Path, target: Path) -> None:
    """Put the finished folder in place: atomically when the target does not exist yet, by
    an atomic exchange (Linux renameat2) when it does, else by two renames."""
    for path in staging.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the old folder
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
