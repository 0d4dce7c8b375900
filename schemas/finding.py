"""Findings: what a lint rule reports about one record or a group of records."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    """How bad a finding is. Only `error` makes `curate lint` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Location(BaseModel):
    """Where a record lives: a file and a 1-based line (or row, for Parquet)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    line: int | None = None


class Finding(BaseModel):
    """One problem found by a rule.

    A finding on a group (a duplicate cluster, a conflicting pair) lists every record of
    the group; `detail` says which one a fix keeps.
    """

    model_config = ConfigDict(extra="forbid")

    rule: str
    name: str
    severity: Severity
    message: str
    records: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    detail: dict[str, Any] = Field(default_factory=dict)
