"""What the detectors find, and how overlapping finds are settled.

Detectors work on the folded text and report `_Found` (folded positions, the raw value, a
rank); `scan` maps each one back to a public `Hit` on the original text, whose preview never
holds the whole value, so reports and logs do not leak what they warn about.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One secret or piece of personal data found in a text.

    Attributes:
        kind: What was found: one of `SECRET_KINDS` ("aws-access-key", "stripe-key",
            "github-token", "private-key", "slack-token", "openai-key", "jwt",
            "password-assignment", "generic-api-key", ...) or of `PERSONAL_KINDS` ("email",
            "phone", "card-number").
        start: Start of the span in the original text (code point index).
        end: End of the span in the original text (exclusive).
        preview: A safe preview for reports, e.g. "sk_live_…4f2a"; never the whole value.
    """

    kind: str
    start: int
    end: int
    preview: str


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int  # folded positions
    end: int
    value: str
    rank: int  # lower wins an overlap


def _resolve(found: Iterable[_Found]) -> list[_Found]:
    """Keep the best-ranked of overlapping hits (the longer first among equals), by start."""
    kept: list[_Found] = []  # disjoint, sorted by start
    starts: list[int] = []
    for hit in sorted(found, key=lambda f: (f.rank, f.start - f.end, f.start)):
        at = bisect.bisect_right(starts, hit.start)
        if (
            hit.end > hit.start
            and (at == 0 or kept[at - 1].end <= hit.start)
            and (at == len(kept) or hit.end <= kept[at].start)
        ):
            kept.insert(at, hit)
            starts.insert(at, hit.start)
    return kept
