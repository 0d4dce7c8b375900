"""Text from data, made safe for a terminal, a log or a CI annotation.

Data is never terminal control: an ESC, OSC, BEL or other control or format character in a
record, a file name or a category is shown as `⟨U+XXXX⟩`, never sent. Data is never markup
either: everything here returns plain strings or Rich `Text`, never markup strings.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

_HIDDEN = ("Cf", "Cc", "Co", "Cn", "Zl", "Zp", "Zs")


def hidden(char: str) -> bool:
    """Control, format, private-use, unassigned, line/paragraph-separator and unusual space
    characters: what hides text from a reviewer or drives a terminal."""
    return char != " " and unicodedata.category(char) in _HIDDEN


def plain(text: object) -> str:
    """`text` on one line with every hidden character (newlines and tabs included) shown
    as `⟨U+XXXX⟩`."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if hidden(c) else c for c in str(text))


def plain_lines(text: str) -> str:
    """`plain`, but newlines and tabs kept: text for an editor, which shows lines."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if hidden(c) and c not in "\n\t" else c for c in text)


def safe(text: object, style: str = "") -> Text:
    """`plain(text)` as Rich Text: neither control sequences nor markup."""
    return Text(plain(text), style=style)
