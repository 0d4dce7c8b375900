"""Model signals of a run: where the tuned model says a record does not fit its data.

After training, the trainer scores every training and validation record with the tuned
model (`curate.trainer.signals`) and writes `signals.parquet` into the run folder, one row
per record. This module is the torch-free half: the numbers that turn raw scores into
findings, the file's columns, and reading it back against a dataset for the MOD rules and
the review app.

Two signals, each ranked worst first:

- **hard to learn** (`z`): three measures of the reply under the tuned model, each
  corrected for length (least squares on the log token count, over all records: per-token
  loss falls with length) and made a robust z-score within its category (median and MAD;
  categories differ, a canned "thanks, closed" reply is easier than a troubleshooting one;
  categories of fewer than `MIN_CATEGORY` records are compared with all records); `z` is
  the largest of the three:
  - `loss`: the reply's mean token loss; high for a reply unlike every reply trained on;
  - `lift`: how much the prompt lowers that loss (the loss with the prompts emptied minus
    the loss with them, per token); low for a reply that does not answer its prompt,
    such as another record's reply;
  - `contradiction`: the `WORST_TOKENS` largest rises in token loss that the prompt causes;
    high where the input argues against a token, such as another customer's name or a
    changed order number in an otherwise ordinary reply.
  On the demo sample with planted errors (`benchmarks/model_signals.py`) `lift` found most
  swapped replies and `contradiction` most changed facts, where the loss alone found few.
- **another category's neighbours** (`suspect_category`): the record's nearest records by
  the tuned model's own representation (mean of its last hidden layer), `NEIGHBOURS` of
  them by cosine similarity. When their categories outvote the record's own by a wide
  margin, the record may be filed under the wrong one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from curate.io import Dataset
from curate.io.atomic import write_atomic
from curate.io.errors import DatasetError
from curate.proof.run_files import predictions_path, primary_metric_of

SIGNALS = "signals.parquet"
"""In the run folder: one row per training and validation record the tuned model scored."""

MEASURES = ("loss", "lift", "contradiction")
"""The measures `z` is the largest of (lift counted downwards: low lift is suspect)."""
MIN_CATEGORY = 8
"""Categories with fewer scored records are compared with all records."""
WORST_TOKENS = 3
"""`contradiction` is the mean rise of this many of the reply's tokens."""
NEIGHBOURS = 10
"""Nearest records whose categories vote on a record's own."""

COLUMNS: dict[str, pl.DataType] = {
    "id": pl.String(),
    "split": pl.String(),
    "category": pl.String(),
    "output_sha256": pl.String(),
    "loss": pl.Float64(),
    "lift": pl.Float64(),
    "contradiction": pl.Float64(),
    "tokens": pl.Int64(),
    "z": pl.Float64(),
    "why": pl.String(),
    "fold": pl.Int64(),
    "held_out": pl.Boolean(),
    "rank": pl.Int64(),
    "suspect_category": pl.String(),
    "own_share": pl.Float64(),
    "suspect_share": pl.Float64(),
    "neighbours": pl.List(pl.String()),
}
"""The columns of `signals.parquet`. `fold` is the out-of-fold adapter that scored the
record (null: the run's own adapter); `held_out` whether that adapter never trained on it
(validation records, and every record under `--folds`); `rank` 1 is the hardest reply;
`why` the measure whose z-score is `z`: `loss`, `lift` or `contradiction`."""


def output_sha256(text: str | None) -> str:
    """What a signal is checked against: a record edited since the run is not the record
    the model scored."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RecordScore:
    """The tuned model's view of one record's reply."""

    loss: float
    """Mean cross-entropy of the trained tokens."""
    lift: float
    """Mean over the reply's tokens of the loss with the prompts emptied minus the loss with
    them: how much the prompt explains the reply."""
    contradiction: float
    """Mean of the `WORST_TOKENS` largest rises in token loss that the prompt causes: the
    tokens the input argues against."""
    tokens: int
    embedding: np.ndarray
    """Mean of the last hidden layer over the record's tokens."""


