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


KEEP = "keep"
"""Detail key (str): the record a drop-fix keeps of a group of copies."""
DROP = "drop"
"""Detail key (list[str]): the records a drop-fix leaves out; each a copy of `keep`."""
SIMILARITY = "similarity"
"""Detail key (dict): DUP002, for each dropped record its similarity to `keep`, per side
compared (`{"input": 0.91, "output": 0.88}`)."""
STRENGTH = "strength"
"""Detail key (float): MOD rules, how far the model disagrees with the record; the review
app's "model disagrees" queue puts the strongest first."""
KEY = "key"
"""Detail key (str): what a duplicate rule compared: `input`, `output` or `both`."""
HITS = "hits"
"""Detail key (list[dict]): LEAK005/LEAK006, each span a redact-fix replaces: `field`
(`input` or `output`), `kind`, `start`, `end` (character offsets in the field)."""
REVIEWED_BY = "reviewed_by"
"""Detail key (list[str]): the reviewers who kept every record the finding blames."""
ORIGINAL_SEVERITY = "original_severity"
"""Detail key (str): a reviewed finding's severity before review turned it into `info`."""


class Finding(BaseModel):
    """One problem found by a rule.

    A finding on a group (a duplicate cluster, a conflicting pair) lists every record of
    the group; `detail` says which one a fix keeps. The keys that fixes and reviews read
    are the constants above; other keys are the rule's own facts, documented with it.
    """

    model_config = ConfigDict(extra="forbid")

    rule: str
    name: str
    severity: Severity
    message: str
    records: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    detail: dict[str, Any] = Field(default_factory=dict)
