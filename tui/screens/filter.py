"""FilterModal: narrow the table to one rule, one category and/or one decision."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select

from curate.terminal import plain
from curate.tui.session import ReviewSession, ViewFilter

DECISIONS = ("none", "keep", "reject", "edit", "flag")


class FilterModal(ModalScreen[ViewFilter | None]):
    """Returns the new filter (search text kept), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,f10", "apply", "Apply", id="filter.apply"),
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        current = self.session.filter
        with Vertical(id="filter-box", classes="dialog"):
            yield Label("Filter (Tab moves, Enter opens a list, Ctrl+S applies, Esc cancels)")
            yield Label("Rule")
            yield Select(
                [(code, code) for code in self.session.rule_codes()],
                prompt="any rule",
                value=current.rule or Select.NULL,
                id="filter-rule",
            )
            yield Label("Category")
            yield Select(
                [(Text(plain(name or "(none)")), name) for name in self.session.category_names()],
                prompt="any category",
                value=current.category if current.category is not None else Select.NULL,
                id="filter-category",
            )
            yield Label("Decision")
            yield Select(
                [(name if name != "none" else "undecided", name) for name in DECISIONS],
                prompt="any decision",
                value=current.decision or Select.NULL,
                id="filter-decision",
            )

    def on_mount(self) -> None:
        self.query_one("#filter-rule", Select).focus()

    def action_apply(self) -> None:
        def value(name: str) -> str | None:
            chosen = self.query_one(f"#filter-{name}", Select).value
            return None if chosen is Select.NULL else str(chosen)

        self.dismiss(
            ViewFilter(
                rule=value("rule"),
                category=value("category"),
                decision=value("decision"),
                search=self.session.filter.search,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
