"""BalanceScreen: records per category before and after review, and per split when the
data has been split."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from curate.schemas.manifest import SplitManifest
from curate.terminal import plain, safe
from curate.tui.session import ReviewSession
from curate.tui.widgets.bars import share_bar

BAR = 14


class BalanceScreen(Screen[None]):
    """Category counts and shares as bars."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,b", "close", "Back", id="balance.close")
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="balance"):
            yield Static(id="balance-body")
        yield Footer()

    def on_mount(self) -> None:
        # Two bars share what the text columns leave (about 66 cells of the width).
        bar = max(6, min(24, (self.size.width - 66) // 2))
        parts: list[RenderableType] = [review_table(self.session, bar)]
        splits = self.session.splits_dir
        if splits is not None and (splits / "manifest.json").is_file():
            parts += [Text(), split_table(splits / "manifest.json")]
        else:
            parts.append(Text("\nNo splits yet: press t to split, train and evaluate.", "dim"))
        self.query_one("#balance-body", Static).update(Group(*parts))

    def action_close(self) -> None:
        self.dismiss(None)


def review_table(session: ReviewSession, bar: int = BAR) -> Table:
    rows = session.balance()
    before_total = sum(r.before for r in rows) or 1
    after_total = sum(r.after for r in rows) or 1
    table = Table(title="Categories before and after review", title_justify="left", expand=True)
    table.add_column("category", min_width=18, no_wrap=True)
    for name in ("before", "share", "", "after", "share ", " "):
        table.add_column(name, justify="right" if name in ("before", "after") else "left")
    # Bars are relative to the largest share, so small differences stay visible.
    largest = max([r.before / before_total for r in rows] + [r.after / after_total for r in rows])
    for row in rows:
        before, after = row.before / before_total, row.after / after_total
        moved = "yellow" if abs(after - before) >= 0.01 else "green"
        table.add_row(
            safe(row.category) if row.category else Text("(none)"),
            str(row.before),
            f"{before:.1%}",
            share_bar(before / largest, bar),
            str(row.after),
            f"{after:.1%}",
            share_bar(after / largest, bar, moved),
        )
    table.add_row("total", str(before_total), "", "", str(after_total), "", "", style="bold")
    return table


def split_table(manifest_path: Path) -> Table:
    manifest = SplitManifest.model_validate(json.loads(manifest_path.read_text()))
    names = list(manifest.counts)
    categories = sorted({c for counts in manifest.counts.values() for c in counts})
    title = Text(f"Per split ({plain(manifest_path.parent)})")
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("category", min_width=18, no_wrap=True)
    for name in names:
        table.add_column(name, justify="right")
        table.add_column(f"{name} share")
    for category in categories:
        cells: list[RenderableType] = [safe(category)]
        for name in names:
            count = manifest.counts[name].get(category, 0)
            share = count / (manifest.totals.get(name) or 1)
            cells += [str(count), share_bar(share, 10)]
        table.add_row(*cells)
    return table
