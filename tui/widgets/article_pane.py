"""One article: a header (source, title) and its text, scrollable and focusable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from core import Document


class ArticlePane(Vertical):
    """Shows a document plainly. Article text is never parsed as markup."""

    DEFAULT_CLASSES = "article-pane"

    def __init__(self, document: Document, index: int) -> None:
        super().__init__(id=f"pane-{index}")
        self.document = document
        self.index = index

    def compose(self) -> ComposeResult:
        d = self.document
        yield Static(Content(d.source), classes="article-pane--source")
        yield Static(Content(d.title), classes="article-pane--title")
        yield Static(
            Content(f"{len(d.sentences)} sentences · {len(d.paragraphs)} paragraphs"),
            classes="article-pane--meta",
        )
        body = "\n\n".join(" ".join(d.text[p.start : p.end].split()) for p in d.paragraphs)
        with VerticalScroll(classes="article-pane--scroll"):
            yield Static(Content(body), classes="article-pane--body")
