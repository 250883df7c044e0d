"""Articles from the web, against a local HTTP server started here (no network): fetching,
every failure named in one line, snapshots reused offline, --refresh re-anchoring a tag,
concurrent fetching and provenance in align --json, the exports and the reader."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sidebyside.core.errors import InputError
from sidebyside.core.fetch import fetch
from sidebyside.core.web import load_inputs, read_list
from sidebyside.tui.cli import main

from .conftest import SEEDS

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mayor of Riverton resigns after twelve years | The Riverton Ledger</title>
<meta property="og:site_name" content="The Riverton Ledger">
<meta property="og:url" content="https://ledger.example/news/mayor-resigns">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
<meta property="article:modified_time" content="2024-03-14T17:05:00Z">
<link rel="canonical" href="https://ledger.example/news/mayor-resigns">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Ledger"},
  {"@type": "NewsArticle", "headline": "Mayor of Riverton resigns after twelve years",
   "author": [{"@type": "Person", "name": "Ana Pereira"},
              {"@type": "Person", "name": "Tom Ekwueme"}],
   "datePublished": "2024-03-14T09:30:00Z", "dateModified": "2024-03-14T17:05:00Z",
   "publisher": {"@type": "Organization", "name": "The Riverton Ledger"}}]}
</script></head>
<body>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Mayor of Riverton resigns after twelve years</h1>
<p class="byline">By Ana Pereira and Tom Ekwueme</p>
<p>The mayor of Riverton, Helen Ashby, resigned on Monday after twelve years in office, the
city council said in a statement.</p>
<p>"It has been the honour of my life to serve this city," Ashby told reporters outside city
hall, adding that she would step down at the end of the month.</p>
<p>The council will choose an interim mayor at its meeting on Thursday, a spokesman said.</p>
</article>
<footer>Copyright 2024 The Riverton Ledger. All rights reserved.</footer>
</body></html>
"""

