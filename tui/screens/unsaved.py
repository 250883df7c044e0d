"""Quitting with changes the store could not save: write them to a file, quit anyway, or stay."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.export import render, rows_for
from ...core.inert import inert_line
from ...core.tagging import TagBook


class UnsavedScreen(ModalScreen[bool]):
    """Dismisses with True to quit, False to stay."""

    BINDINGS = [
        Binding("escape", "stay", "Stay", id="unsaved.stay"),
        Binding("ctrl+q", "discard", "Quit without saving", id="unsaved.discard"),
    ]

    def __init__(self, book: TagBook) -> None:
        super().__init__()
        self.book = book
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.default = str(Path.home() / f"sidebyside-unsaved-{stamp}.jsonld")

    def compose(self) -> ComposeResult:
        reason = inert_line(self.book.last_error or "the store cannot be written")
        with Vertical(id="unsaved-box"):
            yield Static(Content(
                f"{len(self.book.pending)} change(s) are not saved: {reason}.\n"
                "Write every tag of this session to a file (W3C Web Annotations, "
                "'sidebyside import' reads it): enter. Quit without saving: ctrl+q. "
                "Stay: escape."), id="unsaved-text")
            yield Input(value=self.default, id="unsaved-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = Path(os.path.expanduser(event.value.strip() or self.default))
        text = render(rows_for([p.annotation for p in self.book.all()]), "jsonld",
                      list(self.book.judgements.values()))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sidebyside-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except OSError as exc:
            self.notify(f"{inert_line(str(path))}: cannot write ({exc.strerror or exc}); "
                        "try another file", severity="error", timeout=8)
            return
        self.notify(f"Tags written to {inert_line(str(path))}", timeout=4)
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)

    def action_discard(self) -> None:
        self.dismiss(True)
