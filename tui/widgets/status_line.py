"""The status line: what the reader is set to show, always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from ..app import SidebysideApp


def describe(app: SidebysideApp, short: bool = False) -> list[tuple[str, bool]]:
    """(text, stands out) items: synchronised reading, sensitivity, emphasis, suggestions,
    boilerplate and a link being drawn. Settings away from the default stand out."""
    on_off = ("on", "off") if short else ("shown", "hidden")
    items = [
        (("sync " if short else "Synchronised reading ") + ("on" if app.sync else "off"),
         not app.sync),
        (("links: " if short else "Sensitivity ") + app.sensitivity,
         app.sensitivity != "default"),
        (("emphasis: " if short else "Emphasis: ")
         + ("only here" if app.emphasis == "unique" else "links"), app.emphasis == "unique"),
        (("suggestions: " if short else "Suggestions ")
         + on_off[0 if app.show_suggestions else 1], not app.show_suggestions),
        (("boilerplate: " if short else "Boilerplate ")
         + on_off[1 if app.hide_boilerplate else 0], app.hide_boilerplate),
    ]
    if app.story is not None and app.stories:  # several stories: which one is read
        n = len(app.stories)
        if app.story.id < 0:  # every article, as one story
            items.insert(0, ("all articles" if short else
                             f"All {len(app.documents)} articles (t: stories)", False))
        else:
            items.insert(0, ((f"story {app.story.id + 1}/{n}" if short else
                              f"Story {app.story.id + 1} of {n} (t: stories)"), False))
    if short and app.emphasis != "unique":  # the default emphasis goes unsaid when narrow
        items = [item for item in items if not item[0].startswith("emphasis")]
    if app.link_source is not None:
        d, _s = app.link_source
        source = app.documents[d].source
        items.append((f"Linking from {source} (L on the other sentence, escape cancels)"
                      if not short else f"linking from {source}", True))
    return items


class StatusLine(Widget):
    COMPONENT_CLASSES = {"status-line--on", "status-line--off"}

    def __init__(self) -> None:
        super().__init__(id="status-line")
        self._app: Any = None

    def show(self, app: SidebysideApp) -> None:
        self._app = app
        self.refresh()

    def render(self) -> Content:
        if self._app is None:
            return Content("")
        width = self.size.width
        for short in (False, True):
            items = describe(self._app, short)
            text = " · ".join(t for t, _ in items)
            if len(text) <= width or short:
                break
        normal = self.get_visual_style("status-line--off")
        loud = self.get_visual_style("status-line--on")
        parts: list[tuple[str, object] | str] = []
        for i, (t, on) in enumerate(items):
            if i:
                parts.append((" · ", normal))
            parts.append((t, loud if on else normal))
        return Content.assemble(*parts)  # type: ignore[arg-type]
