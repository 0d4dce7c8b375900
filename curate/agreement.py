"""How far reviewers agree, on the records that more than one of them decided on.

Each reviewer's label for a record is their own standing decision on it (keep, reject,
edit or flag, after their undos; see `curate.journal.current_state`). Agreement is
reported per dataset category and overall, as raw percent agreement and chance-corrected:

- Cohen's kappa where exactly two reviewers rated the items (then both rated every item);
- Fleiss' kappa where three or more reviewers took part and every item has the same number
  of ratings (Fleiss allows different reviewers per item, not different numbers);
- Krippendorff's alpha (nominal) where the number of ratings differs between items, which
  is the usual case when reviewers each cover part of the dataset. Fleiss' formula is not
  defined for unequal numbers, and dropping the items outside the modal number would hide
  part of the evidence; alpha uses every pairable rating, and where the numbers are equal it
  differs from Fleiss' kappa only by a small-sample correction.

The Landis and Koch (1977) bands name the value, for alpha too, so one table reads the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from curate.io import read_dataset
from curate.io.paths import expand_paths
from curate.journal import load_review
from curate.schemas.agreement import AgreementReport, AgreementRow, Method
from curate.schemas.settings import CurateSettings
from curate.terminal import plain, safe

L = TypeVar("L", bound=Hashable)
"""A label: for reviews, a decision; the statistics take any hashable value."""
Ratings = Mapping[str, Mapping[str, Hashable]]
"""Item id -> reviewer -> label."""

LANDIS_KOCH = (
    (0.2, "slight"),
    (0.4, "fair"),
    (0.6, "moderate"),
    (0.8, "substantial"),
)
"""Upper bounds (inclusive) of the bands above 0; below 0 is poor, above 0.8 almost perfect."""


def cohen_kappa(pairs: Sequence[tuple[L, L]]) -> float | None:
    """Cohen's kappa of two raters; each pair is (rater A's label, rater B's label) on one
    item. None where chance agreement is 1 (both used one and the same label)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    chance = sum(first[label] * second[label] for label in first) / (n * n)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def fleiss_kappa(counts: Sequence[Mapping[L, int]]) -> float | None:
    """Fleiss' kappa from per-item label counts; every item must have the same number of
    ratings (at least two). None where chance agreement is 1."""
    if not counts:
        return None
    raters = {sum(item.values()) for item in counts}
    if len(raters) != 1 or min(raters) < 2:
        raise ValueError("Fleiss' kappa needs the same number (2 or more) of ratings per item")
    m = raters.pop()
    n_items = len(counts)
    observed = sum(_item_agreement(item) for item in counts) / n_items
    totals: Counter[L] = Counter()
    for item in counts:
        totals.update(item)
    chance = sum((total / (n_items * m)) ** 2 for total in totals.values())
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def krippendorff_alpha(counts: Sequence[Mapping[L, int]]) -> float | None:
    """Krippendorff's alpha for nominal labels from per-item label counts, any number of
    ratings per item (items with fewer than two cannot be paired and do not count).
    None where expected disagreement is 0 (a single label throughout)."""
    units = [item for item in counts if sum(item.values()) >= 2]
    coincide = 0.0  # sum over labels c of o_cc, the coincidence matrix diagonal
    totals: Counter[L] = Counter()  # n_c
    for item in units:
        m = sum(item.values())
        coincide += sum(k * (k - 1) for k in item.values()) / (m - 1)
        totals.update(item)
    n = sum(totals.values())
    same_by_chance = sum(k * (k - 1) for k in totals.values())
    denominator = n * (n - 1) - same_by_chance
    if n < 2 or denominator == 0:
        return None
    return ((n - 1) * coincide - same_by_chance) / denominator


def percent_agreement(counts: Sequence[Mapping[L, int]]) -> float:
    """The share of agreeing rater pairs within each item, averaged over items."""
    return sum(_item_agreement(item) for item in counts) / len(counts) if counts else 0.0


def _item_agreement(item: Mapping[L, int]) -> float:
    m = sum(item.values())
    return sum(k * (k - 1) for k in item.values()) / (m * (m - 1))


def interpret(kappa: float | None) -> str:
    """Landis and Koch's name for a kappa value."""
    if kappa is None:
        return "undefined"
    if kappa < 0:
        return "poor"
    for bound, name in LANDIS_KOCH:
        if kappa <= bound:
            return name
    return "almost perfect"


