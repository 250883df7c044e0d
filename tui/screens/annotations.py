"""Every tag of the open articles: source, tag, text, note, date; filter, jump, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from core.annotations import TAGS
from core.inert import inert_line

from .picker import matches

if TYPE_CHECKING:
    from core.annotations import Annotation
    from core.tagging import Placed, TagBook

FILTERS = ("all", *TAGS)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class AnnotationsScreen(Screen[tuple[int, int] | None]):
    """Dismisses with (document, offset) to jump to, or None."""

    BINDINGS = [
        Binding("escape,a", "close", "Back", id="annotations.close"),
        Binding("f", "filter", "Filter", id="annotations.filter"),
        Binding("delete,backspace", "delete", "Delete", id="annotations.delete"),
        Binding("u", "undo", "Undo", id="annotations.undo"),
        Binding("y", "copy", "Copy", id="annotations.copy"),
        Binding("slash", "find", "Find", id="annotations.find"),
        Binding("enter", "jump", "Jump", priority=True, id="annotations.jump"),
    ]

    def __init__(self, book: TagBook) -> None:
        super().__init__()
        self.book = book
        self.filter = "all"
        self.query_text = ""  # typed after /: every word in the source, tag, text or note
        self.rows: list[Placed] = []
        self.lost: list[Annotation] = []

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-title")
        yield Input(placeholder="type to filter by source, tag, text or note (enter: back to "
                    "the list)", id="annotations-filter")
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
        documents = self.book.documents
        self.rows = [
            p for p in self.book.all()
            if (self.filter == "all" or p.annotation.tag == self.filter)
            and (not self.query_text or matches(
                self.query_text, documents[p.doc].source, p.annotation.tag,
                p.annotation.exact, p.annotation.note, p.annotation.speaker))
        ]
        for p in self.rows:
            a = p.annotation
            doc = self.book.documents[p.doc]
            source = doc.source + (" (orphan)" if p.orphan else "")
            text = inert_line(" ".join(a.exact.split()))
            # every column cut to its share, so the date stays in view at any width
            room = max(24, self.app.size.width - 100)
            shown = _cut(text, room)
            tag = a.tag + (f" ({a.speaker})" if a.speaker else "")
            # rich Text cells: measured for the column widths, never parsed as markup
            table.add_row(
                Text(_cut(source, 22)), Text(_cut(inert_line(tag), 24)), Text(shown),
                Text(_cut(inert_line(" ".join(a.note.split())), 24)),
                Text(a.created[:16].replace("T", " ")),
            )
        self.lost = [a for a in self.book.lost if (self.filter == "all" or a.tag == self.filter)
                     and (not self.query_text
                          or matches(self.query_text, a.path, a.tag, a.exact, a.note))]
        for a in self.lost:  # tags of articles that cannot be found: shown, with the old path
            text = inert_line(" ".join(a.exact.split()))
            room = max(20, self.app.size.width - 100)
            shown = text[:room] + ("…" if len(text) > room else "")
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
                + (f"; matching “{self.query_text}”" if self.query_text else "")
                + "   /: find  f: filter  enter: jump  y: copy  delete: remove  u: undo  "
                "escape: back"
            )
        )
        if self.rows or self.lost:
            table.move_cursor(row=min(keep, len(self.rows) + len(self.lost) - 1))

    def _current(self) -> Placed | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None  # nothing, or a tag whose article was not found
        return self.rows[table.cursor_row]

    def action_find(self) -> None:
        box = self.query_one("#annotations-filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

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
        if self.query_one("#annotations-filter", Input).has_focus:
            self.query_one(DataTable).focus()  # enter in the filter: back to the list
            return
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
        speaker = (p.annotation.speaker or speaker_of(document, p.start, p.end)
                   if p.annotation.tag == "quote" else None)
        text = cite(document, p.start, p.end, speaker)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {text[:80]}{'…' if len(text) > 80 else ''}", timeout=3)

    def action_close(self) -> None:
        box = self.query_one("#annotations-filter", Input)
        if box.has_focus:  # escape in the filter: back to the list, the filter kept
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
