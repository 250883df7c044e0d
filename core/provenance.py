"""Who published an article, where and when: from a web page's metadata or from a file.

A page says it in several places, and pages disagree with themselves; the order followed here
is the one news sites are most reliable in: schema.org JSON-LD (``NewsArticle`` and kin), then
OpenGraph / ``article:*`` meta tags, then what trafilatura's metadata extraction finds (it also
reads bylines and dates in the page's text). Every field is optional: a missing one is ``None``
(or empty), never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from .inert import inert_line

T = TypeVar("T")

_ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "webpage",
    "liveblogposting", "socialmediaposting",
})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?)?")


@dataclass(frozen=True)
class Provenance:
    """Where a document comes from. ``url`` is what the user gave (for a file: ``None``);
    ``final_url`` where the redirects ended; ``canonical`` what the page calls itself."""

    url: str | None = None
    final_url: str | None = None
    canonical: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 as the page gives it ("2024-03-14T09:00:00Z")
    modified: str | None = None
    fetched_at: str | None = None  # ISO 8601, UTC
    redirects: tuple[str, ...] = field(default=())  # each URL that answered with a redirect

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "canonical": self.canonical,
            "site": self.site,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "fetched_at": self.fetched_at,
            "redirects": list(self.redirects),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Provenance:
        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        return cls(url=text("url"), final_url=text("final_url"), canonical=text("canonical"),
                   site=text("site"), authors=texts("authors"), published=text("published"),
                   modified=text("modified"), fetched_at=text("fetched_at"),
                   redirects=texts("redirects"))

    @property
    def published_day(self) -> str | None:
        """The publication date alone ("2024-03-14"), for headers and sorting."""
        return self.published[:10] if self.published else None

    def with_fetch(self, url: str, final_url: str, redirects: tuple[str, ...],
                   fetched_at: str) -> Provenance:
        return replace(self, url=url, final_url=final_url, redirects=redirects,
                       fetched_at=fetched_at)


def chronological(documents: Sequence[T]) -> list[T]:
    """The documents in order of publication where the pages give a date (the earliest
    first), the undated ones after them in the order given. Fewer than two dated: unchanged."""
    dated = [d for d in documents if d.provenance.published]  # type: ignore[attr-defined]
    if len(dated) < 2:
        return list(documents)
    dated.sort(key=lambda d: d.provenance.published)  # type: ignore[attr-defined]
    return dated + [d for d in documents if not d.provenance.published]  # type: ignore[attr-defined]


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def from_html(html: str, url: str | None = None, trafilatura_meta: object | None = None
              ) -> Provenance:
    """The provenance a page declares. ``trafilatura_meta`` is trafilatura's result for the
    same page when the caller already has it (its ``author``, ``date``, ``sitename``, ``url``)."""
    ld = _json_ld_article(html)
    meta = _meta_tags(html)
    t = trafilatura_meta
    site = (_ld_name(ld.get("publisher")) or meta.get("og:site_name")
            or _attr(t, "sitename") or None)
    authors = _ld_authors(ld.get("author")) or _split_authors(meta.get("author")
                                                              or meta.get("article:author")
                                                              or _attr(t, "author"))
    published = (_iso(ld.get("datePublished")) or _iso(meta.get("article:published_time"))
                 or _iso(meta.get("date")) or _iso(_attr(t, "date")))
    modified = (_iso(ld.get("dateModified")) or _iso(meta.get("article:modified_time"))
                or _iso(meta.get("og:updated_time")))
    canonical = _http(meta.get("canonical")) or _http(meta.get("og:url")) or _http(_attr(t, "url"))
    if site is None and (canonical or url):
        host = urlsplit(canonical or url or "").hostname or ""
        site = host.removeprefix("www.") or None
    return Provenance(
        url=url, canonical=canonical, site=_clean(site), authors=tuple(_clean(a) or "" for a in
                                                                       authors if _clean(a)),
        published=published, modified=modified,
    )


def _attr(obj: object | None, name: str) -> str | None:
    value = getattr(obj, name, None) if obj is not None else None
    return value if isinstance(value, str) and value.strip() else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    line = inert_line(" ".join(value.split()))[:200]
    return line or None


def _http(value: str | None) -> str | None:
    if value and urlsplit(value).scheme in ("http", "https"):
        return inert_line(value.strip())
    return None


def _iso(value: object) -> str | None:
    """An ISO 8601 date or date-time from metadata, or ``None`` (free text is not guessed)."""
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        datetime.fromisoformat(m.group(0)[:10])
    except ValueError:
        return None
    return m.group(0).replace(" ", "T")


_SCRIPT = re.compile(r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>",
                     re.I | re.S)


def _json_ld_article(html: str) -> dict[str, object]:
    """The first schema.org article object among the page's JSON-LD blocks (also inside
    ``@graph`` lists), or an empty dict."""
    for block in _SCRIPT.findall(html[:2_000_000]):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                return item
    return {}


def _walk(data: object, depth: int = 0) -> list[dict[str, object]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [x for item in data for x in _walk(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        graph = data.get("@graph")
        if graph is not None:
            out += _walk(graph, depth + 1)
        return out
    return []


def _ld_name(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _ld_authors(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [name for item in items if (name := _ld_name(item))]


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\band\b|,(?=\s*[A-Z])", value) if a.strip()]


_META = re.compile(r"<(meta|link)\b([^>]*)>", re.I)
_ATTR = re.compile(r"([a-zA-Z:_-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")


def _meta_tags(html: str) -> dict[str, str]:
    """``<meta name|property=… content=…>`` and ``<link rel=canonical href=…>`` of the head,
    first value of each name kept."""
    head = html[:300_000]
    end = head.lower().find("</head>")
    if end >= 0:
        head = head[:end]
    out: dict[str, str] = {}
    for tag, attrs in _META.findall(head):
        values = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(attrs)}
        if tag.lower() == "link":
            if values.get("rel", "").lower() == "canonical" and values.get("href"):
                out.setdefault("canonical", values["href"])
            continue
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        if key and "content" in values:
            out.setdefault(key, _unescape(values["content"]))
    return out


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)
