"""Folding: undo what hides text from regexes, keeping a map back to the original positions.

A key split by zero-width spaces or written in fullwidth letters slips past every regex, so
the detectors run on folded text (invisible characters removed, curly quotes made ASCII, the
rest NFKC-normalised) and every hit is mapped back to the original text, where `redact` works.
Most rows need no folding: the character classes below let the prefilter (in polars) and
`_fold` (in Python) skip ASCII and common typographic characters without touching them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space / non-joiner / joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x1D173, 0x1D17A),  # musical formatting
    (0xE0000, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

# Non-ASCII characters that are common in ordinary prose and that NFKC leaves alone (checked by
# the tests): rows holding only these and ASCII need no folding.
_SAFE_3BYTE = "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u20ac"  # – — ‘ ’ “ ” • €
_SAFE_2BYTE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00A1, 0x00A7),
    (0x00A9, 0x00A9),
    (0x00AB, 0x00AC),
    (0x00AE, 0x00AE),
    (0x00B0, 0x00B1),
    (0x00B6, 0x00B7),
    (0x00BB, 0x00BB),
    (0x00BF, 0x00FF),  # Latin-1 letters, × and ÷
    (0x0100, 0x0131),  # Latin Extended-A (less the few NFKC changes)
    (0x0134, 0x013E),
    (0x0141, 0x0148),
    (0x014A, 0x017E),
)
# Curly quotes are safe for the prefilter but folded to ASCII for the detectors (quoted values).
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def _py_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a Python regex character class for code point ranges."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


def _rust_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a Rust (polars) regex character class for code point ranges."""
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)


_INVISIBLE_RUST = f"[{_rust_class(_INVISIBLE_RANGES)}]"
_SAFE_3BYTE_RUST = f"[{_rust_class((ord(c), ord(c)) for c in _SAFE_3BYTE)}]"
_UNSAFE_RUST = (
    f"[^\\x00-\\x7F{_rust_class(_SAFE_2BYTE_RANGES)}"
    f"{_rust_class((ord(c), ord(c)) for c in _SAFE_3BYTE)}]"
)
_FOLD_NEEDED_RE = re.compile(
    f"[^\\x00-\\x7f{_py_class(_SAFE_2BYTE_RANGES)}"
    f"{_py_class((ord(c), ord(c)) for c in _SAFE_3BYTE if c not in _QUOTES)}]"
)
_INVISIBLE = frozenset(chr(c) for a, b in _INVISIBLE_RANGES for c in range(a, b + 1))


@cache
def _fold_char(char: str) -> str:
    """What one character folds to: nothing (invisible), an ASCII quote, or its NFKC form."""
    if char in _INVISIBLE:
        return ""
    if char in _QUOTES:
        return _QUOTES[char]
    return unicodedata.normalize("NFKC", char)


@dataclass(frozen=True)
class _Folded:
    """A text folded for detection, with the map of its positions back to the original."""

    text: str
    origin: list[int] | None  # origin[i]: original index of folded char i; None: identity

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold what hides text from detectors, keeping a map back to the original positions.

    Invisible characters (zero-width, bidi controls, tags, soft hyphen, ...) are removed,
    curly quotes become ASCII quotes and every other character is NFKC-normalised (fullwidth
    letters become ASCII, ...), character by character.

    Args:
        text: The original text.

    Returns:
        The folded text and, when it differs from the original, the original index of each
        folded character (None when the text needed no folding).
    """
    folded = _fold(text)
    return folded.text, folded.origin


def _fold(text: str) -> _Folded:
    """`fold`, with the position map in a `_Folded`; ASCII-only text is returned as is."""
    if _FOLD_NEEDED_RE.search(text) is None:
        return _Folded(text, None)
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _FOLD_NEEDED_RE.finditer(text):
        start = match.start()
        if start > last:
            parts.append(text[last:start])
            origin.extend(range(last, start))
        replacement = _fold_char(match.group())
        parts.append(replacement)
        origin.extend([start] * len(replacement))
        last = start + 1
    parts.append(text[last:])
    origin.extend(range(last, len(text)))
    return _Folded("".join(parts), origin)
