"""Fetching the URLs given to the reader, under a progress bar, before the reader opens.

Several pages are fetched at once (``core.fetch.fetch_many``); each line says how its URL
ended. The app returns ``(documents, failures)``; a failed URL does not stop the others (the
reader shows it as a failed pane). ``q`` or ``ctrl+q`` stops waiting and quits.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

from ..core.inert import shortened


class FetchApp(App[tuple[list, list] | None]):
    CSS = """
    Screen { align: center middle; }
    #fetching { width: 90%; max-width: 100; height: auto; padding: 1 2; border: round $panel; }
    #fetch-title { margin-bottom: 1; }
    #fetch-log { height: auto; max-height: 20; margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [Binding("q,ctrl+q,escape", "quit_fetch", "Quit")]

    def __init__(self, names: list[str], *, data_dir: str, refresh: bool,
                 pending: list[str]) -> None:
        super().__init__()
        self.names = names
        self.data_dir = data_dir
        self.refresh = refresh
        self.pending = pending
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="fetching"):
            yield Static(Text(f"Fetching {len(self.pending)} page(s)…", style="bold"),
                         id="fetch-title")
            yield ProgressBar(total=len(self.pending), show_eta=False, id="fetch-bar")
            yield Static("", id="fetch-log")

    def on_mount(self) -> None:
        self.run_worker(self._load, thread=True, exit_on_error=False)

    def _load(self) -> tuple[list, list]:
        from ..core.web import load_inputs

        return load_inputs(self.names, data_dir=self.data_dir, refresh=self.refresh,
                           keep_failures=True, progress=self._progress)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.exit(event.worker.result)
        elif event.state == WorkerState.ERROR:  # a bug, not bad input: said, reader not opened
            self.exit(None, 1, f"sidebyside: fetching failed: {event.worker.error}")

    def _progress(self, done: int, total: int, url: str) -> None:
        self.call_from_thread(self._advance, done, url)

    def _advance(self, done: int, url: str) -> None:
        self.query_one(ProgressBar).update(progress=done)
        self.lines.append(shortened(url, 90))
        self.query_one("#fetch-log", Static).update(Text("\n".join(self.lines[-18:])))

    def action_quit_fetch(self) -> None:
        self.exit(None)
