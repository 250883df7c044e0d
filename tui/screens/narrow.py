"""Narrow a tag: the passage shown whole and wrapped; select the part to keep in it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class NarrowScreen(ModalScreen[tuple[int, int] | None]):
    """Dismisses with the selected part's ``(start, end)`` inside the passage, or None."""

    BINDINGS = [
        Binding("enter", "keep", "Keep the selection", priority=True, id="narrow.keep"),
        Binding("escape", "cancel", "Cancel", id="narrow.cancel"),
    ]

    def __init__(self, title: str, passage: str) -> None:
        super().__init__()
        self.title_text = title
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(id="narrow-box"):
            yield Static(Content(self.title_text), id="narrow-title")
            yield Static(Content("Select the part to keep: shift+arrows, shift+home / end, "
                                 "or the mouse; enter keeps it, escape cancels"),
                         id="narrow-hint")
            area = TextArea(self.passage, read_only=True, soft_wrap=True, id="narrow-text",
                            show_line_numbers=False)
            yield area

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_keep(self) -> None:
        area = self.query_one(TextArea)
        start, end = sorted((area.selection.start, area.selection.end))
        a = area.document.get_index_from_location(start)
        b = area.document.get_index_from_location(end)
        if b <= a:
            self.app.bell()
            return
        self.dismiss((a, b))

    def action_cancel(self) -> None:
        self.dismiss(None)
