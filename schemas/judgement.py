"""A blind side-by-side judgement: one line of a run's append-only `judgements.jsonl`."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

JOURNAL = "judgements.jsonl"
"""The judge journal's name, in the run folder it is about."""
TIE, SKIP, UNDO = "tie", "skip", "undo"
Outcome = Literal["tie", "skip", "undo"]


class Judgement(BaseModel):
    """What one expert said about two models' replies to one test record.

    `shown` is the pair in the order the expert saw it: `shown[0]` was reply A, `shown[1]`
    reply B (the order is random per reviewer and record, and the names were hidden).
    `winner` is the model whose reply was better, `tie`, `skip` (not judged now), or `undo`:
    the reversal of this reviewer's latest standing judgement of the record for this pair.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    shown: tuple[str, str]
    winner: str
    reviewer: str
    at: datetime
    replies: str | None = None
    """A digest of the two replies judged (A's, then B's; an undo carries the one it
    undoes): the judgement stands only while the run's replies are the ones the expert
    read, since `curate eval` run again writes new ones."""

    @model_validator(mode="after")
    def _winner_is_shown(self) -> Judgement:
        if self.shown[0] == self.shown[1]:
            raise ValueError(f"shown names one model twice ({self.shown[0]!r})")
        if self.winner not in (*self.shown, TIE, SKIP, UNDO):
            raise ValueError(
                f"winner {self.winner!r} is neither of the models shown "
                f"({self.shown[0]!r}, {self.shown[1]!r}) nor tie, skip or undo"
            )
        return self

    @property
    def pair(self) -> tuple[str, str]:
        """The two models in a fixed order, whichever was shown first."""
        return pair_of(*self.shown)


def pair_of(first: str, second: str) -> tuple[str, str]:
    """A model pair as a key: sorted, so (tuned, base) and (base, tuned) are one pair."""
    return (first, second) if first <= second else (second, first)
