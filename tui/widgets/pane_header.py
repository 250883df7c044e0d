"""The header of an article pane: source, how much it shares, title."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from core import Document


class PaneHeader(Static):
    """Source name, figures such as "31% shared · 12% related", and the title (never parsed
    as markup)."""

    def __init__(self, document: Document, position: int, total: int) -> None:
        self.document = document
        self.position = position
        self.total = total
        self.shared: float | None = None
        self.related: float | None = None
        super().__init__(self._content(), classes="pane-header")

    def set_fractions(self, shared: float, related: float) -> None:
        """The shares of its sentences that are shared and related, named as the legend names
        them."""
        self.shared, self.related = shared, related
        self.update(self._content())

    def _content(self) -> Content:
        d = self.document
        if self.shared is None or self.related is None:
            figure = "aligning…"
        else:
            figure = f"{self.shared:.0%} shared · {self.related:.0%} related"
        head = Content.assemble(
            (d.source, "bold"),
            "  ",
            (figure, "italic"),
            "  ",
            (f"{self.position + 1}/{self.total}", "dim"),
        )
        return Content("\n").join([head, Content(" ".join(d.title.split()))])