def agreement_row(category: str | None, ratings: Ratings) -> AgreementRow:
    """Agreement over items rated by two or more reviewers (others are ignored)."""
    items = {rid: by for rid, by in ratings.items() if len(by) >= 2}
    raters = sorted({reviewer for by in items.values() for reviewer in by})
    counts = [Counter(by.values()) for by in items.values()]
    sizes = {len(by) for by in items.values()}
    method: Method
    if len(raters) == 2:
        method = "cohen"
        first, second = raters
        kappa = cohen_kappa([(by[first], by[second]) for by in items.values()])
    elif len(sizes) == 1:
        method = "fleiss"
        kappa = fleiss_kappa(counts)
    else:
        method = "krippendorff"
        kappa = krippendorff_alpha(counts)
    return AgreementRow(
        category=category,
        items=len(items),
        raters=len(raters),
        ratings=sum(len(by) for by in items.values()),
        percent_agreement=percent_agreement(counts),
        kappa=kappa,
        method=method,
        interpretation=interpret(kappa),
    )


def agreement_report(ratings: Ratings, categories: Mapping[str, str | None]) -> AgreementReport:
    """Per category and overall rows from each record's labels by reviewer.

    `categories` maps record ids to the dataset's category; ids missing from it (decisions
    on records that are no longer in the dataset) are left out.
    """
    known = {rid: by for rid, by in ratings.items() if rid in categories and by}
    multi = {rid: by for rid, by in known.items() if len(by) >= 2}
    by_category: dict[str | None, dict[str, Mapping[str, Hashable]]] = {}
    for rid, by in multi.items():
        by_category.setdefault(categories[rid], {})[rid] = by
    order = sorted(by_category, key=lambda c: (c is None, c or ""))
    return AgreementReport(
        reviewers=sorted({reviewer for by in known.values() for reviewer in by}),
        reviewed=len(known),
        overall=agreement_row(None, multi) if multi else None,
        categories=[agreement_row(c, by_category[c]) for c in order],
    )


def agreement_for(paths: list[Path], settings: CurateSettings) -> AgreementReport:
    """Agreement on the datasets at `paths` (files or folders) from their review journals."""
    files = expand_paths(paths)
    dataset = read_dataset(files, settings.fields)
    frame = dataset.frame
    categories = dict(zip(frame.get_column("id"), frame.get_column("category"), strict=True))
    state = load_review(dataset)
    ratings = {
        rid: {reviewer: d.decision for reviewer, d in by.items()}
        for rid, by in state.by_reviewer.items()
    }
    return agreement_report(ratings, categories)


def render_agreement(report: AgreementReport, console: Console) -> None:
    """Print the agreement table, or a line saying why there is none."""
    console.print(agreement_renderable(report), highlight=False)


def agreement_renderable(report: AgreementReport) -> RenderableType:
    """One row per category and the overall row, or a line saying why there is none (what
    `curate review --agreement` prints and the app's agreement screen shows)."""
    if report.overall is None:
        who = ", ".join(report.reviewers) or "nobody"
        return Text(
            f"No record has decisions from two or more reviewers yet "
            f"({report.reviewed:,} reviewed, by {plain(who)})."
        )
    who = plain(", ".join(report.reviewers))
    table = Table(title=Text(f"Reviewer agreement ({who})"), title_justify="left")
    for column in ("category", "items", "raters", "agreement", "kappa", "method", "strength"):
        table.add_column(column, justify="left" if column in {"category", "method"} else "right")
    for row in report.categories:
        table.add_row(*_cells(row, row.category if row.category is not None else "(none)"))
    table.add_section()
    table.add_row(*_cells(report.overall, "all"), style="bold")
    note = Text(
        "kappa: Cohen's (two reviewers), Fleiss' (same number per record) or Krippendorff's "
        "alpha (numbers differ); strength after Landis & Koch.",
        style="dim",
    )
    return Group(table, note)


def _cells(row: AgreementRow, name: str) -> list[RenderableType]:
    method = {"cohen": "Cohen", "fleiss": "Fleiss", "krippendorff": "Krippendorff α"}
    return [
        safe(name),
        f"{row.items:,}",
        str(row.raters),
        f"{row.percent_agreement:.0%}",
        f"{row.kappa:.3f}" if row.kappa is not None else "—",
        method[row.method],
        row.interpretation,
    ]
