"""Fixtures of the review-app tests: a copy of the sample tickets and an app on it."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from curate.journal import journal_path, read_decisions
from curate.schemas.decision import Decision
from curate.schemas.settings import CurateSettings
from curate.tui.app import CurateApp, make_app

SAMPLE = Path(__file__).parents[2] / "samples" / "support_tickets.jsonl"
SIZE = (100, 30)


@pytest.fixture
def tickets(tmp_path: Path) -> Path:
    target = tmp_path / "tickets.jsonl"
    shutil.copy(SAMPLE, target)
    return target


def app_on(path: Path, settings: CurateSettings | None = None, **kw: object) -> CurateApp:
    return make_app([path], settings, reviewer="ann", **kw)  # type: ignore[arg-type]


async def linted(pilot: Pilot[None]) -> None:
    """Wait until the first lint run has attached its findings."""
    for _ in range(200):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "lint_state", "") == "done":
            return
    raise AssertionError("lint did not finish")


def journal(path: Path) -> list[Decision]:
    return read_decisions(journal_path(path))


def screen_text(app: CurateApp) -> str:
    """What the screen shows, as plain text (from the SVG screenshot Textual exports)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return html.unescape("".join(texts)).replace("\xa0", " ")
