"""The Sidebyside Textual application: articles side by side, aligned sentence by sentence."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from core import Document
from core.normalize import normalize
from core.store import Store
from core.tagging import Placed, TagBook, quotation_in

if TYPE_CHECKING:
    from core.align import Alignment
    from core.suggest import Suggestion

from .widgets import ArticlePane, ArticleStyles, ArticleView, ComparisonBar, PanesRow

PANE_MIN_WIDTH = 40
NARROW = 100


def _in_background(target: Callable[[], None], name: str) -> None:
    """Run ``target`` in a daemon thread: quitting never waits for an alignment still running
    (a thread of the default executor would hold the process until it ends, 44 s with 300
    articles)."""
    import threading

    threading.Thread(target=target, name=name, daemon=True).start()


def _quietly_after_exit(app: App[None], work: Callable[[], None]) -> None:
    """Run background work; once the app has gone, its end (or failure) is nobody's business;
    while it runs, a failure is shown, never lost."""
    try:
        work()
    except Exception as exc:
        if app.is_running:
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(app.notify, f"The alignment failed: {exc}",
                                     severity="error", timeout=15)


class SidebysideApp(App[None]):
    CSS_PATH = Path(__file__).resolve().parent / "app.tcss"
    TITLE = "Sidebyside"

    BINDINGS = [
        # help first: at 80 columns the footer shows only its first few keys
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("tab", "focus_pane(1)", "Next pane", priority=True, id="pane.next"),
        Binding("shift+tab", "focus_pane(-1)", "Prev pane", show=False, priority=True,
                id="pane.previous"),
        Binding("l,right", "focus_pane(1)", "Next pane", show=False, id="pane.next_alt"),
        Binding("h,left", "focus_pane(-1)", "Prev pane", show=False, id="pane.previous_alt"),
        Binding("enter", "jump", "Jump", id="pane.jump"),
        Binding("s", "toggle_sync", "Sync", show=False, id="view.sync"),
        Binding("slash", "search", "Search", id="search.open"),
        Binding("n", "search_next(1)", "Next hit", show=False, id="search.next"),
        Binding("N", "search_next(-1)", "Prev hit", show=False, id="search.previous"),
        Binding("q", "tag('quote')", "Quote", id="tag.quote"),
        Binding("c", "tag('claim')", "Claim", id="tag.claim"),
        Binding("b", "tag('boilerplate')", "Boilerplate", id="tag.boilerplate"),
        Binding("v", "select", "Select", show=False, id="tag.select"),
        Binding("escape", "end_select", "End selection", show=False, id="tag.end_select"),
        Binding("x", "untag", "Untag", show=False, id="tag.remove"),
        Binding("m", "note", "Note", show=False, id="tag.note"),
        Binding("u", "undo", "Undo", show=False, id="tag.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="tag.redo"),
        Binding("a", "annotations", "Tags", id="tag.list"),
        Binding("B", "toggle_boilerplate", "Hide boilerplate", show=False,
                id="tag.hide_boilerplate"),
        Binding("R", "reject_link", "Reject link", show=False, id="link.reject"),
        Binding("L", "draw_link", "Link to…", show=False, id="link.draw"),
        Binding("plus", "sensitivity(1)", "More links", show=False, id="link.more"),
        Binding("minus", "sensitivity(-1)", "Fewer links", show=False, id="link.fewer"),
        Binding("A", "accept_suggestion", "Accept suggestion", id="suggest.accept"),
        Binding("X", "reject_suggestion", "Reject", show=False, id="suggest.reject"),
        Binding("o", "overview", "Overview", id="app.overview"),
        Binding("p", "pick", "Articles", show=False, id="app.pick"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    class Aligned(Message):
        def __init__(self, alignment: Alignment | None, suggestions: list[Suggestion]) -> None:
            super().__init__()
            self.alignment = alignment
            self.suggestions = suggestions

    def __init__(
        self,
        documents: Sequence[Document],
        *,
        align: bool = True,
        store: Store | None = None,
        store_problem: str | None = None,
        use_cache: bool = True,
        on_first_paint: Callable[[], object] | None = None,
        sensitivity: str = "default",
    ) -> None:
        super().__init__()
        self._on_first_paint = on_first_paint
        self.use_cache = use_cache
        self.store_problem = store_problem
        self.documents = list(documents)
        self.tags = TagBook(self.documents, store)
        self.hide_boilerplate = False
        self.show_suggestions = True
        self.suggestions: dict[int, list[Suggestion]] = {}  # by document
        self.alignment: Alignment | None = None  # as shown: sensitivity and judgements applied
        self.engine_alignment: Alignment | None = None  # what the engine found
        self.sensitivity = sensitivity
        self.link_source: tuple[int, int] | None = None  # a link being drawn from here
        self._conflicts_told = 0
        self.sync = True
        self.window_start = 0
        self._align = align and len(self.documents) > 1
        self._search = ""

    # Actions of the reader screen: off (and out of the footer) while another screen is on top.
    READER_ACTIONS = frozenset({
        "focus_pane", "jump", "toggle_sync", "search", "search_next", "tag", "select",
        "end_select", "untag", "note", "undo", "redo", "annotations", "toggle_boilerplate",
        "overview", "narrow", "pick", "accept_suggestion", "reject_suggestion",
        "accept_boilerplate", "toggle_suggestions", "reject_link", "draw_link", "sensitivity",
    })

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.READER_ACTIONS and len(self.screen_stack) > 1)

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
        yield ArticleStyles()

    async def wait_aligned(self) -> None:
        """Return once the alignment is shown (at once when there is nothing to align)."""
        await self._aligned.wait()

    def on_mount(self) -> None:
        if self.store_problem:
            self.notify(
                f"Tags will NOT be saved: {self.store_problem}. They are kept in memory for "
                "this session; export them before quitting, or restart with --data-dir DIR.",
                severity="error", timeout=15,
            )
        self.refresh_tags()
        if self.tags.read_problem:
            self.notify(f"Some saved tags could not be read: {self.tags.read_problem}",
                        severity="error", timeout=15)
        if self.tags.skipped:
            self.notify(
                f"{self.tags.skipped} saved tag(s) are damaged or unknown (a tag name this "
                "version does not know, offsets that do not fit) and are not shown; the store "
                "keeps them untouched.", severity="warning", timeout=10,
            )
        orphans = len(self.tags.orphans())
        if orphans:
            self.notify(
                f"{orphans} tag(s) could not be placed: their passage changed. "
                "They are kept; press a to see them.", timeout=6,
            )
        self._aligned = asyncio.Event()
        if not self._align:
            self._aligned.set()
        if self.documents:
            self.views[0].focus()
        if self._on_first_paint is not None:
            self.call_after_refresh(self._on_first_paint)
        if self._align:
            self.call_after_refresh(self._run_alignment)  # first paint first
        else:
            self._show_comparison(self.focused_view)
            if self.documents:
                self.call_after_refresh(self._run_suggestions)

    def _run_alignment(self) -> None:
        _in_background(lambda: _quietly_after_exit(self, self._align_now), "sidebyside-align")

    def _run_suggestions(self) -> None:
        _in_background(lambda: _quietly_after_exit(self, self._suggest_now),
                       "sidebyside-suggest")

    def _align_now(self) -> None:
        from core import cache
        from core.align import align_documents  # numpy and rapidfuzz load here, off screen

        def progress(fraction: float, stage: str) -> None:
            self.call_from_thread(self._show_progress, fraction, stage)

        cached = cache.load(self.documents) if self.use_cache else None
        if cached is not None:
            self.post_message(self.Aligned(*cached))
            return
        alignment = align_documents(self.documents, progress)
        progress(0.97, "suggesting tags")
        from core.suggest import suggest

        suggestions = suggest(self.documents, alignment)
        self.post_message(self.Aligned(alignment, suggestions))
        if self.use_cache:
            cache.save(alignment, suggestions)

    def _suggest_now(self) -> None:
        from core.suggest import suggest

        self.post_message(self.Aligned(None, suggest(self.documents)))

    def _show_progress(self, fraction: float, stage: str) -> None:
        if self.alignment is None:
            self.query_one(ComparisonBar).show_progress(fraction, stage, len(self.documents))

    def on_sidebyside_app_aligned(self, message: Aligned) -> None:
        self.suggestions = {}
        for x in message.suggestions:
            self.suggestions.setdefault(x.doc, []).append(x)
        self.refresh_tags()
        if message.alignment is None:
            return
        self.engine_alignment = message.alignment
        self._show_alignment()
        self.call_after_refresh(self._aligned.set)

    def _show_alignment(self) -> None:
        """Show the engine's alignment at the current sensitivity, with the user's links and
        rejections applied."""
        if self.engine_alignment is None:
            return
        shown = self.engine_alignment.at(self.sensitivity).judged(*self.tags.link_pairs())
        self.alignment = shown
        for pane in self.panes:
            pane.view.set_alignment(shown)
            pane.header.set_shared(shown.shared_fraction(pane.index))
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

    # --- tagging ---------------------------------------------------------------------------

    def refresh_tags(self) -> None:
        """Show the current tags in every pane (and hide boilerplate if asked)."""
        for view in self.views:
            placed = self.tags.for_doc(view.index)
            spans = [(p.start, p.end, p.annotation.tag) for p in placed]
            hidden: set[int] = set()
            if self.hide_boilerplate:
                doc = view.document
                bp = [(p.start, p.end) for p in placed if p.annotation.tag == "boilerplate"]
                for para in doc.paragraphs:
                    if any(s <= para.start and para.end <= e for s, e in bp):
                        hidden.add(para.index)
            view.set_tags(spans, frozenset(hidden), self._open_suggestions(view.index, spans))
        self._report_saving()

    def _open_suggestions(self, doc: int, tagged: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
        """Suggestions of a document still to decide: not rejected, not already tagged."""
        if not self.show_suggestions:
            return []
        return [
            (x.start, x.end, x.tag) for x in self.suggestions.get(doc, [])
            if not self.tags.is_rejected(doc, x.start, x.end, x.tag)
            and not any(a < x.end and x.start < b for a, b, _ in tagged)
        ]

    def _suggestion_here(self) -> Suggestion | None:
        """The strongest open suggestion in the passage under the cursor."""
        view = self.focused_view
        if view is None or not view.document.sentences:
            return None
        start, end = self._passage(view)
        open_ = set(view.suggested_spans)
        here = [x for x in self.suggestions.get(view.index, []) if x.start < end
                and start < x.end and (x.start, x.end, x.tag) in open_]
        if not here:
            self.notify("No suggestion here", timeout=2)
            return None
        return max(here, key=lambda x: x.score)

    def action_accept_suggestion(self) -> None:
        found = self._suggestion_here()
        if found is None:
            return
        self.tags.accept(found.doc, [(found.start, found.end, found.tag)])
        self.refresh_tags()
        who = f" ({found.speaker})" if found.speaker else ""
        self.notify(f"Accepted: {found.tag}{who}", timeout=2)

    def action_reject_suggestion(self) -> None:
        found = self._suggestion_here()
        if found is None:
            return
        self.tags.reject(found.doc, found.start, found.end, found.tag)
        self.refresh_tags()
        self.notify(f"Rejected the {found.tag} suggestion (u undoes)", timeout=2)

    def action_accept_boilerplate(self) -> None:
        view = self.focused_view
        if view is None:
            return
        spans = [t for t in view.suggested_spans if t[2] == "boilerplate"]
        if not spans:
            self.notify("No boilerplate suggestions in this pane", timeout=2)
            return
        self.tags.accept(view.index, spans)
        self.refresh_tags()
        self.notify(f"Tagged {len(spans)} passage(s) as boilerplate (u undoes)", timeout=3)

    def action_toggle_suggestions(self) -> None:
        self.show_suggestions = not self.show_suggestions
        self.refresh_tags()
        self.notify("Suggestions " + ("shown" if self.show_suggestions else "hidden"), timeout=2)

    def _report_saving(self) -> None:
        if self.tags.conflicts > self._conflicts_told:
            self._conflicts_told = self.tags.conflicts
            self.notify("A tag you changed was changed in another window meanwhile: both "
                        "versions are kept (a to see them).", severity="warning", timeout=8)
        if self.tags.pending:
            self.notify(
                f"Not saved yet: {self.tags.last_error}. Your tags are kept in memory and will be "
                "saved as soon as the store can be written.",
                severity="error", timeout=8,
            )

    def _passage(self, view: ArticleView) -> tuple[int, int]:
        first, last = view.selection()
        doc = view.document
        return doc.sentences[first].start, doc.sentences[last].end

    def action_tag(self, tag: str) -> None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return
        start, end = self._passage(view)
        if tag == "quote" and view.selection_anchor is None:
            inner = quotation_in(view.document.text, start, end)
            if inner is not None:
                start, end = inner  # a quote is often only part of the sentence
        change = self.tags.toggle(view.index, start, end, tag)
        view.set_selection(None)
        self.refresh_tags()
        verb = "Tagged" if change.added else "Removed the tag"
        self.notify(f"{verb} {tag}", timeout=1.5)

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
        elif self.link_source is not None:
            self._set_link_source(None)
            self.notify("Link cancelled", timeout=2)

    def action_untag(self) -> None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return
        change = self.tags.remove(view.index, *self._passage(view))
        view.set_selection(None)
        if not change.removed:
            self.bell()
        self.refresh_tags()

    def _tag_under_cursor(self) -> Placed | None:
        view = self.focused_view
        if view is None or not view.document.sentences:
            return None
        placed = self.tags.at(view.index, *self._passage(view))
        if not placed:
            self.notify("No tag here: tag the passage first (q, c or b)", timeout=3)
            return None
        return placed[0]

    def action_note(self) -> None:
        target = self._tag_under_cursor()
        if target is None:
            return
        passage = " ".join(target.annotation.exact.split())[:70]
        title = f"Note on the {target.annotation.tag}: {passage}"

        def done(note: str | None) -> None:
            if note is not None and note != target.annotation.note:
                self.tags.set_note(target.annotation.id, note)
                self.refresh_tags()

        from .screens.note import NoteScreen

        self.push_screen(NoteScreen(title, target.annotation.note), done)

    def action_narrow(self) -> None:
        """Narrow the tag under the cursor to a part of its passage (a dialog)."""
        target = self._tag_under_cursor()
        if target is None:
            return
        title = (
            f"Narrow the {target.annotation.tag}: delete the words that are not part of it, "
            "then press enter"
        )

        def done(part: str | None) -> None:
            if part is None:
                return
            if self.tags.narrow(target.annotation.id, part) is None:
                self.notify("That text is not in the tagged passage", severity="warning")
            self.refresh_tags()

        from .screens.note import NoteScreen

        exact = " ".join(target.annotation.exact.split())
        self.push_screen(NoteScreen(title, exact, placeholder="The part to keep"), done)

    def action_undo(self) -> None:
        change = self.tags.undo()
        if change is None:
            self.bell()
        self.refresh_tags()
        if change is not None and (change.judged or change.unjudged):
            self._show_alignment()

    def action_redo(self) -> None:
        change = self.tags.redo()
        if change is None:
            self.bell()
        self.refresh_tags()
        if change is not None and (change.judged or change.unjudged):
            self._show_alignment()

    # --- the user's judgement on links -------------------------------------------------------

    def action_sensitivity(self, step: int) -> None:
        """Show more (step 1) or fewer (step -1) links: low, default, high."""
        from core import calibration

        order = list(calibration.SENSITIVITIES)  # low, default, high
        at = order.index(self.sensitivity)
        new = order[max(0, min(len(order) - 1, at + step))]
        if new == self.sensitivity:
            self.bell()
            return
        self.sensitivity = new
        self._show_alignment()
        shown = len(self.alignment.links) if self.alignment is not None else 0
        what = {calibration.LOW: "only the surest links", calibration.DEFAULT: "links as usual",
                calibration.HIGH: "weaker links too (dimmed)"}[new]
        self.notify(f"Sensitivity {new}: {what}, {shown} shown", timeout=3)

    def action_reject_link(self) -> None:
        """Reject the link under the cursor (choose which when the sentence has several)."""
        view = self.focused_view
        if view is None or self.alignment is None or not view.document.sentences:
            self.bell()
            return
        here = (view.index, view.cursor)
        links = self.alignment.links_of(*here)
        if not links:
            self.notify("No link here to reject", timeout=2)
            return
        if len(links) == 1:
            self._reject(here, links[0].other((view.index, self.alignment.original(*here))))
            return
        from .screens.choose_link import ChooseLinkScreen

        ref = (view.index, self.alignment.original(*here))
        others = [lk.other(ref) for lk in links]
        def short(text: str) -> str:
            text = " ".join(text.split())
            return text if len(text) <= 110 else text[:109] + "…"

        rows = [f"{self.documents[d].source}: {short(self.documents[d].sentence_text(s))}"
                for d, s in others]

        def chosen(index: int | None) -> None:
            if index is not None:
                self._reject(here, others[index])

        self.push_screen(ChooseLinkScreen("Reject which link? (escape: none)", rows), chosen)

    def _reject(self, here: tuple[int, int], other: tuple[int, int]) -> None:
        from core.judgements import REJECT

        self.tags.judge_link(here, other, REJECT)
        self._report_saving()
        self._show_alignment()
        self.notify(f"Link to {self.documents[other[0]].source} rejected (u undoes)", timeout=3)

    def action_draw_link(self) -> None:
        """First press: link from this sentence; second press, in another pane: link to it."""
        from core.judgements import LINK

        view = self.focused_view
        if view is None or not view.document.sentences:
            self.bell()
            return
        here = (view.index, view.cursor)
        source = self.link_source
        if source is None or source[0] == here[0]:
            self._set_link_source(here)
            self.notify("Linking from here: go to the sentence in another pane and press L "
                        "(escape cancels)", timeout=4)
            return
        self._set_link_source(None)
        self.tags.judge_link(source, here, LINK)
        self._report_saving()
        self._show_alignment()
        self.notify(f"Linked to {self.documents[source[0]].source} (u undoes)", timeout=3)

    def _set_link_source(self, ref: tuple[int, int] | None) -> None:
        self.link_source = ref
        for v in self.views:
            v.set_link_source(ref[1] if ref is not None and ref[0] == v.index else None)

    def action_toggle_boilerplate(self) -> None:
        self.hide_boilerplate = not self.hide_boilerplate
        self.refresh_tags()
        self.notify("Boilerplate " + ("hidden" if self.hide_boilerplate else "shown"), timeout=2)

    def action_annotations(self) -> None:
        def jump(target: tuple[int, int] | None) -> None:
            if target is None:
                return
            doc, offset = target
            view = self.views[doc]
            self._layout_panes(doc)
            view.focus()
            for s in view.document.sentences:
                if s.start <= offset < s.end or offset < s.start:
                    view.move_to(s.index)
                    break

        from .screens.annotations import AnnotationsScreen

        self.push_screen(AnnotationsScreen(self.tags), jump)

    # --- choosing an article ----------------------------------------------------------------

    def action_pick(self) -> None:
        from .screens.picker import PickerScreen

        rows = []
        for pane in self.panes:
            shared = pane.header.shared
            figure = "…" if shared is None else f"{shared:.0%}"
            rows.append((pane.document.source, figure, " ".join(pane.document.title.split())))

        def chosen(index: int | None) -> None:
            if index is not None:
                self._layout_panes(index)
                self.views[index].focus()

        self.push_screen(PickerScreen(rows, getattr(self, "_last_view", 0)), chosen)

    # --- overview --------------------------------------------------------------------------

    def action_overview(self) -> None:
        if self.alignment is None:
            self.notify("The alignment is still running; the overview opens when it is done.")
            return
        from core.report import build_report

        report = build_report(self.alignment, self.tags.counts())

        def jump(target: tuple[int, int] | None) -> None:
            if target is None:
                return
            doc, sentence = target
            self._layout_panes(doc)
            self.views[doc].focus()
            self.views[doc].move_to(sentence)

        from .screens.overview import OverviewScreen

        self.push_screen(OverviewScreen(report), jump)

    # --- help and palette ------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, unless changes are still unsaved: then retry once, and if the store still
        cannot be written, ask (write them to a file, quit anyway, or stay)."""
        if not self.tags.pending or self.tags.retry():
            self.exit()
            return
        from .screens.unsaved import UnsavedScreen

        def chosen(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(UnsavedScreen(self.tags), chosen)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

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
        yield SystemCommand("Overview", "Overlap, shared quotations, what only one says (o)",
                            self.action_overview)
        yield SystemCommand("Choose an article", "Every open article; show one (p)",
                            self.action_pick)
        yield SystemCommand("Tag as quote", "(q)", lambda: self.action_tag("quote"))
        yield SystemCommand("Tag as claim", "(c)", lambda: self.action_tag("claim"))
        yield SystemCommand("Tag as boilerplate", "(b)", lambda: self.action_tag("boilerplate"))
        yield SystemCommand("Remove tags here", "(x)", self.action_untag)
        yield SystemCommand("Note on the tag here", "(m)", self.action_note)
        yield SystemCommand("Narrow the tag here", "Keep only part of the passage (a quote)",
                            self.action_narrow)
        yield SystemCommand("Undo", "(u)", self.action_undo)
        yield SystemCommand("Redo", "(ctrl+r)", self.action_redo)
        yield SystemCommand("Annotations", "Every tag of the open articles (a)",
                            self.action_annotations)
        yield SystemCommand("Accept the suggestion here", "It becomes your tag (A)",
                            self.action_accept_suggestion)
        yield SystemCommand("Reject the suggestion here", "It will not come back (X)",
                            self.action_reject_suggestion)
        yield SystemCommand("Accept all boilerplate suggestions of this pane", "One step; u undoes",
                            self.action_accept_boilerplate)
        yield SystemCommand("Reject the link here", "The engine's link is wrong (R)",
                            self.action_reject_link)
        yield SystemCommand("Link to a sentence in another pane",
                            "L here, then L on the other sentence", self.action_draw_link)
        yield SystemCommand("Show more links", "Raise the sensitivity: weaker links too (+)",
                            lambda: self.action_sensitivity(1))
        yield SystemCommand("Show fewer links", "Lower the sensitivity: only the surest (-)",
                            lambda: self.action_sensitivity(-1))
        yield SystemCommand("Hide or show suggestions", "The faint suggested tags",
                            self.action_toggle_suggestions)
        yield SystemCommand("Hide or show boilerplate", "Tagged boilerplate (B)",
                            self.action_toggle_boilerplate)
