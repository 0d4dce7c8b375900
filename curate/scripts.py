"""The writing system of a text: which Unicode script most of its letters are in.

A text written in a script that none of the allowed languages uses is in another language
whatever its length: "Привет" is not English, however short. Script is read from Unicode
properties, so it needs no model and no minimum length; only within a script does a
language detector have to guess.
"""

from __future__ import annotations

import polars as pl

SCRIPTS = (
    "Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Hebrew", "Arabic", "Syriac",
    "Thaana", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu",
    "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer",
    "Ethiopic", "Hangul", "Hiragana", "Katakana", "Han",
)  # fmt: skip
"""The scripts told apart; letters of any other script count towards none of them."""

LANGUAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("en", "es", "de", "fr", "it", "pt", "nl", "pl", "tr", "sv", "da", "no", "nb", "nn",
         "fi", "cs", "sk", "sl", "hr", "bs", "ro", "hu", "et", "lv", "lt", "id", "ms", "tl",
         "vi", "sw", "af", "sq", "ca", "gl", "eu", "ga", "cy", "is", "mt", "so", "ha", "yo",
         "ig", "zu", "xh", "uz", "az", "tk", "la", "eo", "lb", "fy", "gd", "br", "oc", "jv",
         "su", "mg", "mi", "sm", "to", "haw", "ku", "qu", "ay", "gn"),
        ("Latin",),
    ),
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv"),
                    ("Cyrillic",)),
    "sr": ("Cyrillic", "Latin"),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "sd", "ug", "ckb"), ("Arabic",)),
    **dict.fromkeys(("hi", "mr", "ne", "sa", "mai", "bho", "kok"), ("Devanagari",)),
    **dict.fromkeys(("bn", "as"), ("Bengali",)),
    "pa": ("Gurmukhi",), "gu": ("Gujarati",), "or": ("Oriya",), "ta": ("Tamil",),
    "te": ("Telugu",), "kn": ("Kannada",), "ml": ("Malayalam",), "si": ("Sinhala",),
    "th": ("Thai",), "lo": ("Lao",), "bo": ("Tibetan",), "dz": ("Tibetan",),
    "my": ("Myanmar",), "km": ("Khmer",), **dict.fromkeys(("am", "ti"), ("Ethiopic",)),
    "el": ("Greek",), "hy": ("Armenian",), "ka": ("Georgian",),
    **dict.fromkeys(("he", "yi"), ("Hebrew",)), "dv": ("Thaana",), "syr": ("Syriac",),
    "ko": ("Hangul", "Han"), "ja": ("Han", "Hiragana", "Katakana"), "zh": ("Han",),
    "yue": ("Han",),
}  # fmt: skip
"""The scripts each language is written in (ISO 639-1 codes, a few 639-3)."""

MIN_SHARE = 0.5
"""A text is in a script when at least this share of its letters are."""
ONE_LETTER_WORDS = frozenset({"Han", "Hiragana", "Katakana", "Hangul"})
"""Scripts where one character can be a word ("네", "好"); in the others a text is in the
script only with a word of two letters or more, so `x = α + β` stays English."""


def allowed_scripts(languages: list[str]) -> set[str] | None:
    """The scripts the allowed languages are written in; None when one of them is not
    known here (then no script is ruled out)."""
    scripts: set[str] = set()
    for code in languages:
        known = LANGUAGE_SCRIPTS.get(code.lower().split("-")[0])
        if known is None:
            return None
        scripts.update(known)
    return scripts


def dominant_scripts(texts: pl.Series) -> pl.Series:
    """Per text, the script of at least half its letters (marks included: Indic vowel signs
    are marks), or null (no letter, or no script has half). Texts of ASCII only are Latin
    or letterless without a per-script pass, so English data costs one scan."""
    frame = pl.DataFrame({"text": texts.cast(pl.String)}).with_row_index("row")
    ascii_only = pl.col("text").str.len_bytes() == pl.col("text").str.len_chars()
    frame = frame.with_columns(ascii_only.fill_null(True).alias("ascii"))
    result = pl.Series("script", [None] * len(texts), dtype=pl.String)
    latin_ascii = frame.filter(
        pl.col("ascii") & pl.col("text").str.contains(r"[A-Za-z]").fill_null(False)
    ).get_column("row")
    result = result.scatter(latin_ascii, "Latin") if len(latin_ascii) else result
    rest = frame.filter(~pl.col("ascii")).with_columns(
        pl.col("text").str.count_matches(r"[\p{L}\p{M}]").alias("letters"),
        pl.col("text").str.count_matches(r"\p{Latin}").alias("latin"),
    )
    rest = rest.filter(pl.col("letters") > 0)
    # Latin comes first in SCRIPTS, so it wins a tie: with half the letters or more it is the
    # answer without counting the other scripts (accented Latin text is most of the rest).
    latin = rest.filter(
        (pl.col("latin") >= pl.col("letters") * MIN_SHARE)
        & pl.col("text").str.contains(r"\p{Latin}{2,}")
    ).get_column("row")
    result = result.scatter(latin, "Latin") if len(latin) else result
    rest = rest.filter(pl.col("latin") < pl.col("letters") * MIN_SHARE)
    if rest.height:
        counts = rest.select(
            "row",
            "letters",
            *(pl.col("text").str.count_matches(rf"\p{{{name}}}").alias(name) for name in SCRIPTS),
        )
        best = counts.select(
            "row",
            pl.concat_list(list(SCRIPTS)).list.arg_max().alias("best"),
            pl.max_horizontal(list(SCRIPTS)).alias("most"),
            "letters",
        ).filter(pl.col("most") >= pl.col("letters") * MIN_SHARE)
        names = pl.Series(list(SCRIPTS), dtype=pl.String)
        best = best.with_columns(names.gather(best.get_column("best")).alias("script"))
        best = best.join(rest.select("row", "text"), on="row")
        words = [
            (pl.col("script") == name) & pl.col("text").str.contains(rf"\p{{{name}}}{{2,}}")
            for name in best.get_column("script").unique().to_list()
            if name not in ONE_LETTER_WORDS
        ]
        has_word = pl.col("script").is_in(list(ONE_LETTER_WORDS))
        for condition in words:
            has_word = has_word | condition
        best = best.filter(has_word)
        if best.height:
            result = result.scatter(best.get_column("row"), best.get_column("script"))
    return result
