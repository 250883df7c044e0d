"""One article drawn with Textual's Line API: a sentence cursor, alignment highlights, gutter.

Only visible lines are rendered; each line's ``Strip`` is cached under everything that changes
its look, and a cursor move repaints just the lines of the old and the new sentence. Article text
is never parsed as markup.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.dom import NoScreen
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core import Document
from ...core.kinds import RELATED, SHARED
from ...core.markdown import visible

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles

    from ...core.align import Alignment

from ..wrap import Layout, display_text
from .article_styles import GROUP_COLOURS, ArticleStyles

GUTTER = 3


@dataclass(frozen=True, slots=True)
class Highlight:
    """How one sentence looks: its alignment status and group (None while aligning), whether
    its links are all weak ones, and whether the user linked it."""

    status: str | None
    group: int | None
    furniture: bool
    weak: bool = False
    user: bool = False


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The text of one document, wrapped to the pane, with a cursor on one sentence."""

    """Its keys are the reader screen's (``tui.actions``); only the focused view draws its
    cursor, the others mark the counterparts of the focused view's sentence."""

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Resized(Message):
        """The view got a new size (it came into view, or the terminal changed)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class CursorMoved(Message):
        """The cursor moved to another sentence (``row``: its first line's row on screen)."""

        def __init__(self, view: ArticleView, sentence: int, row: int) -> None:
            super().__init__()
            self.view = view
            self.sentence = sentence
            self.row = row

    def __init__(self, document: Document, index: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.index = index
        self.alignment: Alignment | None = None
        self.layout_: Layout | None = None
        self.hits: list[int] = []  # sentence indices matching the search
        self._hit_set: frozenset[int] = frozenset()
        self.tag_spans: list[tuple[int, int, str]] = []  # (start, end, tag), sorted
        self.noted: frozenset[tuple[int, int, str]] = frozenset()  # tags with a note
        self.suggested_spans: list[tuple[int, int, str]] = []  # suggestions not yet decided
        self.diverge_spans: list[tuple[int, int]] = []  # where another source disagrees
        self.hidden_paragraphs: frozenset[int] = frozenset()
        self.selection_anchor: int | None = None
        self._strips: dict[tuple[int, int, bool | None, bool, int], Strip] = {}
        self._version = 0
        self._style_source: ArticleStyles | None = None
        self.link_source: int | None = None  # the sentence a link is being drawn from
        self._reveal: int | None = None  # a sentence to bring into view once there is a size
        self.marked: frozenset[int] = frozenset()  # counterparts of the focused view's cursor
        self.emphasis = "links"  # or "unique": unique sentences stand out, linked ones recede

    def get_component_styles(self, *names: str) -> RenderStyles:
        """The styles of ``.article-view--*`` classes: declared once, on ``ArticleStyles``."""
        if self._style_source is None:
            self._style_source = self.screen.query_one(ArticleStyles)  # on its own screen
        return self._style_source.get_component_styles(*names)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._invalidate())
        if self.scrollable_content_region.width:
            self.ensure_layout()  # otherwise the first render wraps, at the width it then has

    # --- data ----------------------------------------------------------------------------

    def set_alignment(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._invalidate()

    def highlight(self, sentence: int) -> Highlight:
        al = self.alignment
        if al is None:
            return Highlight(None, None, False)
        return Highlight(
            al.status[self.index][sentence],
            al.group_of[self.index][sentence],
            al.furniture[self.index][sentence],
            al.weak(self.index, sentence),
            al.by_user(self.index, sentence),
        )

    def set_link_source(self, sentence: int | None) -> None:
        """Mark the sentence a link is being drawn from (None: no link being drawn)."""
        self.link_source = sentence
        self._invalidate()

    def set_marked(self, sentences: frozenset[int]) -> None:
        """Mark these sentences as the counterparts of the focused view's cursor sentence
        (repaints only the lines of the sentences that change)."""
        changed = self.marked ^ sentences
        self.marked = sentences
        layout = self.ensure_layout()
        for index in changed:
            if 0 <= index < len(layout.sentence_lines):
                first, last = layout.sentence_lines[index]
                self.refresh_lines(first, last - first + 1)

    def set_emphasis(self, emphasis: str) -> None:
        self.emphasis = emphasis
        self._invalidate()

    def set_divergences(self, spans: list[tuple[int, int]]) -> None:
        """The spans another source states differently (figures, dates, quotation words,
        speakers): drawn apart from every other role."""
        spans = sorted(set(spans))
        if spans != self.diverge_spans:
            self.diverge_spans = spans
            self._invalidate()

    def set_hits(self, hits: list[int]) -> None:
        self.hits = hits
        self._hit_set = frozenset(hits)
        self._invalidate()

    def set_tags(
        self,
        spans: list[tuple[int, int, str]],
        hidden: frozenset[int],
        suggested: list[tuple[int, int, str]] | None = None,
        noted: frozenset[tuple[int, int, str]] = frozenset(),
    ) -> None:
        """Show these tags and (faintly) these suggestions; leave out these paragraphs (hidden
        boilerplate)."""
        self.tag_spans = sorted(spans)
        self.noted = noted
        self.suggested_spans = sorted(suggested or [])
        if hidden != self.hidden_paragraphs:
            top = self._top_sentence()
            self.hidden_paragraphs = hidden
            self.layout_ = None
            self.ensure_layout()
            if self.document.sentences and self.is_hidden(self.cursor):
                self.move_to(self.cursor, step=1)
            elif top is not None:
                self.scroll_to(y=self.layout_.sentence_lines[top][0], animate=False,
                               immediate=True)
        self._invalidate()

    def is_hidden(self, sentence: int) -> bool:
        return self.document.sentences[sentence].paragraph in self.hidden_paragraphs

    def selection(self) -> tuple[int, int]:
        """The selected sentences (first, last); the cursor's sentence when not selecting."""
        if self.selection_anchor is None:
            return self.cursor, self.cursor
        return min(self.selection_anchor, self.cursor), max(self.selection_anchor, self.cursor)

    def set_selection(self, anchor: int | None) -> None:
        self.selection_anchor = anchor
        self._invalidate()

    def _invalidate(self) -> None:
        self._strips.clear()
        self._version += 1
        self.refresh()

    # --- layout ----------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER - 1)

    def ensure_layout(self) -> Layout:
        width = self.text_width
        if self.layout_ is None or self.layout_.width != max(8, width):
            self.layout_ = Layout(self.document, width, self.hidden_paragraphs)
            self._strips.clear()
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.layout_))
        return self.layout_

    def on_resize(self, event: events.Resize) -> None:
        width = self.layout_.width if self.layout_ is not None else None
        first_visible = self._top_sentence()
        layout = self.ensure_layout()
        if first_visible is not None and layout.width != width:  # rewrapped: keep the top
            self.scroll_to(y=layout.sentence_lines[first_visible][0], animate=False,
                           immediate=True)
        if self._reveal is not None and self.size.height:
            self.scroll_sentence_visible(self._reveal)
        self.refresh()
        self.post_message(self.Resized(self))

    def _top_sentence(self) -> int | None:
        if self.layout_ is None:
            return None
        y = int(self.scroll_offset.y)
        for line in range(y, len(self.layout_)):
            if self.layout_.line_sentences[line]:
                return self.layout_.line_sentences[line][0]
        return None

    # --- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        # wraps the first time and after a resize: the first frame already shows the text (the
        # Resize event comes only after it)
        layout = self.ensure_layout()
        scroll_x, scroll_y = self.scroll_offset
        line_index = scroll_y + y
        width = self.virtual_size.width
        if line_index >= len(layout):
            return Strip.blank(width, self.rich_style)
        sentences = layout.line_sentences[line_index]
        cursor_here = self.cursor if self.cursor in sentences else -1
        marked_here = bool(self.marked) and any(x in self.marked for x in sentences)
        # focus changes only the look of the cursor's lines and of marked ones: other lines
        # are not drawn again when the focus moves
        focus = self.has_focus if (cursor_here >= 0 or marked_here) else None
        key = (line_index, cursor_here, focus, marked_here, self._version)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_line(layout, line_index, width)
            if len(self._strips) > 4000:
                self._strips.clear()
            self._strips[key] = strip
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop(scroll_x, scroll_x + width)

    def _render_line(self, layout: Layout, y: int, width: int) -> Strip:
        line = layout.lines[y]
        base = self.visual_style
        gutter = self._gutter(layout, y)
        if line.paragraph < 0:
            return Strip([*gutter, Segment(" " * (width - GUTTER), base.rich_style)], width)
        doc = self.document
        if doc.hidden:  # Markdown: its markup is not drawn (the offsets stay the file's)
            shown, where = visible(doc.text, line.start, line.end, doc.hidden)
            plain = display_text(shown)

            def at(x: int) -> int:
                return where[x - line.start]
        else:
            plain = display_text(doc.text[line.start : line.end])

            def at(x: int) -> int:
                return x - line.start
        content = Content(plain)
        styled = False
        doc = self.document
        tags = self._tags_on(line.start, line.end)
        # a suggestion is tinted only under the cursor; elsewhere it is a dim gutter letter
        hints = [t for t in self.suggested_spans if t[0] < line.end and line.start < t[1]
                 and self.has_focus and self.cursor in layout.line_sentences[y]]
        diverging = [t for t in self.diverge_spans if t[0] < line.end and line.start < t[1]]
        for index in layout.line_sentences[y]:
            s = doc.sentences[index]
            a = max(s.start, line.start)
            b = min(s.end, line.end)
            if b <= a:
                continue
            base_classes = self._sentence_classes(index)
            # cut at tag boundaries: each piece gets all its classes in one stylize call
            cuts = sorted({a, b, *(max(a, min(b, x))
                                   for t in (*tags, *hints, *diverging) for x in t[:2])})
            for lo, hi in itertools.pairwise(cuts):
                classes = base_classes + tuple(
                    f"article-view--suggest-{tag}" for ts, te, tag in hints if ts < hi and lo < te
                ) + tuple(
                    f"article-view--tag-{tag}" for ts, te, tag in tags if ts < hi and lo < te
                ) + (("article-view--diverge",)
                     if any(ds < hi and lo < de for ds, de in diverging) else ())
                if classes:
                    styled = True
                    content = content.stylize(
                        self.get_visual_style(*classes), at(lo), at(hi)
                    )
        if styled:
            segments = list(content.render_segments(base))
        else:  # most lines: one run of text in the view's own style
            segments = [Segment(plain, base.rich_style)]
        used = GUTTER + content.cell_length
        pad = max(0, width - used)
        return Strip([*gutter, *segments, Segment(" " * pad, base.rich_style)], used + pad)

    def _tags_on(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [t for t in self.tag_spans if t[0] < end and start < t[1]]

    def _sentence_classes(self, index: int) -> tuple[str, ...]:
        h = self.highlight(index)
        classes: list[str] = []
        linked = h.status in (SHARED, RELATED)
        if self.document.headings and \
                self.document.sentences[index].paragraph in self.document.headings:
            classes.append("article-view--heading")
        if h.furniture:
            classes.append("article-view--furniture")
        elif self.emphasis == "unique":
            if h.status is not None and not linked:
                classes.append("article-view--unique")
            elif linked:
                classes.append("article-view--recede")
        elif h.status == SHARED:
            classes.append("article-view--shared")
        elif h.status == RELATED and not h.weak:
            classes.append("article-view--related")  # weak links: the gutter only
        if index == self.link_source:
            classes.append("article-view--link-source")
        if self.selection_anchor is not None:
            first, last = self.selection()
            if first <= index <= last:
                classes.append("article-view--selected")
        if self.has_focus:
            if index == self.cursor:
                classes.append("article-view--cursor")
        elif index in self.marked:
            classes.append("article-view--counterpart")
        if index in self._hit_set:
            classes.append("article-view--hit")
        return tuple(classes)

    def _gutter(self, layout: Layout, y: int) -> list[Segment]:
        base = self.get_visual_style("article-view--gutter").rich_style
        sentences = layout.line_sentences[y]
        bar = Segment(" ", base)
        mark = Segment(" ", base)
        after = Segment(" ", base)  # before the text: ▸ marks a counterpart
        if sentences:
            # the sentence that owns this line: the one the line starts in
            index = sentences[0]
            h = self.highlight(index)
            if h.status in (SHARED, RELATED) and not h.furniture:
                # its group's colour (a linked sentence left out of every group: plain)
                colour = ("article-view--gutter" if h.group is None
                          else f"article-view--group-{h.group % GROUP_COLOURS}")
                # the user's own links: a heavy bar; weak links: a thin one
                glyph = "┃" if h.user else ("╎" if h.weak else "▌")
                bar = Segment(glyph, self.get_visual_style(colour).rich_style)
            first_line = layout.sentence_lines[index][0] == y
            line = layout.lines[y]
            tags = self._tags_on(line.start, line.end)
            if tags:
                tag = tags[0][2]
                style = self.get_visual_style(f"article-view--badge-{tag}").rich_style
                mark = Segment(tag[0].upper(), style)
                others = [t[2] for t in tags if t[2] != tag]
                if others:  # a second tag on the same passage: its badge too
                    after = Segment(others[0][0].upper(), self.get_visual_style(
                        f"article-view--badge-{others[0]}").rich_style)
                elif any(t in self.noted for t in tags):  # a tag with a note: *
                    after = Segment("*", style)
            elif hints := [t for t in self.suggested_spans  # the line where it starts
                           if line.start <= t[0] < line.end]:
                style = self.get_visual_style("article-view--suggest-badge").rich_style
                mark = Segment(hints[0][2][0], style)  # a dim lower-case q, c or b
            elif first_line and h.status not in (None, SHARED, RELATED) and not h.furniture:
                mark = Segment("·", self.get_visual_style("article-view--unique-mark").rich_style)
            if index in self.marked and not self.has_focus:
                after = Segment("▸", self.get_visual_style("article-view--counterpart-mark")
                                .rich_style)
        return [bar, mark, after]

    # --- cursor ----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self.selection_anchor is not None:
            self._invalidate()  # the selected range changed
        layout = self.ensure_layout()
        for index in (old, new):
            if 0 <= index < len(layout.sentence_lines):
                first, last = layout.sentence_lines[index]
                self.refresh_lines(first, last - first + 1)
        self.scroll_sentence_visible(new)
        self.post_message(self.CursorMoved(self, new, self.sentence_row(new)))

    # Textual's own focus handlers repaint the whole widget; here only the lines whose look
    # depends on the focus are repainted: the cursor's and the marked counterparts'. Textual
    # calls the handlers of every class of the widget, so the base ones are stopped
    # (prevent_default): they repainted the whole view and told the screen twice.
    def focus(self, scroll_visible: bool = True) -> ArticleView:
        """``Widget.focus`` without its repaint of the whole view."""
        def set_focus(widget: ArticleView) -> None:
            with contextlib.suppress(NoScreen):  # gone meanwhile
                widget.screen.set_focus(widget, scroll_visible=scroll_visible)

        self.app.call_later(set_focus, self)
        return self

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        self._refresh_focus_lines()
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def watch_has_focus(self, _has_focus: bool) -> None:
        """No CSS rule styles a view by its focus, and Textual's own update (its styles and its
        scrollbars' styles applied again) laid out the whole screen on every pane switch: a
        rule object read afresh counts as a change (three full repaints per tab)."""

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self._refresh_focus_lines()
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def _refresh_focus_lines(self) -> None:
        layout = self.ensure_layout()
        for index in (self.cursor, *self.marked):
            if 0 <= index < len(layout.sentence_lines):
                first, last = layout.sentence_lines[index]
                self.refresh_lines(first, last - first + 1)

    def sentence_row(self, index: int) -> int:
        """Screen row (0 = top of the view) of a sentence's first line."""
        layout = self.ensure_layout()
        return layout.sentence_lines[index][0] - int(self.scroll_offset.y)

    def scroll_sentence_visible(self, index: int) -> None:
        if not self.size.height:  # out of view (its pane hidden): when it comes into view
            self._reveal = index
            return
        self._reveal = None
        layout = self.ensure_layout()
        first, last = layout.sentence_lines[index]
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(first, last - height + 1), animate=False, immediate=True)

    def scroll_sentence_to_row(self, index: int, row: int) -> None:
        """Scroll so that a sentence's first line sits on screen row ``row`` (no-op when it
        already does, so panes that need not move are not repainted)."""
        layout = self.ensure_layout()
        first = layout.sentence_lines[index][0]
        target = max(0, first - row)
        if int(self.scroll_offset.y) != target:
            self.scroll_to(y=target, animate=False, immediate=True)

    def move_to(self, index: int, step: int = 1) -> None:
        """Put the cursor on a sentence (skipping hidden ones in the direction of ``step``)."""
        n = len(self.document.sentences)
        if not n:
            return
        index = max(0, min(n - 1, index))
        probe = index
        while 0 <= probe < n and self.is_hidden(probe):
            probe += step
        if not 0 <= probe < n:
            probe = index
            while 0 <= probe < n and self.is_hidden(probe):
                probe -= step
        if 0 <= probe < n:
            self.cursor = probe

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step, step)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.document.sentences) - 1, -1)

    def action_page(self, direction: int) -> None:
        layout = self.ensure_layout()
        height = max(1, self.scrollable_content_region.height - 1)
        first = layout.sentence_lines[self.cursor][0]
        target = min(len(layout) - 1, max(0, first + direction * height))
        candidates = layout.line_sentences[target] or [
            s for y in range(target, len(layout)) for s in layout.line_sentences[y]
        ][:1] or [len(self.document.sentences) - 1]
        self.scroll_to(y=max(0, self.scroll_offset.y + direction * height), animate=False,
                       immediate=True)
        self.move_to(candidates[0])

    def _find(self, step: int, wanted) -> None:
        n = len(self.document.sentences)
        i = self.cursor + step
        while 0 <= i < n:
            if wanted(i):
                self.move_to(i)
                return
            i += step
        self.app.bell()

    def action_shared(self, step: int) -> None:
        self._find(step, lambda i: self.highlight(i).status == SHARED)

    def action_linked(self, step: int) -> None:
        self._find(step, lambda i: self.highlight(i).status in (SHARED, RELATED))

    def action_unique(self, step: int) -> None:
        self._find(
            step,
            lambda i: self.highlight(i).status not in (None, SHARED, RELATED)
            and not self.highlight(i).furniture,
        )

    def on_click(self, event: events.Click) -> None:
        layout = self.ensure_layout()
        y = int(self.scroll_offset.y) + event.y
        index = layout.sentence_at(y, event.x - GUTTER + int(self.scroll_offset.x))
        if index is not None:
            self.focus()
            self.move_to(index)
