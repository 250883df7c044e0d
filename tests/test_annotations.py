"""Annotations: the W3C model, re-anchoring after edits, and the SQLite store."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core.anchoring import EXACT, FUZZY, MOVED, ORPHAN, reanchor
from sidebyside.core.annotations import Annotation, make_annotation
from sidebyside.core.store import Store, StoreError, StoreWriteError

from .conftest import ROOT

TEXT = (
    "Rebels Take Town\n\nThe rebels took the town of Example on Sunday. "
    "“We will not leave,” said the commander. Officials said 12 people died.\n"
)


def doc(text: str = TEXT, name: str = "a.txt") -> core.Document:
    return core.from_text(text, name)


def tag_sentence(d: core.Document, i: int, tag: str = "claim") -> Annotation:
    s = d.sentences[i]
    return make_annotation(d, s.start, s.end, tag)


# --- the model ---------------------------------------------------------------------------


def test_selectors_and_jsonld_round_trip() -> None:
    d = doc()
    a = make_annotation(d, TEXT.index("“We"), TEXT.index("leave,”") + 7, "quote", "the commander")
    assert a.exact == "“We will not leave,”"
    assert TEXT.endswith(a.suffix + TEXT[a.end + len(a.suffix) :])
    assert len(a.prefix) == 32 and TEXT[a.start - 32 : a.start] == a.prefix
    data = a.to_jsonld()
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    types = [s["type"] for s in data["target"]["selector"]]
    assert types == ["TextPositionSelector", "TextQuoteSelector"]
    assert Annotation.from_jsonld(json.loads(json.dumps(data))) == a


def test_bad_tags_and_passages_are_refused() -> None:
    d = doc()
    with pytest.raises(ValueError):
        make_annotation(d, 0, 5, "opinion")
    with pytest.raises(ValueError):
        make_annotation(d, 5, 5, "claim")


# --- re-anchoring --------------------------------------------------------------------------


def test_unchanged_text_is_exact() -> None:
    d = doc()
    a = tag_sentence(d, 2)
    assert reanchor(a, d.text).method == EXACT


def test_text_inserted_before_moves_the_tag() -> None:
    d = doc()
    a = tag_sentence(d, 3)
    edited = TEXT.replace("Rebels Take Town", "UPDATED: Rebels Take The Town After A Week")
    anchor = reanchor(a, edited)
    assert anchor.method == MOVED
    assert edited[anchor.start : anchor.end] == a.exact


def test_nearest_occurrence_wins() -> None:
    text = "Yes. Yes. Yes. The end.\n"
    d = doc(text)
    a = make_annotation(d, 5, 9, "quote")  # the second "Yes."
    edited = "Intro. " + text
    anchor = reanchor(a, edited)
    assert anchor.method == MOVED and anchor.start == 5 + len("Intro. ")


def test_edited_quote_is_found_fuzzily() -> None:
    d = doc()
    a = tag_sentence(d, 2, "quote")  # “We will not leave,” said the commander.
    edited = TEXT.replace("said the commander", "said the rebel commander")
    anchor = reanchor(a, edited)
    assert anchor.method == FUZZY
    assert edited[anchor.start : anchor.end].startswith("“We will not leave,”")


def test_deleted_passage_is_an_orphan_not_dropped() -> None:
    d = doc()
    a = tag_sentence(d, 3)
    edited = TEXT.replace("Officials said 12 people died.", "")
    assert reanchor(a, edited).method == ORPHAN


_EDIT = st.tuples(st.integers(0, len(TEXT)), st.integers(0, 12), st.text(max_size=12))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 3), st.lists(_EDIT, max_size=3))
def test_any_edit_keeps_the_tag_placed_correctly_or_orphaned(index, edits) -> None:
    d = doc()
    a = tag_sentence(d, index)
    text = TEXT
    for at, length, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + length :]
    anchor = reanchor(a, text)
    if anchor.method in (EXACT, MOVED):
        assert text[anchor.start : anchor.end] == a.exact
    elif anchor.method == FUZZY:
        from rapidfuzz import fuzz

        assert 0 <= anchor.start < anchor.end <= len(text)
        assert fuzz.ratio(text[anchor.start : anchor.end], a.exact) >= 75
    else:
        assert anchor.method == ORPHAN


# --- the store -----------------------------------------------------------------------------


def test_store_round_trip_by_fingerprint_and_path(tmp_path: Path) -> None:
    d = doc()
    store = Store(tmp_path)
    assert store.wal
    a, b = tag_sentence(d, 1), tag_sentence(d, 2, "quote")
    store.save(a)
    store.save(b)
    assert [x.id for x in store.for_document(d.fingerprint, "elsewhere.txt")] == [a.id, b.id]
    changed = doc(TEXT + "More.\n", "a.txt")
    assert len(store.for_document(changed.fingerprint, "a.txt")) == 2  # same path
    store.save(b.with_note("check this"))
    assert store.get(b.id).note == "check this"
    store.delete(a.id)
    assert [x.id for x in Store(tmp_path).all()] == [b.id]  # seen by a fresh connection


def test_two_instances_both_keep_their_tags(tmp_path: Path) -> None:
    d = doc()
    one, two = Store(tmp_path), Store(tmp_path)
    one.save(tag_sentence(d, 1))
    two.save(tag_sentence(d, 2))
    assert len(Store(tmp_path).all()) == 2


def test_corrupt_store_is_reported_and_never_touched(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite3"
    garbage = b"this is not a database, but somebody's file" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message and "untouched" in message
    assert path.read_bytes() == garbage


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path)
    assert path.read_bytes() == before


def test_failed_write_raises_store_write_error(tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path)

    class Full:
        def execute(self, sql, params=()):
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return store_db.execute(sql, params)

    store_db = store._db
    monkeypatch.setattr(store, "_db", Full())
    with pytest.raises(StoreWriteError, match="disk is full"):
        store.save(tag_sentence(doc(), 1))
    monkeypatch.setattr(store, "_db", store_db)
    assert store.all() == []  # the failed transaction left nothing half-written


def test_sigkill_right_after_saving_loses_nothing(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys, core\n"
        "from sidebyside.core.annotations import make_annotation\n"
        "from sidebyside.core.store import Store\n"
        "d = core.from_text(sys.argv[2], 'a.txt')\n"
        "s = Store(sys.argv[1])\n"
        "s.save(make_annotation(d, d.sentences[1].start, d.sentences[1].end, 'claim'))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path), TEXT], cwd=ROOT)
    assert out.returncode == -signal.SIGKILL
    saved = Store(tmp_path).all()
    assert len(saved) == 1 and saved[0].exact == doc().sentence_text(1)


def test_the_store_reads_in_full_only_the_tags_of_articles_not_open(tmp_path: Path) -> None:
    docs = [core.from_text(f"Title {k}\n\nSentence number {k} of the story.\n", f"/x/{k}.txt")
            for k in range(3)]
    store = Store(tmp_path)
    made = [make_annotation(d, 0, 7, "claim") for d in docs]
    store.save(*made)
    from sidebyside.core.annotations import absolute

    outside = store.outside({docs[0].fingerprint}, {absolute(docs[1].path)})
    assert [a.id for a in outside] == [made[2].id]
    assert store.outside(set(), set()) == store.all()  # none open: every tag, in order
