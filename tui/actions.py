"""Every key of the reader, in one table.

The reader's bindings, the footer, the help screen, the command palette and the README's key
table are all made from ``ACTIONS``; a key changed by a keymap (``App.set_keymap``, binding id
→ keys) shows everywhere the keys are shown. ``python -m sidebyside.tui.actions`` prints the
README table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import key_to_character


@dataclass(frozen=True, slots=True)
class Action:
    id: str  # the binding id, what a keymap names
    keys: str  # Textual key names, comma-separated; "" = palette only
    action: str  # the action it runs on the reader screen
    label: str  # its name in the footer
    help: str  # what it does (the help screen, the palette, the README)
    section: str
    footer: int = 0  # its place in the footer (1 = shown first, kept when narrow); 0 = never
    priority: bool = False  # bound before the focused widget sees the key (tab)
    palette: str = ""  # its title in the command palette ("": the label)


MOVE, PANES, COMPARE, TAG, LINKS, VIEW, APP = (
    "Moving", "Panes", "Comparing", "Tagging", "Links", "What is shown", "The app")

ACTIONS: tuple[Action, ...] = (
    Action("cursor.next", "j,down", "cursor(1)", "Next", "next sentence", MOVE,
           palette="Next sentence"),
    Action("cursor.previous", "k,up", "cursor(-1)", "Previous", "previous sentence", MOVE,
           palette="Previous sentence"),
    Action("cursor.page_down", "pagedown", "page(1)", "Page down", "move down by a screen",
           MOVE),
    Action("cursor.page_up", "pageup", "page(-1)", "Page up", "move up by a screen", MOVE),
    Action("cursor.first", "g,home", "first", "First", "first sentence", MOVE,
           palette="First sentence"),
    Action("cursor.last", "G,end", "last", "Last", "last sentence", MOVE,
           palette="Last sentence"),
    Action("cursor.next_shared", "right_square_bracket", "shared(1)", "Shared",
           "next shared sentence (verbatim elsewhere, or the same quotation)", COMPARE, footer=4,
           palette="Next shared sentence"),
    Action("cursor.previous_shared", "left_square_bracket", "shared(-1)", "Prev shared",
           "previous shared sentence", COMPARE, palette="Previous shared sentence"),
    Action("cursor.next_linked", "greater_than_sign", "linked(1)", "Linked",
           "next linked sentence (shared or related)", COMPARE, footer=9,
           palette="Next linked sentence"),
    Action("cursor.previous_linked", "less_than_sign", "linked(-1)", "Prev linked",
           "previous linked sentence", COMPARE, palette="Previous linked sentence"),
    Action("cursor.next_unique", "right_curly_bracket", "unique(1)", "Unique",
           "next sentence only this source has", COMPARE, footer=5,
           palette="Next unique sentence"),
    Action("cursor.previous_unique", "left_curly_bracket", "unique(-1)", "Prev unique",
           "previous sentence only this source has", COMPARE,
           palette="Previous unique sentence"),
    Action("pane.jump", "enter", "jump", "Jump",
           "jump to the counterpart in the next pane that has one", COMPARE, footer=12,
           palette="Jump to the counterpart"),
    Action("cursor.next_divergence", "e", "divergence(1)", "Disagree",
           "next sentence another source states differently (figures, dates, quotation, "
           "speaker), across every pane", COMPARE,
           palette="Next place where the sources disagree"),
    Action("cursor.previous_divergence", "E", "divergence(-1)", "Prev disagree",
           "previous place where the sources disagree", COMPARE),
    Action("app.overview", "o", "overview", "Overview",
           "overview: overlap, shared quotations, what only one source says", COMPARE,
           footer=8),
    Action("pane.next", "tab", "focus_pane(1)", "Pane", "next pane", PANES, footer=3,
           priority=True, palette="Next pane"),
    Action("pane.previous", "shift+tab", "focus_pane(-1)", "Prev pane", "previous pane", PANES,
           priority=True, palette="Previous pane"),
    Action("pane.next_alt", "l,right", "focus_pane(1)", "Next pane", "next pane", PANES),
    Action("pane.previous_alt", "h,left", "focus_pane(-1)", "Prev pane", "previous pane", PANES),
    Action("app.stories", "t", "stories", "Stories",
           "the stories among the articles: choose one to read (type to filter)", PANES,
           palette="Choose a story"),
    Action("app.pick", "p", "pick", "Articles",
           "choose an article to show (type to filter by source or title)", PANES,
           palette="Choose an article"),
    Action("pane.order", "D", "toggle_order", "Date order",
           "panes in order of publication (the pages' dates) / in the order given", PANES,
           palette="Order the panes by publication date"),
    Action("app.details", "i", "details", "About",
           "about this article: outlet, authors, dates, URL, when it was fetched", PANES,
           palette="About this article"),
    Action("tag.quote", "q", "tag('quote')", "Quote",
           "tag as quote (again: remove); narrows to the quotation", TAG, footer=6,
           palette="Tag as quote"),
    Action("tag.claim", "c", "tag('claim')", "Claim", "tag as claim (again: remove)", TAG,
           footer=7, palette="Tag as claim"),
    Action("tag.boilerplate", "b", "tag('boilerplate')", "Boilerplate",
           "tag as boilerplate (again: remove)", TAG, footer=13, palette="Tag as boilerplate"),
    Action("tag.divergence", "C", "tag_divergence", "Claim the difference",
           "tag what this sentence states differently as a claim, the disagreement as its note",
           TAG, palette="Tag the disagreement as a claim"),
    Action("tag.select", "v", "select", "Select",
           "start / end a selection (j and k extend it)", TAG, palette="Select sentences"),
    Action("tag.end_select", "escape", "end_select", "Cancel",
           "end the selection, or stop drawing a link", TAG),
    Action("tag.remove", "x", "untag", "Untag", "remove the tags under the cursor or selection",
           TAG, palette="Remove tags here"),
    Action("tag.note", "m", "note", "Note", "note on the tag under the cursor", TAG,
           palette="Note on the tag here"),
    Action("tag.narrow", "", "narrow", "Narrow", "keep only part of the tagged passage", TAG,
           palette="Narrow the tag here"),
    Action("tag.copy", "y", "copy", "Copy",
           "copy the passage (or selection) with its source, as a citation", TAG,
           palette="Copy with a citation"),
    Action("tag.undo", "u", "undo", "Undo", "undo (the whole session)", TAG),
    Action("tag.redo", "ctrl+r", "redo", "Redo", "redo", TAG),
    Action("tag.list", "a", "annotations", "Tags",
           "annotations: every tag (/ find, f filter by tag, enter jump, y copy, delete remove)",
           TAG,
           footer=11,
           palette="Annotations"),
    Action("suggest.accept", "A", "accept_suggestion", "Accept",
           "accept the suggested tag under the cursor", TAG,
           palette="Accept the suggestion here"),
    Action("suggest.reject", "X", "reject_suggestion", "Reject suggestion",
           "reject the suggested tag under the cursor (it will not come back)", TAG,
           palette="Reject the suggestion here"),
    Action("suggest.accept_boilerplate", "", "accept_boilerplate", "Accept boilerplate",
           "accept every boilerplate suggestion of this pane", TAG,
           palette="Accept all boilerplate suggestions of this pane"),
    Action("link.reject", "R", "reject_link", "Reject link",
           "reject the link under the cursor (a list when there are several)", LINKS,
           palette="Reject the link here"),
    Action("link.draw", "L", "draw_link", "Link to",
           "link this sentence to one you pick in another pane (L there too)", LINKS,
           palette="Link to a sentence in another pane"),
    Action("link.more", "plus", "sensitivity(1)", "More links",
           "sensitivity up: weaker links too (marked in the gutter only)", LINKS,
           palette="Show more links"),
    Action("link.fewer", "minus", "sensitivity(-1)", "Fewer links",
           "sensitivity down: only the surest links", LINKS, palette="Show fewer links"),
    Action("view.sync", "s", "toggle_sync", "Sync",
           "synchronised reading on / off (the other panes follow the cursor)", VIEW,
           palette="Synchronised reading on / off"),
    Action("view.unique", "U", "toggle_emphasis", "Only here",
           "emphasis: what only this source says (linked sentences recede) / the links", VIEW,
           footer=10, palette="Emphasise what only each source says"),
    Action("view.suggestions", "S", "toggle_suggestions", "Suggestions",
           "hide / show suggested tags", VIEW, palette="Hide or show suggestions"),
    Action("tag.hide_boilerplate", "B", "toggle_boilerplate", "Hide boilerplate",
           "hide / show text tagged boilerplate", VIEW, palette="Hide or show boilerplate"),
    Action("search.open", "slash", "search", "Search", "search in this article", VIEW,
           footer=14),
    Action("search.next", "n", "search_next(1)", "Next hit", "next search hit", VIEW),
    Action("search.previous", "N", "search_next(-1)", "Prev hit", "previous search hit", VIEW),
    Action("app.help", "question_mark", "help", "Help", "every key, and what the colours "
           "mean", APP, footer=1),
    Action("app.palette", "ctrl+p", "command_palette", "Palette",
           "command palette: every action by name", APP, footer=15),
    Action("app.quit", "ctrl+q", "quit", "Quit", "quit (tags are already saved)", APP,
           footer=2),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}

_SHOWN = {"up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "pageup",
          "pagedown": "pagedown", "escape": "escape", "enter": "enter", "tab": "tab",
          "home": "home", "end": "end", "space": "space", "plus": "+", "minus": "-",
          "slash": "/", "question_mark": "?", "full_stop": ".", "comma": ","}


def show_key(key: str) -> str:
    """A key as people write it: "]" for right_square_bracket, "↓" for down, "^r" stays
    "ctrl+r"."""
    key = key.strip()
    if key in _SHOWN:
        return _SHOWN[key]
    modifiers, _, last = key.rpartition("+")
    char = key_to_character(last) if len(last) > 1 else last
    shown = char if char and char.isprintable() else last
    return f"{modifiers}+{shown}" if modifiers else shown


def keys_of(action: Action, keymap: Mapping[str, str] | None = None) -> list[str]:
    """The keys bound to an action, a keymap's choice first."""
    keys = (keymap or {}).get(action.id, action.keys)
    return [k.strip() for k in keys.split(",") if k.strip()]


def keys_shown(action: Action, keymap: Mapping[str, str] | None = None) -> str:
    return " / ".join(show_key(k) for k in keys_of(action, keymap))


def bindings(app: bool = False) -> list[Binding]:
    """The reader screen's bindings, or (``app``) the app's own: help and quit, which work on
    every screen."""
    return [
        Binding(a.keys, a.action, a.label, show=False, priority=a.priority, id=a.id)
        for a in ACTIONS if a.keys and (a.section == APP) == app
    ]


def footer_actions() -> list[Action]:
    """The footer's actions, most important first."""
    return sorted((a for a in ACTIONS if a.footer and a.keys), key=lambda a: a.footer)


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The README's key table."""
    lines = ["| Keys | What it does |", "|---|---|"]
    section = ""
    for a in ACTIONS:
        if a.section != section:
            section = a.section
            lines.append(f"| **{section}** | |")
        keys = keys_shown(a, keymap) or "(palette)"
        cell = keys.replace("|", "\\|")
        lines.append(f"| `{cell}` | {a.help} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
