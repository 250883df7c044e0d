"""The help screen: every key, and what the colours mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

LEGEND: list[tuple[str, str]] = [
    ("shared", "verbatim in another source, or the same quotation (green tint)"),
    ("related", "the same fact in other words (blue tint); a weak link (more links, +) only "
     "marks the gutter"),
    ("unique", "only this source says it (plain, · in the gutter; U makes it stand out)"),
    ("cursor", "only in the pane you are in; the other panes mark its counterparts (tint, ▸)"),
    ("▌ ╎ ┃", "group colour: the same passage in every pane; ╎ weak link, ┃ your own link"),
    ("comparison bar", "every counterpart of the sentence: same ones as a word diff (inserted "
     "words green, dropped struck through), reworded ones whole with the shared words "
     "underlined; [score] = how sure, [yours] = your link, [group] = linked through another "
     "source"),
    ("Q C B", "gutter badges of your tags: quote, claim, boilerplate (the passage underlined); "
     "two badges when a passage has two tags, * when a tag has a note"),
    ("q c b", "dim gutter letters: suggested tags (tinted under the cursor; A accepts)"),
    ("status line", "synchronised reading, sensitivity, emphasis, hidden suggestions or "
     "boilerplate"),
]


def key_rows(keymap: dict[str, str] | None) -> list[tuple[str, str]]:
    """Every action of the key table with its current keys, by section."""
    from ..actions import ACTIONS, keys_shown

    rows: list[tuple[str, str]] = []
    section = ""
    for action in ACTIONS:
        if action.section != section:
            section = action.section
            rows.append(("", section))
        rows.append((keys_shown(action, keymap) or "palette", action.help))
    rows.append(("mouse", "click: cursor to that sentence; wheel: scroll"))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.assemble(("Sidebyside — keys", "bold")), classes="help-heading")
            yield from self._table(key_rows(getattr(self.app, "_keymap", None)))
            yield Static(Content.assemble(("What the colours mean", "bold")),
                         classes="help-heading help-section")
            yield from self._table(LEGEND)
            yield Static(Content.assemble(("escape or ? closes this screen", "dim")),
                         classes="help-section")

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> ComposeResult:
        """Two columns; a long description wraps in its own column, under itself."""
        width = max(len(k) for k, _ in rows) + 2
        for key, text in rows:
            if not key:  # a section heading
                yield Static(Content.assemble((text, "bold italic")), classes="help-subheading")
                continue
            with Horizontal(classes="help-row"):
                cell = Static(Content.assemble((key, "bold")), classes="help-key")
                cell.styles.width = width
                yield cell
                yield Static(Content(text), classes="help-text")

    def action_dismiss(self) -> None:
        self.dismiss(None)
