"""StatusLine: reviewed / total, decisions by kind, the view, and lint's state, always
visible at the top."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from curate.tui.session import ReviewSession
from curate.tui.widgets.record_table import DECISION_STYLE

VIEW_NAMES = {"flagged": "flagged queue", "all": "all records", "model": "model disagrees"}


class StatusLine(Widget):
    """One or two lines of progress; `refresh_counts()` after anything that changes them.

    A changed count repaints the line; only a change in how many lines it wraps to asks
    for a layout pass over the screen (which would cost every decision a few ms).
    """

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.lint = "lint not run"
        self._text = Text()
        self._lines = 0

    def render(self) -> RenderableType:
        return self._text

    def on_mount(self) -> None:
        self.refresh_counts()

    def set_lint(self, text: str) -> None:
        self.lint = text
        self.refresh_counts()

    def refresh_counts(self) -> None:
        session = self.session
        reviewed, kinds = session.progress()
        total = len(session)
        share = reviewed / total if total else 0.0
        text = Text.assemble(
            ("reviewed ", "bold"),
            (f"{reviewed}/{total}", "bold"),
            f" ({share:.0%})  ",
        )
        for kind in ("keep", "reject", "edit", "flag"):
            text.append(f"{kind} {kinds[kind]} ", style=DECISION_STYLE[kind])
        view = VIEW_NAMES[session.mode]
        text.append(f" │ {view}: {len(session.view)}", style="bold")
        described = session.filter.describe()
        if described:
            text.append(f" [{described}]", style="yellow")
        text.append(f" │ {self.lint}", style="dim")
        text.append(f" │ {session.reviewer}", style="dim")
        if text.plain == self._text.plain:  # an unchanged line costs no repaint
            return
        self._text = text
        width = max(self.size.width, 1)
        lines = len(text.wrap(self.app.console, width)) if self.size.width else 0
        self.refresh(layout=lines != self._lines)
        self._lines = lines
