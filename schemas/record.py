"""The canonical example: what every reader produces and every rule and writer reads."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Message(BaseModel):
    """One chat turn. Roles are normalised (`human` -> `user`, `gpt` -> `assistant`)."""

    model_config = ConfigDict(extra="forbid")

    role: str
    content: str


class Example(BaseModel):
    """One input/output example in canonical form.

    For chat records `messages` holds the whole conversation; `input` is the prompt side
    rendered as text and `output` is the final assistant turn, so that every rule can work
    on plain text whatever the source shape was.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    """The file's `id` when present and unique in the dataset, else a stable content hash."""
    input: str
    output: str
    category: str | None = None
    lang: str | None = None
    """Language code given by the file (`lang`/`language`); filled in by lint when absent."""
    messages: list[Message] | None = None
    source: str = ""
    """Path of the file the record was read from."""
    source_line: int = Field(default=0, ge=0)
    """1-based line (JSONL, CSV) or row (Parquet) of the record in `source`."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Every other field of the source record, kept as it was."""
