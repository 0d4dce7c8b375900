"""ReviewScreen: the record table, the highlighted record, and every review key.

The screen routes: keys become session calls (which write the journal) and the widgets
are told what to show. Lint runs in a thread worker so the screen stays live.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from curate.schemas.lint import LintReport
from curate.tui.session import ReviewSession
from curate.tui.widgets.record_detail import RecordDetail
from curate.tui.widgets.record_table import RecordTable, header_text
from curate.tui.widgets.status_line import StatusLine
from curate.tui.widgets.visible_text import plain

ADVANCING = ("keep", "reject", "flag")
"""Decisions after which the cursor moves on to the next record."""


class ReviewScreen(Screen[None]):
    """Walk the records, see their findings, decide."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Keys", id="review.help"),
        Binding("a", "decide('keep')", "Keep", id="review.keep"),
        Binding("x", "decide('reject')", "Reject", id="review.reject"),
        Binding("e", "edit", "Edit", id="review.edit"),
        Binding("f", "flag", "Flag", id="review.flag"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("j,down", "move(1)", "Next", show=False, id="review.next"),
        Binding("k,up", "move(-1)", "Previous", show=False, id="review.previous"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="review.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="review.page-up"),
        Binding("home,g", "jump('first')", "First", show=False, id="review.first"),
        Binding("end,G", "jump('last')", "Last", show=False, id="review.last"),
        Binding("J,space", "scroll_detail(1)", "Scroll text", show=False, id="review.text-down"),
        Binding("K", "scroll_detail(-1)", "Scroll text up", show=False, id="review.text-up"),
        # The footer shows keys in this order and cuts what does not fit (at 80 columns,
        # after about ten): the deciding keys first, then the model's queue, then the rest;
        # `?` lists them all.
        Binding("m", "model_queue", "Model", id="review.model"),
        Binding("slash", "search", "Search", id="review.search"),
        Binding("F", "filter", "Filter", id="review.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="review.clear"),
        Binding("v", "toggle_view", "Queue/all", id="review.view"),
        Binding("d", "partner", "Duplicate", id="review.partner"),
        Binding("b", "balance", "Balance", id="review.balance"),
        Binding("A", "agreement", "Agreement", show=False, id="review.agreement"),
        Binding("l", "lint", "Lint", id="review.lint"),
        Binding("t", "train", "Train+eval", id="review.train"),
        Binding("q", "app.quit", "Quit", id="review.quit"),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.lint_state = "not run"
        self.interacted = False
        """Whether the reviewer has moved or decided: then lint does not switch the view."""
        self.lint_runs = 0
        self.signals_linted: object = None
        """The model signals the last lint ran with."""

    def compose(self) -> ComposeResult:
        with Vertical(id="records"):
            yield Static(header_text(200), id="table-header")
            yield RecordTable(self.session, id="table")
        yield RecordDetail(self.session, id="detail")
        # Below the record, next to what changes with each key: the screen area a
        # decision repaints stays small.
        yield StatusLine(self.session, id="status")
        # Compact, and without the command palette's entry: room for more of the keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_screen_resume(self) -> None:
        """Back from another screen: a run that finished there brought model signals, so
        lint runs again with the MOD rules."""
        if self.session.signals is not self.signals_linted and self.lint_state == "done":
            self.action_lint()

    def on_mount(self) -> None:
        self.table.focus()
        if self.session.run_note:
            self.notify(plain(self.session.run_note), markup=False, timeout=8)
        self.action_lint()

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    @property
    def detail(self) -> RecordDetail:
        return self.query_one(RecordDetail)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @on(RecordTable.Highlighted)
    def show_record(self, event: RecordTable.Highlighted) -> None:
        if event.row != self.detail.row:
            self.detail.show(event.row)
        self.status.refresh_counts()

    def _follow_cursor(self) -> None:
        """Show the record under the cursor now, in the same frame as the table's move
        (waiting for the table's message would paint the move and the record apart)."""
        self.detail.show(self.table.current_row)

    # --- moving --------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.interacted = True
        self.table.move(delta)
        self._follow_cursor()

    def action_page(self, direction: int) -> None:
        self.interacted = True
        self.table.move(direction * max(self.table.size.height - 1, 1))
        self._follow_cursor()

    def action_scroll_detail(self, direction: int) -> None:
        """Scroll the record's text by half a pane, the table's cursor staying put."""
        step = max(self.detail.size.height // 2, 1)
        self.detail.scroll_relative(y=direction * step, animate=False)

    def action_jump(self, where: str) -> None:
        self.interacted = True
        self.table.move_to(0 if where == "first" else len(self.session.view) - 1)
        self._follow_cursor()

    # --- deciding ------------------------------------------------------------------------

    def action_decide(self, action: str) -> None:
        row = self.table.current_row
        if row is None:
            self.app.bell()
            return
        self._decide(row, action)

    def _decide(self, row: int, action: str, **changes: str | None) -> None:
        """Journal the decision on `row` (the record the reviewer looked at, even when a
        lint run reordered the table while a dialog was open), then redraw."""
        self.interacted = True
        self.session.decide(row, action, **changes)  # type: ignore[arg-type]
        self._after_decision(row, advance=action in ADVANCING and row == self.table.current_row)

    def _after_decision(self, row: int, advance: bool) -> None:
        """The journal has the decision: redraw, and move on where that helps."""
        position = self.table.cursor
        if self.session.filter.decision:
            # A decision filter may no longer match the record just decided.
            self.session.refresh_view()
            self.table.reload()
            self.table.move_to(position)
        elif advance and position < len(self.session.view) - 1:
            self.table.refresh_row(row)
            self.table.move(1)
            self._follow_cursor()
        else:
            self.table.refresh_row(row)
            self.detail.show(row)
        self.status.refresh_counts()

    def action_edit(self) -> None:
        from curate.tui.screens.edit import EditModal

        row = self.table.current_row
        if row is None:
            self.app.bell()
            return
        record = self.session.record(row)

        def saved(changes: dict[str, str] | None) -> None:
            if changes:
                self._decide(row, "edit", **changes)

        self.app.push_screen(EditModal(record), saved)

    def action_flag(self) -> None:
        from curate.tui.screens.prompt import PromptModal

        row = self.table.current_row
        if row is None:
            self.app.bell()
            return

        def noted(note: str | None) -> None:
            if note is not None:
                self._decide(row, "flag", note=note or None)

        self.app.push_screen(PromptModal("Flag with a note (Enter saves, Esc cancels)"), noted)

    def action_undo(self) -> None:
        undone = self.session.undo(self.table.current_row)
        if undone is None:
            self.notify("Nothing of yours to undo here.", severity="warning")
            return
        self.table.refresh_row(undone)
        self.table.show_row(undone)
        self.detail.show(undone)
        self.status.refresh_counts()

    # --- view ----------------------------------------------------------------------------

    def action_search(self) -> None:
        from curate.tui.screens.prompt import PromptModal

        def search(text: str | None) -> None:
            if text is not None:
                self._set_filter(search=text or None)

        current = self.session.filter.search or ""
        self.app.push_screen(PromptModal("Search input and output text", current), search)

    def action_filter(self) -> None:
        from curate.tui.screens.filter import FilterModal

        def chosen(wanted: Any) -> None:
            if wanted is not None:
                self.session.set_filter(wanted)
                self._reload_view()

        self.app.push_screen(FilterModal(self.session), chosen)

    def _set_filter(self, **changes: str | None) -> None:
        from dataclasses import replace

        self.session.set_filter(replace(self.session.filter, **changes))
        self._reload_view()

    def action_clear_filter(self) -> None:
        from curate.tui.session import ViewFilter

        if self.session.filter != ViewFilter():
            self.session.set_filter(ViewFilter())
            self._reload_view()

    def action_toggle_view(self) -> None:
        self.session.set_mode("all" if self.session.mode == "flagged" else "flagged")
        self._reload_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`m` is in the footer only when there is a run to show the model's view of."""
        return not (action == "model_queue" and self.session.signals is None)

    def action_model_queue(self) -> None:
        """The records the tuned model of `--run` disagrees with, strongest first; again
        to go back to the flagged queue."""
        session = self.session
        if self.lint_state != "done":
            self.notify("Lint is still running; the model's findings come with it.")
            return
        if not session.model_order:
            self.notify("The tuned model disagrees with no record here.")
            return
        session.set_mode("flagged" if session.mode == "model" else "model")
        self._reload_view()

    def _reload_view(self) -> None:
        self.interacted = True
        row = self.table.current_row
        self.table.reload(keep_row=row)
        self.detail.show(self.table.current_row)
        self.status.refresh_counts()

    # --- other screens -------------------------------------------------------------------

    def action_partner(self) -> None:
        from curate.tui.screens.partner import PartnerScreen

        row = self.table.current_row
        partners = self.session.partners(row) if row is not None else []
        if row is None or not partners:
            self.notify("This record has no duplicate, conflict or leak partner.")
            return

        def closed(_: None) -> None:
            self.table.refresh()
            self.detail.show(self.table.current_row)
            self.status.refresh_counts()

        self.app.push_screen(PartnerScreen(self.session, row, partners), closed)

    def action_balance(self) -> None:
        from curate.tui.screens.balance import BalanceScreen

        self.app.push_screen(BalanceScreen(self.session))

    def action_agreement(self) -> None:
        from curate.tui.screens.agreement import AgreementScreen

        self.app.push_screen(AgreementScreen(self.session))

    def action_help(self) -> None:
        from curate.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_train(self) -> None:
        """Open the running train-and-evaluate run, or start a new one. The run screen is
        installed, so Esc goes back to reviewing while it trains and `t` returns to it."""
        from curate.tui.screens.run import RUN_SCREEN, RunScreen

        app = self.app
        if app.is_screen_installed(RUN_SCREEN):
            previous = app.get_screen(RUN_SCREEN)
            if isinstance(previous, RunScreen) and previous.running:
                app.push_screen(RUN_SCREEN)
                return
            app.uninstall_screen(RUN_SCREEN)
        app.install_screen(RunScreen(self.session), RUN_SCREEN)
        app.push_screen(RUN_SCREEN)

    # --- lint ----------------------------------------------------------------------------

    def action_lint(self) -> None:
        self.signals_linted = self.session.signals
        self.lint_runs += 1
        self.lint_state = "running"
        self.status.set_lint("linting…")
        self._lint()

    @work(thread=True, exclusive=True, group="lint")
    def _lint(self) -> None:
        started = time.perf_counter()
        report = self.session.lint()
        self.app.call_from_thread(self._linted, report, time.perf_counter() - started)

    def _linted(self, report: LintReport, seconds: float) -> None:
        row = self.table.current_row
        mode = self.session.mode
        self.session.set_report(report)
        if self.interacted and self.session.mode != mode:
            # Never pull the table from under a reviewer at work; say where the queue is.
            self.session.set_mode(mode)
            key = "m" if self.session.mode == "model" else "v"
            self.notify(
                f"lint done: {len(self.session.findings)} records flagged; {key} shows them"
            )
        self.lint_state = "done"
        summary = report.summary
        self.status.set_lint(
            f"lint: {summary.errors} errors, {summary.warnings} warnings, "
            f"{summary.reviewed} reviewed"
        )
        if self.lint_runs > 1:
            self.notify(f"lint re-run in {seconds:.1f}s", timeout=2)
        self.table.reload(keep_row=row)
        self.detail.show(self.table.current_row)
        self.status.refresh_counts()
