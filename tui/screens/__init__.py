"""Screens of the reader."""

from .annotations import AnnotationsScreen
from .help import HelpScreen
from .note import NoteScreen
from .overview import OverviewScreen
from .picker import PickerScreen

__all__ = ["AnnotationsScreen", "HelpScreen", "NoteScreen", "OverviewScreen", "PickerScreen"]
