"""A one-line search field for the focused pane."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "close", "Close search", id="search.close")]

    def __init__(self) -> None:
        super().__init__(placeholder="Search this article (enter: find, escape: close)",
                         id="search-bar")

    def action_close(self) -> None:
        self.display = False
        self.app.action_focus_pane(None)
