"""Widgets of the reader, one per file."""

from .article_pane import ArticlePane

__all__ = ["ArticlePane"]
