"""Datasets named by URL (`hf://datasets/org/name/train.jsonl`, `s3://...`, `file:///...`),
read through fsspec (the `hub` extra) where the network allows; one clear line otherwise."""

from __future__ import annotations

import re
from pathlib import Path

from curate.io.errors import DatasetError

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):/")
INSTALL_HUB = "pip install 'curate-sft[hub]'"


def url_of(path: Path) -> str | None:
    """The URL a command-line path stands for, or None for a local path. A `Path` folds
    `hf://x` to `hf:/x`; the slashes are put back (three for `file:`)."""
    match = _SCHEME.match(str(path))
    if match is None or len(match.group(1)) < 2:  # `C:/data` is a Windows drive, not a URL
        return None
    scheme, rest = match.group(1).lower(), str(path)[match.end() :].lstrip("/")
    return f"file:///{rest}" if scheme == "file" else f"{scheme}://{rest}"


def read_url(url: str) -> bytes:
    """The bytes at `url`, or a DatasetError naming what is missing or unreachable."""
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        raise DatasetError(url, f"reading a URL needs fsspec: {INSTALL_HUB}") from None
    try:
        with fsspec.open(url, "rb") as handle:
            return bytes(handle.read())
    except FileNotFoundError:
        raise DatasetError(url, "no such file at this URL") from None
    except ImportError as exc:
        raise DatasetError(url, f"reading this URL needs {exc.name}: {INSTALL_HUB}") from None
    except ValueError as exc:  # an unknown protocol
        raise DatasetError(url, f"cannot read this URL: {str(exc).splitlines()[0]}") from None
    except Exception as exc:  # network clients raise many kinds when offline
        raise DatasetError(
            url,
            f"cannot reach it ({type(exc).__name__}); offline, download the file and pass "
            "its local path",
        ) from None
