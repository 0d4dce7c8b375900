"""One expert judging one model pair of a run, blind: the queue, the A/B order, judging
and undoing. Without Textual, so the screen stays thin and this is tested directly.

The queue is the run's test records this reviewer has no standing judgement of for this
pair, in file order, then the ones they skipped, oldest skip first: a skip is journaled (so
it can be undone, and survives a restart) and the record comes back at the end, after every
record not yet seen. Other reviewers' judgements are read only to be kept; nothing of them
is shown or changes this reviewer's queue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from curate.judging.journal import (
    append_judgement,
    current,
    journal_of,
    read_judgements,
    standing,
)
from curate.judging.predictions import Prediction, read_predictions, replies_digest
from curate.schemas.judgement import SKIP, TIE, UNDO, Judgement, pair_of

Choice = Literal["a", "b", "tie", "skip"]


@dataclass
class JudgeSession:
    """The records of a run, the pair judged, and this reviewer's judgements so far."""

    run: Path
    predictions: list[Prediction]
    pair: tuple[str, str]
    reviewer: str
    judgements: list[Judgement] = field(default_factory=list)
    warning: str | None = None
    """One line about a cut-off last journal line, when there was one."""
    front: str | None = None
    """A record put back at the head of the queue by an undo."""

    @classmethod
    def open(cls, run: Path, pair: tuple[str, str], reviewer: str) -> JudgeSession:
        predictions = read_predictions(run)
        judgements, warning = read_judgements(journal_of(run))
        return cls(run, predictions, pair_of(*pair), reviewer, judgements, warning)

    @property
    def journal(self) -> Path:
        return journal_of(self.run)

    def mine(self) -> dict[str, Judgement]:
        """Record id -> this reviewer's standing judgement (a skip too) of this pair, of
        the replies as they are now."""
        fresh, _ = current(self.judgements, self.predictions)
        return {
            rid: judgement
            for (reviewer, rid, pair), judgement in standing(fresh).items()
            if reviewer == self.reviewer and pair == self.pair
        }

    def outdated(self) -> int:
        """This reviewer's judgements of this pair about replies that have changed since
        (the run was evaluated again): those records are back in the queue."""
        _, old = current(self.judgements, self.predictions)
        return sum(
            1
            for j in old
            if j.reviewer == self.reviewer and j.pair == self.pair and j.winner != UNDO
        )

    def queue(self) -> list[int]:
        """Positions of the records still to judge: unseen first (in file order, an undone
        one at the head), then skipped ones, oldest skip first."""
        mine = self.mine()
        unseen = [i for i, p in enumerate(self.predictions) if p.id not in mine]
        skipped = sorted(
            (i for i, p in enumerate(self.predictions) if mine.get(p.id, None) is not None
             and mine[p.id].winner == SKIP),
            key=lambda i: mine[self.predictions[i].id].at,
        )  # fmt: skip
        order = unseen + skipped
        if self.front is not None:
            head = [i for i in order if self.predictions[i].id == self.front]
            order = head + [i for i in order if i not in head]
        return order

    def current(self) -> int | None:
        """The record to show now (None when every record is judged)."""
        queue = self.queue()
        return queue[0] if queue else None

    def progress(self) -> tuple[int, int, int]:
        """(records judged, records skipped, records in the run)."""
        mine = self.mine()
        skipped = sum(1 for j in mine.values() if j.winner == SKIP)
        return len(mine) - skipped, skipped, len(self.predictions)

    def shown(self, position: int) -> tuple[str, str]:
        """(model shown as A, model shown as B) for this reviewer and record: random-looking,
        but the same every time the reviewer sees the record (a hash, not a coin)."""
        first, second = self.pair
        seed = f"{self.reviewer}\0{self.predictions[position].id}\0{first}\0{second}"
        flip = hashlib.sha256(seed.encode("utf-8")).digest()[0] & 1
        return (second, first) if flip else (first, second)

    def judge(self, position: int, choice: Choice) -> Judgement:
        """Journal this reviewer's judgement of the record (fsynced), then count it."""
        a, b = self.shown(position)
        winner = {"a": a, "b": b, "tie": TIE, "skip": SKIP}[choice]
        prediction = self.predictions[position]
        digest = replies_digest(prediction, (a, b))
        judgement = self._append(prediction.id, (a, b), winner, digest)
        if self.front == judgement.id:
            self.front = None
        return judgement

    def undo(self) -> Judgement | None:
        """Reverse this reviewer's latest standing judgement of the pair (a skip too); the
        record goes back to the head of the queue. Returns the judgement undone."""
        mine = self.mine()
        if not mine:
            return None
        latest = max(mine.values(), key=lambda j: j.at)
        self._append(latest.id, latest.shown, UNDO, latest.replies)
        self.front = latest.id
        return latest

    def _append(
        self, rid: str, shown: tuple[str, str], winner: str, replies: str | None
    ) -> Judgement:
        judgement = Judgement(
            id=rid,
            shown=shown,
            winner=winner,
            reviewer=self.reviewer,
            at=datetime.now(UTC),
            replies=replies,
        )
        append_judgement(self.journal, judgement)
        self.judgements.append(judgement)
        return judgement
