"""`curate stats`: counts, category shares and length percentiles of a dataset."""

from __future__ import annotations

from dataclasses import asdict

import polars as pl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from curate.io import Dataset
from curate.schemas.stats import (
    CategoryCount,
    DatasetStats,
    FileStats,
    Percentiles,
    UnreadableRecord,
)
from curate.terminal import plain, safe

QUANTILES = {"p5": 0.05, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p95": 0.95}
WORD_SAMPLE = 100_000
"""Word counts are a regex pass per record; above this many records they come from an even
sample (every n-th record), which moves no percentile by more than a word or two."""


def compute_stats(dataset: Dataset) -> DatasetStats:
    """Summarise a dataset in one pass over its frame."""
    frame = dataset.frame
    return DatasetStats(
        records=frame.height,
        unreadable=len(dataset.issues),
        files=[
            FileStats(
                path=s.path,
                kind=s.kind,
                shape=s.shape.name,
                records=s.records,
                unreadable=s.unreadable,
            )
            for s in dataset.sources
        ],
        categories=_categories(frame),
        lengths=_lengths(frame),
        languages=_languages(frame),
        unreadable_records=[UnreadableRecord(**asdict(issue)) for issue in dataset.issues],
    )


def _categories(frame: pl.DataFrame) -> list[CategoryCount]:
    if frame.height == 0:
        return []
    counts = frame.group_by("category").len().sort(["len", "category"], descending=[True, False])
    return [
        CategoryCount(category=category, count=count, share=count / frame.height)
        for category, count in counts.iter_rows()
    ]


def _lengths(frame: pl.DataFrame) -> list[Percentiles]:
    if frame.height == 0:
        return []
    sample = frame.gather_every(max(1, frame.height // WORD_SAMPLE))
    result = []
    for field in ("input", "output"):
        chars = frame.select(pl.col(field).str.len_chars()).to_series()
        words = sample.select(pl.col(field).str.count_matches(r"\S+")).to_series()
        for unit, measure in (("chars", chars), ("words", words)):
            values = {n: int(measure.quantile(q, "nearest") or 0) for n, q in QUANTILES.items()}
            values["max"] = int(measure.max() or 0)  # type: ignore[arg-type]
            result.append(Percentiles(field=field, unit=unit, **values))
    return result


def _languages(frame: pl.DataFrame) -> dict[str, int]:
    counts = frame.drop_nulls("lang").group_by("lang").len().sort("len", descending=True)
    return dict(counts.iter_rows())


def render_stats(stats: DatasetStats, console: Console, max_issues: int = 20) -> None:
    """Print the stats as a person reads them: files, categories, lengths, bad lines."""
    files = Table(title="Files", title_justify="left")
    for column in ("path", "kind", "format", "records", "unreadable"):
        files.add_column(column, justify="right" if column in {"records", "unreadable"} else "left")
    for f in stats.files:
        files.add_row(safe(f.path), f.kind, f.shape, f"{f.records:,}", f"{f.unreadable:,}")
    console.print(files)
    console.print(f"[bold]{stats.records:,}[/] records, [bold]{stats.unreadable:,}[/] unreadable")

    categories = Table(title="Categories", title_justify="left")
    for column in ("category", "count", "share", ""):
        categories.add_column(column, justify="right" if column in {"count", "share"} else "left")
    top = max((c.share for c in stats.categories), default=1.0) or 1.0
    for c in stats.categories:
        bar = "█" * max(1, round(24 * c.share / top))
        label = safe(c.category) if c.category is not None else Text("(none)")
        categories.add_row(label, f"{c.count:,}", f"{c.share:6.1%}", Text(bar, style="cyan"))
    console.print(categories)

    lengths = Table(title="Lengths", title_justify="left")
    for column in ("field", "unit", *QUANTILES, "max"):
        lengths.add_column(column, justify="left" if column in {"field", "unit"} else "right")
    for p in stats.lengths:
        values = (p.p5, p.p25, p.p50, p.p75, p.p95, p.max)
        lengths.add_row(p.field, p.unit, *(f"{v:,}" for v in values))
    console.print(lengths)

    if stats.languages:
        shown = ", ".join(f"{plain(lang)} {count:,}" for lang, count in stats.languages.items())
        console.print(Text(f"Languages (from the file): {shown}"))
    if stats.unreadable_records:
        console.print(f"[bold red]Unreadable records ({stats.unreadable:,}):[/]")
        for issue in stats.unreadable_records[:max_issues]:
            line = f"  {plain(issue.path)}:{issue.line}: {plain(issue.message)}"
            console.print(Text(line), highlight=False, soft_wrap=True)
        if stats.unreadable > max_issues:
            console.print(
                f"  ... and {stats.unreadable - max_issues:,} more (--output-format json "
                "lists them all)"
            )
