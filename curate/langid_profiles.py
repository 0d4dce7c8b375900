"""langdetect's language profiles, read in milliseconds after the first time.

langdetect builds its table (88k character n-grams x 55 languages) from 55 JSON files
each time a process loads it: 0.4 to 0.7 s of every lint that sends a text to langdetect.
The first load stores the table in curate's cache (`curate.models.cache_root`) as one
array, memory-mapped afterwards, and the n-grams beside it; a detector then makes the
Python row of an n-gram only when it meets that n-gram. The rows hold the very numbers a
fresh load makes, so detections do not change. A cache that cannot be read or written
costs only the time: the profiles are loaded as langdetect loads them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from curate.io.atomic import ordinary_mode
from curate.models import cache_root

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

_TABLE = "table.npy"
_NGRAMS = "ngrams.json"


class _LazyRows(dict[str, list[float]]):
    """n-gram -> probability per language, each row made from the table when first read
    (langdetect reads a few hundred of the 88k per text)."""

    def __init__(self, index: dict[str, int], table: np.ndarray) -> None:
        super().__init__()
        self._index, self._table = index, table

    def __contains__(self, ngram: object) -> bool:
        return ngram in self._index

    def __missing__(self, ngram: str) -> list[float]:
        row: list[float] = self._table[self._index[ngram]].tolist()
        self[ngram] = row
        return row


def load_profiles(factory: DetectorFactory) -> None:
    """Fill `factory` with langdetect's bundled profiles, from curate's cache when it holds
    them (else loaded as langdetect loads them, and stored for the next time)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    folder = cache_root() / f"langdetect-{_profiles_key(Path(PROFILES_DIRECTORY))}"
    stored = _read(folder)
    if stored is not None:
        factory.langlist, factory.word_lang_prob_map = stored
        return
    factory.load_profile(PROFILES_DIRECTORY)
    _write(folder, factory.langlist, factory.word_lang_prob_map)


def _profiles_key(directory: Path) -> str:
    """What the table depends on: langdetect's version and its profile files."""
    digest = hashlib.blake2b(version("langdetect").encode(), digest_size=8)
    for file in sorted(directory.iterdir()):
        digest.update(f"\x00{file.name}:{file.stat().st_size}".encode())
    return digest.hexdigest()


def _read(folder: Path) -> tuple[list[str], _LazyRows] | None:
    try:
        described = json.loads((folder / _NGRAMS).read_text(encoding="utf-8"))
        table = np.load(folder / _TABLE, mmap_mode="r")
    except (OSError, ValueError):
        return None
    languages, ngrams = described.get("languages"), described.get("ngrams")
    if not isinstance(languages, list) or not isinstance(ngrams, list):
        return None
    if table.dtype != np.float64 or table.shape != (len(ngrams), len(languages)):
        return None
    return languages, _LazyRows({ngram: row for row, ngram in enumerate(ngrams)}, table)


def _write(folder: Path, languages: list[str], rows: dict[str, Any]) -> None:
    """Store the table, whole or not at all: written in a temporary folder that is renamed
    into place. A store that a concurrent run put there first is left as it is; one that
    cannot be read (damaged by hand) is replaced, else every run would load afresh."""
    ngrams = list(rows)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return
    try:
        table = np.array([rows[ngram] for ngram in ngrams], dtype=np.float64)
        np.save(temporary / _TABLE, table)
        described = {"languages": languages, "ngrams": ngrams}
        (temporary / _NGRAMS).write_text(json.dumps(described), encoding="utf-8")
        temporary.chmod(ordinary_mode(folder=True))  # mkdtemp makes it private; the cache is not
        if folder.is_dir() and _read(folder) is None:
            shutil.rmtree(folder)
        temporary.rename(folder)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary)
