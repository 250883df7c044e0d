"""Tagging in the reader: every key, what is shown, and what is saved."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sidebyside import core
from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens import AnnotationsScreen, NoteScreen

from .conftest import ROOT, open_at, seed_docs, sentence_index, sidebyside_cmd, source_index


def saved(data: Path) -> list[tuple[str, str]]:
    return [(a.tag, a.exact) for a in Store(data).all()]




async def test_q_c_b_toggle_tags_and_save_them(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "Smart Media Magazine", "But after a grueling campaign")
        text = view.document.sentence_text(view.cursor)
        await pilot.press("c")
        assert saved(tmp_path) == [("claim", text)]
        assert view.tag_spans and view.tag_spans[0][2] == "claim"
        await pilot.press("b")
        assert sorted(saved(tmp_path)) == [("boilerplate", text), ("claim", text)]
        await pilot.press("c")  # toggles off
        assert saved(tmp_path) == [("boilerplate", text)]
        svg = app.export_screenshot()
        assert ">B<" in svg or "B" in svg


async def test_quote_tag_narrows_to_the_quotation(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Smart Media Magazine", "“It’s getting smaller,” said Dure Ahmed")
        await pilot.press("q")
        assert saved(tmp_path) == [("quote", "“It’s getting smaller,”")]


async def test_v_selects_a_passage_across_sentences(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "“You guys can have the map.")
        first = view.cursor
        await pilot.press("v", "j", "j")
        assert view.selection() == (first, first + 2)
        await pilot.press("c")
        doc = view.document
        expected = doc.text[doc.sentences[first].start : doc.sentences[first + 2].end]
        assert saved(tmp_path) == [("claim", expected)]
        assert view.selection_anchor is None
        await pilot.press("v", "j", "escape")
        assert view.selection_anchor is None


async def test_x_removes_and_u_ctrl_r_undo_redo(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("c", "b")
        assert len(saved(tmp_path)) == 2
        await pilot.press("x")
        assert saved(tmp_path) == []
        await pilot.press("u")
        assert len(saved(tmp_path)) == 2
        await pilot.press("u", "u")
        assert saved(tmp_path) == []
        await pilot.press("ctrl+r")
        assert [t for t, _ in saved(tmp_path)] == ["claim"]


async def test_m_adds_a_note(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Crimeandmoreworld", "The London-based Syrian Observatory")
        await pilot.press("c", "m")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"check with SOHR")
        await pilot.press("enter")
        assert not isinstance(app.screen, NoteScreen)
        assert [a.note for a in Store(tmp_path).all()] == ["check with SOHR"]


async def test_annotations_screen_filter_jump_delete(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("c")
        hill = await open_at(pilot, "The Hill", "Sanders showed reporters")
        await pilot.press("b")
        app.reader.views[0].focus()
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        assert [p.annotation.tag for p in screen.rows] == ["claim", "boilerplate"]
        await pilot.press("f")  # quote only: nothing
        assert screen.rows == []
        await pilot.press("f", "f")  # boilerplate
        assert [p.annotation.tag for p in screen.rows] == ["boilerplate"]
        await pilot.press("enter")
        assert not isinstance(app.screen, AnnotationsScreen)
        assert app.focused is hill
        assert hill.cursor == sentence_index("The Hill", "Sanders showed reporters")
        await pilot.press("a", "delete")  # the first row: the claim
        assert [t for t, _ in saved(tmp_path)] == ["boilerplate"]
        await pilot.press("u")
        assert len(saved(tmp_path)) == 2


async def test_B_hides_tagged_boilerplate(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "Breitbart", "COMMENTS")
        target = view.cursor
        await pilot.press("b")
        lines_before = len(view.ensure_layout())
        await pilot.press("B")
        assert len(view.ensure_layout()) < lines_before
        assert view.is_hidden(target) and view.cursor != target
        await pilot.press("B")
        assert len(view.ensure_layout()) == lines_before


async def test_tags_survive_a_restart(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("c")
    again = SidebysideApp(core.load_many(core.seed_paths()), store=Store(tmp_path))
    async with again.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        view = again.reader.views[source_index("Scotsman")]
        assert [tag for _, _, tag in view.tag_spans] == ["claim"]


async def test_failed_save_keeps_tags_in_memory_and_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path)
    app = SidebysideApp(seed_docs(), store=store)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        real = store._db

        class Full:
            def execute(self, sql, params=()):
                if sql.startswith("INSERT"):
                    raise sqlite3.OperationalError("database or disk is full")
                return real.execute(sql, params)

        store._db = Full()
        await pilot.press("c")
        assert app.tags.pending
        assert any("Not saved yet" in n.message for n in app._notifications)
        assert app.reader.views[source_index("Scotsman")].tag_spans  # still shown
        store._db = real
        await pilot.press("j", "b")  # the next action writes the pending one too
        assert not app.tags.pending
        assert sorted(t for t, _ in saved(tmp_path)) == ["boilerplate", "claim"]


def test_sigkill_right_after_a_tagging_key_loses_nothing(tmp_path: Path) -> None:
    code = (
        "import asyncio, os, signal, sys, core\n"
        "from sidebyside.core.store import Store\n"
        "from sidebyside.tui.app import SidebysideApp\n"
        "async def main():\n"
        "    app = SidebysideApp(core.load_many(core.seed_paths()), store=Store(sys.argv[1]))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.press('j', 'c')\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, timeout=120)
    assert out.returncode == -signal.SIGKILL
    assert [t for t, _ in saved(tmp_path)] == ["claim"]


def test_corrupt_store_stops_the_reader_with_one_line(tmp_path: Path, cli_env) -> None:
    (tmp_path / "annotations.sqlite3").write_bytes(b"garbage" * 500)
    before = (tmp_path / "annotations.sqlite3").read_bytes()
    out = subprocess.run(
        [*sidebyside_cmd(), "--data-dir", str(tmp_path)], capture_output=True, env=cli_env,
        timeout=60,
    )
    assert out.returncode == 2
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "annotations.sqlite3" in lines[0] and "untouched" in lines[0]
    assert (tmp_path / "annotations.sqlite3").read_bytes() == before


async def test_narrow_dialog_from_the_palette(tmp_path: Path) -> None:
    from sidebyside.tui.screens.narrow import NarrowScreen

    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("q")  # the sentence holds a quotation: q tags it
        await pilot.press("x", "c")  # a claim on the whole sentence instead
        app.reader.action_narrow()
        await pilot.pause()
        assert isinstance(app.screen, NarrowScreen)
        keep = "French President Emmanuel Macron welcomed the SDF’s announcement"
        # the keys select the part to keep in the passage itself
        await pilot.press(*["shift+right"] * len(keep), "enter")
        assert saved(tmp_path) == [("claim", keep)]


async def test_unavailable_store_keeps_tags_in_memory_and_says_so(tmp_path: Path) -> None:
    from sidebyside.core.store import StoreUnavailable

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    try:
        Store(not_a_folder / "data")
    except StoreUnavailable as exc:
        problem = str(exc)
    else:
        raise AssertionError("a data folder inside a file cannot be created")
    app = SidebysideApp(seed_docs(), store=None, store_problem=problem)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        assert any("will NOT be saved" in n.message for n in app._notifications)
        await pilot.press("c")
        assert [p.annotation.tag for p in app.tags.all()] == ["claim"]


async def test_typing_after_slash_filters_the_annotations_list(tmp_path: Path) -> None:
    from sidebyside.tui.screens import AnnotationsScreen

    app = SidebysideApp(seed_docs(), store=Store(tmp_path), align=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        for source, prefix, key in (("Scotsman", "French President Emmanuel Macron", "c"),
                                    ("The Hill", "Sanders showed reporters", "b"),
                                    ("Breitbart", "Kurdish-led Syrian", "c")):
            view = app.reader.views[source_index(source)]
            view.focus()
            view.move_to(sentence_index(source, prefix))
            await pilot.pause()
            await pilot.press(key)
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen) and len(screen.rows) == 3
        await pilot.press("slash", *"macron")
        assert [app.documents[p.doc].source for p in screen.rows] == ["Scotsman"]
        await pilot.press("enter")  # back to the list, the filter kept
        assert screen.query_one("#annotations-table").has_focus and len(screen.rows) == 1
        await pilot.press("enter")  # now enter jumps to the tag
        assert not isinstance(app.screen, AnnotationsScreen)
        assert app.focused is app.reader.views[source_index("Scotsman")]


async def test_the_annotations_list_keeps_the_date_in_view_and_shows_two_badges(
        tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path), align=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("c", "m", *("a long note " * 8), "enter")
        await pilot.pause()
        layout = view.ensure_layout()
        y = layout.sentence_lines[view.cursor][0] - int(view.scroll_offset.y)
        assert [seg.text for seg in view.render_line(y)][1:3] == ["C", "*"]  # it has a note
        await pilot.press("b")
        await pilot.pause()
        gutter = [seg.text for seg in view.render_line(y)][1:3]
        assert sorted(gutter) == ["B", "C"]  # both tags of the sentence have a badge
        await pilot.press("a")
        await pilot.pause()
        created = app.tags.all()[0].annotation.created[:10]
        assert created in app.export_screenshot()


async def test_the_annotations_list_opens_with_a_page_and_loads_more_as_you_go(
        tmp_path: Path) -> None:
    from sidebyside.core.annotations import make_annotation
    from sidebyside.tui.screens.annotations import PAGE

    docs = list(seed_docs())
    store = Store(tmp_path)
    made = [make_annotation(docs[k % 5], s.start, s.end, "claim")
            for k in range(5) for s in docs[k].sentences]
    store.save(*made)
    total = len(made)
    assert total > PAGE
    app = SidebysideApp(docs, store=Store(tmp_path), align=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#annotations-table")
        assert table.row_count == PAGE and len(screen.rows) == total
        assert f"{total} shown" in str(screen.query_one("#annotations-title").render())
        table.move_cursor(row=PAGE - 1)  # near the last row added: the next page comes
        await pilot.pause()
        assert table.row_count == min(total, 2 * PAGE)
        await pilot.press("enter")  # the row under the cursor is the tag it shows
        target = screen.rows[PAGE - 1]
        view = app.reader.views[target.doc]
        assert app.focused is view
        assert view.document.sentences[view.cursor].start <= target.start


async def test_the_annotations_list_reopens_with_the_tags_as_they_are_now(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Scotsman", "French President Emmanuel Macron")
        await pilot.press("c", "a")
        first = app.screen
        assert isinstance(first, AnnotationsScreen)
        assert [p.annotation.tag for p in first.rows] == ["claim"]
        await pilot.press("f", "slash", *"nothing")  # a filter and a search, then back
        await pilot.press("escape", "escape")
        await open_at(pilot, "The Hill", "Sanders showed reporters")
        await pilot.press("q", "a")
        assert app.screen is first  # the same list, kept, with every tag and no filter
        assert sorted(p.annotation.tag for p in first.rows) == ["claim", "quote"]
        assert first.filter == "all" and first.query_text == ""
        title = str(first.query_one("#annotations-title").render())
        assert title.startswith("Annotations (all): 2 shown")
