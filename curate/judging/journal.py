"""The judge journal: `RUN/judgements.jsonl`, blind side-by-side judgements appended, never
rewritten.

Same durability as the review journal (`curate.journal`): each judgement is written,
flushed and fsynced before the screen confirms it; a last line cut off by a killed process
is reported and ignored when read, and moved to `judgements.jsonl.torn` before the next
append so that nothing is glued onto it. An undo is a line of its own that reverses the
undoing reviewer's latest standing judgement of that record for that pair.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from curate.io.appendlog import append_line, complete_lines, torn_path
from curate.io.errors import DatasetError
from curate.judging.predictions import Prediction, replies_digest
from curate.schemas.judgement import JOURNAL, SKIP, UNDO, Judgement

__all__ = [
    "JOURNAL",
    "append_judgement",
    "current",
    "decided",
    "journal_of",
    "read_judgements",
    "standing",
]
Key = tuple[str, str, tuple[str, str]]
"""(reviewer, record id, model pair): what one standing judgement is about."""


def journal_of(run: Path) -> Path:
    """The judge journal of a run folder."""
    return run / JOURNAL


def append_judgement(path: Path, judgement: Judgement) -> None:
    """Append one judgement durably (fsynced before returning)."""
    append_line(path, judgement.model_dump_json())


def read_judgements(path: Path) -> tuple[list[Judgement], str | None]:
    """Every judgement in the journal, in order, and a one-line warning when its last line
    was cut off (ignored: it was never confirmed). A complete line that is not a judgement
    is an error naming the file and line: nothing is guessed or dropped silently."""
    lines, torn = complete_lines(path)
    judgements = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            judgements.append(Judgement.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            if isinstance(exc, ValidationError):
                error = exc.errors()[0]
                where = ".".join(str(part) for part in error["loc"])
                first = f"{where}: {error['msg']}" if where else error["msg"]
            raise DatasetError(str(path), f"not a judgement: {first}", number) from None
    warning = None
    if torn is not None:
        warning = (
            f"{path}: line {len(lines) + 1}: cut off (the process was killed while writing "
            f"it); ignored, and moved to {torn_path(path).name} before the next judgement"
        )
    return judgements, warning


def standing(judgements: Iterable[Judgement]) -> dict[Key, Judgement]:
    """Each (reviewer, record, pair)'s standing judgement after undos: the latest of theirs
    not undone (skips included; callers decide what a skip counts for). An undo with
    nothing of that reviewer's to reverse changes nothing."""
    stacks: dict[Key, list[tuple[int, Judgement]]] = {}
    for index, judgement in enumerate(judgements):
        key = (judgement.reviewer, judgement.id, judgement.pair)
        stack = stacks.setdefault(key, [])
        if judgement.winner == UNDO:
            if stack:
                stack.pop()
        else:
            stack.append((index, judgement))
    # The most recent by time (journals merged from two places need not be in time order).
    return {
        key: max(stack, key=lambda item: (item[1].at, item[0]))[1]
        for key, stack in stacks.items()
        if stack
    }


def decided(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The standing judgements that say something: a better reply or a tie (no skips)."""
    return [j for j in standing(judgements).values() if j.winner != SKIP]


def current(
    judgements: Iterable[Judgement], predictions: Iterable[Prediction]
) -> tuple[list[Judgement], list[Judgement]]:
    """(the journal lines about the run's replies as they are now, the others): a line
    about a record no longer evaluated, or whose replies changed since it was written (the
    run evaluated again), is left out, with the undo lines about it, so the expert's
    judgement neither counts for replies they never read nor blocks judging those."""
    by_id = {p.id: p for p in predictions}
    kept: list[Judgement] = []
    left: list[Judgement] = []
    for judgement in judgements:
        prediction = by_id.get(judgement.id)
        fresh = prediction is not None and (
            judgement.replies is None
            or judgement.replies == replies_digest(prediction, judgement.shown)
        )
        (kept if fresh else left).append(judgement)
    return kept, left
