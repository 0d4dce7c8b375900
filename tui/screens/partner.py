"""PartnerScreen: a record and its duplicate / conflict / leak partner side by side, with
the differing words marked; keep one and reject the other with one key."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from curate.tui.session import Partner, ReviewSession
from curate.tui.widgets.record_table import DECISION_STYLE
from curate.tui.widgets.visible_text import plain
from curate.tui.widgets.word_diff import word_diff


class PartnerScreen(Screen[None]):
    """Compare the highlighted record (left) with each of its partners (right)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "keep('left')", "Keep left, reject right", id="partner.keep-left"),
        Binding("2", "keep('right')", "Keep right, reject left", id="partner.keep-right"),
        Binding("n,tab", "next_partner", "Next partner", id="partner.next"),
        Binding("escape,q,d", "close", "Back", id="partner.close"),
    ]

    def __init__(self, session: ReviewSession, row: int, partners: list[Partner]) -> None:
        super().__init__()
        self.session = session
        self.row = row
        self.partners = partners
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="partner-title")
        with Horizontal(id="partner-panes"):
            with VerticalScroll(classes="partner-pane"):
                yield Static(id="partner-left")
            with VerticalScroll(classes="partner-pane"):
                yield Static(id="partner-right")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    @property
    def other(self) -> int:
        return self.partners[self.index].row

    def show(self) -> None:
        partner = self.partners[self.index]
        finding = partner.finding
        self.query_one("#partner-title", Static).update(
            Text.assemble(
                (f"{finding.rule} ", "bold"),
                plain(finding.message),
                (f"   partner {self.index + 1} of {len(self.partners)}", "dim"),
            )
        )
        left, right = self.session.record(self.row), self.session.record(self.other)
        input_left, input_right = word_diff(left["input"] or "", right["input"] or "")
        output_left, output_right = word_diff(left["output"] or "", right["output"] or "")
        self.query_one("#partner-left", Static).update(
            self._pane(self.row, input_left, output_left)
        )
        self.query_one("#partner-right", Static).update(
            self._pane(self.other, input_right, output_right)
        )

    def _pane(self, row: int, shown_input: Text, shown_output: Text) -> Group:
        record = self.session.record(row)
        decision = self.session.decision_name(row)
        return Group(
            Text.assemble(
                (plain(record["id"]), "bold"),
                "  ",
                (plain(record.get("category") or ""), "cyan"),
                "  ",
                (decision if decision != "none" else "undecided", DECISION_STYLE[decision]),
            ),
            Text(plain(self.session.location(row)), style="dim"),
            Text(),
            Text("Input", style="bold"),
            shown_input,
            Text(),
            Text("Output", style="bold"),
            shown_output,
        )

    def action_keep(self, side: str) -> None:
        keep, reject = (self.row, self.other) if side == "left" else (self.other, self.row)
        # Each decision names the other record (by its id in its own file, as journals do),
        # so `curate export --preferences` can write the choice as a preference pair.
        local = self.session.dataset.local_id
        self.session.decide(keep, "keep", partner=local(self.session.ids[reject]))
        self.session.decide(reject, "reject", partner=local(self.session.ids[keep]))
        kept, rejected = plain(self.session.ids[keep]), plain(self.session.ids[reject])
        self.notify(f"kept {kept}, rejected {rejected}", markup=False)
        self.show()

    def action_next_partner(self) -> None:
        self.index = (self.index + 1) % len(self.partners)
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
