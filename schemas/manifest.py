"""`manifest.json` of `curate split`: what went where, and how to check it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputFile(_Model):
    path: str
    sha256: str
    records: int
    """Records read (unreadable lines are not records; they are listed under `dropped`)."""


class OutputFile(_Model):
    path: str
    """Relative to the manifest's folder."""
    sha256: str
    records: int


class DroppedRecord(_Model):
    """A record (or unreadable line) that is in no split, and why."""

    id: str | None
    source: str
    line: int
    reason: str


class SplitManifest(_Model):
    """Everything needed to reproduce and verify a split."""

    tool: str
    """`curate <version>`."""
    inputs: list[InputFile]
    seed: int
    ratios: dict[str, float]
    stratify: str
    counts: dict[str, dict[str, int]]
    """Records per split per stratum value (`(none)` for records without one)."""
    totals: dict[str, int]
    groups: int
    """Duplicate groups (same or near-same input) kept whole inside one split."""
    dropped: list[DroppedRecord] = Field(default_factory=list)
    outputs: dict[str, list[OutputFile]] = Field(default_factory=dict)
    """Files written per split (JSONL, and Parquet with `--parquet`)."""
    too_small_to_stratify: list[str] = Field(default_factory=list)
    """Strata with fewer than 3 records: they cannot have a record in every split."""
