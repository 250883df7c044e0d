"""Articles from URLs, mixed freely with files: fetched once, then read from their snapshot.

``load_inputs`` is what every command calls: files, folders, ``-`` and ``http(s)://`` URLs
in the order given. A URL with a snapshot is read from it (offline, the same text as before)
unless ``refresh``; the others are fetched together (``core.fetch.fetch_many``), extracted,
and snapshotted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .errors import InputError
from .fetch import Fetched, fetch_many, is_url
from .inert import inert_line
from .ingest import (
    declared_charset,
    distinct_sources,
    expand_paths,
    extract_html,
    from_text,
    is_html,
    load,
)
from .provenance import Provenance
from .snapshots import Snapshot, SnapshotError, Snapshots


@dataclass(frozen=True)
class Failure:
    """An input that could not be read: shown as a failed pane in the reader."""

    name: str
    reason: str

    @property
    def message(self) -> str:
        """One inert line (a URL or a server's reason phrase is never a terminal sequence)."""
        return inert_line(f"{self.name}: {self.reason}")


Progress = Callable[[int, int, str], object]
MIN_WORDS = 25
"""A fetched page whose article text (below the headline) is shorter than this is a paywall,
a consent wall or a page of links, not an article."""


def read_list(path: str) -> list[str]:
    """The inputs listed in a file (``-i links.txt``): one URL or path per line; blank lines
    and ``#`` comments skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such file (the list of inputs given with -i)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the list of inputs ({exc})") from None
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    if not out:
        raise InputError(path, "the list of inputs names no URL or file")
    return out


def load_inputs(
    args: Iterable[str], *, data_dir: str | os.PathLike[str] | None = None,
    refresh: bool = False, progress: Progress | None = None, keep_failures: bool = False,
    **fetch_options: float,
) -> tuple[list[Document], list[Failure]]:
    """Read every input. A bad input raises ``InputError`` unless ``keep_failures``, when it is
    returned as a ``Failure`` (the reader shows it; the others still open)."""
    names = expand_paths([a for a in args])
    snapshots = Snapshots(data_dir) if data_dir is not None else None
    slots: list[Document | Failure | None] = [None] * len(names)
    to_fetch: list[int] = []
    for i, name in enumerate(names):
        if not is_url(name):
            try:
                slots[i] = load(name)
            except InputError as exc:
                if not keep_failures:
                    raise
                slots[i] = Failure(exc.path, exc.reason)
            continue
        snap = None
        if snapshots is not None and not refresh:
            try:
                snap = snapshots.get(name)
            except SnapshotError as exc:
                if not keep_failures:
                    raise InputError(name, str(exc)) from None
                slots[i] = Failure(name, str(exc))
                continue
        if snap is not None:
            slots[i] = from_snapshot(snap)
        else:
            to_fetch.append(i)
    if to_fetch:
        urls = [names[i] for i in to_fetch]
        results = fetch_many(urls, progress=progress, **fetch_options)
        for i, result in zip(to_fetch, results, strict=True):
            try:
                if isinstance(result, InputError):
                    raise result
                slots[i] = from_page(result, snapshots)
            except InputError as exc:
                if not keep_failures:
                    raise InputError(exc.path, exc.reason) from None
                slots[i] = Failure(exc.path, exc.reason)
    documents = distinct_sources([s for s in slots if isinstance(s, Document)])
    failures = [s for s in slots if isinstance(s, Failure)]
    return documents, failures


def from_snapshot(snap: Snapshot) -> Document:
    return from_text(snap.text, snap.url, site_name=snap.provenance.site,
                     provenance=snap.provenance)


def from_page(page: Fetched, snapshots: Snapshots | None) -> Document:
    """The Document of a fetched page (snapshotted when there is a data folder)."""
    from .decode import DecodeError, decode

    url = page.url
    if not page.body.strip():
        raise InputError(url, "the server sent an empty page")
    try:
        text, _encoding = decode(page.body, page.charset or declared_charset(page.body))
    except DecodeError as exc:
        raise InputError(url, str(exc)) from None
    # what the server says, else what the page looks like (as for a file without a suffix)
    html = page.content_type in ("text/html", "application/xhtml+xml") or (
        page.content_type not in ("text/plain", "text/markdown", "text/x-markdown")
        and is_html("", text))
    if html:
        text, provenance = extract_html(url, text, url=page.final_url)
        body = text.split("\n", 1)[1] if "\n" in text else ""  # the headline left out
        if len(body.split()) < MIN_WORDS:
            raise InputError(url, "no article text found: only a headline or a few words (a "
                             "paywall, a consent page or a page of links?)")
    else:
        from urllib.parse import urlsplit

        host = (urlsplit(page.final_url).hostname or "").removeprefix("www.")
        provenance = Provenance(site=host or None)
    provenance = provenance.with_fetch(url, page.final_url, page.redirects, page.fetched_at)
    if snapshots is not None:
        # a read-only data folder: the page is read, only not kept for next time
        with contextlib.suppress(OSError):
            snapshots.put(url, page.body, text, provenance, page.content_type, page.charset)
    return from_text(text, url, site_name=provenance.site, provenance=provenance)


def needs_fetch(args: Iterable[str], *, data_dir: str | os.PathLike[str] | None,
                refresh: bool = False) -> list[str]:
    """The URLs among ``args`` that would be fetched (no snapshot yet, or ``refresh``)."""
    urls = [a for a in args if is_url(a)]
    if refresh or data_dir is None:
        return urls
    snapshots = Snapshots(data_dir)
    pending = []
    for url in urls:
        try:
            if snapshots.get(url) is None:
                pending.append(url)
        except SnapshotError:
            pending.append(url)
    return pending
