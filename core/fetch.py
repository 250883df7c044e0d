"""Fetching web pages: one clear reason for every failure, never more than the size limit.

The client is urllib3, already installed as trafilatura's HTTP layer: a thread-safe connection
pool, connect and read timeouts, redirects with their history, streamed bodies (so the size
limit holds whatever the server claims) and gzip/deflate (and brotli or zstd when their
decoders are installed) decoded on the fly. ``benchmarks/fetch_clients.py`` compares it with
httpx on the same local pages (see the README).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .errors import InputError
from .ingest import MAX_BYTES, megabytes
from .provenance import now_utc

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0  # seconds without a byte
TOTAL_TIMEOUT = 60.0  # a whole page, however slowly it trickles
MAX_REDIRECTS = 10
WORKERS = 8
TEXT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown",
                        "text/x-markdown"})


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("sidebyside")
    except PackageNotFoundError:  # pragma: no cover - a checkout never installed
        v = "dev"
    return f"Sidebyside/{v} (terminal news reader; +https://pypi.org/project/sidebyside/)"


def is_url(arg: str) -> bool:
    return bool(re.match(r"https?://", arg, re.I))


@dataclass(frozen=True)
class Fetched:
    """One page as the server sent it (the body decompressed, not decoded)."""

    url: str  # as asked for
    final_url: str
    redirects: tuple[str, ...]  # the URLs that answered with a redirect, in order
    status: int
    content_type: str  # "text/html"
    charset: str | None  # from the Content-Type header
    body: bytes
    fetched_at: str


_POOL = None


def _pool():  # type: ignore[no-untyped-def]
    global _POOL
    if _POOL is None:
        import urllib3

        _POOL = urllib3.PoolManager(num_pools=32, maxsize=WORKERS,
                                    headers={"User-Agent": user_agent(),
                                             "Accept": "text/html,application/xhtml+xml,"
                                                       "text/plain;q=0.9,*/*;q=0.5",
                                             "Accept-Encoding": _accept_encoding()})
    return _POOL


def _accept_encoding() -> str:
    from urllib3.util import make_headers

    return make_headers(accept_encoding=True)["accept-encoding"]


def check_url(url: str) -> None:
    """Raise ``InputError`` for what cannot be fetched at all: another scheme, no host, a host
    with spaces or control characters, a port out of range, broken brackets."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:
        raise InputError(url, f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(url, "not an http(s) URL")
    host = parts.hostname or ""
    if not host or not host.isprintable() or any(c.isspace() for c in host) or port == 0:
        raise InputError(url, "not a valid URL (no usable host)")


def fetch(url: str, *, connect_timeout: float = CONNECT_TIMEOUT,
          read_timeout: float = READ_TIMEOUT, total_timeout: float = TOTAL_TIMEOUT,
          max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url``. Raises ``InputError(url, reason)``: the host not found, the connection
    refused, a timeout, an HTTP error (with its code), a body that is not HTML or text, or one
    over ``max_bytes``."""
    import urllib3
    from urllib3.exceptions import HTTPError, MaxRetryError

    check_url(url)
    fetched_at = now_utc()
    retries = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0,
                            redirect=MAX_REDIRECTS, raise_on_redirect=True,
                            raise_on_status=False)
    timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
    try:
        response = _pool().request("GET", url, preload_content=False, redirect=True,
                                   retries=retries, timeout=timeout)
    except MaxRetryError as exc:  # what a failed connection or redirect chain comes as
        raise InputError(url, _reason(exc.reason, url)) from None
    except (HTTPError, OSError) as exc:
        raise InputError(url, _reason(exc, url)) from None
    try:
        # urllib3 gives a path, not a URL, for a redirect on the same host: resolve each
        redirects: list[str] = []
        here = url
        for h in response.retries.history if response.retries else ():
            if h.redirect_location:
                redirects.append(urljoin(here, h.url))
                here = urljoin(here, h.redirect_location)
        final_url = urljoin(url, response.geturl() or url)
        status = response.status
        if status >= 400:
            raise InputError(url, f"HTTP {status} {response.reason or ''}".rstrip())
        if status >= 300:
            raise InputError(url, f"HTTP {status}: a redirect without a usable Location")
        content_type, charset = _content_type(response.headers.get("Content-Type", ""))
        if content_type and content_type not in TEXT_TYPES:
            raise InputError(url, f"not an HTML page or text ({content_type})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise InputError(url, f"too large ({megabytes(int(declared))}; the limit is "
                             f"{megabytes(max_bytes)})")
        body = _read_body(response, url, max_bytes, time.monotonic() + total_timeout)
    finally:
        response.release_conn()
    return Fetched(url=url, final_url=final_url, redirects=tuple(redirects), status=status,
                   content_type=content_type or "text/html", charset=charset, body=body,
                   fetched_at=fetched_at)


def _read_body(response, url: str, max_bytes: int, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > max_bytes:  # also a small compressed body that inflates past the limit
                raise InputError(url, f"too large (over the limit of {megabytes(max_bytes)})")
            if time.monotonic() > deadline:
                raise InputError(url, "timed out (the page did not finish arriving)")
            chunks.append(chunk)
    except (ReadTimeoutError, TimeoutError):
        raise InputError(url, "timed out (the server stopped sending)") from None
    except DecodeError:
        raise InputError(url, "the compressed response could not be decoded") from None
    except ProtocolError:
        raise InputError(url, "the connection broke before the page was complete") from None
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return kind.strip().lower(), (m.group(1) if m else None)


def _reason(exc: object, url: str) -> str:
    from urllib3.exceptions import (
        ConnectTimeoutError,
        NameResolutionError,
        NewConnectionError,
        ReadTimeoutError,
        SSLError,
    )

    host = urlsplit(url).hostname or url
    # NameResolutionError is a NewConnectionError, which is a ConnectTimeoutError: most
    # specific first
    if isinstance(exc, NameResolutionError):
        return f"host not found ({host})"
    if isinstance(exc, NewConnectionError):
        text = str(exc).lower()
        if "refused" in text:
            return "connection refused"
        if "name or service" in text or "nodename" in text or "resolution" in text:
            return f"host not found ({host})"
        if "timed out" in text:
            return "timed out (connecting)"
        return "could not connect"
    if isinstance(exc, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return "timed out"
    if isinstance(exc, SSLError):
        return "TLS/SSL error (the site's certificate could not be verified)"
    text = str(exc).lower()
    if "too many redirects" in text or "redirect" in text:
        return f"too many redirects (more than {MAX_REDIRECTS})"
    return "could not fetch (the connection failed)"


def fetch_many(urls: Sequence[str], *, progress: Callable[[int, int, str], object] | None = None,
               workers: int = WORKERS, **options: float) -> list[Fetched | InputError]:
    """Fetch several pages at once (``workers`` threads); the results in the order given, a
    failure as its ``InputError``. ``progress(done, total, url)`` is called as each ends."""
    results: list[Fetched | InputError | None] = [None] * len(urls)
    if not urls:
        return []

    def one(i: int) -> None:
        try:
            results[i] = fetch(urls[i], **options)  # type: ignore[arg-type]
        except InputError as exc:
            results[i] = exc

    done = 0
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        futures = {pool.submit(one, i): i for i in range(len(urls))}
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            future.result()
            done += 1
            if progress is not None:
                progress(done, len(urls), urls[futures[future]])
    return [r for r in results if r is not None]
