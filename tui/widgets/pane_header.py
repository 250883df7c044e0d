"""The header of an article pane: source, how much it shares, title."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from core import Document


class PaneHeader(Static):
    """Source name, a figure such as "62% shared", and the title (never parsed as markup)."""

    def __init__(self, document: Document, position: int, total: int) -> None:
        super().__init__(classes="pane-header")
        self.document = document
        self.position = position
        self.total = total
        self.shared: float | None = None

    def on_mount(self) -> None:
        self._redraw()

    def set_shared(self, shared: float) -> None:
        self.shared = shared
        self._redraw()

    def _redraw(self) -> None:
        d = self.document
        figure = "aligning…" if self.shared is None else f"{self.shared:.0%} shared"
        head = Content.assemble(
            (d.source, "bold"),
            "  ",
            (figure, "italic"),
            "  ",
            (f"{self.position + 1}/{self.total}", "dim"),
        )
        self.update(Content("\n").join([head, Content(" ".join(d.title.split()))]))
