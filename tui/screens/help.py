"""The help screen: every key, and what the colours mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("j / ↓, k / ↑", "next / previous sentence"),
    ("pagedown / pageup", "move by a screen"),
    ("g / G", "first / last sentence"),
    ("tab / shift+tab, l / h, → / ←", "next / previous pane"),
    ("] / [", "next / previous sentence another source shares"),
    ("} / {", "next / previous sentence only this source has"),
    ("enter", "jump to the counterpart in the next pane that has one"),
    ("s", "synchronised reading on / off"),
    ("q / c / b", "tag quote / claim / boilerplate (again: remove); q narrows to the quotation"),
    ("v", "start / end a selection (j / k extend it; escape cancels)"),
    ("x", "remove the tags under the cursor or selection"),
    ("A / X", "accept / reject the suggested tag under the cursor (rejected ones stay away)"),
    ("R", "reject the link under the cursor (a list when the sentence has several)"),
    ("L … L", "link this sentence to one you pick in another pane (escape cancels)"),
    ("+ / -", "sensitivity: show weaker links too / only the surest"),
    ("m", "note on the tag under the cursor"),
    ("u / ctrl+r", "undo / redo (the whole session)"),
    ("a", "annotations: every tag (f filter, enter jump, delete remove)"),
    ("B", "hide / show text tagged boilerplate"),
    ("/", "search in this article;  n / N: next / previous hit"),
    ("o", "overview: overlap heat map, shared quotations, what only one source says"),
    ("p", "choose an article to show (when more are open than fit)"),
    ("?", "this help"),
    ("ctrl+p", "command palette (every action)"),
    ("ctrl+q", "quit"),
    ("mouse", "click: cursor to that sentence; wheel: scroll"),
]

LEGEND: list[tuple[str, str]] = [
    ("shared", "verbatim in another source, or the same quotation (strong highlight)"),
    ("related", "the same fact in other words (soft highlight; fainter when weak)"),
    ("unique", "only this source says it (plain, · in the gutter)"),
    ("▌ ╎ ┃", "group colour: the same passage in every pane; ╎ weak link, ┃ your own link"),
    ("comparison bar", "same: inserted words green, dropped struck through; related: the "
     "shared words (evidence) underlined in both; [score] = how sure, [yours] = your link"),
    ("Q C B", "gutter badges of your tags: quote, claim, boilerplate (tinted, underlined)"),
    ("q c b", "dim badges and faint tint: suggested tags, yours once accepted (A)"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.assemble(("Sidebyside — keys", "bold")), classes="help-heading")
            yield from self._table(KEYS)
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
            with Horizontal(classes="help-row"):
                cell = Static(Content.assemble((key, "bold")), classes="help-key")
                cell.styles.width = width
                yield cell
                yield Static(Content(text), classes="help-text")

    def action_dismiss(self) -> None:
        self.dismiss(None)
