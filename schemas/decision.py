"""A review decision: one line of the append-only review journal."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Action = Literal["keep", "reject", "edit", "flag", "undo"]


class Decision(BaseModel):
    """What a reviewer decided about one record.

    `edit` carries the new `output` (and optionally `input`, `category`); `flag` a `note`;
    `undo` reverses the reviewer's latest earlier decision on the record. `partner` is set
    when the decision was one half of a side-by-side choice (the duplicate screen's keys
    1/2): the id, in its own file, of the other record of the pair, so a keep over a reject
    can be exported as a preference.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    decision: Action
    reviewer: str
    at: datetime
    input: str | None = None
    output: str | None = None
    category: str | None = None
    note: str | None = None
    partner: str | None = None
