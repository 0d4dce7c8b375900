"""A run's evaluated test records with every model's reply: what a judge compares.

The predictions file is the one `report.json` names (`predictions-test.jsonl` by default),
written by `curate eval`; judging only reads it, so it needs no model and no torch.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from curate.config import ConfigError
from curate.io.errors import DatasetError
from curate.proof.run_files import predictions_path
from curate.schemas.report import MODELS
from curate.terminal import plain


@dataclass(frozen=True)
class Prediction:
    """One evaluated test record: its prompt, the reference reply and each model's reply."""

    id: str
    category: str | None
    input: str
    reference: str
    replies: dict[str, str]


def replies_digest(prediction: Prediction, shown: tuple[str, str]) -> str:
    """What a judgement records of the replies it judged: the first 16 hex digits of the
    sha256 of both, in the order shown (a change to either makes another digest)."""
    a, b = (prediction.replies.get(model, "") for model in shown)
    both = json.dumps([a, b], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(both).hexdigest()[:16]


def read_predictions(run: Path) -> list[Prediction]:
    """Every evaluated record of the run, in file order; one clear error when the folder
    is not an evaluated run or a line is not a prediction."""
    if not run.is_dir():
        raise DatasetError(str(run), "is not a run folder (curate run DATA --out RUN makes one)")
    path = predictions_path(run)
    if not path.is_file():
        raise DatasetError(
            str(run),
            f"no {path.name}: this run was not evaluated yet (curate eval {run} writes it)",
        )
    found: list[Prediction] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            found.append(_prediction(line, path, number))
    if not found:
        raise DatasetError(str(path), "holds no predictions")
    return found


def _prediction(line: str, path: Path, number: int) -> Prediction:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(str(path), f"not JSON: {exc.msg}", number) from None
    if not isinstance(row, dict):
        raise DatasetError(str(path), "not a prediction (a JSON object)", number)
    for name in ("id", "input", "reference"):
        if not isinstance(row.get(name), str):
            raise DatasetError(str(path), f"field {name!r} must be a string", number)
    replies = row.get("replies")
    if not isinstance(replies, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in replies.items()
    ):
        raise DatasetError(str(path), "field 'replies' must map model names to text", number)
    category = row.get("category")
    return Prediction(
        id=row["id"],
        category=category if isinstance(category, str) else None,
        input=row["input"],
        reference=row["reference"],
        replies=replies,
    )


def run_models(predictions: list[Prediction]) -> list[str]:
    """The models every record has a reply of, in the report's order where known."""
    common = set(predictions[0].replies)
    for prediction in predictions[1:]:
        common &= set(prediction.replies)
    return [m for m in MODELS if m in common] + sorted(common - set(MODELS))


def parse_models(given: str, available: list[str]) -> tuple[str, str]:
    """`--models A,B`: two different models of the run, or one clear error."""
    names = [name.strip() for name in given.split(",") if name.strip()]
    known = ", ".join(available)
    if len(names) != 2 or names[0] == names[1]:
        raise ConfigError(f"--models: give two different models, e.g. base,tuned (got {given!r})")
    for name in names:
        if name not in available:
            raise ConfigError(f"--models: unknown model {plain(name)!r}; this run has {known}")
    return names[0], names[1]
