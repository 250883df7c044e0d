"""The article views' component styles, resolved once for all panes."""

from __future__ import annotations

from textual.widget import Widget

from ..colours import GROUP_COLOURS


class ArticleStyles(Widget):
    """Holds the component classes of every ``ArticleView`` (never shown).

    Textual resolves each component class of a widget against the whole stylesheet whenever
    that widget's styles are applied: on mount, on every focus change, on a theme change.
    Declared on the views, 28 classes times five panes took a third of the reader's start-up.
    Declared here, they are resolved once, and each view looks them up here
    (``ArticleView.get_component_styles``), combining them with its own ancestors' styles as
    before. Style them in CSS as ``ArticleStyles > .article-view--shared``.
    """

    DEFAULT_CSS = "ArticleStyles { display: none; }"

    COMPONENT_CLASSES = {
        "article-view--shared",
        "article-view--related",
        "article-view--link-source",
        "article-view--unique",
        "article-view--furniture",
        "article-view--cursor",
        "article-view--counterpart",
        "article-view--counterpart-mark",
        "article-view--recede",
        "article-view--heading",
        "article-view--hit",
        "article-view--gutter",
        "article-view--unique-mark",
        "article-view--selected",
        "article-view--tag-quote",
        "article-view--tag-claim",
        "article-view--tag-boilerplate",
        "article-view--diverge",
        "article-view--badge-quote",
        "article-view--badge-claim",
        "article-view--badge-boilerplate",
        "article-view--suggest-quote",
        "article-view--suggest-claim",
        "article-view--suggest-boilerplate",
        "article-view--suggest-badge",
        *(f"article-view--group-{i}" for i in range(GROUP_COLOURS)),
    }

    def __init__(self) -> None:
        super().__init__(id="article-styles")
