"""Link judgements in core and on the command line: keyed by content (they survive edits
elsewhere in an article), applied to any alignment, exported and imported as W3C Web
Annotations with the motivation `linking`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sidebyside import core
from sidebyside.core.align import USER, align_documents
from sidebyside.core.judgements import LINK, REJECT, from_jsonld, make_judgement, to_jsonld
from sidebyside.core.store import Store
from sidebyside.core.tagging import TagBook

from .conftest import sidebyside_cmd

A = ["Ferry service resumes", "The ferry to Skellig resumed on Monday after a two-week strike.",
     "Crews had walked out over a new roster.", "The harbour master praised the deal."]
B = ["Skellig ferry back", "After two weeks on strike, crews brought the Skellig ferry back.",
     "Tourists queued at the pier before dawn."]


def article(name: str, paragraphs: list[str], folder: Path | None = None) -> core.Document:
    text = "\n\n".join(paragraphs) + "\n"
    if folder is None:
        return core.from_text(text, f"{name}.txt")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return core.load(path)


def test_judgement_keys_are_content_and_order_free() -> None:
    j1 = make_judgement("One  fact.", "Other “fact”.", LINK, "2026-01-01T00:00:00Z")
    j2 = make_judgement("Other \"fact\".", "One fact.", LINK, "2026-01-01T00:00:00Z")
    assert j1.pair == j2.pair
    with pytest.raises(ValueError):
        make_judgement("a", "b", "maybe", "2026-01-01T00:00:00Z")
    assert from_jsonld(to_jsonld(j1)) == j1


def test_a_rejection_and_a_drawn_link_survive_an_edit_elsewhere(tmp_path: Path) -> None:
    a, b = article("a", A), article("b", B)
    store = Store(tmp_path)
    book = TagBook([a, b], store)
    al = align_documents([a, b])
    engine_links = {(lk.a, lk.b) for lk in al.links}
    assert ((0, 1), (1, 1)) in engine_links  # the ferry resumed / brought back
    book.judge_link((0, 1), (1, 1), REJECT)
    book.judge_link((0, 3), (1, 2), LINK)  # an odd link, but the user's call
    store.close()
    # the first article gains a paragraph above: positions move, contents do not
    edited = article("a", ["Ferry service resumes", "Breaking news from the islands.", *A[1:]])
    book2 = TagBook([edited, b], Store(tmp_path))
    shown = align_documents([edited, b]).judged(*book2.link_pairs())
    pairs = {(lk.a, lk.b): lk for lk in shown.links}
    assert ((0, 2), (1, 1)) not in pairs  # still rejected
    assert pairs[((0, 4), (1, 2))].by == USER
    assert shown.status[0][4] != "unique"


def test_export_and_import_carry_link_judgements(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    a, b = article("a", A, folder), article("b", B, folder)
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    book = TagBook([a, b], Store(mine))
    book.judge_link((0, 1), (1, 1), REJECT)
    book.judge_link((0, 3), (1, 2), LINK)
    book.toggle(0, a.sentences[2].start, a.sentences[2].end, "claim")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*sidebyside_cmd(), *args], capture_output=True, text=True,
                              env=cli_env)

    out = run("export", "--format", "jsonld", "--data-dir", str(mine))
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)["first"]["items"]
    linking = [x for x in items if x.get("motivation") == "linking"]
    assert len(linking) == 2 and len(items) == 3
    assert {x["body"][0]["value"] for x in linking} == {LINK, REJECT}
    exported = tmp_path / "mine.jsonld"
    exported.write_text(out.stdout, encoding="utf-8")
    out = run("import", str(exported), "--data-dir", str(theirs))
    assert out.returncode == 0, out.stderr
    assert "1 tag(s) and 2 link judgement(s)" in out.stdout
    out = run("import", str(exported), "--data-dir", str(theirs))  # nothing twice
    assert "0 tag(s) and 0 link judgement(s)" in out.stdout
    store = Store(theirs)
    assert sorted(j.verdict for j in store.judgements()) == [LINK, REJECT]
    store.close()
    out = run("align", str(folder / "a.txt"), str(folder / "b.txt"), "--json",
              "--data-dir", str(theirs))
    data = json.loads(out.stdout)
    pairs = {(tuple(x["a"]), tuple(x["b"])): x for x in data["links"]}
    assert ((0, 1), (1, 1)) not in pairs
    assert pairs[((0, 3), (1, 2))]["by"] == "user"
    md = run("export", "--format", "md", "--data-dir", str(theirs)).stdout
    assert "## Links you judged" in md and "**not the same fact**" in md
