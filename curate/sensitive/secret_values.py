"""Whether a value looks like a secret: random enough, not a word-made identifier, not a
placeholder.

Key formats with a fixed prefix need little of this; the prose rules ("my API key is ...",
"password: ...") and a few loose detect-secrets formats do, or they would flag identifiers
such as getUserToken2 and stand-ins such as ******** in ordinary support text.
"""

from __future__ import annotations

import math
import re

_SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9+/_\-.~]+=*")
# An identifier made of words (getUserToken2, STRIPE_SECRET_KEY_2024) once digits are removed.
_WORDISH_RE = re.compile(r"(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z])|[_\-.~/+=])+")


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    size = len(value)
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def _is_random_enough(value: str, minimum: int = 20) -> bool:
    return len(value) >= minimum and _entropy(value) >= 3.5


def _mixed_segments_share(value: str) -> float:
    """Share of the characters in separator-delimited segments that mix character classes."""
    mixed = total = 0
    for segment in re.split(r"[/._\-~+=]+", value):
        total += len(segment)
        has_digit = any(c.isdigit() for c in segment)
        has_alpha = any(c.isalpha() for c in segment)
        humps = len(re.findall(r"[a-z][A-Z]", segment))
        if (has_digit and has_alpha) or humps >= 2:
            mixed += len(segment)
    return mixed / total if total else 0.0


def _looks_like_secret(value: str) -> bool:
    """A long random token: >= 16 chars, >= 3.5 bits/char, letters and digits mixed."""
    if not 16 <= len(value) <= 1024 or not _SECRET_TOKEN_RE.fullmatch(value):
        return False
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    if _entropy(value) < 3.5 or _mixed_segments_share(value) < 0.5:
        return False
    wordish = len(re.findall(r"[0-9]+", value)) <= 2 and _WORDISH_RE.fullmatch(
        re.sub(r"[0-9]+", "", value)
    )
    return not wordish


_PLACEHOLDER_RE = re.compile(
    r"[*•x.#\-]+|<[^>]*>|\$\{?\w+\}?|%\(?\w+\)?s?|\{\{.*\}\}|\[[^\]]*\]"
    r"|.*(?:redacted|example|your|placeholder|hidden|xxxx|\*\*\*).*"
    r"|password|passwd|secret|null|none|nil|empty|required|optional|true|false|undefined",
    re.IGNORECASE,
)


def _not_placeholder(value: str) -> bool:
    """False for stand-ins such as ********, <password>, ${DB_PASSWORD} or [REDACTED:...]."""
    return not _PLACEHOLDER_RE.fullmatch(value)
