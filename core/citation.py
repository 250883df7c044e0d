"""A passage as a quotation with its source, for the clipboard: the text, who said it (for a
quotation), the outlet, the title and where the article came from."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .fetch import is_url
from .quotes import in_quotes
from .samples import seeds_dir


def display_path(path: str) -> str:
    """Where an article came from, said so that it means something elsewhere: a bundled
    sample as ``seeds/<name>`` (not a path inside an installed package), a URL as it is."""
    if is_url(path) or not path:
        return path
    try:
        resolved = Path(path).resolve()
        if resolved.parent == seeds_dir().resolve():
            return f"seeds/{resolved.name}"
    except (OSError, FileNotFoundError):
        pass
    return path


def speaker_of(document: Document, start: int, end: int) -> str | None:
    """Who said the quotation in ``[start, end)``, when the attribution finds one."""
    from .attribution import find_quotations

    found = [q for q in find_quotations(document) if q.speaker and q.start < end
             and start < q.end]
    return max(found, key=lambda q: q.score).speaker if found else None


def cite(document: Document, start: int, end: int, speaker: str | None = None) -> str:
    """``“text” — speaker, in Outlet: “Title” (path)``; whitespace runs become one space."""
    text = " ".join(document.text[start:end].split())
    who = f"{speaker}, in " if speaker else ""
    title = " ".join(document.title.split())
    where = display_path(document.path)
    parts = [f"{in_quotes(text)} — {who}{document.source}"]
    if title:
        parts.append(f": {in_quotes(title)}")
    if where:
        parts.append(f" ({where})")
    return "".join(parts)
