"""Errors that carry a one-line, user-facing message."""

from __future__ import annotations


class InputError(Exception):
    """A file (or stdin) that cannot be read as an article.

    ``str(error)`` is a single line naming the file and the problem; the CLI prints it and
    exits with status 2.
    """

    def __init__(self, path: str, reason: str) -> None:
        from .inert import inert_line

        super().__init__(f"{inert_line(path)}: {inert_line(reason)}")
        self.path = path
        self.reason = reason
