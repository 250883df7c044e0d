"""A small dialog to add or edit the note on a tag."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | tuple[str, str] | None]):
    """One line of text (a note, or the part of a passage to keep); with ``speaker`` (a
    quote's), a second line for who said it, and the result is ``(note, speaker)``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(
        self, title: str, note: str, placeholder: str = "Note (enter saves, escape cancels)",
        speaker: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.placeholder = placeholder
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Content(self.title_text), id="note-title")
            yield Input(self.note, placeholder=self.placeholder, id="note-input")
            if self.speaker is not None:
                yield Input(self.speaker, placeholder="Who said it (enter saves)",
                            id="note-speaker")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        note = self.query_one("#note-input", Input).value
        if self.speaker is None:
            self.dismiss(note)
        else:
            self.dismiss((note, self.query_one("#note-speaker", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
