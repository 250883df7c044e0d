"""Screens of the reader."""

from .annotations import AnnotationsScreen
from .help import HelpScreen
from .note import NoteScreen

__all__ = ["AnnotationsScreen", "HelpScreen", "NoteScreen"]
