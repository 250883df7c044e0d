"""The comparison bar: the current sentence against its counterpart in every other source.

Every counterpart is listed (``Alignment.counterparts``: the best direct link, or the member of
the sentence's group), so "carried by" names exactly the sources listed below it, and every
member of a group names the same ones. A near-verbatim counterpart is shown with its
word-level differences (``core.diff``); a reworded one whole, with the evidence of the link
(shared phrases, names, numbers, the quotation) highlighted in both sentences. Each says how
sure the link is: ``[same 0.99]``, ``[related 0.86]``, ``[weak 0.70]``, ``[yours]`` or
``[group]`` (linked through another source).

The bar takes a third of the screen's height (at least five rows). When its rows do not fit,
each counterpart gets an equal share of lines (ellipsised); when there are more counterparts
than lines, it says how many are out of view ("+2 more: scroll the bar") and the mouse wheel
scrolls it. Its height never changes with the cursor, so a cursor move repaints the bar only,
not the panes (a layout pass of the whole screen costs about 60 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.widget import Widget

from ...core import Document
from ...core.diff import DELETE, EQUAL, INSERT, word_diff
from ...core.inert import inert_line
from ...core.kinds import SAME, USER
from ..wrap import display_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ...core.align import Alignment, Link
    from ...core.divergence import Divergence

NEAR_VERBATIM = 0.6  # below this share of equal words, a "same" counterpart is shown whole
MY_LINES = 2  # the current sentence takes at most this many lines


class ComparisonBar(Widget):
    COMPONENT_CLASSES = {
        "comparison-bar--source",
        "comparison-bar--insert",
        "comparison-bar--delete",
        "comparison-bar--muted",
        "comparison-bar--same",
        "comparison-bar--related",
        "comparison-bar--weak",
        "comparison-bar--user",
        "comparison-bar--evidence",
        "comparison-bar--diverge",
    }

    def __init__(self, status: str = "") -> None:
        super().__init__(id="comparison-bar")
        self.content = Content(status)
        self.lines: list[str] = [status] if status else []
        self.sources: list[str] = []  # the counterparts' sources, in the order listed
        self.rows: list[str] = []  # each counterpart as shown (whole, or ellipsised)
        self._lines: list[Content] = [self.content]
        self._top = 0  # the first line shown (the wheel scrolls)

    def render(self) -> Content:
        height = self._room()
        return Content("\n").join(self._lines[self._top : self._top + height])

    def update(self, content: Content) -> None:
        self.content = content
        self._lines = content.split("\n") if content.plain else [content]
        self.lines = [line.plain for line in self._lines] if content.plain else []
        self._top = 0
        self.refresh()

    def _scroll(self, step: int) -> None:
        height = self._room()
        top = max(0, min(len(self._lines) - height, self._top + step))
        if top != self._top:
            self._top = top
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(-1)

    def show_progress(self, fraction: float, stage: str, total: int, what: str = "") -> None:
        """A progress bar while the alignment (or ``what``: the overview) is worked out in the
        background (the articles are readable meanwhile)."""
        width = 40
        done = round(fraction * width)
        bar = "█" * done + "░" * (width - done)
        self.update(
            Content.assemble(
                (f"{what or 'Aligning'} {total} articles  ",
                 self.get_visual_style("comparison-bar--source")),
                (bar, self.get_visual_style("comparison-bar--same")),
                f" {fraction:4.0%}  ",
                (stage, self.get_visual_style("comparison-bar--muted")),
                "\n",
                ("You can read and move around meanwhile.",
                 self.get_visual_style("comparison-bar--muted")),
            )
        )

    def show_status(self, message: str) -> None:
        self.update(Content(message))

    def _width(self) -> int:
        """Columns for text: the screen's width less the padding (never the width of the last
        layout, which may be stale)."""
        return max(20, self.app.size.width - 2)

    def _room(self) -> int:
        """Rows shown at once: the bar's height for this screen less its top border."""
        return max(3, height_for(self.app.size.height) - 1)

    def show(self, documents: list[Document], alignment: Alignment | None, doc: int,
             sentence: int, disagree: Sequence[Divergence] = ()) -> None:
        """The cursor's sentence, what the sources disagree on in it ("4,000 ≠ 5,000 ·
        number"), and its counterparts."""
        if not documents[doc].sentences:
            self.show_status("(empty article)")
            return
        me = documents[doc]
        style = self.get_visual_style
        mine = me.sentences[sentence]
        width = self._width()
        found = alignment.counterparts(doc, sentence) if alignment is not None else []
        my_spans: list[tuple[int, int]] = []
        rows: list[Content] = []
        for other, index, link in found:
            theirs = documents[other].sentences[index]
            label, label_style = _label(link)
            head = Content.assemble(
                (f"{documents[other].source} ", style("comparison-bar--source")),
                (f"[{label}] ", style(label_style)),
            )
            body = None
            if link is not None and link.kind == SAME:
                body = _diffed(me.text, mine.start, mine.end, documents[other].text,
                               theirs.start, theirs.end, style, me.hidden,
                               documents[other].hidden)
            if body is None:
                spans: list[tuple[int, int]] = []
                if link is not None and alignment is not None:
                    mine_is_a = link.a[0] == doc
                    evidence = alignment.evidence(link)
                    spans = [e.b if mine_is_a else e.a for e in evidence]
                    my_spans += [e.a if mine_is_a else e.b for e in evidence]
                body = _marked(documents[other].text, theirs.start, theirs.end, spans,
                               style("comparison-bar--evidence"), documents[other].hidden)
            rows.append(head + body)
        position = f"{me.source} ¶{mine.paragraph + 1}: "
        header = Content.assemble((position, style("comparison-bar--source")),
                                  _marked(me.text, mine.start, mine.end, my_spans,
                                          style("comparison-bar--evidence"), me.hidden))
        header_lines = header.wrap(width)
        if len(header_lines) > MY_LINES:
            header_lines = _clipped(header_lines, MY_LINES, width)
        out = header_lines[:]
        muted = style("comparison-bar--muted")
        for d in disagree:  # what the other side says first: "mine ≠ theirs"
            mine_first = d.a[0] == doc
            other = d.b[0] if mine_first else d.a[0]
            mine_text, their_text = (d.a_text, d.b_text) if mine_first else (d.b_text, d.a_text)
            out += Content.assemble(
                (f"{inert_line(' '.join(mine_text.split()))} ≠ "
                 f"{inert_line(' '.join(their_text.split()))}",
                 style("comparison-bar--diverge")),
                (f" · {d.kind} · {inert_line(documents[other].source)}"
                 + (f" · {inert_line(d.note)}" if d.note else ""), muted)).wrap(width)
        if alignment is None:
            out.append(Content.assemble(("aligning…", muted)))
        elif not found:
            status = alignment.status[doc][sentence]
            note = "page furniture" if alignment.furniture[doc][sentence] else "only here"
            out.append(Content.assemble((f"{status}: {note}", muted)))
        else:
            names = [documents[d].source for d, _s, _l in found]
            carried = Content.assemble((f"also carried by {_listed(names)}", muted))
            carried_lines = carried.wrap(width)
            room = self._room() - len(out) - len(carried_lines)
            wrapped = [r.wrap(width) for r in rows]
            if sum(len(w) for w in wrapped) > room:  # an equal share each, ellipsised
                share = max(1, room // len(rows))
                wrapped = [_clipped(w, share, width) for w in wrapped]
                rows = [Content(" ").join(w) for w in wrapped]
            used, out_of_view = 0, 0
            for w in wrapped:
                used += len(w)
                out_of_view += used > room
            if out_of_view:  # said on the line above the counterparts, always in view
                note = f" · +{out_of_view} more: scroll the bar"
                carried_lines = Content.assemble(
                    (f"also carried by {_listed(names)}", muted), (note, muted)).wrap(width)
            out += carried_lines
            for w in wrapped:
                out += w
        self.sources = [documents[d].source for d, _s, _l in found]
        self.rows = [r.plain for r in rows]
        self.update(Content("\n").join(out))


def height_for(screen_height: int) -> int:
    """The bar's height (with its top border) on a screen this high: a third of a small
    screen, less of a tall one."""
    return max(6, min(screen_height // 3, 4 + screen_height // 6))


def _clipped(lines: list[Content], count: int, width: int) -> list[Content]:
    """At most ``count`` lines; the last one ends with an ellipsis when lines were cut."""
    if len(lines) <= count:
        return lines
    rest = Content(" ").join(lines[count - 1 :])
    return [*lines[: count - 1], rest.truncate(width, ellipsis=True)]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _label(link: Link | None) -> tuple[str, str]:
    """How a counterpart's link is named in the bar, and the style of that name."""
    from ...core import calibration

    if link is None:
        return "group", "comparison-bar--weak"
    if link.by == USER:
        return "yours", "comparison-bar--user"
    if link.kind == SAME:
        return f"same {link.score:.2f}", "comparison-bar--same"
    if link.score < calibration.THRESHOLDS[calibration.DEFAULT]:
        return f"weak {link.score:.2f}", "comparison-bar--weak"
    return f"related {link.score:.2f}", "comparison-bar--related"


def _diffed(text_a: str, a0: int, a1: int, text_b: str, b0: int, b1: int,
            style, hidden_a: Sequence[tuple[int, int]] = (),  # type: ignore[no-untyped-def]
            hidden_b: Sequence[tuple[int, int]] = ()) -> Content | None:
    """The other sentence with its word differences, or None when too little of it is equal
    for a diff to read well (it is then shown whole)."""
    mine = _collapsed(text_a, a0, a1, hidden_a)[0]
    theirs = _collapsed(text_b, b0, b1, hidden_b)[0]
    ops = word_diff(mine, theirs)
    equal = sum(len(c.split()) for op, c in ops if op == EQUAL)
    total = max(len(mine.split()), len(theirs.split()), 1)
    if equal / total < NEAR_VERBATIM:
        return None
    parts: list[tuple[str, object] | str] = []
    last = ""
    for op, chunk in ops:
        if parts and last and not last[-1].isspace() and not chunk[:1].isspace() \
                and op != EQUAL:
            parts.append(" ")  # a dropped word next to an added one: keep them apart
        if op == EQUAL:
            parts.append(chunk)
        elif op == INSERT:
            parts.append((chunk, style("comparison-bar--insert")))
        elif op == DELETE:
            parts.append((chunk, style("comparison-bar--delete")))
        last = chunk
    return Content.assemble(*parts)  # type: ignore[arg-type]


def _collapsed(text: str, start: int, end: int,
               hidden: Sequence[tuple[int, int]] = ()) -> tuple[str, list[int]]:
    """The sentence ``text[start:end]`` on one line (whitespace runs as one space, control
    characters made visible, Markdown markup left out), and for each of its characters the
    display offset."""
    out: list[str] = []
    where: list[int] = []
    shown = display_text(text[start:end])
    spans = [(a - start, b - start) for a, b in hidden if a < end and start < b]
    k = 0
    pending_space = False
    for i, ch in enumerate(shown):
        while k < len(spans) and spans[k][1] <= i:
            k += 1
        if k < len(spans) and spans[k][0] <= i:  # markup: not shown
            where.append(len(out))
            continue
        if ch.isspace():
            where.append(len(out) + (1 if out else 0))
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        where.append(len(out))
        out.append(ch)
    where.append(len(out))
    return "".join(out), where


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int]],
            mark: object, hidden: Sequence[tuple[int, int]] = ()) -> Content:
    """The sentence on one line with the given document spans styled ``mark``."""
    plain, where = _collapsed(text, start, end, hidden)
    content = Content(plain)
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if b > a:
            content = content.stylize(mark, where[a - start], max(where[a - start] + 1,
                                                                  where[b - start]))
    return content
