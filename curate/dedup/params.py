"""The parameters of the near-duplicate search.

They are validated once, where they are made, so that every stage (shingles, MinHash, LSH
bands, verification) can take them as given.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NearDuplicateParams:
    """How near duplicates are found.

    Attributes:
        threshold: Jaccard similarity of the word n-gram sets at which two texts are near
            duplicates.
        ngram: Word n-gram size of the shingles.
        num_perm: Number of MinHash permutations.
        seed: Seed of the word hashes and the MinHash permutations.
        min_words: Texts with fewer words than this are near duplicates only when nearly
            equal (see ``curate.dedup.short``), whatever their Jaccard; 0 turns that off.
    """

    threshold: float = 0.5
    ngram: int = 2
    num_perm: int = 128
    seed: int = 1
    min_words: int = 10

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.ngram < 1:
            raise ValueError(f"ngram must be >= 1, got {self.ngram}")
        if self.num_perm < 2:
            raise ValueError(f"num_perm must be >= 2, got {self.num_perm}")
        if not 0 <= self.seed < 1 << 32:
            raise ValueError(f"seed must be in [0, 2**32), got {self.seed}")
        if self.min_words < 0:
            raise ValueError(f"min_words must be >= 0, got {self.min_words}")
