"""An input that could not be opened (a URL that failed among several): its name and why."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ...core.inert import inert_line


class FailedPane(Widget):
    """Narrow, at the right of the panes; never focused, never aligned."""

    DEFAULT_CSS = """
    FailedPane {
        width: 20%;
        max-width: 28;
        min-width: 14;
        height: 100%;
        padding: 0 1;
        border-right: vkey $panel;
        color: $text-muted;
    }
    """

    def __init__(self, name: str, reason: str, index: int) -> None:
        super().__init__(id=f"failed-{index}", classes="failed-pane")
        self.input_name = name
        self.reason = reason

    def render(self) -> Content:
        # plain text pieces (a URL or a reason is never read as markup), styled by the theme
        return Content.assemble(("✗ not opened\n", "bold $text-error"),
                                inert_line(self.input_name), "\n\n", inert_line(self.reason))
