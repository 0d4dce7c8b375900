"""AgreementScreen: per-category agreement (kappa) between reviewers, from the journals as
they stand now, this session's decisions included."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from curate.agreement import agreement_renderable, agreement_report
from curate.tui.session import ReviewSession


class AgreementScreen(Screen[None]):
    """The agreement table of `curate review --agreement`, live."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,A", "close", "Back", id="agreement.close")
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agreement"):
            yield Static(id="agreement-body")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        ratings = {
            rid: {reviewer: d.decision for reviewer, d in by.items()}
            for rid, by in session.state.by_reviewer.items()
        }
        categories = {
            rid: c or None for rid, c in zip(session.ids, session.categories, strict=True)
        }
        report = agreement_report(ratings, categories)
        self.query_one("#agreement-body", Static).update(agreement_renderable(report))

    def action_close(self) -> None:
        self.dismiss(None)
