"""Screens of the reader."""

from .annotations import AnnotationsScreen
from .help import HelpScreen
from .note import NoteScreen
from .overview import OverviewScreen

__all__ = ["AnnotationsScreen", "HelpScreen", "NoteScreen", "OverviewScreen"]
