"""Append-only JSON Lines logs (the review and judge journals): each line written, flushed
and fsynced before the caller confirms it, and a last line cut off by a killed process
neither lost nor glued onto."""

from __future__ import annotations

import os
from pathlib import Path


def torn_path(path: Path) -> Path:
    """Where a cut-off last line of `path` is kept: `<log>.torn`."""
    return path.with_name(path.name + ".torn")


def append_line(path: Path, line: str) -> None:
    """Append `line` (without its newline) durably: written, flushed and fsynced before
    returning. A torn last line is set aside first (`set_torn_line_aside`)."""
    set_torn_line_aside(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def set_torn_line_aside(path: Path) -> str | None:
    """Move a last line cut off by a crash (no newline at the end) to `<log>.torn`, fsynced
    there before it is cut from the log, so the next line starts on a line of its own
    instead of being glued onto the fragment (which would make both unreadable). That line
    was never confirmed to anyone; it is kept, not repaired. Returns the fragment moved."""
    if not path.is_file():
        return None
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return None
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return None
        handle.seek(0)
        data = handle.read()
        keep = data.rfind(b"\n") + 1
        with torn_path(path).open("ab") as torn:
            torn.write(data[keep:] + b"\n")
            torn.flush()
            os.fsync(torn.fileno())
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return data[keep:].decode("utf-8", errors="replace")


def complete_lines(path: Path) -> tuple[list[str], str | None]:
    """The log's complete lines (each ended by a newline), and the cut-off last line if
    there is one (never confirmed: the caller reports and ignores it). A missing log has
    no lines."""
    if not path.is_file():
        return [], None
    lines = path.read_text(encoding="utf-8").split("\n")
    torn = lines.pop()  # the part after the last newline was never confirmed
    return lines, torn or None
