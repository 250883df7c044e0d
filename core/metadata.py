"""Title and source (display name) of an article, read off its text."""

from __future__ import annotations

import re
from pathlib import PurePath

from .document import Paragraph, Sentence

_SITE_SEPARATORS = re.compile(r"\s+(?:[|–—·]|-{1,2}|::)\s+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_FINAL_PUNCT = ".!?…:;,"


def _clean_line(line: str) -> str:
    return _MD_HEADING.sub("", line.strip()).strip()


_DATELIKE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|today|yesterday|updated|published)\b"
    r"|\b(?:1[89]|20)\d\d\b|\d{1,2}[/.:-]\d{1,2}", re.I)


def looks_like_date(text: str) -> bool:
    """A date, a time or a dateline ("14 March 2025", "Updated 3:45 pm"): never a source."""
    return _DATELIKE.search(text) is not None


def split_site_suffix(line: str) -> tuple[str, str | None]:
    """"Headline – Site Name" -> ("Headline", "Site Name") when the suffix looks like a site."""
    parts = _SITE_SEPARATORS.split(line)
    if len(parts) < 2:
        return line, None
    site = parts[-1].strip()
    head = line[: len(line) - len(parts[-1])].rstrip(" |–—·-:")
    words = site.split()
    if looks_like_date(site):
        return line, None
    if 1 <= len(words) <= 5 and len(head.split()) >= 3 and all(
        w[0].isupper() or w[0].isdigit() or not w[0].isalpha() for w in words
    ):
        return head, site
    return line, None


def find_title(
    text: str, paragraphs: tuple[Paragraph, ...], sentences: tuple[Sentence, ...]
) -> str:
    """The first headline-like line near the top (3 to 30 words, no final stop), else the
    first sentence."""
    for p in paragraphs[:6]:
        line = _clean_line(text[p.start : p.end])
        if "\n" in line or not line:
            continue
        n_words = len(line.split())
        if 3 <= n_words <= 30 and line[-1] not in _FINAL_PUNCT:
            head, _site = split_site_suffix(line)
            return head
    if sentences:
        s = sentences[0]
        return " ".join(text[s.start : s.end].split())
    return ""


def find_source(
    text: str, paragraphs: tuple[Paragraph, ...], path: str, site_name: str | None = None
) -> str:
    """A short display name: the site named in a "Headline – Site" first line, the site name
    an HTML page declares, else the file name."""
    for p in paragraphs[:3]:
        line = _clean_line(text[p.start : p.end])
        _head, site = split_site_suffix(line)
        if site:
            return site
    if site_name and not looks_like_date(site_name):
        return site_name.strip()
    if path == "-":
        return "stdin"
    stem = PurePath(path).stem
    if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", stem) and re.search(r"[a-z]", stem):
        return " ".join(w.capitalize() for w in re.split(r"[-_]", stem))
    return stem or path