LATIN1 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Caf\u00e9 owners in Z\u00fcrich protest new rules</title></head><body><article>
<h1>Caf\u00e9 owners in Z\u00fcrich protest new rules</h1>
<p>Caf\u00e9 owners in Z\u00fcrich gathered on Tuesday to protest the city's new opening hours,
which they say will cost them half of their evening trade.</p>
<p>The city's economic office said the rules would be reviewed in the autumn after a
consultation with residents and business owners.</p>
</article></body></html>
""".encode("iso-8859-1")

POLISH = """<html><head><meta charset="windows-1250"><title>Prezydent Łodzi rezygnuje</title>
</head><body><article><h1>Prezydent Łodzi rezygnuje</h1>
<p>Prezydent Łodzi złożył w poniedziałek rezygnację po dwunastu latach urzędowania, podała
rada miasta w oświadczeniu opublikowanym na swojej stronie internetowej.</p>
<p>Rada wybierze tymczasowego prezydenta na posiedzeniu w czwartek, powiedział rzecznik.</p>
</article></body></html>
""".encode("windows-1250")

CONSENT = """<html><head><title>Before you continue</title></head><body>
<div class="consent"><button>Accept all</button> <button>Reject all</button></div>
</body></html>"""


class Server:
    """A local news site: pages, redirects, compression, errors, slowness, changing text."""

    def __init__(self) -> None:
        self.version = 1  # the text of /changing
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                    server.hits[self.path] = server.hits.get(self.path, 0) + 1
                try:
                    server.route(self)
                finally:
                    with server.lock:
                        server.active -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        if path == "/article":
            self.send(h, ARTICLE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/old":
            self.redirect(h, "/moved", 301)
        elif path == "/moved":
            self.redirect(h, "/article", 302)
        elif path == "/loop":
            self.redirect(h, "/loop", 302)
        elif path == "/gzip":
            body = gzip.compress(ARTICLE.encode("utf-8"))
            self.send(h, body, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        elif path == "/latin1":
            self.send(h, LATIN1, "text/html")  # the charset only in the page's meta tag
        elif path == "/polish":  # Central European, declared only in the page
            self.send(h, POLISH, "text/html")
        elif path == "/slow":  # far longer than any test waits: a timeout or nothing
            time.sleep(30)
            self.send(h, ARTICLE.encode("utf-8"), "text/html")
        elif path == "/slowish":
            time.sleep(0.4)
            self.send(h, ARTICLE.encode("utf-8"), "text/html")
        elif path == "/pdf":
            self.send(h, b"%PDF-1.7\n" + b"0" * 2000, "application/pdf")
        elif path == "/big":
            self.send(h, b"<html><body><p>" + b"a" * (25 * 1024 * 1024) + b"</p></body></html>",
                      "text/html")
        elif path == "/bomb":  # 25 MB of text in a small gzip body, no Content-Length
            body = gzip.compress(b"<html><body><p>" + b"word " * (5 * 1024 * 1024))
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Encoding", "gzip")
            h.end_headers()
            h.wfile.write(body)
        elif path == "/consent":
            self.send(h, CONSENT.encode(), "text/html")
        elif path == "/changing":
            said = "Monday" if self.version == 1 else "Tuesday"
            page = ARTICLE.replace("resigned on Monday", f"resigned on {said}").replace(
                "<h1>Mayor", "<p>Updated with the council's statement.</p><h1>Mayor")
            if self.version == 1:
                page = page.replace("<p>Updated with the council's statement.</p>", "")
            self.send(h, page.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/error":
            self.send(h, b"oops", "text/plain", status=503)
        else:
            self.send(h, b"<html><body>Not found</body></html>", "text/html", status=404)

    @staticmethod
    def send(h: BaseHTTPRequestHandler, body: bytes, kind: str,
             headers: dict[str, str] | None = None, status: int = 200) -> None:
        h.send_response(status)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        # the client may give up (too large, timed out), as a real server sees it
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            h.wfile.write(body)

    @staticmethod
    def redirect(h: BaseHTTPRequestHandler, to: str, status: int) -> None:
        h.send_response(status)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()


@pytest.fixture
def site() -> Iterator[Server]:
    server = Server()
    yield server
    server.stop()


def test_a_news_page_with_its_provenance(site: Server, tmp_path: Path) -> None:
    (doc,), failures = load_inputs([f"{site.base}/article"], data_dir=tmp_path)
    assert failures == []
    assert doc.path == f"{site.base}/article"
    assert doc.source == "The Riverton Ledger"
    assert doc.title == "Mayor of Riverton resigns after twelve years"
    assert "resigned on Monday after twelve years" in doc.text
    assert "cookies" not in doc.text and "Sport" not in doc.text  # banner and menu dropped
    p = doc.provenance
    assert p.url == f"{site.base}/article" and p.final_url == f"{site.base}/article"
    assert p.site == "The Riverton Ledger"
    assert p.authors == ("Ana Pereira", "Tom Ekwueme")
    assert p.published == "2024-03-14T09:30:00Z" and p.modified == "2024-03-14T17:05:00Z"
    assert p.canonical == "https://ledger.example/news/mayor-resigns"
    assert p.fetched_at and p.fetched_at.endswith("Z")
    # offsets point into the text as read (the snapshot's text)
    for s in doc.sentences:
        assert doc.text[s.start:s.end].strip()


def test_redirects_are_followed_and_recorded(site: Server, tmp_path: Path) -> None:
    (doc,), _ = load_inputs([f"{site.base}/old"], data_dir=tmp_path)
    assert doc.provenance.final_url == f"{site.base}/article"
    assert doc.provenance.redirects == (f"{site.base}/old", f"{site.base}/moved")
    assert "Helen Ashby" in doc.text


def test_gzip_and_a_charset_declared_only_in_the_page(site: Server, tmp_path: Path) -> None:
    (gz, latin, polish), _ = load_inputs(
        [f"{site.base}/gzip", f"{site.base}/latin1", f"{site.base}/polish"], data_dir=tmp_path)
    assert "Helen Ashby" in gz.text
    assert "Caf\u00e9 owners in Z\u00fcrich" in latin.text
    # detection alone reads these bytes as Windows-1252 ("£odzi"); the page says 1250
    assert "Prezydent Łodzi złożył w poniedziałek" in polish.text
    assert polish.title == "Prezydent Łodzi rezygnuje"


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 503"),
    ("/pdf", "not an HTML page or text (application/pdf)"),
    ("/big", "too large (25.0 MB; the limit is 20.0 MB)"),
    ("/bomb", "too large (over the limit of 20.0 MB)"),
    ("/consent", "no article text found"),
    ("/loop", "too many redirects"),
])
def test_bad_pages_get_one_line_naming_the_url(site: Server, tmp_path: Path, path: str,
                                               reason: str, capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    url = f"{site.base}{path}"
    assert main(["align", "--data-dir", str(tmp_path), url, str(SEEDS[0])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"sidebyside: {url}: ")
    assert reason in err


def test_refused_unknown_host_and_timeout(site: Server) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/")
    with pytest.raises(InputError, match=r"host not found \(no-such-host\.invalid\)"):
        fetch("http://no-such-host.invalid/news")
    with pytest.raises(InputError, match="timed out"):  # the page would take 30 s
        fetch(f"{site.base}/slow", read_timeout=0.5)
    with pytest.raises(InputError, match="not an http"):
        fetch("ftp://example.org/x")
    for broken in ("http://[::1/x", "http://127.0.0.1:99999/x", "http://exa mple.com/",
                   "http:///path-only", "http://host\x1b[31m.example/"):
        with pytest.raises(InputError, match="not a valid URL"):
            fetch(broken)


def test_snapshot_is_reused_offline_and_listed(site: Server, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}/article"
    (first,), _ = load_inputs([url], data_dir=tmp_path)
    site.stop()  # offline from here on
    (again,), failures = load_inputs([url], data_dir=tmp_path)
    assert failures == [] and again.text == first.text and again.fingerprint == first.fingerprint
    assert again.provenance == first.provenance
    assert main(["snapshots", "--data-dir", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert url in listing and "The Riverton Ledger" in listing and "1 snapshot(s)" in listing
    assert main(["snapshots", "--json", "--data-dir", str(tmp_path)]) == 0
    (kept,) = json.loads(capsys.readouterr().out)
    assert kept["url"] == url and kept["published"] == "2024-03-14T09:30:00Z"
    assert kept["bytes"] == len(ARTICLE.encode("utf-8"))
    raw = (tmp_path / "snapshots").glob("*.raw")
    assert b"cookie-banner" in next(raw).read_bytes()  # the page as sent, kept as evidence
    assert main(["snapshots", "--data-dir", str(tmp_path), "--delete", url]) == 0
    capsys.readouterr()
    assert main(["align", "--data-dir", str(tmp_path), url, str(SEEDS[0])]) == 2
    assert "connection refused" in capsys.readouterr().err


def test_refresh_fetches_again_and_reanchors_a_tag(site: Server, tmp_path: Path) -> None:
    from sidebyside.core.store import Store
    from sidebyside.core.tagging import TagBook

    url = f"{site.base}/changing"
    (old,), _ = load_inputs([url], data_dir=tmp_path)
    start = old.text.index("It has been the honour")
    end = old.text.index("this city,") + len("this city,")
    book = TagBook([old], Store(tmp_path))
    book.toggle(0, start, end, "quote")
    site.version = 2
    (same,), _ = load_inputs([url], data_dir=tmp_path)  # the snapshot: unchanged
    assert same.text == old.text
    (new,), _ = load_inputs([url], data_dir=tmp_path, refresh=True)
    assert new.text != old.text and "resigned on Tuesday" in new.text
    assert site.hits["/changing"] == 2
    placed = TagBook([new], Store(tmp_path)).for_doc(0)
    assert [new.text[p.start:p.end] for p in placed] == [old.text[start:end]]
    assert placed[0].start != start  # it moved with the new paragraph above it
    (after,), _ = load_inputs([url], data_dir=tmp_path)  # the refreshed snapshot is kept
    assert after.text == new.text


def test_several_urls_are_fetched_at_once(site: Server, tmp_path: Path) -> None:
    urls = [f"{site.base}/slowish?n={i}" for i in range(6)]
    seen: list[int] = []
    docs, failures = load_inputs(urls, data_dir=tmp_path,
                                 progress=lambda done, total, url: seen.append(done))
    assert len(docs) == 6 and failures == []
    assert site.max_active >= 2  # overlapping requests, not one after another
    assert sorted(seen) == [1, 2, 3, 4, 5, 6]
    assert [d.path for d in docs] == urls  # in the order given


def test_failures_are_kept_for_the_reader(site: Server, tmp_path: Path) -> None:
    docs, failures = load_inputs([f"{site.base}/article", f"{site.base}/missing",
                                  str(SEEDS[0])], data_dir=tmp_path, keep_failures=True)
    assert [d.path for d in docs] == [f"{site.base}/article", str(SEEDS[0])]
    assert [(f.name, f.reason) for f in failures] == [(f"{site.base}/missing",
                                                      "HTTP 404 Not Found")]


def test_input_list_file_with_comments(site: Server, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text(f"# coverage of the resignation\n\n{site.base}/article\n"
                       f"  {SEEDS[1]}  \n# {site.base}/missing\n", encoding="utf-8")
    assert read_list(str(listing)) == [f"{site.base}/article", str(SEEDS[1])]
    assert main(["align", "--json", "--data-dir", str(tmp_path / "d"), "-i", str(listing)]) == 0
    data = json.loads(capsys.readouterr().out)
    first, second = data["documents"]
    assert first["url"] == f"{site.base}/article" and first["site"] == "The Riverton Ledger"
    assert first["authors"] == ["Ana Pereira", "Tom Ekwueme"]
    assert first["published"] == "2024-03-14T09:30:00Z"
    assert second["url"] is None and second["path"].endswith(SEEDS[1].name)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert main(["align", "-i", str(empty)]) == 2
    assert "names no URL or file" in capsys.readouterr().err


def test_exports_name_the_url_as_the_w3c_source(site: Server, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from sidebyside.core.store import Store
    from sidebyside.core.tagging import TagBook

    url = f"{site.base}/article"
    (doc,), _ = load_inputs([url], data_dir=tmp_path)
    start = doc.text.index("The council will choose")
    TagBook([doc], Store(tmp_path)).toggle(0, start, start + 40, "claim")
    assert main(["export", "--format", "jsonld", "--data-dir", str(tmp_path), url]) == 0
    exported = json.loads(capsys.readouterr().out)
    (item,) = exported["items"] if "items" in exported else exported["first"]["items"]
    assert item["target"]["source"] == url
    assert item["target"]["sidebyside:fingerprint"] == f"urn:sha256:{doc.fingerprint}"
    assert item["target"]["sidebyside:path"] == url  # kept as given, not made a file path
    # and it comes back in: the same tag, not a second one
    path = tmp_path / "tags.jsonld"
    path.write_text(json.dumps(exported), encoding="utf-8")
    assert main(["import", "--data-dir", str(tmp_path), str(path)]) == 0
    assert len(Store(tmp_path).all()) == 1
    assert main(["export", "--format", "csv", "--data-dir", str(tmp_path), url]) == 0
    assert url in capsys.readouterr().out


async def test_reader_shows_a_failed_url_as_a_failed_pane(tmp_path: Path) -> None:
    from sidebyside.core import load
    from sidebyside.core.web import Failure
    from sidebyside.tui.app import SidebysideApp

    docs = [load(p) for p in SEEDS[:2]]
    failure = Failure("https://news.example/story\x1b]0;pwned\x07", "HTTP 404 Not Found\x1b[2J")
    app = SidebysideApp(docs, failures=[failure])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        pane = app.screen.query_one("#failed-0")
        shown = str(pane.render())
        assert "not opened" in shown and "https://news.example/story" in shown
        assert "HTTP 404 Not Found" in shown
        assert "\x1b" not in shown and "\x07" not in shown  # a URL is never a terminal command
        told = [n.message for n in app._notifications if "could not be opened" in n.message]
        assert told and told[0].startswith("1 of 3 inputs could not be opened")
        assert "\x1b" not in told[0]
        assert len(app.reader.views) == 2  # the others open and align as usual
        await pilot.resize_terminal(80, 24)  # narrow: names cut, then figures abbreviated
        await pilot.pause()
        for p in app.reader.panes:
            first = p.header.render().plain.split("\n")[0].rstrip()
            assert first.endswith((" related", " rel.")) and "%" in first, first
            assert len(first) <= p.header.content_region.width
        await pilot.press("tab")
        assert app.focused is app.reader.views[1]


def _dated(name: str, site: str, published: str | None, body: str):  # type: ignore[no-untyped-def]
    from sidebyside.core.ingest import from_text
    from sidebyside.core.provenance import Provenance

    prov = Provenance(url=f"https://{name}.example/story", site=site, published=published,
                      authors=("A. Writer",), fetched_at="2024-03-15T08:00:00Z")
    return from_text(body, f"https://{name}.example/story", site_name=site, provenance=prov)


QUOTE_STORY = ("Mayor resigns\n\nThe mayor of Riverton resigned on Monday after twelve years in "
               "office. \"It has been the honour of my life to serve this city and its people,\" "
               "she told reporters outside city hall.\n")


def test_report_orders_by_date_and_names_who_carried_a_quotation_first() -> None:
    from sidebyside.core.align import align_documents
    from sidebyside.core.provenance import chronological
    from sidebyside.core.report import build_report, render_markdown

    late = _dated("late", "Late Herald", "2024-03-14T18:00:00Z", QUOTE_STORY)
    undated = _dated("undated", "Undated Post", None, QUOTE_STORY.replace("Monday", "Monday "))
    early = _dated("early", "Early Times", "2024-03-14T09:30:00+00:00", QUOTE_STORY)
    ordered = chronological([late, undated, early])
    assert [d.source for d in ordered] == ["Early Times", "Late Herald", "Undated Post"]
    report = build_report(align_documents(ordered))
    assert [s["published"] for s in report["sources"]] == [
        "2024-03-14T09:30:00+00:00", "2024-03-14T18:00:00Z", None]
    (quote,) = [q for q in report["quotations"] if "honour of my life" in q["text"]]
    assert quote["first"] == {"source": "Early Times", "published": "2024-03-14T09:30:00+00:00"}
    assert "first: Early Times (2024-03-14T09:30:00+00:00)" in render_markdown(report)
    # two outlets with the same date: nobody was first
    twin = _dated("twin", "Twin Daily", "2024-03-14T09:30:00+00:00", QUOTE_STORY)
    report = build_report(align_documents([early, twin]))
    assert all(q["first"] is None for q in report["quotations"])


async def test_pane_header_and_details_screen_show_the_provenance() -> None:
    from sidebyside.core import load
    from sidebyside.tui.app import SidebysideApp
    from sidebyside.tui.screens.details import DetailsScreen

    web = _dated("early", "Early Times", "2024-03-14T09:30:00Z", QUOTE_STORY)
    app = SidebysideApp([web, load(SEEDS[0])], one_story=True)  # two events, side by side
    async with app.run_test(size=(160, 40)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        header = str(app.reader.panes[0].header.render())
        assert header.startswith("Early Times · 2024-03-14")
        await pilot.press("i")
        assert isinstance(app.screen, DetailsScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        for expected in ("About this article", "Early Times", "A. Writer",
                         "2024-03-14T09:30:00Z", "https://early.example/story",
                         "2024-03-15T08:00:00Z"):
            assert expected in shown, expected
        await pilot.press("escape")
        assert app.screen is app.reader
        await pilot.press("tab", "i")  # a file: its path, and no publisher's metadata
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "seeds/" in shown and "no publisher's metadata" in shown


async def test_fetch_screen_shows_progress_and_returns_documents_and_failures(
        site: Server, tmp_path: Path) -> None:
    from sidebyside.tui.fetching import FetchApp
    from textual.widgets import ProgressBar

    urls = [f"{site.base}/slowish?n={i}" for i in range(3)] + [f"{site.base}/missing"]
    app = FetchApp([*urls, str(SEEDS[0])], data_dir=str(tmp_path), refresh=False,
                   pending=urls)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.query_one(ProgressBar)
        assert bar.total == 4
        shown = str(app.query_one("#fetch-title").render())
        assert "Fetching 4 page(s)" in shown
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert bar.progress == 4
    documents, failures = app.return_value
    assert [d.path for d in documents] == [*urls[:3], str(SEEDS[0])]
    assert [f.name for f in failures] == [f"{site.base}/missing"]
    assert site.max_active >= 2


async def test_panes_in_order_of_publication_and_d_toggles() -> None:
    from sidebyside.tui.app import SidebysideApp

    late = _dated("late", "Late Herald", "2024-03-14T18:00:00Z", QUOTE_STORY)
    plain = _dated("plain", "Plain News", None, QUOTE_STORY.replace("Monday", "Monday "))
    early = _dated("early", "Early Times", "2024-03-14T09:30:00Z", QUOTE_STORY)
    app = SidebysideApp([late, plain, early], by_date=True)

    def on_screen() -> list[str]:
        row = app.reader.query_one("#panes")
        return [p.document.source for p in row.children if hasattr(p, "document")]

    async with app.run_test(size=(200, 40)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        assert on_screen() == ["Early Times", "Late Herald", "Plain News"]
        assert str(app.reader.panes[2].header.render()).split("\n")[1].startswith("1/3")
        assert app.focused is app.reader.views[2]  # the leftmost pane has the cursor
        await pilot.press("tab")
        assert app.focused is app.reader.views[0]  # tab goes right: Late Herald
        await pilot.press("D")
        await pilot.pause()
        assert on_screen() == ["Late Herald", "Plain News", "Early Times"]
        assert str(app.reader.panes[2].header.render()).split("\n")[1].startswith("3/3")
        await pilot.press("tab")
        assert app.focused is app.reader.views[1]
        await pilot.press("D")
        await pilot.pause()
        assert on_screen() == ["Early Times", "Late Herald", "Plain News"]


def test_reader_with_every_input_failing_says_why_and_exits_2(
        site: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = [f"{site.base}/missing", f"{site.base}/pdf"]
    assert main(["--data-dir", str(tmp_path), *bad]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"sidebyside: {bad[0]}: HTTP 404 Not Found",
                   f"sidebyside: {bad[1]}: not an HTML page or text (application/pdf)"]


def test_html_files_carry_their_dates_and_the_report_orders_by_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = ARTICLE.replace("2024-03-14T09:30:00Z", "2024-03-15T07:00:00Z").replace(
        "The Riverton Ledger", "The Late Gazette")
    (tmp_path / "a-late.html").write_text(late, encoding="utf-8")
    (tmp_path / "b-early.html").write_text(ARTICLE, encoding="utf-8")
    files = [str(tmp_path / "a-late.html"), str(tmp_path / "b-early.html")]
    assert main(["report", "--format", "json", "--data-dir", str(tmp_path), *files]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(s["source"], s["published"]) for s in report["sources"]] == [
        ("The Riverton Ledger", "2024-03-14T09:30:00Z"),
        ("The Late Gazette", "2024-03-15T07:00:00Z")]
    (quote,) = [q for q in report["quotations"] if "honour of my life" in q["text"]]
    assert quote["first"] == {"source": "The Riverton Ledger", "published": "2024-03-14T09:30:00Z"}
    assert main(["report", "--format", "json", "--order", "given", "--data-dir", str(tmp_path),
                 *files]) == 0
    given = json.loads(capsys.readouterr().out)
    assert [s["source"] for s in given["sources"]] == ["The Late Gazette", "The Riverton Ledger"]
