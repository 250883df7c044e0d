"""The Sidebyside Textual application."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from core import Document

from .widgets import ArticlePane


class SidebysideApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Sidebyside"

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", id="pane.next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", id="pane.previous"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, documents: Sequence[Document]) -> None:
        super().__init__()
        self.documents = list(documents)

    def compose(self) -> ComposeResult:
        for i, document in enumerate(self.documents):
            yield ArticlePane(document, i)
        yield Footer()
