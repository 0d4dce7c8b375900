"""The canonical frame's columns: the one definition every reader fills and every rule,
writer and report reads (DESIGN: `id, input, output, category, lang, messages, source,
source_line`, then the source's other fields as they were)."""

from __future__ import annotations

import polars as pl

CANONICAL_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "input": pl.String(),
    "output": pl.String(),
    "category": pl.String(),
    "lang": pl.String(),
    "source": pl.String(),
    "source_line": pl.UInt32(),
}
"""The columns every dataset has, with their types. Chat shapes add `MESSAGES`."""
MESSAGES = "messages"
"""Chat records: the whole conversation, a list of `role`/`content` structs."""
CANONICAL_COLUMNS = (*CANONICAL_SCHEMA, MESSAGES)
"""Every canonical column name: a source field of the same name is kept as `raw.<name>`."""
