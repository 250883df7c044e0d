from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import sidebyside_cmd


def run(args: list[str], env: dict[str, str], stdin: bytes | None = None):
    return subprocess.run(
        [*sidebyside_cmd(), *args], capture_output=True, env=env, input=stdin, timeout=120
    )


def test_align_json_schema(cli_env: dict[str, str], seed_paths: list[str]) -> None:
    out = run(["align", "--json", *seed_paths], cli_env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"documents", "links", "groups"}
    assert len(data["documents"]) == 5
    for d in data["documents"]:
        keys = {"path", "source", "title", "text", "fingerprint", "paragraphs", "sentences"}
        assert set(d) >= keys
        text = d["text"]
        assert Path(d["path"]).read_text(encoding="utf-8") == text
        for s in d["sentences"]:
            chunk = text[s["start"] : s["end"]]
            assert chunk == chunk.strip() and chunk
            p = d["paragraphs"][s["paragraph"]]
            assert p["start"] <= s["start"] and s["end"] <= p["end"]


def test_align_defaults_to_seeds(cli_env: dict[str, str]) -> None:
    out = run(["align", "--json"], cli_env)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["documents"]) == 5


def test_align_reads_stdin(cli_env: dict[str, str], seed_paths: list[str]) -> None:
    out = run(["align", "--json", "-", seed_paths[0]], cli_env, stdin=b"Hello there. Bye now.\n")
    assert out.returncode == 0, out.stderr
    docs = json.loads(out.stdout)["documents"]
    assert docs[0]["path"] == "-" and docs[0]["text"] == "Hello there. Bye now.\n"


def test_align_summary_names_sources(cli_env: dict[str, str]) -> None:
    out = run(["align"], cli_env)
    assert out.returncode == 0
    assert "Smart Media Magazine" in out.stdout.decode()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "no article files"),
        (lambda d: ((d / "e.txt").write_bytes(b"") and d / "e.txt") or d / "e.txt", "empty"),
        (lambda d: (d / "b.bin").write_bytes(b"\x00\x01" * 100) and d / "b.bin", "binary"),
    ],
)
def test_bad_input_one_line_exit_2(cli_env: dict[str, str], tmp_path: Path, make, words) -> None:
    target = str(make(tmp_path))
    for args in (["align", target], ["align", "--json", target]):
        out = run(args, cli_env)
        assert out.returncode == 2
        assert out.stdout == b""
        lines = out.stderr.decode().strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert target in lines[0] and words in lines[0]
        assert "Traceback" not in out.stderr.decode()


def test_reader_refuses_bad_file_before_starting(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = run([str(tmp_path / "nope.txt")], cli_env)
    assert out.returncode == 2
    assert out.stderr.decode().strip() == f"sidebyside: {tmp_path / 'nope.txt'}: no such file"


@pytest.mark.parametrize("args", [["--help"], ["align", "--help"]])
def test_help(cli_env: dict[str, str], args: list[str]) -> None:
    out = run(args, cli_env)
    assert out.returncode == 0
    assert b"usage: sidebyside" in out.stdout


def test_align_json_links_groups_status(cli_env: dict[str, str]) -> None:
    out = run(["align", "--json"], cli_env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    docs = data["documents"]
    assert data["links"], "the seeds share sentences"
    assert data["sensitivity"] == "default"
    for link in data["links"]:
        assert set(link) == {"a", "b", "score", "kind", "by", "evidence"}
        (da, sa), (db, sb) = link["a"], link["b"]
        assert da != db
        assert 0 <= sa < len(docs[da]["sentences"]) and 0 <= sb < len(docs[db]["sentences"])
        assert link["kind"] in ("same", "related") and 0.0 <= link["score"] <= 1.0
        assert link["by"] == "engine"
        # every link says why, with spans inside both sentences
        assert link["evidence"]
        sent_a, sent_b = docs[da]["sentences"][sa], docs[db]["sentences"][sb]
        for ev in link["evidence"]:
            assert ev["what"] in ("quote", "name", "number", "phrase", "paraphrase")
            assert sent_a["start"] <= ev["a"][0] < ev["a"][1] <= sent_a["end"]
            assert sent_b["start"] <= ev["b"][0] < ev["b"][1] <= sent_b["end"]
    for group in data["groups"]:
        assert set(group) == {"id", "members"} and len(group["members"]) >= 2
    statuses = {s["status"] for d in docs for s in d["sentences"]}
    assert statuses == {"shared", "related", "unique"}
    # the quotation carried by Smart Media Magazine and The Hill, linked as same
    texts = {
        (i, j): d["text"][s["start"] : s["end"]]
        for i, d in enumerate(docs)
        for j, s in enumerate(d["sentences"])
    }
    same = [(tuple(lk["a"]), tuple(lk["b"])) for lk in data["links"] if lk["kind"] == "same"]
    assert any(
        texts[a].startswith("“This is a big moment") and texts[b].startswith("“This is a big")
        for a, b in same
    )


def test_align_summary_has_matrix_and_shared_passages(cli_env: dict[str, str]) -> None:
    out = run(["align"], cli_env)
    text = out.stdout.decode()
    assert "Similarity" in text and "Shared passages" in text
    assert "This is a big moment" in text


def test_reader_turns_garbage_collection_back_on(tmp_path: Path, capsys) -> None:
    """The reader pauses garbage collection while it starts; however it ends (here: a missing
    file, before the app starts), collection is on again for the rest of the process."""
    import gc

    from sidebyside.tui.cli import main

    assert gc.isenabled()
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err
    assert gc.isenabled()
