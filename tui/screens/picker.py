"""Choose an article to read when more are open than fit on screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static


class PickerScreen(Screen[int | None]):
    """Every open article (source, title, shared); dismisses with the chosen index."""

    BINDINGS = [
        Binding("escape,p", "close", "Back", id="picker.close"),
        Binding("enter", "choose", "Show", priority=True, id="picker.choose"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]], current: int) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(
            Content(f"{len(self.rows)} articles: enter shows one (its neighbours fill the "
                    "other panes), escape goes back"),
            id="picker-title",
        )
        yield DataTable(id="picker-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "source", "shared", "title")
        for i, (source, shared, title) in enumerate(self.rows):
            table.add_row(str(i + 1), Text(source), shared, Text(title))
        table.move_cursor(row=self.current)
        table.focus()

    def action_choose(self) -> None:
        self.dismiss(self.query_one(DataTable).cursor_row)

    def action_close(self) -> None:
        self.dismiss(None)
