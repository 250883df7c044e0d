"""The stories found among the articles given: type to filter, enter reads one side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from ...core.inert import inert_line, shortened
from .picker import FilteredList, list_bindings, matches

if TYPE_CHECKING:
    from ...core import Document
    from ...core.stories import Story


def outlets(documents: list[Document], story: Story) -> str:
    names: list[str] = []
    for d in story.documents:
        name = documents[d].provenance.site or documents[d].source
        if name not in names:
            names.append(name)
    return ", ".join(names)


def dates(documents: list[Document], story: Story) -> str:
    """The story's first and last publication dates (day precision), where pages give them."""
    known = sorted({(documents[d].provenance.published or "")[:10] for d in story.documents}
                   - {""})
    if not known:
        return ""
    return known[0] if known[0] == known[-1] else f"{known[0]} – {known[-1]}"


ALL = -1  # the list's last row: every article as one story


class StoryListScreen(FilteredList):
    """Every story (title, articles, outlets, dates), and last every article as one story;
    dismisses with the chosen story's id (``ALL`` for the last row). Typing filters by title,
    headlines and outlets; escape goes back to the story open (if one is)."""

    NAME = "stories"
    PLACEHOLDER = "type to filter by headline or outlet"
    BINDINGS = list_bindings("stories", "Back to the story", "Read")

    def __init__(self, documents: list[Document], stories: list[Story],
                 current: int | None) -> None:
        super().__init__(id="stories")
        self.documents = documents
        self.stories = stories
        self.current = current  # the story open behind this screen (None: none yet)
        self.shown: list[int] = []  # the story id of each row in the table
        self._hay = [
            " ".join([story.title, outlets(documents, story),
                      *(documents[d].title for d in story.documents)])
            for story in stories
        ]
        self._dates = [inert_line(dates(documents, story)) for story in stories]

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "articles", "story", "outlets")
        if any(self._dates):  # no page gave a date: no empty column
            table.add_column("dates")
        self._query = ""
        self.refill("")
        if self.current in self.shown:
            table.move_cursor(row=self.shown.index(self.current))
        self.query_one(Input).focus()

    def on_resize(self) -> None:
        self.refill(self._query)

    def refill(self, query: str) -> None:
        self._query = query
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        # the outlets and the story's headline are cut to the width: no scrolling sideways
        width = self.size.width or self.app.size.width
        date_room = max((len(d) + 2 for d in self._dates if d), default=0)
        # columns: "#" and "articles" (4 and 8 wide), the dates, and 2 of padding each
        room = max(width - 4 - 8 - date_room - 8, 30)
        longest = max((len(s.title) for s in self.stories), default=0)
        title_room = max(min(longest, room - room // 3), 14)  # outlets: the rest, a third at least
        outlet_room = max(room - title_room, 16)
        self.shown = [s.id for s, hay in zip(self.stories, self._hay, strict=True)
                      if matches(query, hay)]
        for k in self.shown:
            story = self.stories[k]
            cells = [str(k + 1), str(len(story.documents)),
                     Text(shortened(story.title, title_room)),
                     Text(shortened(outlets(self.documents, story), outlet_room))]
            if date_room:
                cells.append(Text(self._dates[k]))
            table.add_row(*cells, key=str(k))
        if not query:  # the way out when the grouping is wrong: everything together
            self.shown.append(ALL)
            cells = ["*", str(len(self.documents)),
                     Text(f"All {len(self.documents)} articles, compared as one story",
                          style="italic"), Text("")]
            table.add_row(*cells, *([Text("")] if date_room else []), key="all")
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        articles = len(self.documents)
        what = (f"{len(self.shown)} of {len(self.stories)} stories match" if query
                else f"{len(self.stories)} stories in {articles} articles")
        back = ", escape goes back to the story open" if self.current is not None else ""
        self.query_one("#stories-title", Static).update(
            Content(f"{what}: enter reads a story's articles side by side{back}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # no story open behind the list: nothing to go back to (and no "escape" in the footer)
        return not (action == "close" and self.current is None)
