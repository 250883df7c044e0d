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

    def compose(self) -> ComposeResult:
        yield PaneHeader(self.document, self.position, self.total)
        yield ArticleView(self.document, self.index, id=f"view-{self.index}")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def header(self) -> PaneHeader:
        return self.query_one(PaneHeader)
