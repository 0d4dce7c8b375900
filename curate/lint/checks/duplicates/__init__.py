"""DUP: exact and near copies, conflicting answers, templated answers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from curate.lint.rule import RuleOptions


class KeyOptions(RuleOptions):
    key: Literal["input", "output", "both"] = "both"
    """Compare the input, the output, or both (input and output together)."""


class NearOptions(KeyOptions):
    threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    """Jaccard similarity of word n-gram sets at which two records are near duplicates.
    0.5 with word pairs catches 1-3 edited words in a 20-200-word example."""
    ngram: int = Field(default=2, ge=1, le=8)
    """Words per shingle."""
    num_perm: int = Field(default=128, ge=16, le=1024)
    """MinHash permutations: more is more accurate and slower."""
