"""The normal form that duplicates are compared in.

Two records are exact duplicates when their texts are equal after Unicode NFKC, lower-casing,
removing invisible characters and collapsing whitespace: a zero-width space, a no-break
space, fullwidth letters, Cyrillic look-alikes or extra spaces must not hide a copy.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

import polars as pl

# Characters that render as nothing: zero-width spaces and joiners, soft hyphen, word
# joiner, bidi controls, variation selectors, Hangul fillers, BOM and Unicode tag characters.
INVISIBLE = (
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
# Cyrillic and Greek letters that look like Latin ones (after lower-casing), from Unicode's
# confusables list: folding them keeps a homoglyph-swapped copy from passing as new text.
CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ѵ": "v", "һ": "h", "ӏ": "l",
}  # fmt: skip


# Whitespace that NFKC leaves as it is (it maps the other Unicode spaces to " ").
_SPACES = "[ \t\n\r\f\v\u0085\u1680\u2028\u2029]"
_EXTRA_SPACE = f"{_SPACES}{{2,}}|[\t\n\r\f\v\u0085\u1680\u2028\u2029]"


SLICE_TEXTS = 100_000
"""Texts normalised at a time."""


def dedup_text(texts: pl.Series) -> pl.Series:
    """Each text as duplicates are compared: NFKC, lower case, no invisible characters,
    look-alike letters folded, whitespace collapsed.

    Plain-ASCII texts (most of them) are already in NFKC and hold no invisible or
    look-alike characters, so only the others take the Unicode steps; Python's
    unicodedata does NFKC about 20x faster than polars' `str.normalize` here.
    """
    if len(texts) > SLICE_TEXTS:
        # A slice at a time: each step below copies every text, so whole they would hold
        # three copies of a million texts at once.
        slices = [
            dedup_text(texts.slice(start, SLICE_TEXTS))
            for start in range(0, len(texts), SLICE_TEXTS)
        ]
        return pl.concat(slices, rechunk=False)
    # The streaming engine spreads these steps over the cores in morsels (100k replies of
    # 1.1 KB: 0.10 s against 0.19 s in memory, on 2 cores).
    result = (
        pl.LazyFrame({"text": texts})
        .select(_collapse(pl.col("text").str.to_lowercase()))
        .collect(engine="streaming")
        .to_series()
        .alias(texts.name)
    )
    unicode_rows = (texts.str.len_bytes() != texts.str.len_chars()).fill_null(False)
    if unicode_rows.any():
        rows = unicode_rows.arg_true()
        subset = pl.Series(
            [unicodedata.normalize("NFKC", t) for t in texts.gather(rows)], dtype=pl.String
        )
        folded = subset.str.replace_all(INVISIBLE, "").str.to_lowercase()
        result = result.scatter(rows, _collapse(folded.str.replace_many(CONFUSABLES)))
    return result


_Texts = TypeVar("_Texts", pl.Series, pl.Expr)


def _collapse(texts: _Texts) -> _Texts:
    """Whitespace runs (and line breaks) as one space, none at the ends."""
    return texts.str.replace_all(_EXTRA_SPACE, " ").str.strip_chars()
