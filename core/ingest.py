"""Reading articles: files, folders and stdin into ``Document`` objects."""

from __future__ import annotations

import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .decode import DecodeError, decode
from .document import Document
from .errors import InputError
from .inert import inert_line
from .markdown import heading_paragraphs, is_markdown, markup_spans
from .metadata import find_source, find_title
from .provenance import Provenance
from .segment import segment

MAX_BYTES = 20 * 1024 * 1024
"""Largest article accepted (20 MiB): far above any news page, small enough to stay fast."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


def load(path: str | os.PathLike[str]) -> Document:
    """Read one article. ``"-"`` reads standard input.

    Raises ``InputError`` (one line: the file and the reason) for a missing file, a directory,
    an empty or whitespace-only file, binary or undecodable data, or a file over ``MAX_BYTES``.
    """
    name = os.fspath(path)
    data = _read_stdin() if name == "-" else _read_file(name)
    return from_bytes(data, name)


def from_bytes(data: bytes, name: str) -> Document:
    """Build a Document from raw bytes read from ``name`` (a path, or "-" for stdin)."""
    if not data.strip():
        raise InputError(name, "empty file" if not data else "only whitespace, no text")
    try:
        text, _encoding = decode(data, declared_charset(data))
    except DecodeError as exc:
        raise InputError(name, str(exc)) from None
    if is_html(name, text):
        text, provenance = extract_html(name, text)
        return from_text(text, name, site_name=provenance.site, provenance=provenance)
    return from_text(text, name)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if any."""
    import re

    m = re.search(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", data[:4096],
                  re.I)
    return m.group(1).decode("ascii") if m else None


def from_text(text: str, name: str = "-", site_name: str | None = None,
              provenance: Provenance | None = None) -> Document:
    """Build a Document from already decoded text (kept exactly as given)."""
    if not text.strip():
        raise InputError(name, "only whitespace, no text")
    paragraphs, sentences = segment(text)
    hidden: tuple[tuple[int, int], ...] = ()
    headings: frozenset[int] = frozenset()
    if is_markdown(name):
        hidden = markup_spans(text)
        headings = heading_paragraphs(text, paragraphs)
    return Document(
        path=name,
        text=text,
        # title and source are shown, never matched against offsets: made inert once, here
        title=inert_line(find_title(text, paragraphs, sentences)),
        source=inert_line(find_source(text, paragraphs, name, site_name)),
        paragraphs=paragraphs,
        sentences=sentences,
        hidden=hidden,
        headings=headings,
        provenance=provenance or Provenance(),
    )


def _read_file(name: str) -> bytes:
    p = Path(name)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read") from None
    if p.is_dir():
        raise InputError(name, "is a directory (give article files, or open the folder)")
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever, a device never end
        raise InputError(name, "not a regular file (a pipe, socket or device); give an article "
                         "file, or - for standard input")
    if st.st_size > MAX_BYTES:
        raise InputError(name, f"too large ({megabytes(st.st_size)}; the limit is "
                         f"{megabytes(MAX_BYTES)})")
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read") from None
    if len(data) > MAX_BYTES:
        raise InputError(name, f"too large (over the limit of {megabytes(MAX_BYTES)})")
    return data


def _read_stdin() -> bytes:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    if stream is None:
        raise InputError("-", "standard input is not readable")
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("-", f"too large (over the limit of {megabytes(MAX_BYTES)})")
    return data


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def is_html(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES - {""}:
        return False
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def extract_html(name: str, html: str, url: str | None = None) -> tuple[str, Provenance]:
    """The article text of an HTML page (its headline first) and what the page says about
    who published it and when."""
    import trafilatura  # imported on demand: it is the slowest import of the project

    from .provenance import from_html

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_recall=True,
    )
    body = (getattr(result, "text", None) or "") if result is not None else ""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        raise InputError(name, "no article text found in this HTML page (a paywall, a consent "
                         "page or a page of links?)")
    title = (getattr(result, "title", None) or "").strip()
    if title and lines[0] != title:
        lines.insert(0, title)
    return "\n\n".join(lines) + "\n", from_html(html, url, result)


def expand_paths(args: Iterable[str]) -> list[str]:
    """Command-line arguments to article paths: folders expand to the article files inside them
    (recursively, sorted), everything else is kept as given (so errors name it)."""
    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if arg != "-" and p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise InputError(arg, "folder holds no article files (.txt, .md, .html)")
            out.extend(found)
        else:
            out.append(arg)
    return out


def load_many(args: Iterable[str]) -> list[Document]:
    """Load every article named by ``args`` (files, folders, "-"); sources that would share a
    name are told apart by their folder ("Nyt (2b95d2cf)")."""
    return distinct_sources([load(p) for p in expand_paths(args)])


def distinct_sources(documents: list[Document]) -> list[Document]:
    counts = Counter(d.source for d in documents)
    out = []
    for d in documents:
        if counts[d.source] > 1 and d.path != "-":
            folder = Path(d.path).parent.name[:12]
            if folder:
                d = replace(d, source=f"{d.source} ({folder})")
        out.append(d)
    # still the same name (same folder): number them
    counts = Counter(d.source for d in out)
    seen: Counter[str] = Counter()
    result = []
    for d in out:
        if counts[d.source] > 1:
            seen[d.source] += 1
            d = replace(d, source=f"{d.source} #{seen[d.source]}")
        result.append(d)
    return result
