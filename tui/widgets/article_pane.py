"""One article: its header and its text view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from ...core import Document
from .article_view import ArticleView
from .pane_header import PaneHeader


class ArticlePane(Vertical):
    DEFAULT_CLASSES = "article-pane"

    def __init__(self, document: Document, index: int, total: int,
                 position: int | None = None) -> None:
        super().__init__(id=f"pane-{index}")
        self.document = document
        self.index = index  # the document's index (never changes)
        self.total = total
        self.position = index if position is None else position  # its place on screen
        # made here, not in compose: a pane mounted late is given its state before it mounts
        self.header = PaneHeader(document, self.position, total)
        self.view = ArticleView(document, index, id=f"view-{index}")

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.view
