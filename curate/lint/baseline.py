"""Baselines: accept today's findings so only new problems fail the linter.

A finding is keyed by its rule and the content of its records (a hash of input and output),
not by ids or line numbers, so the baseline survives re-ordering and re-exports; a record
whose text changes is a new record.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl

from curate import __version__
from curate.config import ConfigError
from curate.io.atomic import write_text_atomic
from curate.schemas.finding import Finding

VERSION = 1


def fingerprints(findings: list[Finding], frame: pl.DataFrame) -> list[str]:
    """One stable fingerprint per finding."""
    wanted = {rid for f in findings for rid in f.records}
    texts = frame.filter(pl.col("id").is_in(list(wanted))).select("id", "input", "output")
    content = {
        rid: hashlib.sha256(f"{i}\x1f{o}".encode()).hexdigest()[:16]
        for rid, i, o in texts.iter_rows()
    }
    result = []
    for finding in findings:
        if finding.records:
            parts = sorted(content.get(rid, rid) for rid in finding.records)
        else:  # a finding without records (a bad line, the dataset size): its message
            parts = [finding.message, *sorted(Path(loc.path).name for loc in finding.locations)]
        digest = hashlib.sha256("\x1e".join([finding.rule, *parts]).encode()).hexdigest()
        result.append(f"{finding.rule}:{digest[:24]}")
    return result


def write_baseline(path: Path, findings: list[Finding], frame: pl.DataFrame) -> int:
    """Record the findings as accepted; returns how many were written."""
    prints = sorted(set(fingerprints(findings, frame)))
    document = {"version": VERSION, "tool": f"curate {__version__}", "fingerprints": prints}
    write_text_atomic(path, json.dumps(document, indent=2) + "\n")
    return len(prints)


def load_baseline(path: Path) -> set[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable baseline: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ConfigError(f"{path}: not a curate baseline (version {VERSION})")
    return set(document.get("fingerprints", []))


def without_baseline(
    findings: list[Finding], frame: pl.DataFrame, baseline: set[str]
) -> tuple[list[Finding], int]:
    """The findings not in the baseline, and how many were left out."""
    kept = [
        f
        for f, fp in zip(findings, fingerprints(findings, frame), strict=True)
        if fp not in baseline
    ]
    return kept, len(findings) - len(kept)
