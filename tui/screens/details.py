"""Where the article in the focused pane comes from: outlet, authors, dates, addresses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core import Document
from ...core.citation import display_path
from ...core.inert import inert_line
from .help import HelpScreen


def provenance_rows(document: Document) -> list[tuple[str, str]]:
    """Label and value of every field known, as plain text (never markup)."""
    p = document.provenance
    rows = [
        ("outlet", document.source),
        ("title", " ".join(document.title.split())),
        ("authors", "; ".join(p.authors)),
        ("published", p.published or ""),
        ("modified", p.modified or ""),
        ("URL", p.url or ""),
        ("redirected from", " → ".join(p.redirects)),
        ("final URL", p.final_url if p.final_url and p.final_url != p.url else ""),
        ("canonical", p.canonical or ""),
        ("fetched", f"{p.fetched_at} (read from its snapshot since; --refresh fetches again)"
         if p.fetched_at else ""),
        ("file", "" if p.url else display_path(document.path)),
        ("sentences", str(len(document.sentences))),
    ]
    return [(label, inert_line(value)) for label, value in rows if value]


class DetailsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,i", "dismiss", "Close", id="details.close")]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.assemble(("About this article", "bold")),
                         classes="help-heading")
            yield from HelpScreen._table(provenance_rows(self.document))
            if not (self.document.provenance.published or self.document.provenance.url):
                yield Static(Content("A file gives no publisher's metadata; an HTML page or a "
                                     "URL does."), classes="help-section")
            yield Static(Content.assemble(("escape or i closes this screen", "dim")),
                         classes="help-section")

    def action_dismiss(self) -> None:
        self.dismiss(None)
