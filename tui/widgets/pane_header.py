"""The header of an article pane: source, how much it shares, title."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from core import Document


class PaneHeader(Static):
    """Source name, a figure such as "62% shared", and the title (never parsed as markup)."""

    def __init__(self, document: Document, position: int, total: int) -> None:
        self.document = document
        self.position = position
        self.total = total
        self.shared: float | None = None
        super().__init__(self._content(), classes="pane-header")

    def set_shared(self, shared: float) -> None:
        self.shared = shared
        self.update(self._content())

    def _content(self) -> Content:
        d = self.document
        figure = "aligning…" if self.shared is None else f"{self.shared:.0%} shared"
        head = Content.assemble(
            (d.source, "bold"),
            "  ",
            (figure, "italic"),
            "  ",
            (f"{self.position + 1}/{self.total}", "dim"),
        )
        return Content("\n").join([head, Content(" ".join(d.title.split()))])
