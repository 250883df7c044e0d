"""The Sidebyside Textual application: articles side by side, aligned sentence by sentence."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from core import Document
from core.normalize import normalize

if TYPE_CHECKING:
    from core.align import Alignment

from .screens import HelpScreen
from .widgets import ArticlePane, ArticleView, ComparisonBar, PanesRow

PANE_MIN_WIDTH = 40
NARROW = 100


class SidebysideApp(App[None]):
    CSS_PATH = Path(__file__).resolve().parent / "app.tcss"
    TITLE = "Sidebyside"

    BINDINGS = [
        Binding("tab", "focus_pane(1)", "Next pane", priority=True, id="pane.next"),
        Binding("shift+tab", "focus_pane(-1)", "Prev pane", show=False, priority=True,
                id="pane.previous"),
        Binding("l,right", "focus_pane(1)", "Next pane", show=False, id="pane.next_alt"),
        Binding("h,left", "focus_pane(-1)", "Prev pane", show=False, id="pane.previous_alt"),
        Binding("enter", "jump", "Jump", id="pane.jump"),
        Binding("s", "toggle_sync", "Sync", id="view.sync"),
        Binding("slash", "search", "Search", id="search.open"),
        Binding("n", "search_next(1)", "Next hit", show=False, id="search.next"),
        Binding("N", "search_next(-1)", "Prev hit", show=False, id="search.previous"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    class Aligned(Message):
        def __init__(self, alignment: Alignment) -> None:
            super().__init__()
            self.alignment = alignment

    def __init__(self, documents: Sequence[Document], *, align: bool = True) -> None:
        super().__init__()
        self.documents = list(documents)
        self.alignment: Alignment | None = None
        self.sync = True
        self.window_start = 0
        self._align = align and len(self.documents) > 1
        self._search = ""

    # --- composition -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        count = self.visible_count()
        with PanesRow(id="panes"):
            for i, document in enumerate(self.documents):
                pane = ArticlePane(document, i, len(self.documents))
                pane.display = i < count
                yield pane
        status = f"Aligning {len(self.documents)} articles… (you can read meanwhile)"
        yield ComparisonBar(status if self._align else "")
        yield Footer(compact=True)

    async def wait_aligned(self) -> None:
        """Return once the alignment is shown (at once when there is nothing to align)."""
        await self._aligned.wait()

    def on_mount(self) -> None:
        self._aligned = asyncio.Event()
        if not self._align:
            self._aligned.set()
        if self.documents:
            self.views[0].focus()
        if self._align:
            self.call_after_refresh(self._run_alignment)  # first paint first
        else:
            self._show_comparison(self.focused_view)

    @work(thread=True, exclusive=True, group="align")
    def _run_alignment(self) -> None:
        from core.align import align_documents  # numpy and rapidfuzz load here, off screen

        alignment = align_documents(self.documents)
        self.post_message(self.Aligned(alignment))

    def on_sidebyside_app_aligned(self, message: Aligned) -> None:
        self.alignment = message.alignment
        self.call_after_refresh(self._aligned.set)
        for pane in self.panes:
            pane.view.set_alignment(message.alignment)
            pane.header.set_shared(message.alignment.shared_fraction(pane.index))
        view = self.focused_view
        self._show_comparison(view)
        if view is not None:
            self._synchronise(view)

    # --- panes -----------------------------------------------------------------------------

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query(ArticlePane))

    @property
    def views(self) -> list[ArticleView]:
        return [p.view for p in self.panes]

    @property
    def focused_view(self) -> ArticleView | None:
        focused = self.focused
        if isinstance(focused, ArticleView):
            return focused
        views = self.views
        index = getattr(self, "_last_view", 0)
        return views[index] if 0 <= index < len(views) else None

    def visible_count(self) -> int:
        width = self.size.width
        fit = max(1, width // PANE_MIN_WIDTH)
        if width < NARROW:
            fit = min(fit, 2)
        return min(fit, len(self.documents))

    def _layout_panes(self, keep: int | None = None) -> None:
        count = self.visible_count()
        n = len(self.documents)
        focus = keep if keep is not None else getattr(self, "_last_view", 0)
        if focus < self.window_start:
            self.window_start = focus
        elif focus >= self.window_start + count:
            self.window_start = focus - count + 1
        self.window_start = max(0, min(self.window_start, n - count))
        for pane in self.panes:
            pane.display = self.window_start <= pane.index < self.window_start + count

    def on_panes_row_resized(self, message: PanesRow.Resized) -> None:
        self._layout_panes()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, ArticleView):
            self._last_view = event.widget.index
            self._layout_panes(event.widget.index)
            self._show_comparison(event.widget)

    def action_focus_pane(self, step: int | None) -> None:
        views = self.views
        if not views:
            return
        current = getattr(self, "_last_view", 0)
        target = current if step is None else (current + step) % len(views)
        self._layout_panes(target)
        views[target].focus()

    def action_jump(self) -> None:
        """Jump into the best counterpart of the current sentence in the next pane with one."""
        view = self.focused_view
        if view is None or self.alignment is None:
            self.bell()
            return
        n = len(self.documents)
        for step in range(1, n):
            other = (view.index + step) % n
            match = self.alignment.counterpart(view.index, view.cursor, other)
            if match is not None:
                target = self.views[other]
                self._layout_panes(other)
                target.focus()
                target.move_to(match[0])
                return
        self.bell()

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Synchronised reading " + ("on" if self.sync else "off"), timeout=2)
        if self.sync and self.focused_view is not None:
            self._synchronise(self.focused_view)

    # --- cursor and synchronised reading ---------------------------------------------------

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        if message.view is not self.focused_view:
            return
        self._show_comparison(message.view)
        self._synchronise(message.view)

    def _synchronise(self, view: ArticleView) -> None:
        if not self.sync or self.alignment is None or not view.document.sentences:
            return
        row = view.sentence_row(view.cursor)
        for other in self.views:
            if other is view:
                continue
            match = self.alignment.counterpart(view.index, view.cursor, other.index)
            if match is None:
                continue
            if other.cursor != match[0]:
                with other.prevent(ArticleView.CursorMoved):
                    other.cursor = match[0]
            other.scroll_sentence_to_row(match[0], row)

    def _show_comparison(self, view: ArticleView | None) -> None:
        if view is None or not view.document.sentences:
            return
        self.query_one(ComparisonBar).show(
            self.documents, self.alignment, view.index, view.cursor
        )

    # --- search ----------------------------------------------------------------------------

    def action_search(self) -> None:
        from .widgets.search_bar import SearchBar  # Input is imported on first use

        bars = self.query(SearchBar)
        if bars:
            bar = bars.first()
        else:
            bar = SearchBar()
            self.mount(bar, before=self.query_one(ComparisonBar))
        bar.display = True
        bar.focus()

    def on_input_submitted(self, event) -> None:
        from .widgets.search_bar import SearchBar

        if not isinstance(event.input, SearchBar):
            return
        event.stop()
        self._search = event.value.strip()
        event.input.display = False
        view = self.views[getattr(self, "_last_view", 0)]
        view.focus()
        self._apply_search(view)
        self.action_search_next(1, include_current=True)

    def _apply_search(self, view: ArticleView) -> None:
        needle = normalize(self._search)
        hits = []
        if needle:
            text = normalize(view.document.text)
            for s in view.document.sentences:
                if needle in text[s.start : s.end]:
                    hits.append(s.index)
        view.set_hits(hits)

    def action_search_next(self, step: int, include_current: bool = False) -> None:
        view = self.focused_view
        if view is None or not self._search:
            self.bell()
            return
        if not view.hits:
            self._apply_search(view)
        if not view.hits:
            self.notify(f"“{self._search}” is not in {view.document.source}", timeout=3)
            return
        cur = view.cursor
        if step > 0:
            after = [h for h in view.hits if h > cur or (include_current and h == cur)]
            target = after[0] if after else view.hits[0]
        else:
            before = [h for h in view.hits if h < cur]
            target = before[-1] if before else view.hits[-1]
        view.move_to(target)

    # --- help and palette ------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        view = self.focused_view

        def on_view(action: str):
            return lambda: view.run_action(action) if view else None

        yield SystemCommand("Next sentence", "Move the cursor down (j)", on_view("cursor(1)"))
        yield SystemCommand("Previous sentence", "Move the cursor up (k)", on_view("cursor(-1)"))
        yield SystemCommand("First sentence", "Go to the top (g)", on_view("first"))
        yield SystemCommand("Last sentence", "Go to the end (G)", on_view("last"))
        yield SystemCommand("Next shared sentence", "A sentence another source has too (])",
                            on_view("linked(1)"))
        yield SystemCommand("Previous shared sentence", "([)", on_view("linked(-1)"))
        yield SystemCommand("Next unique sentence", "Only this source says it (})",
                            on_view("unique(1)"))
        yield SystemCommand("Previous unique sentence", "({)", on_view("unique(-1)"))
        yield SystemCommand("Next pane", "(tab)", lambda: self.action_focus_pane(1))
        yield SystemCommand("Previous pane", "(shift+tab)", lambda: self.action_focus_pane(-1))
        yield SystemCommand("Jump to counterpart", "Best match in the next pane (enter)",
                            self.action_jump)
        yield SystemCommand("Toggle synchronised reading", "Align the other panes (s)",
                            self.action_toggle_sync)
        yield SystemCommand("Search", "Search this article (/)", self.action_search)
        yield SystemCommand("Help", "Keys and colours (?)", self.action_help)
