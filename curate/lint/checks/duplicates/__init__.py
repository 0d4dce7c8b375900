"""DUP: exact and near copies, conflicting answers, templated answers."""

from __future__ import annotations

from pydantic import Field

from curate.dedup import NearDuplicateParams
from curate.dedup.groups import Key
from curate.dedup.pairs import RecordPairParams
from curate.lint.rule import RuleOptions


class KeyOptions(RuleOptions):
    key: Key = "both"
    """Compare the input, the output, or both (a record: its input and its output each)."""


class NearOptions(KeyOptions):
    threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    """Jaccard similarity of word n-gram sets at which two texts are near duplicates.
    0.5 with word pairs catches 1-3 edited words in a 20-200-word example. With `key =
    "both"` it is the default of `input-threshold` and `output-threshold`."""
    input_threshold: float | None = Field(default=None, gt=0.0, le=1.0)
    """`key = "both"`: how near two inputs must be (default: `threshold`)."""
    output_threshold: float | None = Field(default=None, gt=0.0, le=1.0)
    """`key = "both"`: how near two outputs must be (default: `threshold`)."""
    canned_input_threshold: float = Field(default=0.8, gt=0.0, le=1.0)
    """`key = "both"`: how near two inputs must be when both records give the same canned
    reply (one that answers `canned-min-inputs` different inputs): the reply is no evidence."""
    canned_min_inputs: int = Field(default=3, ge=2)
    """`key = "both"`: a reply given to this many different inputs is canned."""
    min_words: int = Field(default=10, ge=0)
    """Texts with fewer words are near only when nearly equal (same words, or one typo in a
    word of 5+ letters), whatever their Jaccard; 0 turns this off."""
    ngram: int = Field(default=2, ge=1, le=8)
    """Words per shingle."""
    num_perm: int = Field(default=128, ge=16, le=1024)
    """MinHash permutations: more is more accurate and slower."""

    def text_params(self) -> NearDuplicateParams:
        """The near-duplicate parameters of one text (`key = "input"` or `"output"`)."""
        return self._params(self.threshold)

    def record_params(self) -> RecordPairParams:
        """The pair rule's parameters (`key = "both"`)."""
        return RecordPairParams(
            input=self._params(self.input_threshold or self.threshold),
            output=self._params(self.output_threshold or self.threshold),
            canned_input_threshold=self.canned_input_threshold,
            canned_min_inputs=self.canned_min_inputs,
        )

    def _params(self, threshold: float) -> NearDuplicateParams:
        return NearDuplicateParams(
            threshold=threshold, ngram=self.ngram, num_perm=self.num_perm, min_words=self.min_words
        )
