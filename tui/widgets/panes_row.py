"""The row that holds the article panes; it tells the app when its width changes."""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal
from textual.message import Message


class PanesRow(Horizontal):
    class Resized(Message):
        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(event.size.width))
