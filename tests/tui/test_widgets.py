"""What the review widgets show: hidden characters made visible, word differences marked,
findings before the text."""

from __future__ import annotations

from pathlib import Path

from curate.tui.widgets.bars import share_bar
from curate.tui.widgets.visible_text import HIDDEN_STYLE, visible
from curate.tui.widgets.word_diff import ADDED, REMOVED, word_diff
from tests.tui.conftest import SIZE, app_on, linted


def _styled(text: object, style: str) -> list[str]:
    plain = text.plain  # type: ignore[attr-defined]
    return [plain[s.start : s.end] for s in text.spans if str(s.style) == style]  # type: ignore[attr-defined]


def test_hidden_characters_are_shown_by_code_point() -> None:
    shown = visible("item\u200bized\u202eevil\u00a0x\nnext\tline")
    assert shown.plain == "item⟨U+200B⟩ized⟨U+202E⟩evil⟨U+00A0⟩x\nnext\tline"
    assert _styled(shown, HIDDEN_STYLE) == ["⟨U+200B⟩", "⟨U+202E⟩", "⟨U+00A0⟩"]


def test_word_diff_marks_only_the_differing_words() -> None:
    left, right = word_diff("refund of $20 by Friday", "refund of $25 by Friday")
    assert left.plain == "refund of $20 by Friday" and right.plain == "refund of $25 by Friday"
    assert _styled(left, REMOVED) == ["$20"]
    assert _styled(right, ADDED) == ["$25"]


def test_word_diff_reveals_a_zero_width_difference() -> None:
    left, right = word_diff("an item\u200bized invoice", "an itemized invoice")
    assert _styled(left, REMOVED) == ["item⟨U+200B⟩ized"]
    assert _styled(right, ADDED) == ["itemized"]


def test_share_bar_fills_in_eighths() -> None:
    assert share_bar(0.5, 4).plain == "██  "
    assert share_bar(1 / 32, 4).plain == "▏   "
    assert share_bar(2.0, 3).plain == "███"


async def test_detail_shows_findings_before_the_text(tickets: Path) -> None:
    app = app_on(tickets)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        text = app.screen.detail.text()  # type: ignore[attr-defined]
        assert text.index("Findings") < text.index("Input")
        assert "DUP001" in text and "press d to compare" in text
        assert "⟨U+200B⟩" in text  # the planted zero-width space of the first record
