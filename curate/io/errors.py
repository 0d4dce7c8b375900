"""Errors of reading: a whole input that cannot be read, and single records that cannot."""

from __future__ import annotations

from dataclasses import dataclass


class DatasetError(Exception):
    """An input cannot be read at all (missing, a directory, binary, empty, wrong format).

    `str()` is one line: `path: line N: what is wrong` (the line only where there is one).
    """

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}: line {line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class ReadIssue:
    """One record that could not be read; the rest of the file still is.

    `kind` is stable for rules to key on: invalid-json, invalid-utf8, nul-byte,
    not-an-object, missing-field, null-field, wrong-type, duplicate-key, bad-row.
    """

    path: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
