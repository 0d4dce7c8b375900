"""Near pairs, every one of them verified: what a fix may drop records by.

``near_duplicates`` (``search``) joins texts into clusters by single linkage and verifies a
candidate only while its rows are not joined yet: right for keeping related records together
(splits, leakage), wrong for deciding which records are copies of which, since a chain of
near texts can join two that are nothing alike. Here every candidate is verified, so every
pair returned is near in its own right.

``record_pairs`` is the pair rule for whole records: two records are near copies only when
their inputs are near each other and their outputs are near each other, each side by its own
threshold. A shared canned reply alone, or a dialogue whose reply is the next record's
request, never makes two records copies. Two more rules keep templated questions apart:

- Inputs that each have a number the other lacks (a word with a digit: an order number,
  an amount, a date, a discount code) are about different things, however alike the rest
  of the words: "order FW-513238 never arrived" and "order FW-478023 never arrived" are two
  orders. (A number dropped from one copy is an edit, not another order.)
- Where both records give the same canned reply (one that answers at least
  ``canned_min_inputs`` different inputs), the reply is no evidence of copying, so inputs
  long enough for a Jaccard must be near by the stricter ``canned_input_threshold``: "I
  never got the return label for my Kestrel stove" and "... my Driftwood hammock" share
  64% of their word pairs and are two customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from curate.dedup.joined import JoinedTexts
from curate.dedup.judge import judge_pairs
from curate.dedup.params import NearDuplicateParams
from curate.dedup.search import candidate_pairs
from curate.dedup.shingles import _as_text
from curate.dedup.short import word_counts
from curate.io.analysis_cache import KEYS, AnalysisCache, fold_keys, text_keys
from curate.normalize import dedup_text

# Candidate pairs judged per step (bounds the memory of the exact comparison).
_JUDGE_BLOCK = 65_536


@dataclass
class NearPairs:
    """Verified near pairs of rows.

    Attributes:
        pairs: Shape (P, 2) int64, rows ``i < j``, sorted.
        similarity: Shape (P, sides) float64: the exact n-gram Jaccard of each pair, one
            column per side compared (one for a single text, two for input and output).
    """

    pairs: np.ndarray
    similarity: np.ndarray


@dataclass(frozen=True)
class RecordPairParams:
    """How near the inputs and how near the outputs of two records must be."""

    input: NearDuplicateParams = field(default_factory=NearDuplicateParams)
    output: NearDuplicateParams = field(default_factory=NearDuplicateParams)
    canned_input_threshold: float = 0.8
    canned_min_inputs: int = 3

    def __post_init__(self) -> None:
        if (self.input.ngram, self.input.num_perm, self.input.seed) != (
            self.output.ngram,
            self.output.num_perm,
            self.output.seed,
        ):
            raise ValueError("input and output must share ngram, num_perm and seed")


def near_pairs(
    texts: pl.Series,
    params: NearDuplicateParams,
    candidates_mask: np.ndarray | None = None,
    cache: AnalysisCache | None = None,
) -> NearPairs:
    """Every pair of rows whose texts are near (``judge.judge_pairs``).

    Args:
        texts: Normalised texts.
        params: Threshold, n-gram size, permutations, seed and the short-text length.
        candidates_mask: Rows where it is False are never in a pair.
    """
    texts = _as_text(texts)
    left, right = candidate_pairs(texts, params, candidates_mask, cache)
    return _judged(left, right, [(texts, params)])


def record_pairs(
    inputs: pl.Series,
    outputs: pl.Series,
    params: RecordPairParams,
    candidates_mask: np.ndarray | None = None,
    cache: AnalysisCache | None = None,
) -> NearPairs:
    """Every pair of records whose inputs are near and whose outputs are near.

    Candidates come from one LSH pass over input and output joined: when both sides of a
    pair reach their thresholds, the joined texts' Jaccard (a mediant of the two sides'
    fractions) reaches the lower threshold, so searching the joined texts at the lower
    threshold finds them. Each candidate is then judged on each side separately.

    Args:
        inputs: Normalised inputs.
        outputs: Normalised outputs, row for row.
        params: The threshold (and short-text length) of each side, and the canned-reply
            rule.
        candidates_mask: Rows where it is False are never in a pair.

    Returns:
        The pairs, with the similarity of the inputs and of the outputs.
    """
    inputs, outputs = _as_text(inputs), _as_text(outputs)
    if len(inputs) != len(outputs):
        raise ValueError(f"{len(inputs)} inputs but {len(outputs)} outputs")
    # Joined a chunk at a time where they are signed, never all at once (a gigabyte at 1M).
    joined = JoinedTexts(inputs, outputs)
    return _near_records(
        joined,
        params,
        candidates_mask,
        cache,
        lambda: _inputs_per_output(text_keys(inputs), text_keys(outputs)),
    )


def normalised_record_pairs(
    inputs: pl.Series,
    outputs: pl.Series,
    normal_keys: tuple[pl.DataFrame, pl.DataFrame],
    params: RecordPairParams,
    candidates_mask: np.ndarray,
    cache: AnalysisCache,
) -> NearPairs:
    """`record_pairs` of the normal forms (`dedup_text`) of raw `inputs` and `outputs`,
    given the `text_keys` of those normal forms: a text is normalised only where it is
    signed (its signature is not in `cache`) or judged (it is in a candidate pair). A warm
    lint of 100k records normalised every one of them before (0.2 s of CPU)."""
    inputs, outputs = _as_text(inputs), _as_text(outputs)
    keys = fold_keys(list(normal_keys))
    joined = JoinedTexts(inputs, outputs, prepare=dedup_text, known_keys=keys)
    return _near_records(
        joined, params, candidates_mask, cache, lambda: _inputs_per_output(*normal_keys)
    )


def _near_records(
    joined: JoinedTexts,
    params: RecordPairParams,
    candidates_mask: np.ndarray | None,
    cache: AnalysisCache | None,
    inputs_per_output: Callable[[], np.ndarray],
) -> NearPairs:
    lower = min(params.input.threshold, params.output.threshold)
    left, right = candidate_pairs(
        joined, replace(params.input, threshold=lower), candidates_mask, cache
    )
    inputs, outputs = joined.sides(np.unique(np.concatenate([left, right])))
    found = _judged(left, right, [(inputs, params.input), (outputs, params.output)])
    return _templated_apart(found, inputs, outputs, params, inputs_per_output)


def _inputs_per_output(inputs: pl.DataFrame, outputs: pl.DataFrame) -> np.ndarray:
    """Per record, how many different inputs share its output, from the texts' keys."""
    first, second = KEYS
    frame = pl.DataFrame(
        {
            "i0": inputs.get_column(first),
            "i1": inputs.get_column(second),
            "o0": outputs.get_column(first),
            "o1": outputs.get_column(second),
        }
    )
    shared = frame.select(pl.struct("i0", "i1").n_unique().over("o0", "o1"))
    return shared.to_series().to_numpy()


