"""Snapshots of the main screens at a fixed size (SVG, under __snapshots__/). Update them
with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change,
and look at the report before committing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import app_on, linted

Compare = Callable[..., bool]


@pytest.fixture
def here(tickets: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work beside the copy of the sample, so the screens show a path that never changes."""
    monkeypatch.chdir(tickets.parent)
    return Path(tickets.name)


def _after_lint(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await linted(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


class TestReviewScreen:
    def test_flagged_queue(self, snap_compare: Compare, here: Path) -> None:
        assert snap_compare(app_on(here), terminal_size=(100, 30), run_before=_after_lint())

    def test_small_terminal(self, snap_compare: Compare, here: Path) -> None:
        assert snap_compare(app_on(here), terminal_size=(80, 24), run_before=_after_lint("j"))


class TestOtherScreens:
    def test_partner(self, snap_compare: Compare, here: Path) -> None:
        assert snap_compare(app_on(here), terminal_size=(120, 36), run_before=_after_lint("d"))

    def test_balance(self, snap_compare: Compare, here: Path) -> None:
        assert snap_compare(
            app_on(here), terminal_size=(100, 30), run_before=_after_lint("x", "x", "b")
        )

    def test_help(self, snap_compare: Compare, here: Path) -> None:
        assert snap_compare(
            app_on(here), terminal_size=(100, 40), run_before=_after_lint("question_mark")
        )
