"""Hostile records, generated, through the review app's screens (via the pilot): the table,
the detail, the partner, balance, agreement, filter, edit and help screens never show a
raw ESC or BEL, nothing crashes, and the data file and its journal stay as they were
except for the decisions made."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curate.journal import journal_path, read_decisions
from tests.test_hostile_properties import record
from tests.tui.conftest import app_on, linted, screen_text

# `v` twice: to the other view and back, since the flagged queue is empty where lint
# flags no record, and `a` needs a record under the cursor.
SCREEN_KEYS = ["d", "escape", "b", "escape", "A", "escape", "F", "escape", "e", "escape",
               "question_mark", "escape", "v", "j", "v", "slash", "escape"]  # fmt: skip


async def visit_every_screen(data: Path) -> list[str]:
    """Open the app on `data`, go through every screen, keep one record; what each showed."""
    app = app_on(data)
    shown = []
    async with app.run_test(size=(80, 24)) as pilot:
        await linted(pilot)
        shown.append(screen_text(app))
        for key in SCREEN_KEYS:
            await pilot.press(key)
            await pilot.pause(0.02)
            shown.append(screen_text(app))
        await pilot.press("a")  # keep the record under the cursor
        await pilot.pause(0.05)
        shown.append(screen_text(app))
    return shown


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(record, min_size=1, max_size=5))
@example(records=[{"input": "[/]", "output": "%0A"}])  # lint flags no record: queue empty
def test_every_screen_shows_hostile_records_as_text(tmp_path: Path, records: list[dict]) -> None:
    data = tmp_path / "h[x].jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    journal = journal_path(data)
    journal.unlink(missing_ok=True)
    before = data.read_bytes()
    for text in asyncio.run(visit_every_screen(data)):
        assert "\x1b" not in text and "\x07" not in text
    assert data.read_bytes() == before
    assert [d.decision for d in read_decisions(journal)] == ["keep"]
