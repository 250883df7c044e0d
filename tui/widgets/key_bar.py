"""The footer: the reader's most useful keys, as many whole ones as fit, most important first.

Made from ``tui.actions`` (with the user's keymap), drawn as one line of text: it is redrawn when
its width changes, never on a focus change (Textual's ``Footer`` recomposes its keys on every
focus change, 150-800 ms per pane switch).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..actions import Action, footer_actions, keys_of, show_key


def short_key(key: str) -> str:
    return show_key(key).replace("ctrl+", "^")


def fitting(actions: list[Action], width: int, keymap: dict[str, str] | None = None
            ) -> list[tuple[str, str]]:
    """(key, label) pairs, most important first, as many as fit in ``width`` columns (two
    spaces between them); never a cut one."""
    out: list[tuple[str, str]] = []
    used = 0
    for action in actions:
        keys = keys_of(action, keymap)
        if not keys:
            continue
        key = short_key(keys[0])
        cost = len(key) + 1 + len(action.label) + (2 if out else 0)
        if used + cost > width:
            continue  # a shorter one further down may still fit
        out.append((key, action.label))
        used += cost
    return out


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--label"}

    def __init__(self) -> None:
        super().__init__(id="key-bar")

    def render(self) -> Content:
        keymap = getattr(self.app, "_keymap", None)
        pairs = fitting(footer_actions(), max(0, self.size.width - 1), keymap)
        key_style = self.get_visual_style("key-bar--key")
        label_style = self.get_visual_style("key-bar--label")
        parts: list[tuple[str, object] | str] = []
        for i, (key, label) in enumerate(pairs):
            if i:
                parts.append("  ")
            parts += [(key, key_style), " ", (label, label_style)]
        return Content.assemble(*parts)  # type: ignore[arg-type]
