"""The comparison bar: the current sentence against its best counterpart in each other source.

A near-verbatim counterpart (``same``) is shown with its word-level differences (``core.diff``);
a reworded one whole, with the evidence of the link (``Alignment.evidence``: shared phrases,
names, numbers, the quotation, the clause) highlighted in both sentences. Each counterpart says
how sure the link is (its calibrated score; "weak" below the default setting) and whether it is
the user's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from core import Document
from core.diff import DELETE, EQUAL, INSERT, word_diff
from core.kinds import SAME, USER

from ..wrap import display_text

if TYPE_CHECKING:
    from core.align import Alignment


class ComparisonBar(Widget):
    """A fixed-height bar: updating it repaints only itself (no layout pass, so the article
    panes are not redrawn on every cursor move)."""

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
    }

    def __init__(self, status: str = "") -> None:
        super().__init__(id="comparison-bar")
        self.content = Content(status)
        self.lines: list[str] = [status] if status else []

    def render(self) -> Content:
        return self.content

    def show_progress(self, fraction: float, stage: str, total: int) -> None:
        """A progress bar while the alignment runs (the articles are readable meanwhile)."""
        width = 40
        done = round(fraction * width)
        bar = "█" * done + "░" * (width - done)
        self.lines = [f"Aligning {total} articles", stage]
        self.update(
            Content.assemble(
                (f"Aligning {total} articles  ", self.get_visual_style("comparison-bar--source")),
                (bar, self.get_visual_style("comparison-bar--same")),
                f" {fraction:4.0%}  ",
                (stage, self.get_visual_style("comparison-bar--muted")),
                "\n",
                ("You can read and move around meanwhile.",
                 self.get_visual_style("comparison-bar--muted")),
            )
        )

    def update(self, content: Content) -> None:
        self.content = content
        self.refresh()

    def show_status(self, message: str) -> None:
        self.lines = [message]
        self.update(Content(message))

    def show(self, documents: list[Document], alignment: Alignment | None, doc: int,
             sentence: int) -> None:
        if not documents[doc].sentences:
            self.show_status("(empty article)")
            return
        me = documents[doc]
        style = self.get_visual_style
        mine = me.sentences[sentence]
        matches = []
        if alignment is not None:
            for other in range(len(documents)):
                if other != doc:
                    match = alignment.counterpart(doc, sentence, other)
                    if match is not None:
                        matches.append((other, *match))
        # evidence spans in my sentence (document offsets), from every counterpart shown
        my_spans: list[tuple[int, int]] = []
        rows_after: list[Content] = []
        for other, index, link in matches:
            theirs_sentence = documents[other].sentences[index]
            label, label_style = _label(link)
            parts: list[tuple[str, object] | str | Content] = [
                (f"{documents[other].source} ", style("comparison-bar--source")),
                (f"[{label}] ", style(label_style)),
            ]
            mine_is_a = link.a[0] == doc
            if link.kind == SAME:
                text = _collapsed(me.text, mine.start, mine.end)[0]
                theirs = _collapsed(documents[other].text, theirs_sentence.start,
                                    theirs_sentence.end)[0]
                for op, chunk in word_diff(text, theirs):
                    if op == EQUAL:
                        parts.append(chunk)
                    elif op == INSERT:
                        parts.append((chunk, style("comparison-bar--insert")))
                    elif op == DELETE:
                        parts.append((chunk, style("comparison-bar--delete")))
            else:
                evidence = alignment.evidence(link) if alignment is not None else []
                theirs_spans = [e.b if mine_is_a else e.a for e in evidence]
                my_spans += [e.a if mine_is_a else e.b for e in evidence]
                parts.append(_marked(documents[other].text, theirs_sentence.start,
                                     theirs_sentence.end, theirs_spans,
                                     style("comparison-bar--evidence")))
            rows_after.append(Content.assemble(*parts))
        header = Content.assemble(
            (f"{me.source} ¶{mine.paragraph + 1}: ", style("comparison-bar--source")),
            _marked(me.text, mine.start, mine.end, my_spans, style("comparison-bar--evidence")),
        )
        rows = [header]
        if alignment is None:
            rows.append(Content.assemble(("aligning…", style("comparison-bar--muted"))))
        elif not matches:
            status = alignment.status[doc][sentence]
            note = "page furniture" if alignment.furniture[doc][sentence] else "only here"
            rows.append(Content.assemble((f"{status}: {note}", style("comparison-bar--muted"))))
        else:
            carried = ", ".join(documents[other].source for other, _i, _l in matches)
            rows.append(Content.assemble(
                (f"carried by {me.source} and {carried}", style("comparison-bar--muted"))))
            rows += rows_after
        self.lines = [r.plain for r in rows]
        self.update(Content("\n").join(rows))


def _label(link) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """How a counterpart's link is named in the bar, and the style of that name."""
    from core import calibration

    if link.by == USER:
        return "yours", "comparison-bar--user"
    if link.kind == SAME:
        return f"same {link.score:.2f}", "comparison-bar--same"
    if link.score < calibration.THRESHOLDS[calibration.DEFAULT]:
        return f"weak {link.score:.2f}", "comparison-bar--weak"
    return f"related {link.score:.2f}", "comparison-bar--related"


def _collapsed(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The sentence ``text[start:end]`` on one line (whitespace runs as one space, control
    characters made visible), and for each of its characters the display offset."""
    out: list[str] = []
    where: list[int] = []
    shown = display_text(text[start:end])
    pending_space = False
    for ch in shown:
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
            mark: object) -> Content:
    """The sentence on one line with the given document spans styled ``mark``."""
    plain, where = _collapsed(text, start, end)
    content = Content(plain)
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if b > a:
            content = content.stylize(mark, where[a - start], max(where[a - start] + 1,
                                                                  where[b - start]))
    return content
