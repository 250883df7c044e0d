"""The comparison report (core) and `sidebyside report` in each format, on the seeds."""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

from sidebyside import core
from sidebyside.core.align import align_documents
from sidebyside.core.report import build_report, render_markdown

from .conftest import sidebyside_cmd


@functools.cache
def report() -> dict:
    return build_report(align_documents(core.load_many(core.seed_paths())))


def test_shared_quotations_with_sources_and_speakers() -> None:
    def quote(start: str) -> dict:
        return next(q for q in report()["quotations"] if q["text"].startswith(start))

    big = quote("This is a big moment not just")
    assert big["sources"] == ["Smart Media Magazine", "The Hill"]
    assert big["speaker"] == "Kino Gabriel"
    assert "But the ISIS threat remains around the globe." in big["text"]  # one statement
    hill = next(c for c in big["carried_by"] if c["source"] == "The Hill")
    assert ["delete", ","] in hill["diff"]  # The Hill drops a comma: the diff shows it
    bali = quote("Baghouz is free and the military")
    assert bali["sources"] == ["Crimeandmoreworld", "The Hill"]
    assert bali["speaker"] == "Mustafa Bali"


def test_matrix_sources_unique_and_pairs() -> None:
    r = report()
    n = len(r["sources"])
    assert len(r["matrix"]) == n and all(len(row) == n for row in r["matrix"])
    assert all(r["matrix"][i][i] == 1.0 for i in range(n))
    for s, u in zip(r["sources"], r["unique"], strict=True):
        assert s["unique"] == len(u["sentences"])
        assert 0.0 <= s["shared_fraction"] <= 1.0
        assert set(s["tags"]) == {"quote", "claim", "boilerplate"}
    smart = next(u for u in r["unique"] if u["source"] == "Smart Media Magazine")
    assert any(s["text"].startswith("“It’s getting smaller,”") for s in smart["sentences"])
    assert all(p["a"] < p["b"] and p["links"] for p in r["pairs"])


def test_markdown_lists_the_quotation_with_both_sources() -> None:
    md = render_markdown(report())
    i = md.index("This is a big moment not just for us")
    assert "carried by: Smart Media Magazine, The Hill" in md[i : i + 400]
    assert "## What only one source reports" in md


def run(args, env):
    return subprocess.run([*sidebyside_cmd(), *args], capture_output=True, env=env, timeout=120)


def test_cli_report_md_and_json(tmp_path: Path, cli_env) -> None:
    out = run(["report"], cli_env)
    assert out.returncode == 0, out.stderr
    assert "Quotations carried by two or more sources" in out.stdout.decode()
    target = tmp_path / "report.json"
    out = run(["report", "--format", "json", "-o", str(target)], cli_env)
    assert out.returncode == 0 and out.stdout == b""
    data = json.loads(target.read_text())
    assert set(data) == {"sources", "documents", "matrix", "pairs", "quotations", "divergences",
                         "unique"}
    assert data["divergences"] == []  # the samples' linked sentences agree on every figure
    assert any(q["text"].startswith("This is a big moment") and q["sources"] ==
               ["Smart Media Magazine", "The Hill"] for q in data["quotations"])


def test_cli_report_bad_input(tmp_path: Path, cli_env) -> None:
    out = run(["report", str(tmp_path / "missing.txt")], cli_env)
    assert out.returncode == 2 and len(out.stderr.decode().strip().splitlines()) == 1


def test_html_report_is_self_contained_and_parses(tmp_path: Path, cli_env) -> None:
    from html.parser import HTMLParser

    target = tmp_path / "report.html"
    out = run(["report", "--format", "html", "-o", str(target)], cli_env)
    assert out.returncode == 0, out.stderr
    html = target.read_text(encoding="utf-8")

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.external: list[str] = []
            self.articles = 0
            self.text: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            attrs = dict(attrs)
            for key in ("src", "href"):
                if key in attrs:
                    self.external.append(attrs[key])
            if attrs.get("class") == "article":
                self.articles += 1

        def handle_data(self, data):
            self.text.append(data)

    p = Parser()
    p.feed(html)
    assert "script" not in p.tags and p.external == []  # no scripts, no network
    assert "style" in p.tags and p.articles == 5
    text = " ".join(" ".join(p.text).split())
    i = text.index("This is a big moment not just for us")
    assert "Kino Gabriel" in text[i : i + 600]
    assert "carried by Smart Media Magazine, The Hill" in text[i : i + 600]


def test_html_escapes_article_text() -> None:
    from sidebyside.core.report_html import render_html

    a = core.from_text("Title here now\n\nA <script>alert(1)</script> & more [1].\n", "a.txt")
    b = core.from_text("Other title here\n\nNothing in common at all.\n", "b.txt")
    html = render_html(build_report(align_documents([a, b])))
    assert "<script>" not in html and "&lt;script&gt;" in html and "[1]" in html
