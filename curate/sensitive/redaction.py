"""Redaction of found secrets and personal data.

Works on the original text: hit spans are already mapped back from the folded text, so
whatever hid a value (zero-width characters, fullwidth letters) is redacted with it.
"""

from __future__ import annotations

from typing import Any

from curate.sensitive.hits import Hit


def redact(text: str, hits: list[Hit]) -> str:
    """Replace each hit span with `[REDACTED:<kind>]`; the rest of the text is left as is.

    Overlapping hits (say from `find_secrets` and `find_personal_data` together) are merged
    into one replacement named after the first of them.

    Args:
        text: The original text the hits were found in.
        hits: Hits for this text, in any order.

    Returns:
        The text with every hit span replaced.

    Raises:
        ValueError: If a hit's span is not inside the text.
    """
    spans: list[list[Any]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not 0 <= hit.start <= hit.end <= len(text):
            raise ValueError(f"hit {hit.kind} [{hit.start}, {hit.end}) is outside the text")
        if spans and hit.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hit.end)
        else:
            spans.append([hit.start, hit.end, hit.kind])
    parts: list[str] = []
    last = 0
    for start, end, kind in spans:
        parts.append(text[last:start])
        parts.append(f"[REDACTED:{kind}]")
        last = end
    parts.append(text[last:])
    return "".join(parts)
