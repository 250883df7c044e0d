"""Suggested tags in core: boilerplate, quotes with speakers, claims; and their store."""

from __future__ import annotations

import functools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core.samples import seed_paths
from sidebyside.core.store import Store
from sidebyside.core.suggest import Suggestion, suggest
from sidebyside.core.tagging import TagBook

from .conftest import ROOT


@functools.cache
def seeds() -> tuple[list[core.Document], list[Suggestion]]:
    docs = core.load_many(seed_paths())
    return docs, suggest(docs, core.align_documents(docs))


def tagged(source: str, tag: str) -> list[str]:
    docs, found = seeds()
    d = next(i for i, doc in enumerate(docs) if doc.source == source)
    return [docs[d].text[x.start : x.end] for x in found if x.doc == d and x.tag == tag]


def test_every_suggestion_points_into_its_document() -> None:
    docs, found = seeds()
    assert found
    for x in found:
        assert 0 <= x.start < x.end <= len(docs[x.doc].text)
        assert 0.0 <= x.score <= 1.0
        assert x.tag in ("quote", "claim", "boilerplate")


def test_page_furniture_is_boilerplate_and_the_headline_is_not() -> None:
    hill = tagged("The Hill", "boilerplate")
    for furniture in ("Defense", "Getty", "Copyright 2024 Nexstar Media Inc.", "Load more"):
        assert furniture in hill
    assert not any(t.startswith("US-backed forces claim victory") for t in hill)
    assert tagged("Scotsman", "boilerplate").count("Hide Ad") == 4
    # the cookie notice printed twice: both copies
    crime = tagged("Crimeandmoreworld", "boilerplate")
    assert crime.count("Privacy & Cookies: This site uses cookies.") == 2
    # reporting that introduces a quotation is not furniture, nor is a sub-heading
    breitbart = tagged("Breitbart", "boilerplate")
    assert "Bolton told ABC News:" not in breitbart
    assert "Declaring victory" not in crime


def test_quotes_carry_their_speakers() -> None:
    docs, found = seeds()
    quotes = {docs[x.doc].text[x.start : x.end]: x.speaker for x in found if x.tag == "quote"}
    assert quotes["It’s getting smaller,"] == "Dure Ahmed"
    assert quotes["The territorial caliphate has been eliminated in Syria,"] == (
        "Sarah Huckabee Sanders")


def test_claims_are_concrete_factual_sentences_not_quotes_or_furniture() -> None:
    claims = tagged("The Hill", "claim")
    assert any("more than 100,000 bombs" in c for c in claims)
    assert not any(c.startswith("“") for c in claims)
    assert "Copyright 2024 Nexstar Media Inc." not in claims


def test_align_json_lists_suggestions() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sidebyside", "align", "--json", str(ROOT / "seeds/the-hill.txt"),
         str(ROOT / "seeds/scotsman.txt")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    data = json.loads(out.stdout)
    first = data["suggestions"][0]
    assert set(first) >= {"doc", "start", "end", "tag", "score"}
    quotes = [x for x in data["suggestions"] if x["tag"] == "quote"]
    assert quotes and all("speaker" in q for q in quotes)
    text = data["documents"][quotes[0]["doc"]]["text"]
    assert text[quotes[0]["start"] : quotes[0]["end"]].strip()


def test_rejections_are_stored_per_content_and_undoable(tmp_path: Path) -> None:
    docs, _ = seeds()
    book = TagBook(docs, Store(tmp_path))
    book.reject(0, 10, 20, "claim")
    assert book.is_rejected(0, 10, 20, "claim")
    assert TagBook(docs, Store(tmp_path)).is_rejected(0, 10, 20, "claim")
    book.undo()
    assert not book.is_rejected(0, 10, 20, "claim")
    assert not TagBook(docs, Store(tmp_path)).is_rejected(0, 10, 20, "claim")
    book.redo()
    assert TagBook(docs, Store(tmp_path)).is_rejected(0, 10, 20, "claim")


def test_a_version_1_store_is_migrated_and_keeps_its_tags(tmp_path: Path) -> None:
    docs, _ = seeds()
    store = Store(tmp_path)
    TagBook(docs, store).toggle(0, 0, 10, "quote")
    store.close()
    db = sqlite3.connect(tmp_path / "annotations.sqlite3")  # make it a version-1 file again
    db.execute("DROP TABLE rejections")
    db.execute("DROP TABLE link_judgements")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    book = TagBook(docs, Store(tmp_path))
    assert [p.annotation.tag for p in book.all()] == ["quote"]
    book.reject(0, 10, 20, "claim")
    assert TagBook(docs, Store(tmp_path)).is_rejected(0, 10, 20, "claim")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Hide Ad", "“We won,” said Jane Doe.", "\n\n", "Copyright 2024", " 4,000 troops died in 2019.",
    "Privacy & Cookies: This site uses cookies.", "Picture: AP Photo", "\n", " ", "“", "”",
    "Bolton told ABC News:", "Related topics:", "x", "He said: “It is over.",
]), min_size=1, max_size=30))
def test_suggestions_for_any_page_point_into_it(parts: list[str]) -> None:
    text = "Title\n\n" + "".join(parts)
    doc = core.from_text(text, "page.txt")
    for x in suggest([doc]):
        assert 0 <= x.start < x.end <= len(text)
        assert 0.0 <= x.score <= 1.0


def test_a_version_3_store_gains_the_speaker_column_and_keeps_its_tags(tmp_path: Path) -> None:
    docs, _ = seeds()
    store = Store(tmp_path)
    TagBook(docs, store).toggle(0, 0, 10, "claim")
    store.close()
    db = sqlite3.connect(tmp_path / "annotations.sqlite3")  # as version 3 wrote it
    db.execute("ALTER TABLE annotations DROP COLUMN speaker")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    book = TagBook(docs, Store(tmp_path))
    assert [(p.annotation.tag, p.annotation.speaker) for p in book.all()] == [("claim", "")]
    book.toggle(0, 20, 30, "quote", "Mustafa Bali")
    again = TagBook(docs, Store(tmp_path))
    assert sorted(p.annotation.speaker for p in again.all()) == ["", "Mustafa Bali"]
    with sqlite3.connect(tmp_path / "annotations.sqlite3") as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 4
