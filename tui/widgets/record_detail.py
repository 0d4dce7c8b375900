"""RecordDetail: one record in full: its text (chat turns as turns), findings with the
rules' docs, and the decision history.

It draws pre-rendered lines (Textual's line API) instead of holding a Static whose height
follows the text: a new record then repaints this pane only, without a layout pass over
the whole screen, which keeps moving through records fast.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from curate.lint import all_rules
from curate.schemas.decision import Decision
from curate.schemas.finding import Finding
from curate.tui.session import ReviewSession
from curate.tui.widgets.record_table import DECISION_STYLE, SEVERITY_STYLE
from curate.tui.widgets.visible_text import plain, visible


class RecordDetail(ScrollView, can_focus=False):
    """Shows the highlighted record; `show(row)` replaces what is shown."""

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.row: int | None = None
        self._lines: list[Strip] = []

    def show(self, row: int | None) -> None:
        self.row = row
        self._render_lines()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self._render_lines()

    def _render_lines(self) -> None:
        width = max(self.scrollable_content_region.width, 20)
        renderable: RenderableType = (
            Text("No record in this view.", style="dim")
            if self.row is None
            else record_renderable(self.session, self.row)
        )
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(renderable, options, pad=False)
        self._lines = [Strip(Segment.adjust_line_length(line, width)) for line in lines]
        # Set without the layout pass a virtual-size change normally asks for: the pane's
        # own scrollbar (always shown, see curate.tcss) is all that depends on it.
        size = Size(width, len(self._lines))
        self.set_reactive(RecordDetail.virtual_size, size)
        self._scroll_update(size)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(self.size.width, self.rich_style)
        return self._lines[index].crop(self.scroll_offset.x, self.scroll_offset.x + self.size.width)

    def text(self) -> str:
        """What the pane holds, as plain text (for tests and screen readers)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)


def record_renderable(session: ReviewSession, row: int) -> RenderableType:
    """The record's header, text, findings and history as one Rich renderable."""
    record = session.record(row)
    decision = session.decision_name(row)
    header = Text.assemble(
        (plain(record["id"]), "bold"),
        "  ",
        (plain(record.get("category") or "no category"), "cyan"),
        "  ",
        (plain(session.location(row)), "dim"),
        "  ",
        (decision if decision != "none" else "undecided", DECISION_STYLE[decision]),
    )
    parts: list[RenderableType] = [header, Text()]
    found = session.findings.get(row, [])
    if found:  # first: why the record is in the queue is what the reviewer reads first
        parts.append(Text("Findings", style="bold underline"))
        parts += [_finding(f) for f in found]
        parts.append(Text())
    parts += _turns(record)
    parts += _model_view(session, row)
    history = session.history(row)
    if history:
        parts.append(Text("History", style="bold underline"))
        parts += [_decision(d) for d in history]
    return Group(*parts)


def _model_view(session: ReviewSession, row: int) -> list[RenderableType]:
    """What the tuned model of `--run` made of the record, and the records to read beside
    it: same input with another reply, then its nearest records the model finds ordinary."""
    signal = session.model_signal(row)
    if signal is None:
        return []
    if signal["fold"] is not None:
        how = f"scored by fold {signal['fold'] + 1}'s adapter, which never trained on it"
    elif signal["held_out"]:
        how = "validation record: the adapter never trained on it"
    else:
        how = "in-sample: the adapter trained on it"
    scored = session.signals.scored if session.signals is not None else 0
    parts: list[RenderableType] = [
        Text("Model", style="bold underline"),
        Text(
            f"reply loss {signal['loss']:.2f}, lift {signal['lift']:.2f}, contradiction "
            f"{signal['contradiction']:.2f}: z {signal['z']:.1f} within its category "
            f"(rank {signal['rank']} of {scored})"
        ),
        Text(f"  {how}", style="dim"),
    ]
    neighbours = session.consistent_neighbours(row)
    if neighbours:
        parts.append(Text("Consistent neighbours", style="bold"))
    own = (session.record(row).get("output") or "").strip()
    for other in neighbours:
        theirs = session.record(other)
        reply = (theirs.get("output") or "").strip()
        head = Text.assemble(
            (plain(theirs["id"]), "bold"),
            "  ",
            (plain(theirs.get("category") or "no category"), "cyan"),
        )
        if reply == own:
            head.append("  the same reply as this record", style="bold yellow")
        parts.append(head)
        parts += [Text("  ").append_text(visible(line)) for line in _first_lines(reply)]
    parts.append(Text())
    return parts


def _first_lines(text: str, lines: int = 3) -> list[str]:
    """The first non-empty lines of a reply, the last marked when more follow."""
    filled = [line for line in text.splitlines() if line.strip()]
    kept = filled[:lines]
    if len(filled) > lines:
        kept[-1] += " …"
    return kept


def _turns(record: dict[str, Any]) -> list[RenderableType]:
    """Chat records as their turns; the final reply shows the (possibly edited) output."""
    messages = record.get("messages")
    if not messages:
        return [
            Text("Input", style="bold"),
            visible(record.get("input") or ""),
            Text(),
            Text("Output", style="bold"),
            visible(record.get("output") or ""),
            Text(),
        ]
    shown: list[RenderableType] = []
    last = len(messages) - 1
    for number, turn in enumerate(messages):
        content = turn.get("content") or ""
        if number == last and turn.get("role") == "assistant":
            content = record.get("output") or content
        style = {"user": "bold blue", "assistant": "bold green"}.get(turn.get("role"), "bold")
        shown += [Text(plain(str(turn.get("role"))), style=style), visible(content), Text()]
    return shown


def _finding(finding: Finding) -> RenderableType:
    rule = all_rules().get(finding.rule)
    line = Text.assemble(
        (f"{finding.rule} ", SEVERITY_STYLE[finding.severity.rank]),
        (f"{finding.severity.value} ", "dim"),
        plain(finding.message),
    )
    if rule is None:
        return line
    others = len(finding.records) - 1
    notes = [Text(f"  {rule.summary()}", style="italic")]
    if rule.fix_hint():
        notes.append(Text(f"  fix: {rule.fix_hint()}", style="dim"))
    if others > 0:
        notes.append(Text(f"  with {others} other record(s): press d to compare", style="dim"))
    return Group(line, *notes)


def _decision(decision: Decision) -> Text:
    when = decision.at.strftime("%Y-%m-%d %H:%M")
    text = Text.assemble(
        (f"{when} ", "dim"),
        (plain(decision.reviewer), "bold"),
        " ",
        (decision.decision, DECISION_STYLE.get(decision.decision, "")),
    )
    if decision.note:
        text.append(f": {plain(decision.note)}")
    if decision.decision == "edit":
        changed = [n for n in ("input", "output", "category") if getattr(decision, n) is not None]
        text.append(f" ({', '.join(changed)})", style="dim")
    return text
