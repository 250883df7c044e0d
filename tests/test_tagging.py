"""The session's tags: toggle, remove, notes, undo/redo, saving, pending writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sidebyside import core
from sidebyside.core.store import Store
from sidebyside.core.tagging import TagBook, quotation_in

TEXT = (
    "Rebels Take Town\n\nThe rebels took the town of Example on Sunday. "
    "“We will not leave,” said the commander. Officials said 12 people died.\n"
)


def book(tmp_path: Path, text: str = TEXT, name: str = "a.txt") -> tuple[TagBook, core.Document]:
    d = core.from_text(text, str(tmp_path / name))
    return TagBook([d], Store(tmp_path / "data")), d


def span(d: core.Document, i: int) -> tuple[int, int]:
    return d.sentences[i].start, d.sentences[i].end


def saved(tmp_path: Path) -> list[tuple[str, str]]:
    return [(a.tag, a.exact) for a in Store(tmp_path / "data").all()]


def test_toggle_adds_then_removes_and_saves_each_time(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 1), "claim")
    assert saved(tmp_path) == [("claim", d.sentence_text(1))]
    b.toggle(0, *span(d, 1), "claim")
    assert saved(tmp_path) == []
    assert b.for_doc(0) == []


def test_two_tags_on_one_sentence_and_remove_all(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 3), "claim")
    b.toggle(0, *span(d, 3), "quote")
    assert sorted(p.annotation.tag for p in b.at(0, *span(d, 3))) == ["claim", "quote"]
    b.remove(0, *span(d, 3))
    assert saved(tmp_path) == []


def test_undo_redo_whole_history(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 1), "claim")
    b.toggle(0, *span(d, 2), "quote")
    first = b.for_doc(0)[1].annotation.id
    b.set_note(first, "check the quote")
    b.undo()
    assert b.placed[first].annotation.note == ""
    b.undo()
    b.undo()
    assert saved(tmp_path) == []
    b.redo()
    b.redo()
    b.redo()
    assert Store(tmp_path / "data").get(first).note == "check the quote"
    assert b.redo() is None


def test_reopening_shows_tags_and_same_content_elsewhere_too(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 1), "boilerplate")
    again = TagBook([core.from_text(TEXT, str(tmp_path / "copy.txt"))], Store(tmp_path / "data"))
    assert [p.annotation.tag for p in again.for_doc(0)] == ["boilerplate"]


def test_changed_article_reanchors_and_keeps_orphans(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 1), "claim")
    b.toggle(0, *span(d, 3), "claim")
    edited = TEXT.replace("Rebels Take Town", "Rebels Take The Whole Town").replace(
        "Officials said 12 people died.", ""
    )
    reopened = TagBook([core.from_text(edited, str(tmp_path / "a.txt"))], Store(tmp_path / "data"))
    placed = reopened.for_doc(0)
    assert len(placed) == 1 and edited[placed[0].start : placed[0].end] == d.sentence_text(1)
    assert [p.annotation.exact for p in reopened.orphans()] == [d.sentence_text(3)]
    assert len(Store(tmp_path / "data").all()) == 2  # the orphan is kept, never dropped


def test_failed_write_stays_pending_then_is_written(tmp_path: Path, monkeypatch) -> None:
    b, d = book(tmp_path)
    real = b.store._db

    class Broken:
        def execute(self, sql, params=()):
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, params)

    monkeypatch.setattr(b.store, "_db", Broken())
    b.toggle(0, *span(d, 1), "claim")
    assert b.pending and "disk is full" in b.last_error
    assert [p.annotation.tag for p in b.for_doc(0)] == ["claim"]  # kept in memory
    monkeypatch.setattr(b.store, "_db", real)
    assert b.retry() and not b.pending
    assert saved(tmp_path) == [("claim", d.sentence_text(1))]


def test_quotation_inside_a_sentence() -> None:
    text = "He said “we will not leave” and left."
    start, end = quotation_in(text, 0, len(text))
    assert text[start:end] == "“we will not leave”"
    assert quotation_in("No quotes here.", 0, 15) is None


def test_narrow_a_tag_to_part_of_its_sentence(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 2), "quote")  # “We will not leave,” said the commander.
    tag = b.for_doc(0)[0].annotation
    b.set_note(tag.id, "commander")
    b.narrow(b.for_doc(0)[0].annotation.id, "“We will  not leave,”")
    (narrowed,) = b.for_doc(0)
    assert narrowed.annotation.exact == "“We will not leave,”"
    assert narrowed.annotation.note == "commander" and narrowed.annotation.tag == "quote"
    assert saved(tmp_path) == [("quote", "“We will not leave,”")]
    assert b.narrow(narrowed.annotation.id, "not in the passage") is None
    b.undo()
    assert saved(tmp_path) == [("quote", d.sentence_text(2))]


def test_counts_per_document(tmp_path: Path) -> None:
    b, d = book(tmp_path)
    b.toggle(0, *span(d, 1), "claim")
    b.toggle(0, *span(d, 2), "quote")
    b.toggle(0, *span(d, 3), "claim")
    assert b.counts() == [{"quote": 1, "claim": 2, "boilerplate": 0}]
