"""Inter-reviewer agreement: the contract of `curate review --agreement` and its screen."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Method = Literal["cohen", "fleiss", "krippendorff"]
"""Cohen's kappa (the same two reviewers on every item), Fleiss' kappa (the same number of
reviewers on every item, any of them), Krippendorff's alpha, nominal (numbers differ)."""


class AgreementRow(BaseModel):
    """Agreement on the records of one category (or on all of them) that two or more
    reviewers decided on."""

    model_config = ConfigDict(extra="forbid")

    category: str | None
    """The dataset's category of the records; null on the overall row."""
    items: int
    """Records with standing decisions from two or more reviewers."""
    raters: int
    """Different reviewers among those decisions."""
    ratings: int
    """Standing decisions compared."""
    percent_agreement: float
    """Share of agreeing reviewer pairs per record, averaged over records (0..1)."""
    kappa: float | None
    """Chance-corrected agreement by `method`; null where chance agreement is total (every
    reviewer gave the same single label, so there is nothing to correct for)."""
    method: Method
    interpretation: str
    """Landis and Koch's band for `kappa`: poor, slight, fair, moderate, substantial,
    almost perfect; 'undefined' where kappa is null."""


class AgreementReport(BaseModel):
    """Agreement per category and overall on records reviewed by more than one person."""

    model_config = ConfigDict(extra="forbid")

    labels: list[str] = Field(default_factory=lambda: ["keep", "reject", "edit", "flag"])
    """What is compared: each reviewer's standing decision on the record."""
    reviewers: list[str] = Field(default_factory=list)
    """Everyone with a standing decision in the journals, sorted."""
    reviewed: int = 0
    """Records with at least one standing decision."""
    overall: AgreementRow | None = None
    """Null when no record has decisions from two reviewers."""
    categories: list[AgreementRow] = Field(default_factory=list)
    """One row per category with such records, by category name (no category last)."""
