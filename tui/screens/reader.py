"""The reader: one pane per article, the comparison bar, the status line and the keys.

Its keys come from ``tui.actions`` (one table for the bindings, the footer, the help screen and
the palette). The app keeps start-up, the alignment worker and the data; this screen shows
them and turns keys into changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from ...core.inert import inert_line, shortened
from ...core.normalize import normalize
from ...core.tagging import Placed, quotation_in
from ..actions import bindings
from ..widgets import (
    ArticlePane,
    ArticleStyles,
    ArticleView,
    ComparisonBar,
    FailedPane,
    KeyBar,
    PanesRow,
    StatusLine,
)

if TYPE_CHECKING:
    from ...core import Document
    from ...core.align import Alignment
    from ...core.divergence import Divergence
    from ...core.suggest import Suggestion
    from ..app import SidebysideApp
    from .annotations import AnnotationsScreen

PANE_MIN_WIDTH = 40
PROGRESS_FROM = 30  # articles from which building the overview shows its progress
NARROW = 100


class ReaderScreen(Screen[None]):
    BINDINGS = bindings()

    # Textual repaints the whole screen when the focus moves (27 ms at 200x50); here the two
    # views concerned repaint their own changed lines, and the pane headers their class.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, story: int | None = None) -> None:
        super().__init__(id="reader" if story is None else f"reader-story-{story}")
        self.window_start = 0
        self.last_view = 0
        self._search = ""
        # panes are mounted when they first come into view (300 articles would be 1,200
        # widgets), then kept: by document
        self._pane_of: dict[int, ArticlePane] = {}
        self._panes: list[ArticlePane] | None = None
        self._building_overview = False
        self._pending_cursor: dict[int, int] = {}  # sync moves for panes not yet mounted
        self._divergence_spans: dict[int, list[tuple[int, int]]] = {}
        self._annotations: AnnotationsScreen | None = None  # kept: it opens faster again
        # the panes' order on screen: order[position] = document (the documents themselves,
        # and every index into them, never move); by date or as given (D toggles)
        self.order: list[int] = []
        self.by_date = False
        self.divergences: list[Divergence] = []  # where linked sentences disagree
        self._disagree: dict[tuple[int, int], list[Divergence]] = {}  # by sentence

    @property
    def sbs(self) -> SidebysideApp:
        return self.app  # type: ignore[return-value]

    @property
    def documents(self) -> list[Document]:
        return self.sbs.documents

    @property
    def alignment(self) -> Alignment | None:
        return self.sbs.alignment

    # --- composition -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        count = self.visible_count()
        self.order = self._date_order() if self.sbs.by_date else []
        self.by_date = bool(self.order)
        self.order = self.order or list(range(len(self.documents)))
        with PanesRow(id="panes"):
            for position, i in enumerate(self.order[:count]):
                yield self._new_pane(i, position)
            for i, failure in enumerate(self.sbs.failures):
                yield FailedPane(failure.name, failure.reason, i)
        waiting = f"Aligning {len(self.documents)} articles… (you can read meanwhile)"
        bar = ComparisonBar(waiting if self.sbs.aligning else "")
        from ..widgets.comparison_bar import height_for

        # its height for this terminal from the start: set on the first resize, it laid the
        # whole screen out a second time before the first frame
        bar.styles.height = height_for(self.app.size.height)
        yield bar
        yield StatusLine()
        yield KeyBar()
        yield ArticleStyles()

    def on_mount(self) -> None:
        if not self.sbs.aligning:  # nothing to align (one article): no "aligning…"
            for pane in self.panes:
                pane.header.set_waiting(False)
        self._show_emphasis()
        self.refresh_tags()
        if self.documents:
            self.views[self.order[0]].focus()  # the leftmost pane
        self.show_status()

    # --- panes -----------------------------------------------------------------------------

    @property
    def panes(self) -> list[ArticlePane]:
        """The panes mounted so far, by document (the order on screen may differ:
        self.order)."""
        if self._panes is None:
            self._panes = [self._pane_of[d] for d in sorted(self._pane_of)]
        return self._panes

    @property
    def views(self) -> _Views:
        """The article views: ``views[doc]`` (mounting its pane if it never came into view);
        iterating gives those mounted."""
        return _Views(self)

    def view_of(self, doc: int) -> ArticleView:
        """A document's view, its pane mounted (out of view) if it was not yet."""
        if doc not in self._pane_of:
            self._mount_panes([doc])
        return self._pane_of[doc].view

    def _new_pane(self, doc: int, position: int) -> ArticlePane:
        pane = ArticlePane(self.documents[doc], doc, len(self.documents), position)
        self._pane_of[doc] = pane
        self._panes = None
        return pane

    def _mount_panes(self, docs: list[int]) -> None:
        """Mount the panes of these documents, each at its place in the row, given the state
        every other pane has (alignment, tags, emphasis, search, cursor)."""
        row = self.query_one(PanesRow)
        position = {d: p for p, d in enumerate(self.order)}
        window = set(self.order[self.window_start : self.window_start + self.visible_count()])
        for doc in sorted(docs, key=position.__getitem__):
            pane = self._new_pane(doc, position[doc])
            pane.display = doc in window
            self._prepare(pane)
            later = [self._pane_of[d] for d in self.order[position[doc] + 1 :]
                     if d in self._pane_of and self._pane_of[d].is_attached]
            earlier = [p for p in self.panes if p is not pane and p.is_attached
                       and position[p.index] < position[doc]]
            if later:
                row.mount(pane, before=later[0])
            elif earlier:
                row.mount(pane, after=max(earlier, key=lambda p: position[p.index]))
            else:
                row.mount(pane, before=0)

    def _prepare(self, pane: ArticlePane) -> None:
        """What a pane mounted late must show, as the others were told it."""
        view, header = pane.view, pane.header
        header.set_waiting(self.sbs.aligning)
        alignment = self.alignment
        if alignment is not None:
            view.set_alignment(alignment)
            view.set_divergences(self._divergence_spans.get(pane.index, []))
            header.set_fractions(*alignment.fractions(pane.index))
        if view.emphasis != self.sbs.emphasis:
            view.set_emphasis(self.sbs.emphasis)
        source = self.sbs.link_source
        if source is not None and source[0] == pane.index:
            view.set_link_source(source[1])
        self.refresh_tags(pane.index)
        if self._search:
            self._apply_search(view)
        cursor = self._pending_cursor.pop(pane.index, None)
        if cursor is not None:
            with view.prevent(ArticleView.CursorMoved):
                view.cursor = cursor

    def shown_views(self) -> list[ArticleView]:
        """The views of the panes in view."""
        count = self.visible_count()
        window = self.order[self.window_start : self.window_start + count]
        return [self._pane_of[d].view for d in window if d in self._pane_of]

    def position(self, doc: int) -> int:
        """Where a document's pane stands on screen (0 = leftmost)."""
        return self.order.index(doc)

    @property
    def focused_view(self) -> ArticleView | None:
        focused = self.focused
        if isinstance(focused, ArticleView):
            return focused
        pane = self._pane_of.get(self.last_view)
        return pane.view if pane is not None else None

    def visible_count(self) -> int:
        width = self.app.size.width
        fit = max(1, width // PANE_MIN_WIDTH)
        if width < NARROW:
            fit = min(fit, 2)
        return min(fit, len(self.documents))

    def layout_panes(self, keep: int | None = None) -> None:
        count = self.visible_count()
        n = len(self.documents)
        focus = self.position(keep if keep is not None else self.last_view)
        if focus < self.window_start:
            self.window_start = focus
        elif focus >= self.window_start + count:
            self.window_start = focus - count + 1
        self.window_start = max(0, min(self.window_start, n - count))
        window = self.order[self.window_start : self.window_start + count]
        missing = [d for d in window if d not in self._pane_of]
        if missing:
            self._mount_panes(missing)
        shown = set(window)
        for pane in self.panes:
            visible = pane.index in shown
            if pane.display != visible:
                pane.display = visible  # lined up when it gets its size (ArticleView.Resized)

    def show_pane(self, doc: int, sentence: int | None = None) -> None:
        """Bring a pane into view, focus it, and put its cursor on a sentence."""
        fresh = doc not in self._pane_of
        self.layout_panes(doc)
        view = self._pane_of[doc].view

        def go() -> None:
            view.focus()
            if sentence is not None:
                view.move_to(sentence)

        if fresh:  # mounting: focus it once it is on screen
            self.call_after_refresh(go)
        else:
            go()

    def on_panes_row_resized(self, message: PanesRow.Resized) -> None:
        self.layout_panes()

    def on_resize(self, event) -> None:
        from ..widgets.comparison_bar import height_for

        bar = self.query_one(ComparisonBar)
        height = height_for(event.size.height)
        if bar.styles.height is None or bar.styles.height.value != height:
            bar.styles.height = height
            view = self.focused_view
            if view is not None:
                self.call_after_refresh(self.follow, view)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, ArticleView):
            for pane in self.panes:  # not :focus-within, which restyles every pane (6 ms)
                pane.header.set_focused(pane.index == event.widget.index)
            self.last_view = event.widget.index
            self.layout_panes(event.widget.index)
            self.follow(event.widget)

    def action_focus_pane(self, step: int | None) -> None:
        if not self.documents:
            return
        current = self.position(self.last_view)
        target = self.order[current if step is None else (current + step) % len(self.documents)]
        self.show_pane(target)

    def action_jump(self) -> None:
        """Jump into the counterpart of the current sentence in the next pane with one."""
        view = self.focused_view
        if view is None or self.alignment is None or not view.document.sentences:
            self.app.bell()
            return
        found = {d: s for d, s, _ in self.alignment.counterparts(view.index, view.cursor)}
        n = len(self.documents)
        here = self.position(view.index)
        for step in range(1, n):
            other = self.order[(here + step) % n]
            if other in found:
                self.show_pane(other, found[other])
                return
        self.app.bell()

    # --- the cursor, and what follows it ---------------------------------------------------

    def _view_action(self, name: str, *args: int) -> None:
        view = self.focused_view
        if view is not None:
            getattr(view, name)(*args)

    def action_cursor(self, step: int) -> None:
        self._view_action("action_cursor", step)

    def action_page(self, step: int) -> None:
        self._view_action("action_page", step)

    def action_first(self) -> None:
        self._view_action("action_first")

    def action_last(self) -> None:
        self._view_action("action_last")

    def action_shared(self, step: int) -> None:
        self._view_action("action_shared", step)

    def action_linked(self, step: int) -> None:
        self._view_action("action_linked", step)

    def action_unique(self, step: int) -> None:
        self._view_action("action_unique", step)

    def on_article_view_resized(self, message: ArticleView.Resized) -> None:
        view = self.focused_view
        if view is not None and view.size.height:
            self.follow(view)

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        if message.view is self.focused_view:
            self.follow(message.view)

    def follow(self, view: ArticleView) -> None:
        """After the cursor moved or the focus changed: the comparison bar, the counterparts
        marked in the other panes, and (when reading in sync) their scroll positions."""
        if not view.document.sentences:
            return
        self.query_one(ComparisonBar).show(self.documents, self.alignment, view.index,
                                           view.cursor, self.disagree_at(view.index,
                                                                         view.cursor))
        found: dict[int, int] = {}
        if self.alignment is not None:
            found = {d: s for d, s, _ in self.alignment.counterparts(view.index, view.cursor)}
        shown = self.shown_views()
        for other in {*shown, *(v for v in self.views if v.marked)}:  # in view, or marked
            want = frozenset({found[other.index]}) if (
                other is not view and other.index in found) else frozenset()
            if other.marked != want:
                other.set_marked(want)
        if not self.sbs.sync:
            return
        row = view.sentence_row(view.cursor)
        for index, target in found.items():  # the panes with a counterpart, in view or not
            if index not in self._pane_of:  # set when it is mounted
                self._pending_cursor[index] = target
                continue
            other = self._pane_of[index].view
            if other.cursor != target:
                with other.prevent(ArticleView.CursorMoved):
                    other.cursor = target
            if other.size.height:  # one out of view is lined up when it comes into view
                other.scroll_sentence_to_row(target, row)

    def show_alignment(self) -> None:
        """Show the app's alignment (after aligning, a change of sensitivity or a judgement)."""
        shown = self.alignment
        if shown is None:
            return
        from ...core.divergence import divergences

        self.divergences = divergences(shown)
        by_doc: dict[int, list[tuple[int, int]]] = {}
        self._disagree: dict[tuple[int, int], list[Divergence]] = {}
        for d in self.divergences:
            by_doc.setdefault(d.a[0], []).append(d.a_span)
            by_doc.setdefault(d.b[0], []).append(d.b_span)
            self._disagree.setdefault(d.a, []).append(d)
            self._disagree.setdefault(d.b, []).append(d)
        self._divergence_spans = by_doc
        for pane in self.panes:
            pane.view.set_alignment(shown)
            pane.view.set_divergences(by_doc.get(pane.index, []))
            pane.header.set_fractions(*shown.fractions(pane.index))
        view = self.focused_view
        if view is not None:
            self.follow(view)
        self.show_status()

    def show_status(self) -> None:
        self.query_one(StatusLine).show(self.sbs)

    def action_toggle_sync(self) -> None:
        self.sbs.sync = not self.sbs.sync
        self.sbs.remember()
        self.show_status()
        if self.sbs.sync and self.focused_view is not None:
            self.follow(self.focused_view)

    def action_toggle_emphasis(self) -> None:
        self.sbs.emphasis = "unique" if self.sbs.emphasis == "links" else "links"
        self.sbs.remember()
        self._show_emphasis()
        self.show_status()

    def _show_emphasis(self) -> None:
        for view in self.views:
            if view.emphasis != self.sbs.emphasis:
                view.set_emphasis(self.sbs.emphasis)

    # --- search ----------------------------------------------------------------------------

    def action_search(self) -> None:
        from ..widgets.search_bar import SearchBar  # Input is imported on first use

        bars = self.query(SearchBar)
        if bars:
            bar = bars.first()
        else:
            bar = SearchBar()
            self.mount(bar, before=self.query_one(ComparisonBar))
        bar.display = True
        bar.focus()

    def on_input_submitted(self, event) -> None:
        from ..widgets.search_bar import SearchBar

        if not isinstance(event.input, SearchBar):
            return
        event.stop()
        self._search = event.value.strip()
        event.input.display = False
        view = self.view_of(self.last_view)
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
            self.app.bell()
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

    # --- tagging ---------------------------------------------------------------------------

    def refresh_tags(self, only: int | None = None) -> None:
        """Show the current tags in every pane, or in the ``only`` one that changed (and hide
        boilerplate if asked)."""
        tags = self.sbs.tags
        views = self.views if only is None else (
            [self._pane_of[only].view] if only in self._pane_of else [])  # else when mounted
        for view in views:
            placed = tags.for_doc(view.index)
            spans = [(p.start, p.end, p.annotation.tag) for p in placed]
            hidden: set[int] = set()
            if self.sbs.hide_boilerplate:
                doc = view.document
                bp = [(p.start, p.end) for p in placed if p.annotation.tag == "boilerplate"]
                for para in doc.paragraphs:
                    if any(s <= para.start and para.end <= e for s, e in bp):
                        hidden.add(para.index)
            noted = frozenset((p.start, p.end, p.annotation.tag) for p in placed
                              if p.annotation.note)
            view.set_tags(spans, frozenset(hidden), self._open_suggestions(view.index, spans),
                          noted)
        self.sbs.report_saving()
        self.show_status()

    def _open_suggestions(self, doc: int, tagged: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
        """Suggestions of a document still to decide: not rejected, not already tagged."""
        if not self.sbs.show_suggestions:
            return []
        import bisect

        tags = self.sbs.tags
        spans = sorted((a, b) for a, b, _ in tagged)
        starts = [a for a, _ in spans]
        reach: list[int] = []  # the furthest end of the tags up to each one (a running max)
        for _a, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)

        def overlaps(start: int, end: int) -> bool:
            k = bisect.bisect_left(starts, end)  # tags that start before the suggestion ends
            return k > 0 and reach[k - 1] > start

        return [
            (x.start, x.end, x.tag) for x in self.sbs.suggestions.get(doc, [])
            if not tags.is_rejected(doc, x.start, x.end, x.tag) and not overlaps(x.start, x.end)
        ]

    def _suggestion_here(self) -> Suggestion | None:
        """The strongest open suggestion in the passage under the cursor."""
        view = self.focused_view
        if view is None or not view.document.sentences:
            return None
        start, end = self._passage(view)
        open_ = set(view.suggested_spans)
        here = [x for x in self.sbs.suggestions.get(view.index, []) if x.start < end
                and start < x.end and (x.start, x.end, x.tag) in open_]
        if not here:
            self.notify("No suggestion here", timeout=2)
            return None
        return max(here, key=lambda x: x.score)

    def action_accept_suggestion(self) -> None:
        found = self._suggestion_here()
        if found is None:
            return
        self.sbs.tags.accept(found.doc, [(found.start, found.end, found.tag)], [found.speaker])
        self.refresh_tags(found.doc)
        who = f" ({found.speaker})" if found.speaker else ""
        self.notify(f"Accepted: {found.tag}{who}", timeout=2)

    def action_reject_suggestion(self) -> None:
        found = self._suggestion_here()
        if found is None:
            return
        self.sbs.tags.reject(found.doc, found.start, found.end, found.tag)
        self.refresh_tags(found.doc)
        self.notify(f"Rejected the {found.tag} suggestion (u undoes)", timeout=2)

    def action_accept_boilerplate(self) -> None:
        view = self.focused_view
        if view is None:
            return
        spans = [t for t in view.suggested_spans if t[2] == "boilerplate"]
        if not spans:
            self.notify("No boilerplate suggestions in this pane", timeout=2)
            return
        self.sbs.tags.accept(view.index, spans)
        self.refresh_tags(view.index)
        self.notify(f"Tagged {len(spans)} passage(s) as boilerplate (u undoes)", timeout=3)

    def action_toggle_suggestions(self) -> None:
        self.sbs.show_suggestions = not self.sbs.show_suggestions
        self.sbs.remember()
        self.refresh_tags()

    def _passage(self, view: ArticleView) -> tuple[int, int]:
        first, last = view.selection()
        doc = view.document
        return doc.sentences[first].start, doc.sentences[last].end

    def action_tag(self, tag: str) -> None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return
        start, end = self._passage(view)
        speaker = ""
        if tag == "quote":
            from ...core.citation import speaker_of

            if view.selection_anchor is None:
                inner = quotation_in(view.document.text, start, end)
                if inner is not None:
                    start, end = inner  # a quote is often only part of the sentence
            speaker = speaker_of(view.document, start, end) or ""
        change = self.sbs.tags.toggle(view.index, start, end, tag, speaker)
        view.set_selection(None)
        self.refresh_tags(view.index)
        verb = "Tagged" if change.added else "Removed the tag"
        self.notify(f"{verb} {tag}", timeout=1.5)

    def action_copy(self) -> None:
        """Copy the passage under the cursor (or the selection) as a quotation with its
        source; a quotation's speaker when the reader knows it (works over SSH: OSC 52)."""
        from ...core.citation import cite, speaker_of

        view = self.focused_view
        if view is None or not view.document.sentences:
            return
        start, end = self._passage(view)
        speaker = speaker_of(view.document, start, end)
        if view.selection_anchor is None:
            inner = quotation_in(view.document.text, start, end)
            if inner is not None and speaker:
                start, end = inner  # the quotation itself, with who said it
        text = cite(view.document, start, end, speaker)
        self.app.copy_to_clipboard(text)
        view.set_selection(None)
        self.notify(f"Copied: {shortened(text, 80)}", timeout=3)

    def action_select(self) -> None:
        view = self.focused_view
        if view is None:
            return
        view.set_selection(None if view.selection_anchor is not None else view.cursor)

    def action_end_select(self) -> None:
        """Escape: end the selection, or stop drawing a link."""
        view = self.focused_view
        if view is not None and view.selection_anchor is not None:
            view.set_selection(None)
        elif self.sbs.link_source is not None:
            self._set_link_source(None)
            self.notify("Link cancelled", timeout=2)

    def action_untag(self) -> None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return
        change = self.sbs.tags.remove(view.index, *self._passage(view))
        view.set_selection(None)
        if not change.removed:
            self.app.bell()
        self.refresh_tags(view.index)

    def _tag_under_cursor(self) -> Placed | None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return None
        placed = self.sbs.tags.at(view.index, *self._passage(view))
        if not placed:
            self.notify("No tag here: tag the passage first (q, c or b)", timeout=3)
            return None
        return placed[0]

    def action_note(self) -> None:
        """The note on the tag under the cursor; for a quote, who said it too."""
        target = self._tag_under_cursor()
        if target is None:
            return
        a = target.annotation
        title = f"Note on the {a.tag}: {shortened(a.exact, 70)}"
        quote = a.tag == "quote"

        def done(result: str | tuple[str, str] | None) -> None:
            if result is None:
                return
            note, speaker = result if isinstance(result, tuple) else (result, a.speaker)
            if note != a.note or speaker != a.speaker:
                self.sbs.tags.set_note(a.id, note, speaker if quote else None)
                self.refresh_tags(target.doc)

        from .note import NoteScreen

        self.app.push_screen(NoteScreen(title, a.note, speaker=a.speaker if quote else None),
                             done)

    def action_narrow(self) -> None:
        """Narrow the tag under the cursor to a part of its passage: select it in the
        passage, shown whole and wrapped."""
        target = self._tag_under_cursor()
        if target is None:
            return
        title = f"Narrow the {target.annotation.tag}"

        def done(span: tuple[int, int] | None) -> None:
            if span is None:
                return
            if self.sbs.tags.narrow_to(target.annotation.id, *span) is None:
                self.notify("Nothing selected to keep", severity="warning")
            self.refresh_tags(target.doc)

        from .narrow import NarrowScreen

        passage = self.documents[target.doc].text[target.start : target.end]
        self.app.push_screen(NarrowScreen(title, passage), done)

    def action_undo(self) -> None:
        self._history(self.sbs.tags.undo())

    def action_redo(self) -> None:
        self._history(self.sbs.tags.redo())

    def _history(self, change) -> None:  # type: ignore[no-untyped-def]
        if change is None:
            self.app.bell()
        self.refresh_tags()
        if change is not None and (change.judged or change.unjudged):
            self.sbs.show_alignment()

    # --- the user's judgement on links -------------------------------------------------------

    def action_sensitivity(self, step: int) -> None:
        """Show more (step 1) or fewer (step -1) links: low, default, high."""
        from ...core import calibration

        order = list(calibration.SENSITIVITIES)  # low, default, high
        at = order.index(self.sbs.sensitivity)
        new = order[max(0, min(len(order) - 1, at + step))]
        if new == self.sbs.sensitivity:
            self.app.bell()
            return
        self.sbs.sensitivity = new
        self.sbs.remember()
        self.sbs.show_alignment()
        shown = len(self.alignment.links) if self.alignment is not None else 0
        what = {calibration.LOW: "only the surest links", calibration.DEFAULT: "links as usual",
                calibration.HIGH: "weaker links too (gutter only)"}[new]
        self.notify(f"Sensitivity {new}: {what}, {shown} shown", timeout=3)

    def action_reject_link(self) -> None:
        """Reject the link under the cursor (choose which when the sentence has several)."""
        view = self.focused_view
        al = self.alignment
        if view is None or al is None or not view.document.sentences:
            self.app.bell()
            return
        here = (view.index, view.cursor)
        links = al.links_of(*here)
        if not links:
            self.notify("No link here to reject", timeout=2)
            return
        ref = (view.index, al.original(*here))
        if len(links) == 1:
            self._reject(here, links[0].other(ref))
            return
        from .choose_link import ChooseLinkScreen

        others = [lk.other(ref) for lk in links]

        rows = [f"{self.documents[d].source}: {shortened(self.documents[d].sentence_text(s), 110)}"
                for d, s in others]

        def chosen(index: int | None) -> None:
            if index is not None:
                self._reject(here, others[index])

        self.app.push_screen(ChooseLinkScreen("Reject which link? (escape: none)", rows),
                             chosen)

    def _reject(self, here: tuple[int, int], other: tuple[int, int]) -> None:
        from ...core.judgements import REJECT

        self.sbs.tags.judge_link(here, other, REJECT)
        self.sbs.report_saving()
        self.sbs.show_alignment()
        self.notify(f"Link to {self.documents[other[0]].source} rejected (u undoes)", timeout=3)

    def action_draw_link(self) -> None:
        """First press: link from this sentence; second press, in another pane: link to it."""
        from ...core.judgements import LINK

        view = self.focused_view
        if view is None or not view.document.sentences:
            self.app.bell()
            return
        here = (view.index, view.cursor)
        source = self.sbs.link_source
        if source is None or source[0] == here[0]:
            self._set_link_source(here)
            self.notify("Linking from here: go to the sentence in another pane and press L "
                        "(escape cancels)", timeout=4)
            return
        self._set_link_source(None)
        self.sbs.tags.judge_link(source, here, LINK)
        self.sbs.report_saving()
        self.sbs.show_alignment()
        self.notify(f"Linked to {self.documents[source[0]].source} (u undoes)", timeout=3)

    def _set_link_source(self, ref: tuple[int, int] | None) -> None:
        self.sbs.link_source = ref
        for v in self.views:
            v.set_link_source(ref[1] if ref is not None and ref[0] == v.index else None)

    def action_toggle_boilerplate(self) -> None:
        self.sbs.hide_boilerplate = not self.sbs.hide_boilerplate
        self.sbs.remember()
        self.refresh_tags()

    # --- other screens ---------------------------------------------------------------------

    def action_annotations(self) -> None:
        def jump(target: tuple[int, int] | None) -> None:
            if target is None:
                return
            doc, offset = target
            for s in self.documents[doc].sentences:
                if s.start <= offset < s.end or offset < s.start:
                    self.show_pane(doc, s.index)
                    return
            self.show_pane(doc)

        from .annotations import AnnotationsScreen

        # the list is kept between openings (installed) and filled afresh with the tags as
        # they are now: it opens in a quarter of the time (no widgets made, no first layout)
        screen = self._annotations
        if screen is None or screen.book is not self.sbs.tags:
            self._drop_annotations()
            screen = self._annotations = AnnotationsScreen(self.sbs.tags)
            self.app.install_screen(screen, f"annotations-{id(self)}")
        else:
            screen.reopen()
        self.app.push_screen(screen, jump)

    def _drop_annotations(self) -> None:
        screen = self._annotations
        if screen is not None and screen not in self.app.screen_stack:  # else: the app ends
            self.app.uninstall_screen(screen)
            self._annotations = None

    def on_unmount(self) -> None:
        self._drop_annotations()

    def _date_order(self) -> list[int]:
        """The documents in order of publication, or [] when that is the order given (fewer
        than two dates, or already in order)."""
        from ...core.provenance import chronological

        documents = self.documents
        index = {id(d): i for i, d in enumerate(documents)}
        order = [index[id(d)] for d in chronological(documents)]
        return [] if order == list(range(len(documents))) else order

    def action_toggle_order(self) -> None:
        """The panes in order of publication (the pages' dates) or as given."""
        dated = self._date_order()
        if not dated and not self.by_date:
            self.app.notify("The panes are already in order of publication (or fewer than two "
                            "articles give a date).", timeout=4)
            return
        self.by_date = not self.by_date
        self.order = dated if self.by_date else list(range(len(self.documents)))
        row = self.query_one(PanesRow)
        previous: ArticlePane | None = None
        for position, doc in enumerate(self.order):  # the mounted panes, in the new order
            pane = self._pane_of.get(doc)
            if pane is None:
                continue
            pane.position = position
            pane.header.set_position(position)
            if previous is not None:
                row.move_child(pane, after=previous)
            else:
                row.move_child(pane, before=0)
            previous = pane
        self.layout_panes()
        self.app.notify("Panes in order of publication" if self.by_date
                        else "Panes in the order given", timeout=3)

    def action_details(self) -> None:
        from .details import DetailsScreen

        view = self.focused_view
        if view is not None:
            self.app.push_screen(DetailsScreen(self.documents[view.index]))

    def disagree_at(self, doc: int, sentence: int) -> list[Divergence]:
        """What other sources state differently in this sentence."""
        return self._disagree.get((doc, sentence), [])

    def action_divergence(self, step: int) -> None:
        """The next (previous) sentence where another source disagrees, across every pane in
        the order they stand, wrapping around."""
        if not self._disagree:
            self.notify("No divergences: no figure, date, quotation or speaker differs "
                        "between linked sentences." if self.alignment is not None else
                        "The alignment is still running.", timeout=4)
            return
        view = self.focused_view
        stops = sorted(self._disagree, key=lambda r: (self.position(r[0]), r[1]))
        here = (self.position(view.index), view.cursor) if view is not None else (-1, -1)
        keyed = [(self.position(d), s) for d, s in stops]
        if step > 0:
            after = [k for k, key in enumerate(keyed) if key > here]
            k = after[0] if after else 0
        else:
            before = [k for k, key in enumerate(keyed) if key < here]
            k = before[-1] if before else len(stops) - 1
        self.show_pane(*stops[k])

    def action_tag_divergence(self) -> None:
        """Tag what this sentence states differently as a claim, the disagreement as its
        note ("4,000 militants ≠ 5,000 IS fighters · number · Crimeandmoreworld")."""
        view = self.focused_view
        if view is None:
            return
        found = self.disagree_at(view.index, view.cursor)
        if not found:
            self.notify("No other source disagrees with this sentence.", timeout=3)
            return
        d = found[0]
        mine_first = d.a[0] == view.index
        span = d.a_span if mine_first else d.b_span
        other = d.b[0] if mine_first else d.a[0]
        mine, theirs = (d.a_text, d.b_text) if mine_first else (d.b_text, d.a_text)
        note = (f"{' '.join(mine.split())} ≠ {' '.join(theirs.split())} · {d.kind} · "
                f"{self.documents[other].source}" + (f" · {d.note}" if d.note else ""))
        existing = [p for p in self.sbs.tags.for_doc(view.index)
                    if p.start == span[0] and p.end == span[1] and p.annotation.tag == "claim"]
        if existing:
            self.notify("Already tagged as a claim.", timeout=3)
            return
        change = self.sbs.tags.add(view.index, span[0], span[1], "claim", note=note)
        self._history(change)
        self.notify(f"Tagged as a claim: {inert_line(note)}", timeout=4)

    def action_stories(self) -> None:
        self.sbs.action_stories()

    def action_pick(self) -> None:
        from .picker import PickerScreen

        rows = []
        for doc, document in enumerate(self.documents):
            alignment = self.alignment
            figure = "…" if alignment is None else f"{alignment.fractions(doc)[0]:.0%}"
            rows.append((document.source, figure, " ".join(document.title.split())))

        def chosen(index: int | None) -> None:
            if index is not None:
                self.show_pane(index)

        self.app.push_screen(PickerScreen(rows, self.last_view), chosen)

    def action_overview(self) -> None:
        """Build the overview in a worker thread (0.6 s with 300 articles): keys keep working
        meanwhile, and it opens when it is ready."""
        if self.alignment is None:
            self.notify("The alignment is still running; the overview opens when it is done.")
            return
        if self._building_overview:
            return
        self._building_overview = True
        alignment, counts = self.alignment, self.sbs.tags.counts()
        disagreements = list(self.divergences)
        bar = self.query_one(ComparisonBar)
        total = len(self.documents)

        def progress(fraction: float, stage: str) -> None:
            if total > PROGRESS_FROM and self.app.is_running and fraction < 1.0:
                self.app.call_from_thread(bar.show_progress, fraction, stage, total,
                                          "Building the overview of")

        def build() -> None:
            from ...core.report import build_report

            try:
                report = build_report(alignment, counts, disagreements, progress)
            except Exception as exc:
                report = exc
            if self.app.is_running:
                self.app.call_from_thread(self._open_overview, report)

        from ..app import _in_background

        _in_background(build, "sidebyside-overview")

    def _open_overview(self, report: dict[str, object] | Exception) -> None:
        self._building_overview = False
        view = self.focused_view
        if view is not None:  # the bar shows the sentence again, not the progress
            self.follow(view)
        if isinstance(report, Exception):
            self.notify(f"The overview failed: {report}", severity="error", timeout=10)
            return

        def jump(target: tuple[int, int] | None) -> None:
            if target is not None:
                self.show_pane(*target)

        from .overview import OverviewScreen

        self.app.push_screen(OverviewScreen(report), jump)


class _Views:
    """The reader's article views by document: indexing mounts a pane that never came into
    view; iterating gives the views mounted (the others are given their state when they
    mount)."""

    def __init__(self, reader: ReaderScreen) -> None:
        self._reader = reader

    def __getitem__(self, doc: int) -> ArticleView:
        return self._reader.view_of(doc)

    def __iter__(self) -> Iterator[ArticleView]:
        return iter([pane.view for pane in self._reader.panes])

    def __len__(self) -> int:
        return len(self._reader.panes)
