"""LANG: languages outside the allowed set, and replies in another language than the prompt."""

from __future__ import annotations

from functools import partial

import polars as pl
from pydantic import Field

from curate.dedup.arrays import byte_ranges
from curate.lint.context import LintContext
from curate.lint.rule import RuleOptions

NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "ar": "Arabic", "pl": "Polish", "tr": "Turkish", "sv": "Swedish",
}  # fmt: skip


SLICE_BYTES = 8 << 20
"""Text judged at a time: at the peak of a slice its word lists and joins take some 17
bytes a byte of text (0.46 GiB for 50k texts of 550 bytes), while another rule runs beside
(a slice of 50k texts of 1.1 KB put a lint of 1M pairs 0.2 GiB over 4 GiB)."""
SLICE_RECORDS = 50_000


class LanguageOptions(RuleOptions):
    min_words: int = Field(default=6, ge=1)
    """Texts of fewer distinct words are left to the detector only from this many on; below
    it, a text is judged only when two distinctive function words of one language, and none
    of another, make up half of its words (from 3 words: "Wo ist meine Bestellung?"). A
    greeting or a number has no language."""
    min_confidence: float = Field(default=0.9, gt=0.0, le=1.0)
    """Detector confidence a finding needs."""


def languages(ctx: LintContext, field: str, options: LanguageOptions) -> pl.DataFrame:
    """`lang` (null unless confident), `confidence`, `method` per record, computed once."""
    from curate.langid import LanguageParams, detect_languages

    params = LanguageParams(min_words=options.min_words, min_confidence=options.min_confidence)
    texts = ctx.frame.get_column(field)

    def detect(texts: pl.Series) -> pl.DataFrame:
        # In slices: the word lists of a million texts would otherwise sit in memory at once.
        lengths = texts.str.len_bytes().fill_null(0).to_numpy()
        parts = [
            detect_languages(texts.slice(start, stop - start), params)
            for start, stop in byte_ranges(lengths, SLICE_BYTES, SLICE_RECORDS)
        ]
        return pl.concat(parts) if parts else detect_languages(texts, params)

    def compute() -> pl.DataFrame:
        cache = ctx.analysis_cache()
        code = ("curate.langid", "curate.orthography")
        keys = partial(ctx.text_keys, field)
        # A file per field: a file pruned to one field's texts would lose the other's.
        return cache.rows("languages", f"{params} field={field}", texts, detect, code, keys)

    return ctx.shared(f"languages:{field}:{params}", compute)


def scripts(ctx: LintContext, field: str) -> pl.Series:
    """Per record, the script most of the field's letters are in (null: none), computed once."""
    from curate.scripts import dominant_scripts

    def compute() -> pl.Series:
        texts = ctx.frame.get_column(field)
        if field == "input" and "messages" in ctx.frame.columns:
            # A multi-turn prompt is rendered with English role labels ("user: ..."): they
            # are not the text's script.
            texts = texts.str.replace_all(ROLE_LABELS, "")
        return dominant_scripts(texts)

    return ctx.shared(f"scripts:{field}", compute)


ROLE_LABELS = r"(?m)^(?:system|user|assistant|tool): "
"""The labels a multi-turn prompt's turns are rendered with (`curate.io.shapes`)."""


def describe(code: str) -> str:
    return f"{NAMES[code]} ({code})" if code in NAMES else code
