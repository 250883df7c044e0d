"""The header of an article pane: source, how much it shares, title."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ...core import Document
from ...core.inert import shortened


class PaneHeader(Widget):
    """Source name, figures such as "31% shared · 12% related", and the title (never parsed
    as markup). Drawn, never laid out again: its height is fixed, so an update repaints two
    lines."""

    COMPONENT_CLASSES = {"pane-header--focused"}

    def __init__(self, document: Document, position: int, total: int) -> None:
        self.document = document
        self.position = position
        self.total = total
        self.shared: float | None = None
        self.related: float | None = None
        self.focused = False
        self.waiting = True  # False: no alignment is coming (one article), no figures
        super().__init__(classes="pane-header")
        self.content = self._content()

    def render(self) -> Content:
        return self._content()  # at the width it has now (the focused header is filled)

    def on_resize(self) -> None:
        self.refresh()

    def update(self, content: Content) -> None:
        self.content = content
        self.refresh()

    def set_position(self, position: int) -> None:
        """Its place among the panes ("2/5"), when the panes are put in another order."""
        if position != self.position:
            self.position = position
            self.update(self._content())

    def set_waiting(self, waiting: bool) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            self.update(self._content())

    def set_focused(self, focused: bool) -> None:
        """Mark the header of the pane with the cursor (drawn, not restyled: fast)."""
        if focused != self.focused:
            self.focused = focused
            self.update(self._content())

    def set_fractions(self, shared: float, related: float) -> None:
        """The shares of its sentences that are shared and related, named as the legend names
        them."""
        self.shared, self.related = shared, related
        self.update(self._content())

    def _content(self) -> Content:
        d = self.document
        if self.shared is None or self.related is None:
            figure = "aligning…" if self.waiting else ""
        else:
            figure = f"{self.shared:.0%} shared · {self.related:.0%} related"
        # the figures on the first line, the position before the title on the second: a
        # narrow pane cuts the end of the title, never a figure
        day = d.provenance.published_day  # "outlet · date" when the page gives its date
        width = self.content_region.width if self.is_mounted else 0
        head = Content.assemble((d.source, "bold"), *((" · ", ""), (day, "")) if day else (),
                                "  ", (figure, "italic"))
        position = f"{self.position + 1}/{self.total} "
        if width and head.cell_length > width:
            # too narrow: the date goes to the second line, then the source name is cut,
            # never a figure
            if width - len(figure) - 2 < 6 and self.shared is not None:
                figure = f"{self.shared:.0%} sh. · {self.related:.0%} rel."  # very narrow
            room = max(6, width - len(figure) - 2)
            head = Content.assemble((shortened(d.source, room), "bold"), "  ",
                                    (figure, "italic"))
            if day:
                position += f"{day} · "
        second = Content.assemble((position, "dim"), " ".join(d.title.split()))
        content = Content("\n").join([head, second])
        if self.focused and self.is_mounted:
            lines = [line.extend_right(max(0, width - line.cell_length))
                     for line in content.split("\n")]
            content = Content("\n").join(lines).stylize_before(
                self.get_visual_style("pane-header--focused"))
        return content
