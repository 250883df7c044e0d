"""The comparison report (core) and `sidebyside report` in each format, on the seeds."""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

import core
from core.align import align_documents
from core.report import build_report, render_markdown

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
    assert set(data) == {"sources", "matrix", "pairs", "quotations", "unique"}
    assert any(q["text"].startswith("This is a big moment") and q["sources"] ==
               ["Smart Media Magazine", "The Hill"] for q in data["quotations"])


def test_cli_report_bad_input(tmp_path: Path, cli_env) -> None:
    out = run(["report", str(tmp_path / "missing.txt")], cli_env)
    assert out.returncode == 2 and len(out.stderr.decode().strip().splitlines()) == 1
