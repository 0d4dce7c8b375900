"""Languages a text's letters settle, without a statistical detector.

Many scripts are written in one language only (Greek, Hangul, Thai, Georgian, Tamil, ...),
and within a shared script some languages have letters of their own: Russian uses ы and
э and no letter outside the Russian alphabet; Ukrainian has і, ї, є and ґ and no ы, э,
ъ or ё; Belarusian has ў; Arabic keeps to the basic Arabic letters, Persian adds پ چ ژ گ,
Urdu adds ٹ ڈ ڑ ں ے; Japanese mixes kana into its kanji. A text of several words mostly
in one script, whose letters name one language this way, needs no guess: langdetect is
slow (a few hundred texts a second) and knows none of Georgian, Armenian, Sinhala,
Khmer, ... . Everything else (Bulgarian, Serbian, Hindi against Marathi, ...) is left to
the detector.
"""

from __future__ import annotations

import polars as pl

MIN_SCRIPT_SHARE = 0.9
"""A text is answered only when at least this share of its letters are in the script."""
MIN_KANA_SHARE = 0.1
"""Japanese: kana make up at least this share of the letters (Chinese has none)."""

SINGLE_LANGUAGE_SCRIPTS = {
    "Greek": "el", "Hangul": "ko", "Thai": "th", "Georgian": "ka", "Armenian": "hy",
    "Gujarati": "gu", "Gurmukhi": "pa", "Oriya": "or", "Tamil": "ta", "Telugu": "te",
    "Kannada": "kn", "Malayalam": "ml", "Sinhala": "si", "Lao": "lo", "Khmer": "km",
    "Myanmar": "my", "Thaana": "dv",
}  # fmt: skip
"""Scripts written in one language only (among the languages of any size)."""

_RUSSIAN = "а-яёА-ЯЁ"
_UKRAINIAN_ONLY = "іїєґІЇЄҐ"
_CYRILLIC_RULES = {
    # language: (letters it must have one of, letters beyond the Russian alphabet it may use,
    #            letters of the Russian alphabet it never uses)
    "ru": ("ыэЫЭ", "", ""),
    "uk": (_UKRAINIAN_ONLY, _UKRAINIAN_ONLY + "ʼ'", "ыэъёЫЭЪЁ"),
    "be": ("ўЎ", "іІўЎ", "ищъИЩЪ"),
}
_ARABIC_BASIC = "\u0621-\u064a"
"""The letters of the Arabic alphabet proper (hamza to yeh), without the extensions other
languages add."""
_PERSIAN_ONLY = "پچژگ"
_URDU_ONLY = "ٹڈڑںےۓ"
_PERSIAN_URDU_FORMS = "کیھۀہ"
"""Keheh, Farsi yeh and their kin: Persian and Urdu write these for Arabic's ك and ي."""


def orthographic_languages(texts: pl.Series) -> pl.Series:
    """Per text, the language its letters settle (ISO 639-1), or null."""
    text = pl.col("text")
    letters = text.str.count_matches(r"\p{L}")
    share = MIN_SCRIPT_SHARE * letters

    def count(pattern: str) -> pl.Expr:
        return text.str.count_matches(pattern)

    def has(pattern: str) -> pl.Expr:
        return text.str.contains(pattern)

    answer = pl.lit(None, dtype=pl.String)
    for script, lang in SINGLE_LANGUAGE_SCRIPTS.items():
        answer = pl.when(count(rf"\p{{{script}}}") >= share).then(pl.lit(lang)).otherwise(answer)
    kana = count(r"[\p{Hiragana}\p{Katakana}]")
    han = count(r"\p{Han}")
    answer = (
        pl.when((han + kana >= share) & (kana >= MIN_KANA_SHARE * letters))
        .then(pl.lit("ja"))
        .when((han >= share) & (kana == 0) & ~has(r"\p{Hangul}"))
        .then(pl.lit("zh"))
        .otherwise(answer)
    )
    cyrillic = count(r"\p{Cyrillic}") >= share
    for lang, (marker, extra, unused) in _CYRILLIC_RULES.items():
        foreign = rf"[\p{{Cyrillic}}--[{_RUSSIAN}{extra}]]"
        rule = cyrillic & has(f"[{marker}]") & ~has(foreign)
        if unused:
            rule = rule & ~has(f"[{unused}]")
        answer = pl.when(rule).then(pl.lit(lang)).otherwise(answer)
    arabic = count(r"\p{Arabic}") >= share
    arabic_letter = r"[\p{Arabic}&&\p{L}"  # digits and marks are no letters
    other_arabic = rf"{arabic_letter}--[{_ARABIC_BASIC}]]"
    beyond_persian_urdu = (
        rf"{arabic_letter}--[{_ARABIC_BASIC}{_PERSIAN_ONLY}{_URDU_ONLY}{_PERSIAN_URDU_FORMS}]]"
    )
    answer = (
        pl.when(arabic & ~has(other_arabic) & has("[يكة]"))
        .then(pl.lit("ar"))
        .when(
            arabic & has(f"[{_PERSIAN_ONLY}]") & ~has(f"[{_URDU_ONLY}]") & ~has(beyond_persian_urdu)
        )
        .then(pl.lit("fa"))
        .when(arabic & has(f"[{_URDU_ONLY}]") & ~has(beyond_persian_urdu))
        .then(pl.lit("ur"))
        .otherwise(answer)
    )
    frame = pl.DataFrame({"text": texts.cast(pl.String)})
    return frame.select(pl.when(letters > 0).then(answer).alias("lang")).get_column("lang")
