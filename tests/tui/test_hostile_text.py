"""Record text never reaches the terminal raw: escape sequences, clipboard writes (OSC 52),
title changes and bells in ids, categories, inputs and findings are shown as ⟨U+XXXX⟩, and
Rich markup in data is shown as text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import app_on, linted, screen_text

ESC, BEL = "\x1b", "\x07"
HOSTILE = [
    {
        "id": f"h{ESC}]0;pwned{BEL}",
        "input": f"copy this {ESC}]52;c;ZWNobyBwd25lZA=={BEL} please",
        "output": "ok",
        "category": f"x {ESC}[2J[/] [link=http://evil]y[/link]",
    },
    {"id": "h2", "input": "a normal question about an order", "output": "", "category": "[/x]"},
]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE))
    return path


async def test_table_detail_and_findings_show_control_characters_as_code_points(
    tmp_path: Path,
) -> None:
    app = app_on(write(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        await pilot.press("v")  # all records, in file order
        await pilot.pause(0.1)
        shown = screen_text(app)
        assert ESC not in shown and BEL not in shown
        assert "⟨U+001B⟩" in shown
        assert "[/]" in shown or "[/x]" in shown  # markup shown as text, nothing crashed


async def test_partner_screen_escapes_too(tmp_path: Path) -> None:
    records = [
        {
            "id": f"a{ESC}[31m",
            "input": "Where is my order FW-123456 from last week?",
            "output": "x",
        },
        {
            "id": f"b{ESC}[31m",
            "input": "Where is my order FW-123456 from last week?",
            "output": "y",
        },
    ]
    path = tmp_path / "pair.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    app = app_on(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        await pilot.press("d")
        await pilot.pause(0.1)
        shown = screen_text(app)
        assert ESC not in shown and "⟨U+001B⟩" in shown


async def test_balance_agreement_filter_and_edit_show_markup_as_text(tmp_path: Path) -> None:
    app = app_on(write(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        for key in ("b", "escape", "A", "escape", "F", "escape", "e", "escape"):
            await pilot.press(key)
            await pilot.pause(0.1)
            shown = screen_text(app)
            assert ESC not in shown and BEL not in shown, key
        await pilot.press("b")
        await pilot.pause(0.1)
        assert "[/x]" in screen_text(app)  # a category written as markup, shown as text
