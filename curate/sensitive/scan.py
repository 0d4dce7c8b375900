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


def _prefilter(
    texts: pl.Series,
    groups: dict[str, tuple[str, ...]],
    narrow: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, list[int]]:
    """Row indices that may hold something, per group of regexes (on raw and folded text).

    `narrow` gives, for a group whose regexes are slow on every row (a bounded gap between
    two parts), cheap regexes that every match of the group also matches: the group's own
    regexes then run only on the rows that match all of those."""
    narrow = narrow or {}

    def masks(frame: pl.DataFrame, extra: dict[str, pl.Expr]) -> pl.DataFrame:
        t = pl.col("t")
        found = (
            frame.lazy()
            .select(
                *(
                    (
                        pl.all_horizontal([t.str.contains(p) for p in narrow[name]])
                        if name in narrow
                        else pl.any_horizontal([t.str.contains(p) for p in patterns])
                    ).alias(name)
                    for name, patterns in groups.items()
                ),
                *(expr.alias(name) for name, expr in extra.items()),
            )
            .collect()
        )
        for name in narrow:
            maybe = found.get_column(name).arg_true()
            if maybe.len():
                patterns = groups[name]
                subset = frame.get_column("t").gather(maybe)
                sure = pl.any_horizontal([subset.str.contains(p) for p in patterns])
                hit = subset.to_frame("t").select(sure).to_series()
                column = pl.Series(name, [False] * frame.height).scatter(maybe.filter(hit), True)
                found = found.with_columns(column)
        return found

    t = pl.col("t")
    # Rows with a non-ASCII character other than the common typographic ones may hide text.
    maybe_fold = (t.str.len_bytes() - t.str.len_chars()) > 2 * t.str.count_matches(_SAFE_3BYTE_RUST)
    raw = masks(texts.to_frame("t"), {"__fold": maybe_fold})
    found = {name: set(raw.get_column(name).arg_true().to_list()) for name in groups}
    fold_rows = raw.get_column("__fold").arg_true()
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
        folded_masks = masks(folded, {})
        for name in groups:
            hit = folded_masks.get_column(name)
            found[name].update(fold_rows.filter(hit).to_list())
    return {name: sorted(rows) for name, rows in found.items()}


def _run(
    texts: pl.Series,
    groups: dict[str, tuple[str, ...]],
    detect: Callable[[str, set[str]], list[_Found]],
    preview: Callable[[str, str], str],
    narrow: dict[str, tuple[str, ...]] | None = None,
) -> dict[int, list[Hit]]:
    """Prefilter all rows, run `detect` on the folded text of the rows that pass, and map the
    hits back to the original text."""
    texts = _as_strings(texts)
    if texts.is_empty():
        return {}
    rows_by_group = _prefilter(texts, groups, narrow)
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
