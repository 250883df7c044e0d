"""Choose one of the current sentence's counterparts (to reject its link)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.inert import inert_line


class ChooseLinkScreen(ModalScreen[int | None]):
    """A short list of counterparts ("source: sentence"); dismisses with the chosen index."""

    BINDINGS = [Binding("escape", "close", "Back", id="choose_link.close")]

    def __init__(self, title: str, rows: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-link-box"):
            yield Static(Content(self.title_text), id="choose-link-title")
            yield OptionList(*(Option(Content(inert_line(row))) for row in self.rows),
                             id="choose-link-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
