"""The JSON contract of `curate lint --output-format json`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from curate.schemas.finding import Finding


class LintSummary(BaseModel):
    """Counts over the whole run, after baseline and severity overrides."""

    model_config = ConfigDict(extra="forbid")

    records: int
    errors: int
    warnings: int
    infos: int
    by_rule: dict[str, int] = Field(default_factory=dict)
    reviewed: int = 0
    """Findings on records a reviewer kept: counted as infos (see `detail.reviewed_by`)."""


class RuleTiming(BaseModel):
    """Seconds one rule took (its share of shared work is counted where it was first needed)."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    seconds: float
    findings: int


class LintReport(BaseModel):
    """Everything `curate lint` found."""

    model_config = ConfigDict(extra="forbid")

    summary: LintSummary
    config: str | None = None
    """The configuration file used (given, or found from the current folder upwards); None
    when the defaults applied."""
    findings: list[Finding]
    timings: list[RuleTiming] | None = None
    """Present with `--statistics`."""
