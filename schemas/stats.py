"""What `curate stats` reports: the JSON contract of `curate stats --output-format json`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileStats(_Model):
    """One input file."""

    path: str
    kind: str
    shape: str
    records: int
    unreadable: int


class CategoryCount(_Model):
    """One category; `category` is null for records without one."""

    category: str | None
    count: int
    share: float


class Percentiles(_Model):
    """Length percentiles of one text field, in one unit (chars or words)."""

    field: str
    unit: str
    p5: int
    p25: int
    p50: int
    p75: int
    p95: int
    max: int


class UnreadableRecord(_Model):
    path: str
    line: int
    kind: str
    message: str


class DatasetStats(_Model):
    """The first look at a dataset."""

    records: int
    unreadable: int
    files: list[FileStats]
    categories: list[CategoryCount]
    lengths: list[Percentiles]
    languages: dict[str, int] = Field(default_factory=dict)
    """Counts by the file's own `lang`/`language` field, when it has one."""
    unreadable_records: list[UnreadableRecord] = Field(default_factory=list)
