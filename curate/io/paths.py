"""Which files a command reads: the paths as given, a folder standing for its dataset files."""

from __future__ import annotations

import json
from pathlib import Path

from curate.io.errors import DatasetError
from curate.io.sniff import DATASET_SUFFIXES

NOT_DATASETS = ("manifest.json", ".review.jsonl")
"""Files curate itself writes next to datasets."""


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the dataset files directly inside it. Files
    curate writes itself (review journals, split manifests) are never read as data, even
    when named, as a pre-commit hook names every staged file.

    In a directory, `train.jsonl` and `train.parquet` are the same split written twice (as
    `curate split --parquet` does), so only the first kind in JSONL, JSON, CSV, TSV,
    Parquet order is taken. A file named twice is taken once.
    """
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir() and (saved := saved_to_disk(path)) is not None:
            files.extend(saved)
        elif path.is_dir():
            candidates = sorted(
                p for p in path.iterdir() if p.is_file() and is_dataset_name(p.name)
            )
            by_stem: dict[str, Path] = {}
            for candidate in sorted(candidates, key=_kind_rank):
                by_stem.setdefault(candidate.name.split(".")[0], candidate)
            found = sorted(by_stem.values())
            if not found:
                raise DatasetError(str(path), "no dataset files (.jsonl .json .csv .parquet) here")
            files.extend(found)
        elif path.name.endswith(NOT_DATASETS):
            skipped.append(path)  # a journal or manifest given by name (a hook passes all)
        else:
            files.append(path)
    if skipped and not files:
        raise DatasetError(
            str(skipped[0]), "is a file curate writes (review journal or manifest), not a dataset"
        )
    return _once_each(files)


def saved_to_disk(folder: Path) -> list[Path] | None:
    """The Arrow shards of a `datasets` `save_to_disk` folder, in order (a DatasetDict's
    splits each in turn, as its `dataset_dict.json` lists them); None for other folders."""
    try:
        if (folder / "dataset_dict.json").is_file():
            splits = json.loads((folder / "dataset_dict.json").read_text(encoding="utf-8"))
            names = splits["splits"]
            shards = [saved_to_disk(folder / str(name)) for name in names]
            if any(s is None for s in shards):
                raise DatasetError(str(folder), "a split listed in dataset_dict.json is missing")
            return [shard for found in shards for shard in found or []]
        if (folder / "state.json").is_file():
            state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
            return [folder / str(f["filename"]) for f in state["_data_files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise DatasetError(str(folder), f"unreadable datasets save_to_disk folder: {exc}") from None
    return None


def _once_each(files: list[Path]) -> list[Path]:
    """A file named twice (`data/` and `data/train.jsonl`, or through a link) is read once:
    its records are not copies of themselves."""
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in files:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a link loop: let the reader say what is wrong
            real = path
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def is_dataset_name(name: str) -> bool:
    """A name a dataset file has (`.jsonl`, `.csv.gz`, ...), not one curate writes itself."""
    return name.lower().removesuffix(".gz").endswith(DATASET_SUFFIXES) and not name.endswith(
        NOT_DATASETS
    )


def _kind_rank(path: Path) -> tuple[int, str]:
    suffix = Path(path.name.lower().removesuffix(".gz")).suffix
    order = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".pq", ".arrow"]
    return (order.index(suffix) if suffix in order else len(order), path.name)
