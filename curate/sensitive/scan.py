"""Scanning many texts: a vectorised prefilter in polars, then exact detectors in Python.

A few cheap regexes with literal prefixes, run by polars over every row, pick the rows that
may hold something; only those rows go to the exact detectors in Python, on their folded
text. Rows holding characters used to hide text are folded first (NFKC, invisible characters
removed) and prefiltered on the folded text too, so hiding a key does not get it skipped.
Secrets and personal data share this; each brings its own prefilter groups and detectors.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from curate.sensitive.folding import _INVISIBLE_RUST, _SAFE_3BYTE_RUST, _UNSAFE_RUST, _fold
from curate.sensitive.hits import Hit, _Found


def _as_strings(texts: pl.Series) -> pl.Series:
    """The texts as non-null strings (nulls become empty: they hold nothing)."""
    if texts.dtype != pl.String:
        texts = texts.cast(pl.String)
    return texts.fill_null("")


def _prefilter(texts: pl.Series, groups: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Row indices that may hold something, per group of regexes (on raw and folded text)."""
    frame = texts.to_frame("t")
    t = pl.col("t")

    def exprs() -> list[pl.Expr]:
        return [
            pl.any_horizontal([t.str.contains(p) for p in patterns]).alias(name)
            for name, patterns in groups.items()
        ]

    # Rows with a non-ASCII character other than the common typographic ones may hide text.
    maybe_fold = (t.str.len_bytes() - t.str.len_chars()) > 2 * t.str.count_matches(_SAFE_3BYTE_RUST)
    masks = frame.lazy().select(*exprs(), maybe_fold.alias("__fold")).collect()
    found = {name: set(masks.get_column(name).arg_true().to_list()) for name in groups}
    fold_rows = masks.get_column("__fold").arg_true()
    if fold_rows.len():
        subset = texts.gather(fold_rows)
        fold_rows = fold_rows.filter(subset.str.contains(_UNSAFE_RUST))
    if fold_rows.len():
        folded = (
            texts.gather(fold_rows)
            .str.normalize("NFKC")
            .str.replace_all(_INVISIBLE_RUST, "")
            .to_frame("t")
        )
        folded_masks = folded.select(*exprs())
        for name in groups:
            hit = folded_masks.get_column(name)
            found[name].update(fold_rows.filter(hit).to_list())
    return {name: sorted(rows) for name, rows in found.items()}


def _run(
    texts: pl.Series,
    groups: dict[str, tuple[str, ...]],
    detect: Callable[[str, set[str]], list[_Found]],
    preview: Callable[[str, str], str],
) -> dict[int, list[Hit]]:
    """Prefilter all rows, run `detect` on the folded text of the rows that pass, and map the
    hits back to the original text."""
    texts = _as_strings(texts)
    if texts.is_empty():
        return {}
    rows_by_group = _prefilter(texts, groups)
    groups_by_row: dict[int, set[str]] = {}
    for name, rows in rows_by_group.items():
        for row in rows:
            groups_by_row.setdefault(row, set()).add(name)
    if not groups_by_row:
        return {}
    rows = sorted(groups_by_row)
    values = texts.gather(rows).to_list()
    result: dict[int, list[Hit]] = {}
    for row, text in zip(rows, values, strict=True):
        folded = _fold(text)
        hits = []
        for f in detect(folded.text, groups_by_row[row]):
            start, end = folded.span(f.start, f.end)
            hits.append(Hit(f.kind, start, end, preview(f.kind, f.value)))
        if hits:
            result[row] = hits
    return result