def _templated_apart(
    found: NearPairs,
    inputs: pl.Series,
    outputs: pl.Series,
    params: RecordPairParams,
    inputs_per_output: Callable[[], np.ndarray],
) -> NearPairs:
    """The pairs less those whose inputs' numbers differ, and those that share a canned
    reply without their inputs reaching ``params.canned_input_threshold``. The texts are
    read at the pairs' rows only."""
    if len(found.pairs) == 0:
        return found
    left, right = found.pairs[:, 0], found.pairs[:, 1]
    keep = ~_numbers_conflict(inputs, left, right)
    same_reply = (outputs.gather(left) == outputs.gather(right)).fill_null(False).to_numpy()
    if same_reply.any():
        canned = (inputs_per_output()[left] >= params.canned_min_inputs) & same_reply
        weak = found.similarity[:, 0] < params.canned_input_threshold - 1e-12
        # Short inputs were judged by near-equality, which is stricter than any Jaccard.
        words = np.minimum(word_counts(inputs, left), word_counts(inputs, right))
        keep &= ~(canned & weak & (words >= params.input.min_words))
    return NearPairs(found.pairs[keep], found.similarity[keep])


def _numbers_conflict(texts: pl.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """True where each of the two texts has a number (a word with a digit) the other lacks."""
    firsts = texts.gather(left).str.extract_all(r"\w*\d\w*").to_list()
    seconds = texts.gather(right).str.extract_all(r"\w*\d\w*").to_list()
    return np.fromiter(
        (
            bool(set(a or ()) - set(b or ())) and bool(set(b or ()) - set(a or ()))
            for a, b in zip(firsts, seconds, strict=True)
        ),
        dtype=bool,
        count=len(firsts),
    )


def _judged(
    left: np.ndarray, right: np.ndarray, sides: list[tuple[pl.Series, NearDuplicateParams]]
) -> NearPairs:
    """The candidate pairs that are near on every side, with each side's similarity.

    Sides are judged in turn, each only on the pairs the earlier sides kept."""
    kept: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for start in range(0, len(left), _JUDGE_BLOCK):
        block = np.stack([left[start : start + _JUDGE_BLOCK], right[start : start + _JUDGE_BLOCK]])
        columns: list[np.ndarray] = []
        for texts, params in sides:
            similarity, near = judge_pairs(texts, params, block[0], block[1])
            block = block[:, near]
            columns = [column[near] for column in columns] + [similarity[near]]
        kept.append(block.T)
        values.append(np.stack(columns, axis=1))
    if not kept:
        return NearPairs(np.empty((0, 2), dtype=np.int64), np.empty((0, len(sides))))
    pairs = np.concatenate(kept).astype(np.int64)
    similarity = np.concatenate(values)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return NearPairs(pairs[order], similarity[order])
