"""Text with its hidden characters shown: zero-width, bidi and other format characters,
control characters and unusual spaces are what people use to slip text past a reviewer."""

from __future__ import annotations

from rich.text import Text

from curate.terminal import hidden, plain

__all__ = ["plain", "visible"]

HIDDEN_STYLE = "bold white on red"
LINE_BREAKS = {"\n", "\t"}
"""Hidden characters a text pane shows as what they are (the record's lines and tabs)."""


def visible(text: str, style: str = "") -> Text:
    """`text` as Rich Text, each hidden character replaced by a marked `⟨U+XXXX⟩`."""
    shown = Text(style=style)
    start = 0
    for index, char in enumerate(text):
        if char in LINE_BREAKS or not hidden(char):
            continue
        shown.append(text[start:index])
        shown.append(f"⟨U+{ord(char):04X}⟩", style=HIDDEN_STYLE)
        start = index + 1
    shown.append(text[start:])
    return shown
