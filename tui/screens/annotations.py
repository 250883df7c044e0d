"""Every tag of the open articles: source, tag, text, note, date; filter, jump, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ...core.annotations import TAGS
from ...core.inert import inert_line, shortened
from .picker import matches

if TYPE_CHECKING:
    from ...core.annotations import Annotation
    from ...core.tagging import Placed, TagBook

FILTERS = ("all", *TAGS)


PAGE = 100  # rows added to the table at a time (two screens and more)


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
        self.loaded = 0  # rows added to the table so far
        self.lost: list[Annotation] = []

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-title")
        yield Input(placeholder="type to filter by source, tag, text or note (enter: back to "
                    "the list)", id="annotations-filter")
        yield DataTable(id="annotations-table", cursor_type="row", zebra_stripes=True)
        # no Footer: its keys are on the title line, and Textual's Footer recomposes itself
        # several times as the screen opens (130 ms of the 330 it took with 10,000 tags)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Source", "Tag", "Text", "Note", "Date")
        self.refill()
        table.focus()

    def reopen(self) -> None:
        """As a new list: every tag, no filter, the first row."""
        self.filter, self.query_text = "all", ""
        box = self.query_one("#annotations-filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        table = self.query_one(DataTable)
        table.move_cursor(row=0)
        self.refill()
        table.focus()

    def refill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        documents = self.book.documents
        everything = self.book.all()
        self.rows = [
            p for p in everything
            if (self.filter == "all" or p.annotation.tag == self.filter)
            and (not self.query_text or matches(
                self.query_text, documents[p.doc].source, p.annotation.tag,
                p.annotation.exact, p.annotation.note, p.annotation.speaker))
        ]
        self.lost = [a for a in self.book.lost if (self.filter == "all" or a.tag == self.filter)
                     and (not self.query_text
                          or matches(self.query_text, a.path, a.tag, a.exact, a.note))]
        # rows are added a page at a time, as the cursor comes near the last one added: the
        # list opens at once with 10,000 tags (a DataTable row costs about 70 µs to add)
        self.loaded = 0
        self._load_more(max(PAGE, keep + 1))
        counts = dict.fromkeys(TAGS, 0)
        for p in everything:
            counts[p.annotation.tag] += 1
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
        if self.loaded:
            table.move_cursor(row=min(keep, self.loaded - 1))

    def _row_cells(self, p: Placed) -> tuple[Text, ...]:
        a = p.annotation
        doc = self.book.documents[p.doc]
        source = doc.source + (" (orphan)" if p.orphan else "")
        text = inert_line(" ".join(a.exact.split()))
        # every column cut to its share, so the date stays in view at any width
        shown = shortened(text, max(24, self.app.size.width - 100))
        tag = a.tag + (f" ({a.speaker})" if a.speaker else "")
        # rich Text cells: measured for the column widths, never parsed as markup
        return (Text(shortened(source, 22)), Text(shortened(inert_line(tag), 24)), Text(shown),
                Text(shortened(inert_line(" ".join(a.note.split())), 24)),
                Text(a.created[:16].replace("T", " ")))

    def _load_more(self, count: int = 0) -> None:
        """Add the next ``count`` rows (a page by default); after the last tag, the tags whose
        article was not found, with their old path."""
        table = self.query_one(DataTable)
        total = len(self.rows) + len(self.lost)
        end = min(total, self.loaded + (count or PAGE))
        for k in range(self.loaded, end):
            if k < len(self.rows):
                table.add_row(*self._row_cells(self.rows[k]))
            else:
                a = self.lost[k - len(self.rows)]
                text = inert_line(" ".join(a.exact.split()))
                shown = shortened(text, max(20, self.app.size.width - 100))
                table.add_row(
                    Text("(article not found)"), Text(inert_line(a.tag)),
                    Text(f"{shown}  [{inert_line(a.path)}]"), Text(inert_line(a.note)),
                    Text(a.created[:16].replace("T", " ")),
                )
        self.loaded = end

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.loaded - PAGE // 4 and self.loaded < len(self.rows) + len(
                self.lost):
            self._load_more()

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
        from ...core.citation import cite, speaker_of

        p = self._current()
        if p is None or p.orphan:
            self.app.bell()
            return
        document = self.book.documents[p.doc]
        speaker = (p.annotation.speaker or speaker_of(document, p.start, p.end)
                   if p.annotation.tag == "quote" else None)
        text = cite(document, p.start, p.end, speaker)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {shortened(text, 80)}", timeout=3)

    def action_close(self) -> None:
        box = self.query_one("#annotations-filter", Input)
        if box.has_focus:  # escape in the filter: back to the list, the filter kept
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
