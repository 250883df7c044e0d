"""Widgets of the reader, one per file."""

from .article_pane import ArticlePane
from .article_styles import ArticleStyles
from .article_view import ArticleView
from .comparison_bar import ComparisonBar
from .failed_pane import FailedPane
from .key_bar import KeyBar
from .pane_header import PaneHeader
from .panes_row import PanesRow
from .status_line import StatusLine

__all__ = [
    "ArticlePane", "ArticleStyles", "ArticleView", "ComparisonBar", "FailedPane", "KeyBar",
    "PaneHeader", "PanesRow", "StatusLine",
]
