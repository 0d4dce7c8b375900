"""HelpScreen: every key of the screen below it, as currently mapped."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType, Keymap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the screen that opened it, with their ids for remapping."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(id="help-table")

    def on_mount(self) -> None:
        table = Table(
            title=Text("Keys: remap them by id under [tool.curate.review.keymap]"), expand=True
        )
        table.add_column("keys", style="bold cyan")
        table.add_column("does")
        table.add_column("id", style="dim")
        below = self.app.screen_stack[-2]
        for binding in _bindings_of(below, self.app._keymap):
            table.add_row(binding[0], binding[1], binding[2])
        self.query_one("#help-table", Static).update(table)


def _bindings_of(screen: Screen[object], keymap: Keymap) -> list[tuple[str, str, str]]:
    """(keys, description, id) of a screen's bindings after the keymap was applied."""
    mapped = screen._bindings.copy()
    mapped.apply_keymap(keymap)
    rows: dict[str, tuple[list[str], str, str]] = {}
    for key, bindings in mapped.key_to_bindings.items():
        for binding in bindings:
            if binding.id is None:  # Textual's own (focus, copy): not ours to document
                continue
            ident = binding.id
            keys, _, _ = rows.setdefault(ident, ([], binding.description, ident))
            keys.append(binding.key_display or key)
    return [(", ".join(keys), description, ident) for keys, description, ident in rows.values()]
