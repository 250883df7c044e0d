"""The comparison bar: the current sentence against its best counterpart in each other source,
with word-level differences (from ``core.diff``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from core import Document
from core.diff import DELETE, EQUAL, INSERT, word_diff
from core.kinds import SAME

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
        text = " ".join(me.sentence_text(sentence).split())
        style = self.get_visual_style
        header = Content.assemble(
            (f"{me.source} ¶{sentence + 1}: ", style("comparison-bar--source")), text
        )
        rows = [header]
        plain = [header.plain]
        if alignment is None:
            rows.append(Content.assemble(("aligning…", style("comparison-bar--muted"))))
        else:
            carried = []
            for other in range(len(documents)):
                if other == doc:
                    continue
                match = alignment.counterpart(doc, sentence, other)
                if match is None:
                    continue
                index, link = match
                carried.append(documents[other].source)
                theirs = " ".join(documents[other].sentence_text(index).split())
                kind = "same" if link.kind == SAME else "related"
                parts: list[tuple[str, object] | str] = [
                    (f"{documents[other].source} ", style("comparison-bar--source")),
                    (f"[{kind} {link.score:.2f}] ", style(f"comparison-bar--{kind}")),
                ]
                spans = word_diff(text, theirs)
                common = sum(len(t) for op, t in spans if op == EQUAL)
                if common < 0.3 * max(len(theirs), 1):
                    # reworded: a word diff would strike out everything; show their sentence
                    spans = [(EQUAL, theirs)]
                    parts.append(("reworded: ", style("comparison-bar--muted")))
                for op, chunk in spans:
                    if op == EQUAL:
                        parts.append(chunk)
                    elif op == INSERT:
                        parts.append((chunk, style("comparison-bar--insert")))
                    elif op == DELETE:
                        parts.append((chunk, style("comparison-bar--delete")))
                row = Content.assemble(*parts)
                rows.append(row)
                plain.append(row.plain)
            if not carried:
                status = alignment.status[doc][sentence]
                note = "page furniture" if alignment.furniture[doc][sentence] else "only here"
                rows.append(Content.assemble((f"{status}: {note}", style("comparison-bar--muted"))))
            else:
                summary = f"carried by {me.source} and {', '.join(carried)}"
                rows.insert(1, Content.assemble((summary, style("comparison-bar--muted"))))
        self.lines = [r.plain for r in rows]
        self.update(Content("\n").join(rows))
