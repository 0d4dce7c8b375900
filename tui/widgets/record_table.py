"""RecordTable: the list of records, drawn line by line so 100k rows cost nothing.

Only the visible lines are rendered (Textual's line API), from the session's column lists,
so opening, scrolling and filtering do not build a widget or a row object per record.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from curate.tui.session import ReviewSession
from curate.tui.widgets.visible_text import plain

COLUMNS = (("id", 16), ("category", 18), ("lang", 5), ("findings", 16), ("decision", 9))
WIDTH = dict(COLUMNS)
SEVERITY_STYLE = {0: "bold red", 1: "yellow", 2: "cyan"}
DECISION_STYLE = {
    "keep": "green",
    "reject": "red",
    "edit": "magenta",
    "flag": "yellow",
    "none": "dim",
}


def header_text(width: int) -> str:
    names = "".join(name.ljust(size) for name, size in COLUMNS) + "input"
    return " " + names[: max(width - 1, 0)]


class RecordTable(ScrollView, can_focus=True, inherit_bindings=False):
    """The session's current view, one line per record, with a cursor.

    It inherits no scrolling keys: the review screen's bindings move the cursor (and can
    be remapped), and the view scrolls to follow it.
    """

    DEFAULT_CSS = """
    RecordTable { background: $surface; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to another record (or the view changed under it)."""

        def __init__(self, row: int | None) -> None:
            self.row = row
            super().__init__()

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep_row: int | None = None) -> None:
        """The view changed: resize, and put the cursor on `keep_row` when it is still shown."""
        view = self.session.view
        self.virtual_size = Size(self.size.width, len(view))
        target = 0
        position = self.session.position(keep_row) if keep_row is not None else None
        if position is not None:
            target = position
        self.cursor = min(target, max(len(view) - 1, 0))
        self.refresh()

    @property
    def current_row(self) -> int | None:
        view = self.session.view
        return view[self.cursor] if 0 <= self.cursor < len(view) else None

    def watch_cursor(self, old: int, cursor: int) -> None:
        top = self.scroll_offset.y
        self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, immediate=True)
        if self.scroll_offset.y == top:
            self.refresh_line(old - top)  # only the two lines whose highlight moved
            self.refresh_line(cursor - top)
        else:
            self.refresh()
        self.post_message(self.Highlighted(self.current_row))

    def move(self, delta: int) -> None:
        last = len(self.session.view) - 1
        self.cursor = max(0, min(self.cursor + delta, last))

    def move_to(self, position: int) -> None:
        self.cursor = max(0, min(position, len(self.session.view) - 1))

    def show_row(self, row: int) -> None:
        """Put the cursor on a record, if the view shows it."""
        position = self.session.position(row)
        if position is not None:
            self.cursor = position

    def refresh_row(self, row: int) -> None:
        """Redraw one record's line after a decision."""
        position = self.session.position(row)
        if position is not None:
            self.refresh_line(position - self.scroll_offset.y)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        view = self.session.view
        if index >= len(view):
            return Strip.blank(width, self.rich_style)
        row = view[index]
        selected = index == self.cursor
        base = Style(bgcolor="grey23" if selected else None, bold=selected)
        segments = [Segment("▌" if selected else " ", base + Style(color="cyan"))]
        session = self.session
        segments += [
            Segment(_cell(plain(session.ids[row]), WIDTH["id"]), base),
            Segment(_cell(plain(session.categories[row]), WIDTH["category"]), base),
            Segment(_cell(plain(session.languages[row]), WIDTH["lang"]), base),
        ]
        segments.append(self._findings_cell(row, base))
        decision = session.decision_name(row)
        segments.append(
            Segment(
                _cell("·" if decision == "none" else decision, WIDTH["decision"]),
                base + Style.parse(DECISION_STYLE[decision]),
            )
        )
        preview = session.dataset.frame.get_column("input")[row] or ""
        shown = plain(" ".join(preview.split())[:width])
        segments.append(Segment(shown, base + Style(dim=True)))
        return Strip(segments).crop(0, width).extend_cell_length(width, base)

    def _findings_cell(self, row: int, base: Style) -> Segment:
        found = self.session.findings.get(row, [])
        if not found:
            return Segment(_cell("", WIDTH["findings"]), base)
        first = found[0].rule
        text = first if len(found) == 1 else f"{first} +{len(found) - 1}"
        style = SEVERITY_STYLE[self.session.worst[row]]
        return Segment(_cell(text, WIDTH["findings"]), base + Style.parse(style))


def _cell(text: str, size: int) -> str:
    text = text if len(text) < size else text[: size - 2] + "…"
    return text.ljust(size)