def robust_z(values: np.ndarray, tokens: np.ndarray, categories: list[str | None]) -> np.ndarray:
    """Length-corrected, within-category robust z-scores of `values` (see the module doc)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    logs = np.log(np.maximum(np.asarray(tokens, dtype=float), 1.0))
    residual = values - values.mean()
    if np.ptp(logs) > 0:
        slope, intercept = np.polyfit(logs, values, 1)
        residual = values - (slope * logs + intercept)
    z = np.empty_like(residual)
    labels = np.array([c or "" for c in categories], dtype=object)
    pooled = _z_of(residual, residual)
    for label in set(labels.tolist()):
        members = labels == label
        if members.sum() >= MIN_CATEGORY:
            z[members] = _z_of(residual[members], residual[members])
        else:
            z[members] = pooled[members]
    return z


def _z_of(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    median = float(np.median(reference))
    spread = 1.4826 * float(np.median(np.abs(reference - median)))
    if spread <= 1e-9:
        spread = float(reference.std()) or 1.0
    return (values - median) / spread


@dataclass(frozen=True)
class CategoryVotes:
    suspect: list[str | None]
    """Per record, the category its neighbours vote for when it is not its own, else None."""
    own_share: np.ndarray
    suspect_share: np.ndarray
    neighbours: list[list[int]]
    """Per record, its nearest records (row numbers), nearest first."""


def category_votes(
    embeddings: np.ndarray,
    categories: list[str | None],
    k: int = NEIGHBOURS,
    chunk: int = 2048,
) -> CategoryVotes:
    """Each record's `k` nearest other records by cosine similarity, and how their
    categories vote, weighted by similarity. Computed in chunks of rows, so memory stays
    at `chunk` × records floats."""
    n = len(categories)
    unit = np.asarray(embeddings, dtype=np.float32)
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    labels = [c or "" for c in categories]
    names = sorted(set(labels))
    code = np.array([names.index(c) for c in labels], dtype=np.int64)
    k = max(0, min(k, n - 1))
    suspect: list[str | None] = [None] * n
    own = np.ones(n)
    other = np.zeros(n)
    nearest: list[list[int]] = [[] for _ in range(n)]
    if k == 0:
        return CategoryVotes(suspect, own, other, nearest)
    for start in range(0, n, chunk):
        block = unit[start : start + chunk] @ unit.T
        rows = np.arange(block.shape[0])
        block[rows, rows + start] = -np.inf  # never its own neighbour
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        for r, candidates in enumerate(top):
            i = start + r
            weights = np.maximum(block[r, candidates], 0.0)
            order = np.argsort(-block[r, candidates], kind="stable")
            nearest[i] = [int(candidates[j]) for j in order]
            total = float(weights.sum())
            if total <= 0 or not labels[i]:
                continue
            votes = np.bincount(code[candidates], weights=weights, minlength=len(names)) / total
            own[i] = votes[code[i]]
            votes[code[i]] = -1.0
            best = int(votes.argmax())
            other[i] = max(float(votes[best]), 0.0)
            if names[best] and other[i] > own[i]:
                suspect[i] = names[best]
    return CategoryVotes(suspect, own, other, nearest)


def signals_frame(
    ids: list[str],
    splits: list[str],
    categories: list[str | None],
    outputs: list[str],
    scores: list[RecordScore],
    folds: list[int | None],
    held_out: list[bool],
) -> pl.DataFrame:
    """The rows of `signals.parquet` from each record's score."""
    loss = np.array([s.loss for s in scores], dtype=float)
    lift = np.array([s.lift for s in scores], dtype=float)
    contradiction = np.array([s.contradiction for s in scores], dtype=float)
    tokens = np.array([s.tokens for s in scores], dtype=np.int64)
    measures = np.array(
        [
            robust_z(loss, tokens, categories),
            robust_z(-lift, tokens, categories),
            robust_z(contradiction, tokens, categories),
        ]
    ).reshape(3, len(ids))
    z = measures.max(axis=0)
    why = [MEASURES[int(i)] for i in measures.argmax(axis=0)]
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(-z, kind="stable")] = np.arange(1, len(ids) + 1)
    dim = scores[0].embedding.shape[0] if scores else 1
    embeddings = np.stack([s.embedding for s in scores]) if scores else np.zeros((0, dim))
    votes = category_votes(embeddings, categories)
    frame = pl.DataFrame(
        {
            "id": ids,
            "split": splits,
            "category": categories,
            "output_sha256": [output_sha256(o) for o in outputs],
            "loss": loss,
            "lift": lift,
            "contradiction": contradiction,
            "tokens": tokens,
            "z": z,
            "why": why,
            "fold": folds,
            "held_out": held_out,
            "rank": rank,
            "suspect_category": votes.suspect,
            "own_share": votes.own_share,
            "suspect_share": votes.suspect_share,
            "neighbours": [[ids[j] for j in row] for row in votes.neighbours],
        },
        schema=COLUMNS,
    )
    return frame.sort("rank")


def write_signals(run: Path, frame: pl.DataFrame) -> Path:
    """Write `signals.parquet` into `run`, atomically."""
    path = run / SIGNALS
    write_atomic(path, lambda handle: frame.write_parquet(handle))
    return path


