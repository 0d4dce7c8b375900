"""The work behind `curate split`: read, group, assign, write, manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl

from curate import __version__
from curate.config import ConfigError
from curate.dedup.groups import Duplicates
from curate.io import Dataset, DatasetError, read_dataset
from curate.io.paths import expand_paths
from curate.io.sniff import input_sha256, sha256_file
from curate.journal import apply_review, load_review
from curate.progress import StageLine
from curate.schemas.manifest import DroppedRecord, InputFile, OutputFile, SplitManifest
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.split.assign import SPLITS, assign
from curate.split.card import CARD, dataset_card, is_our_card
from curate.split.groups import Grouping, build_groups, strata_of
from curate.split.write import (
    split_bodies,
    staging_folder,
    swap_in,
    write_split_files,
)
from curate.terminal import plain


def split(
    paths: list[Path],
    out: Path,
    settings: CurateSettings,
    fields: FieldSettings,
    parquet: bool = False,
    force: bool = False,
    keep_duplicates: bool = False,
    lint_summary: str | None = None,
    progress: StageLine | None = None,
) -> SplitManifest:
    """Split the dataset into `out`; returns the manifest it wrote. The folder also gets a
    dataset card (`README.md`), with `lint_summary` where the caller linted the data."""
    files = expand_paths(paths)
    if out.is_symlink() and out.resolve().is_dir():
        out = out.resolve()  # replace the folder the link points at, never the link itself
    _check_target(files, out, force)
    options = settings.split
    progress = progress or StageLine(None)
    progress.stage("reading")
    dataset = read_dataset(files, fields)
    progress.records = len(dataset)
    if options.stratify not in dataset.frame.columns:
        raise ConfigError(f"split.stratify: no field {options.stratify!r} in the dataset")
    review = load_review(dataset)
    located = dataset.frame.select("source", "source_line").iter_rows()
    lines = dict(zip(dataset.frame.get_column("id"), located, strict=True))
    frame, rejected = apply_review(dataset.frame, review)
    dataset = dataset.with_frame(frame)
    edits = review.edits
    duplicates = Duplicates(dataset)
    progress.stage("grouping duplicates")
    grouping = build_groups(dataset.frame, duplicates, options.stratify, keep_duplicates)
    grouping.rejected = rejected
    placed = assign(grouping.groups, options.ratios, options.seed)
    staging = staging_folder(out)
    try:
        progress.stage("writing the splits")
        bodies = split_bodies(dataset, placed, options.seed, edits, fields.category)
        write_split_files(staging, bodies, parquet)
        manifest = _manifest(dataset, grouping, placed, lines, settings, staging)
        manifest_text = manifest.model_dump_json(indent=2) + "\n"
        (staging / "manifest.json").write_text(manifest_text, encoding="utf-8")
        card = dataset_card(manifest, lint_summary)
        (staging / CARD).write_text(card, encoding="utf-8")
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _check_target(files: list[Path], out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise DatasetError(str(out), "--out must be a folder")
    resolved = out.resolve()
    for file in files:
        if resolved == file.resolve().parent or resolved in file.resolve().parents:
            raise DatasetError(str(out), f"--out holds the input {file}; choose another folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise DatasetError(str(out), "folder is not empty; pass --force to replace it")
        others = not_ours(out)
        if others:
            shown = ", ".join(others[:5]) + (
                f" and {len(others) - 5} more" if len(others) > 5 else ""
            )
            raise DatasetError(
                str(out),
                f"--force replaces only the files of an earlier `curate split` (per its "
                f"manifest.json); also here: {shown}. Move them or choose another folder",
            )


def not_ours(out: Path) -> list[str]:
    """Names in `out` that an earlier `curate split` did not write, by its manifest: all of
    them when there is no readable manifest. `--force` never deletes what curate did not
    write."""
    ours = {"manifest.json"}
    card = out / CARD
    if card.is_file() and is_our_card(card.read_text(encoding="utf-8", errors="replace")):
        ours.add(CARD)
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for files in manifest.get("outputs", {}).values():
            ours.update(str(f.get("path")) for f in files if isinstance(f, dict))
    except (OSError, ValueError, AttributeError):
        ours = set()
    return sorted(p.name for p in out.iterdir() if p.name not in ours)


def _manifest(
    dataset: Dataset,
    grouping: Grouping,
    placed: dict[str, str],
    lines: dict[str, tuple[str, int]],
    settings: CurateSettings,
    folder: Path,
) -> SplitManifest:
    stratify = settings.split.stratify
    frame = dataset.frame
    table = pl.DataFrame(
        {
            "split": frame.get_column("id").replace_strict(
                placed, default=None, return_dtype=pl.String
            ),
            "stratum": strata_of(frame, stratify),
        }
    )
    counts: dict[str, dict[str, int]] = {name: {} for name in SPLITS}
    for split, stratum, n in (
        table.drop_nulls("split").group_by("split", "stratum").len().iter_rows()
    ):
        counts[split][stratum] = n
    totals = {name: sum(c.values()) for name, c in counts.items()}
    sizes = dict(table.group_by("stratum").len().iter_rows())
    dropped = [
        DroppedRecord(id=rid, source=lines[rid][0], line=lines[rid][1], reason=reason)
        for rid, reason in sorted(
            {**grouping.rejected, **grouping.dropped}.items(), key=lambda item: lines[item[0]]
        )
    ]
    dropped += [
        DroppedRecord(id=None, source=i.path, line=i.line, reason=f"unreadable: {i.message}")
        for i in dataset.issues
    ]
    outputs = {
        name: [
            OutputFile(path=p.name, sha256=sha256_file(p), records=totals[name])
            for p in sorted(folder.glob(f"{name}.*"))
        ]
        for name in SPLITS
    }
    return SplitManifest(
        tool=f"curate {__version__}",
        inputs=[
            InputFile(path=s.path, sha256=input_sha256(s.path), records=s.records)
            for s in dataset.sources
        ],
        seed=settings.split.seed,
        ratios=dict(zip(SPLITS, settings.split.ratios, strict=True)),
        stratify=stratify,
        counts={name: dict(sorted(c.items())) for name, c in counts.items()},
        totals=totals,
        groups=sum(1 for g in grouping.groups if len(g.records) > 1),
        dropped=dropped,
        outputs=outputs,
        too_small_to_stratify=sorted(s for s, n in sizes.items() if n < 3),
    )


def describe(manifest: SplitManifest, out: Path) -> str:
    """A short human summary for the terminal."""
    parts = [f"{name} {manifest.totals[name]:,}" for name in SPLITS]
    lines = [
        f"wrote {', '.join(parts)} records to {plain(out)} "
        f"({len(manifest.dropped):,} dropped, {manifest.groups:,} duplicate groups kept whole)"
    ]
    if manifest.too_small_to_stratify:
        lines.append(
            "too small to stratify (fewer than 3 records): "
            + ", ".join(plain(name) for name in manifest.too_small_to_stratify)
        )
    return "\n".join(lines)
