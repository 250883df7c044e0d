"""Choose an article to read when more are open than fit on screen: type to filter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from ...core.normalize import normalize


def matches(query: str, *fields: str) -> bool:
    """Every word of the query is in one of the fields (case, accents and quote style
    ignored)."""
    hay = normalize(" ".join(fields)).lower()
    return all(word in hay for word in normalize(query).lower().split())


def list_bindings(name: str, back: str, choose: str) -> list[Binding]:
    """The keys of a filtered list (binding ids ``name.close``, ``name.choose``…)."""
    return [
        Binding("escape", "close", back, id=f"{name}.close"),
        Binding("enter", "choose", choose, priority=True, id=f"{name}.choose"),
        Binding("down", "move(1)", "Down", show=False, priority=True, id=f"{name}.down"),
        Binding("up", "move(-1)", "Up", show=False, priority=True, id=f"{name}.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id=f"{name}.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id=f"{name}.page_up"),
    ]


class FilteredList(Screen[int | None]):
    """A list to choose from, typing to filter it (the article picker, the story list): a title,
    a filter input, a table whose rows are ``shown`` (the index each row stands for); enter
    dismisses with the row's index, escape with None."""

    shown: list[int]
    NAME = ""  # the widgets' ids: NAME-title, NAME-filter, NAME-table
    PLACEHOLDER = ""  # what the filter filters by

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.NAME}-title")
        yield Input(placeholder=self.PLACEHOLDER, id=f"{self.NAME}-filter")
        yield DataTable(id=f"{self.NAME}-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def refill(self, query: str) -> None:
        raise NotImplementedError

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + step)))

    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if not self.shown:
            self.app.bell()
            return
        self.dismiss(self.shown[table.cursor_row])

    def action_close(self) -> None:
        self.dismiss(None)


class PickerScreen(FilteredList):
    """Every open article (source, title, shared); dismisses with the chosen index. Typing
    filters the list by source and title."""

    NAME = "picker"
    PLACEHOLDER = "type to filter by source or title"

    BINDINGS = list_bindings("picker", "Back", "Show")

    def __init__(self, rows: list[tuple[str, str, str]], current: int) -> None:
        super().__init__()
        self.rows = rows
        self.current = current
        self.shown: list[int] = []  # the article index of each row in the table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "source", "shared", "title")
        self.refill("")
        if self.current in self.shown:
            table.move_cursor(row=self.shown.index(self.current))
        self.query_one(Input).focus()

    def refill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.shown = [i for i, (source, _s, title) in enumerate(self.rows)
                      if matches(query, source, title)]
        for i in self.shown:
            source, shared, title = self.rows[i]
            table.add_row(str(i + 1), Text(source), shared, Text(title))
        what = (f"{len(self.shown)} of {len(self.rows)} articles match" if query
                else f"{len(self.rows)} articles")
        self.query_one("#picker-title", Static).update(
            Content(f"{what}: enter shows one (its neighbours fill the other panes), "
                    "escape goes back"))
