"""Shared fixtures: paths to the samples and a writer for small files.

Every test runs with an empty model cache of its own (`CURATE_CACHE`): lint takes the
training model's tokenizer from the cache where a conversion is there, so a machine where
`make demo` ran must not lint differently from a fresh one. Tests that need the converted
default model convert it into their own cache.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def pytest_configure(config: pytest.Config) -> None:
    os.environ["CURATE_CACHE"] = tempfile.mkdtemp(prefix="curate-test-cache-")
    # Lint's per-text cache: one for the session, never a .curate_cache in the checkout.
    os.environ["CURATE_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="curate-test-lint-cache-")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return _write