def read_signals(run: Path) -> pl.DataFrame:
    """`run`'s signals; `DatasetError` (one line) when the run has none or they are not
    curate's."""
    path = run / SIGNALS
    if not run.is_dir():
        raise DatasetError(str(run), "not a run folder (curate run/train --out makes one)")
    if not path.is_file():
        raise DatasetError(
            str(run),
            f"no {SIGNALS} in this run folder (trained with --no-signals, or by an older "
            f"curate): `curate signals {run}` computes them",
        )
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises several kinds for a damaged file
        raise DatasetError(str(path), f"not a readable Parquet file ({exc})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DatasetError(str(path), f"not curate's signals: no column {', '.join(missing)}")
    try:
        return frame.select(list(COLUMNS)).cast(COLUMNS)  # type: ignore[arg-type]
    except pl.exceptions.PolarsError as exc:
        raise DatasetError(str(path), f"a column has the wrong type ({exc})") from None


@dataclass(frozen=True)
class MatchedSignals:
    """A run's signals on the records of a dataset.

    `frame` holds the signal columns with `id` the dataset's own ids (qualified where the
    dataset qualifies them) and `row` the record's row in the dataset's frame; `changed`
    counts scored records whose reply differs now; `missing` those not in the dataset.
    """

    run: Path
    frame: pl.DataFrame
    scored: int
    changed: int
    missing: int

    @cached_property
    def _index_of_row(self) -> dict[int, int]:
        return {row: i for i, row in enumerate(self.frame.get_column("row").to_list())}

    def at_row(self, row: int) -> dict[str, Any] | None:
        """The signals of the dataset's record at `row`, None when the run did not score it."""
        index = self._index_of_row.get(row)
        return None if index is None else self.frame.row(index, named=True)

    def note(self) -> str | None:
        """One line about signals left unused, or None when every one applies."""
        parts = []
        if self.changed:
            parts.append(f"{_records(self.changed)} changed since (reply edited)")
        if self.missing:
            parts.append(f"{self.missing} not in this data")
        if not parts:
            return None
        return (
            f"{self.run}: of the {self.scored} records the run scored, "
            f"{' and '.join(parts)}: their signals are not used"
        )


def _records(n: int) -> str:
    return f"{n} record" if n == 1 else f"{n} records"


def match_signals(run: Path, dataset: Dataset) -> MatchedSignals:
    """The run's signals joined to `dataset` by the record's own id and checked against its
    current reply. A run none of whose records is in the dataset is an error: it was
    trained on another dataset or another version of it."""
    signals = read_signals(run)
    frame = dataset.frame
    local = [dataset.local_id(rid) for rid in frame.get_column("id")]
    ours = pl.DataFrame(
        {
            "local": local,
            "dataset_id": frame.get_column("id"),
            "row": np.arange(frame.height, dtype=np.int64),
            "current_sha256": [output_sha256(o) for o in frame.get_column("output")],
        }
    )
    joined = signals.join(ours, left_on="id", right_on="local", how="inner")
    same = joined.filter(pl.col("output_sha256") == pl.col("current_sha256"))
    changed = joined.height - same.height
    missing = signals.height - joined.height
    if signals.height and same.is_empty():
        raise DatasetError(
            str(run / SIGNALS),
            f"none of the {signals.height} records this run scored is in the data "
            f"({missing} ids missing, {changed} replies changed): the run was made from "
            "another dataset or another version of it",
        )
    matched = same.with_columns(pl.col("dataset_id").alias("id")).drop(
        "dataset_id", "current_sha256"
    )
    return MatchedSignals(run, matched, signals.height, changed, missing)


@dataclass(frozen=True)
class TestScores:
    """Per test record of a dataset (by its id there), the base and tuned models' scores
    on the run's primary metric."""

    metric: str
    scores: dict[str, tuple[float, float]]
    """Record id -> (base, tuned)."""


def match_predictions(run: Path, dataset: Dataset) -> TestScores | None:
    """The run's per-record test scores on the records of `dataset` whose reference is
    still their reply (from the predictions file its report names); None when the run was
    not evaluated."""
    import json

    path = predictions_path(run)
    if not path.is_file():
        return None
    metric = primary_metric_of(run)
    by_local: dict[str, tuple[str, tuple[float, float]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            scores = row["scores"]
            base, tuned = scores["base"][metric], scores["tuned"][metric]
            if base is None or tuned is None:  # not scored (e.g. no facts listed)
                continue
            by_local[str(row["id"])] = (
                output_sha256(row["reference"]),
                (float(base), float(tuned)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(
                str(path), f"not a prediction with base and tuned {metric} ({exc!r})", number
            ) from None
    found: dict[str, tuple[float, float]] = {}
    outputs = dataset.frame.get_column("output")
    for rid, output in zip(dataset.frame.get_column("id"), outputs, strict=True):
        entry = by_local.get(dataset.local_id(rid))
        if entry is not None and entry[0] == output_sha256(output):
            found[rid] = entry[1]
    return TestScores(metric, found)
