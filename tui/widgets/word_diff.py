"""Word-level differences between two texts, as Rich Text with the changed words marked."""

from __future__ import annotations

import difflib
import re

from rich.text import Text

from curate.tui.widgets.visible_text import visible

_TOKENS = re.compile(r"\S+|\s+")
REMOVED = "bold white on dark_red"
ADDED = "bold white on dark_green"


def word_diff(left: str, right: str) -> tuple[Text, Text]:
    """Both texts, with words only in the left marked red and only in the right green.

    Whitespace runs are tokens too, so the texts keep their line breaks as they are.
    Hidden characters are shown as `⟨U+XXXX⟩`: a zero-width space is often the only
    difference between two "different" records.
    """
    a, b = _TOKENS.findall(left), _TOKENS.findall(right)
    shown_a, shown_b = Text(), Text()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            shown_a.append_text(visible("".join(a[a0:a1])))
            shown_b.append_text(visible("".join(b[b0:b1])))
            continue
        shown_a.append_text(visible("".join(a[a0:a1]), style=REMOVED))
        shown_b.append_text(visible("".join(b[b0:b1]), style=ADDED))
    return shown_a, shown_b
