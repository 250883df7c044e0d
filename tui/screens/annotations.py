"""Every tag of the open articles: source, tag, text, note, date; filter, jump, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from core.annotations import TAGS
from core.inert import inert_line

if TYPE_CHECKING:
    from core.annotations import Annotation
    from core.tagging import Placed, TagBook

FILTERS = ("all", *TAGS)


class AnnotationsScreen(Screen[tuple[int, int] | None]):
    """Dismisses with (document, offset) to jump to, or None."""

    BINDINGS = [
        Binding("escape,a", "close", "Back", id="annotations.close"),
        Binding("f", "filter", "Filter", id="annotations.filter"),
        Binding("delete,backspace", "delete", "Delete", id="annotations.delete"),
        Binding("u", "undo", "Undo", id="annotations.undo"),
        Binding("y", "copy", "Copy", id="annotations.copy"),
        Binding("enter", "jump", "Jump", priority=True, id="annotations.jump"),
    ]

    def __init__(self, book: TagBook) -> None:
        super().__init__()
        self.book = book
        self.filter = "all"
        self.rows: list[Placed] = []
        self.lost: list[Annotation] = []

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-title")
        yield DataTable(id="annotations-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Source", "Tag", "Text", "Note", "Date")
        self.refill()
        table.focus()

    def refill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = [
            p for p in self.book.all() if self.filter == "all" or p.annotation.tag == self.filter
        ]
        for p in self.rows:
            a = p.annotation
            doc = self.book.documents[p.doc]
            source = doc.source + (" (orphan)" if p.orphan else "")
            text = inert_line(" ".join(a.exact.split()))
            shown = text[:90] + ("…" if len(text) > 90 else "")
            # rich Text cells: measured for the column widths, never parsed as markup
            table.add_row(
                Text(source), Text(inert_line(a.tag)), Text(shown), Text(inert_line(a.note)),
                Text(a.created[:16].replace("T", " ")),
            )
        self.lost = [a for a in self.book.lost if self.filter == "all" or a.tag == self.filter]
        for a in self.lost:  # tags of articles that cannot be found: shown, with the old path
            text = inert_line(" ".join(a.exact.split()))
            shown = text[:60] + ("…" if len(text) > 60 else "")
            table.add_row(
                Text("(article not found)"), Text(inert_line(a.tag)),
                Text(f"{shown}  [{inert_line(a.path)}]"), Text(inert_line(a.note)),
                Text(a.created[:16].replace("T", " ")),
            )
        counts = {t: sum(1 for p in self.book.all() if p.annotation.tag == t) for t in TAGS}
        summary = ", ".join(f"{counts[t]} {t}" for t in TAGS)
        orphans = len(self.book.orphans())
        self.query_one("#annotations-title", Static).update(
            Content(
                f"Annotations ({self.filter}): {len(self.rows)} shown; {summary}"
                + (f"; {orphans} orphaned (their passage changed)" if orphans else "")
                + (f"; {len(self.book.lost)} whose article was not found" if self.book.lost
                   else "")
                + "   f: filter  enter: jump  delete: remove  u: undo  escape: back"
            )
        )
        if self.rows or self.lost:
            table.move_cursor(row=min(keep, len(self.rows) + len(self.lost) - 1))

    def _current(self) -> Placed | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None  # nothing, or a tag whose article was not found
        return self.rows[table.cursor_row]

    def action_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.refill()

    def action_delete(self) -> None:
        p = self._current()
        if p is not None:
            self.book.remove_ids([p.annotation.id])
            self.app.reader.refresh_tags()
            self.refill()

    def action_undo(self) -> None:
        if self.book.undo() is not None:
            self.app.reader.refresh_tags()
            self.refill()

    def action_jump(self) -> None:
        p = self._current()
        if p is None or p.orphan:
            self.app.bell()
            return
        self.dismiss((p.doc, p.start))

    def action_copy(self) -> None:
        """Copy the tag's passage as a quotation with its source (and its speaker)."""
        from core.citation import cite, speaker_of

        p = self._current()
        if p is None or p.orphan:
            self.app.bell()
            return
        document = self.book.documents[p.doc]
        speaker = speaker_of(document, p.start, p.end) if p.annotation.tag == "quote" else None
        text = cite(document, p.start, p.end, speaker)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {text[:80]}{'…' if len(text) > 80 else ''}", timeout=3)

    def action_close(self) -> None:
        self.dismiss(None)
