"""JudgeScreen: blind side-by-side judging of two models' replies to the run's test prompts.

One prompt at a time with two replies labelled A and B, in an order that is random per
reviewer and record; which model wrote which is never shown, nor anything another expert
decided. `1`/`2` say A or B is better, `=` a tie, `s` skips (the record comes back after
every unseen one), `u` undoes the reviewer's latest judgement, `r` shows the reference.
Each judgement is in the journal, fsynced, before the screen moves on; leaving writes the
expert win rates into the run's report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from curate.io.errors import DatasetError
from curate.judging import JudgeSession, refresh_report, summary_lines
from curate.judging.session import Choice
from curate.schemas.report import ExpertPair
from curate.tui.widgets.visible_text import plain, visible

SAID = {"a": "A better", "b": "B better", "tie": "tie", "skip": "skipped"}


@dataclass
class Outcome:
    """What a judging session left: how many judgements (and undos) it journaled, and the
    expert win rates of its pair written into the report, or why they could not be."""

    judged: int = 0
    pairs: list[ExpertPair] = field(default_factory=list)
    error: str | None = None


class JudgeScreen(Screen[Outcome]):
    """Judge the replies of the session's model pair, one test record at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "judge('a')", "A better", id="judge.a-better"),
        Binding("2", "judge('b')", "B better", id="judge.b-better"),
        Binding("equals_sign", "judge('tie')", "Tie", key_display="=", id="judge.tie"),
        Binding("s", "judge('skip')", "Skip", id="judge.skip"),
        Binding("u", "undo", "Undo", id="judge.undo"),
        Binding("r", "reference", "Reference", id="judge.reference"),
        Binding("j,down", "scroll_replies(1)", "Scroll replies", show=False, id="judge.down"),
        Binding("k,up", "scroll_replies(-1)", "Scroll up", show=False, id="judge.up"),
        Binding("J,pagedown", "scroll_prompt(1)", "Scroll prompt", show=False,
                id="judge.prompt-down"),
        Binding("K,pageup", "scroll_prompt(-1)", "Scroll prompt up", show=False,
                id="judge.prompt-up"),
        Binding("question_mark", "help", "Keys", id="judge.help"),
        Binding("q,escape", "close", "Leave", id="judge.close"),
    ]  # fmt: skip

    def __init__(self, session: JudgeSession) -> None:
        super().__init__()
        self.session = session
        self.position: int | None = None
        self.show_reference = False
        self.judged_here = 0
        """Judgements (and undos) made on this screen: leaving refreshes the report then."""
        self.last = ""
        """What the last key did, shown in the head line (a toast would cover a reply)."""

    def compose(self) -> ComposeResult:
        yield Static(id="judge-head")
        with VerticalScroll(id="judge-prompt"):
            yield Static(id="judge-prompt-text")
        with Horizontal(id="judge-replies"):
            with VerticalScroll(id="judge-pane-a", classes="judge-pane"):
                yield Static(id="judge-a")
            with VerticalScroll(id="judge-pane-b", classes="judge-pane"):
                yield Static(id="judge-b")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#judge-pane-a").border_title = "A"
        self.query_one("#judge-pane-b").border_title = "B"
        if self.session.warning:
            self.notify(plain(self.session.warning), severity="warning", markup=False)
        outdated = self.session.outdated()
        if outdated:
            self.notify(
                f"{outdated} of your judgements were of replies that have changed since (the "
                "run was evaluated again): those prompts are back in your queue.",
                severity="warning",
            )
        self.show()

    # --- showing -------------------------------------------------------------------------

    def show(self) -> None:
        """The record at the head of the queue (or that all are judged), and progress.
        The top pane shows the prompt, or the reference while `r` is on: at 80x24 there is
        no room for both above two replies that must stay readable."""
        session = self.session
        self.position = session.current()
        judged, skipped, total = session.progress()
        first, second = session.pair
        head = Text.assemble(
            ("Judge ", "bold"),
            f"{judged} of {total} judged",
            f", {skipped} skipped" if skipped else "",
            (" · ", "dim"),
            (f"{self.last} · " if self.last else "", "green"),
            (f"{plain(first)} vs {plain(second)}, A/B hidden", "dim"),
        )
        self.query_one("#judge-head", Static).update(head)
        top = self.query_one("#judge-prompt-text", Static)
        a, b = self.query_one("#judge-a", Static), self.query_one("#judge-b", Static)
        if self.position is None:
            top.update(
                Text(
                    f"All {total} records are judged for this pair. u undoes your latest "
                    "judgement; q leaves and writes the win rates into the report.",
                    style="bold green",
                )
            )
            a.update("")
            b.update("")
            return
        record = session.predictions[self.position]
        shown_a, shown_b = session.shown(self.position)
        category = f"  {plain(record.category)}" if record.category else ""
        if self.show_reference:
            title = Text.assemble(("Reference", "bold reverse"), ("  r shows the prompt", "dim"))
            top.update(Group(title, visible(record.reference)))
        else:
            title = Text.assemble(("Prompt", "bold"), (f"  {plain(record.id)}{category}", "dim"))
            top.update(Group(title, visible(record.input)))
        a.update(visible(record.replies[shown_a]))
        b.update(visible(record.replies[shown_b]))
        for pane in ("#judge-prompt", "#judge-pane-a", "#judge-pane-b"):
            self.query_one(pane, VerticalScroll).scroll_home(animate=False)

    # --- keys ----------------------------------------------------------------------------

    def action_judge(self, choice: Choice) -> None:
        if self.position is None:
            self.app.bell()
            return
        self.session.judge(self.position, choice)  # in the journal, fsynced, from here on
        self.judged_here += 1
        self.last = f"saved: {SAID[choice]}"
        self.show_reference = False  # the next record opens on its prompt
        self.show()

    def action_undo(self) -> None:
        undone = self.session.undo()
        if undone is None:
            self.notify("Nothing of yours to undo for this pair.", severity="warning")
            return
        self.judged_here += 1
        self.last = "undone"
        self.show_reference = False
        self.show()

    def action_reference(self) -> None:
        """Show the reference in place of the prompt, or the prompt again."""
        self.show_reference = not self.show_reference
        self.show()

    def action_scroll_replies(self, direction: int) -> None:
        for pane in ("#judge-pane-a", "#judge-pane-b"):
            self.query_one(pane, VerticalScroll).scroll_relative(y=direction * 3, animate=False)

    def action_scroll_prompt(self, direction: int) -> None:
        self.query_one("#judge-prompt", VerticalScroll).scroll_relative(
            y=direction * 3, animate=False
        )

    def action_help(self) -> None:
        from curate.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_close(self) -> None:
        """Leave; after judging, the run's report gets the expert win rates first."""
        outcome = Outcome(self.judged_here)
        if self.judged_here:
            try:
                pairs = refresh_report(self.session.run, self.session.judgements)
            except DatasetError as exc:
                outcome.error = f"report not refreshed: {exc}"
                self.notify(plain(outcome.error), severity="warning", markup=False)
            else:
                outcome.pairs = [p for p in pairs if {p.first, p.second} == set(self.session.pair)]
                self.notify(plain("; ".join(summary_lines(outcome.pairs))), markup=False, timeout=8)
        self.dismiss(outcome)
