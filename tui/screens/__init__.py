"""Screens of the reader."""

from .help import HelpScreen

__all__ = ["HelpScreen"]
