"""Atomic file writes: readers see the old file or the complete new one, never a torn one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is fsynced and renamed over it.

    On any exception the temporary file is removed and `path` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        temp.chmod(ordinary_mode())  # mkstemp makes it private; the result is an ordinary file
        temp.replace(path)
        _fsync_dir(path.parent)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file atomically through a callback that writes bytes to a handle."""
    with atomic_path(path) as temp, temp.open("wb") as handle:
        write(handle)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def ordinary_mode(folder: bool = False) -> int:
    """0666 (0777 for a folder) less the user's umask: the mode `open()` or `mkdir()` would
    have given what `mkstemp` or `mkdtemp` made private."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
