"""EditModal: change a record's output (and its input and category) in text areas."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from curate.terminal import plain, plain_lines


class EditModal(ModalScreen[dict[str, str] | None]):
    """Returns only the fields that changed, or None when cancelled (or nothing changed).

    Chat records edit their final reply; their earlier turns are not editable here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
    ]

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__()
        self.record = record
        self.chat = bool(record.get("messages"))

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box", classes="dialog"):
            title = f"Edit {plain(self.record['id'])}  (Ctrl+S saves, Esc cancels)"
            yield Label(Text(title), id="edit-title")
            if not self.chat:
                yield Label("Input")
                yield TextArea(self._shown("input"), id="edit-input")
            yield Label("Final reply" if self.chat else "Output")
            yield TextArea(self._shown("output"), id="edit-output")
            yield Label("Category")
            yield Input(plain(self.record.get("category") or ""), id="edit-category")

    def _shown(self, field: str) -> str:
        """The field as the editor shows it: hidden characters as ⟨U+XXXX⟩ (they never reach
        the terminal). Saving an unchanged field changes nothing."""
        return plain_lines(self.record.get(field) or "")

    def on_mount(self) -> None:
        self.query_one("#edit-output", TextArea).focus()

    def action_save(self) -> None:
        changes: dict[str, str] = {}
        output = self.query_one("#edit-output", TextArea).text
        if output != self._shown("output"):
            changes["output"] = output
        if not self.chat:
            text = self.query_one("#edit-input", TextArea).text
            if text != self._shown("input"):
                changes["input"] = text
        category = self.query_one("#edit-category", Input).value.strip()
        if category and category != plain(self.record.get("category") or ""):
            changes["category"] = category
        self.dismiss(changes or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
