"""The reader over several stories: the story list (filter, open, back), each story read and
aligned on its own, and tags kept across stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from sidebyside.core import load
from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens.reader import ReaderScreen
from sidebyside.tui.screens.stories import StoryListScreen
from textual.widgets import DataTable

from .conftest import aligned, seed_docs
from .story_articles import write


@pytest.fixture
def three(tmp_path: Path) -> list:
    folder = tmp_path / "articles"
    folder.mkdir()
    return [load(p) for p in write(folder, "bridge", "recall", "harvest")]


async def listed(pilot) -> StoryListScreen:
    """Wait (at most 10 s) until the story list is on screen, as a person waits for it."""
    for _ in range(1000):
        if isinstance(pilot.app.screen, StoryListScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError("the story list never opened")


def shown(app) -> str:
    """What the screen shows, as text."""
    return app.export_screenshot().replace("&#160;", " ")


def rows(screen: StoryListScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]


async def test_several_stories_open_on_the_story_list(three, tmp_path: Path) -> None:
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot)
        listed_rows = rows(screen)
        # articles per story, biggest first; last, every article as one story
        assert [r[1] for r in listed_rows] == ["3", "2", "1", "6"]
        assert listed_rows[2][2] == "Tessin orchards report record apple harvest"
        assert listed_rows[3][2] == "All 6 articles, compared as one story"
        assert "Bridge Harbour Herald" in listed_rows[0][3]
        title = str(screen.query_one("#stories-title").render())
        assert title.startswith("3 stories in 6 articles")
        # escape does nothing while no story is open: the list is where the reader starts,
        # and the footer does not offer it
        assert "Back to the story" not in shown(app)
        await pilot.press("escape")
        assert app.screen is screen


async def test_typing_filters_and_enter_opens_the_story(three, tmp_path: Path) -> None:
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot)
        await pilot.press(*"brantwood")
        assert [r[2] for r in rows(screen)] == [
            "Mayor Kowalczyk survives recall vote in Brantwood"]
        assert str(screen.query_one("#stories-title").render()).startswith(
            "1 of 3 stories match")
        await pilot.press("enter")
        await aligned(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert sorted(d.source for d in app.documents) == [
            "Recall Brantwood Post", "Recall Valley Gazette"]
        assert len(app.screen.panes) == 2
        # aligned among themselves: the two recall articles share facts
        assert app.alignment is not None and app.alignment.links
        assert {lk.a[0] for lk in app.alignment.links} | {
            lk.b[0] for lk in app.alignment.links} == {0, 1}
        status = str(app.screen.query_one("#status-line").render())
        assert status.startswith("Story 2 of 3 (t: stories)")


async def test_t_lists_the_stories_and_escape_goes_back(three, tmp_path: Path) -> None:
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await listed(pilot)
        await pilot.press("enter")  # the first story: the footbridge
        await aligned(pilot)
        reader = app.screen
        await pilot.press("t")
        screen = await listed(pilot)
        table = screen.query_one(DataTable)
        assert table.cursor_row == 0  # the story being read is highlighted
        assert "Back to the story" in shown(app)
        await pilot.press("escape")
        assert app.screen is reader
        await pilot.press("t")
        await listed(pilot)
        await pilot.press("down", "down", "enter")  # the harvest: one article, nothing to align
        await aligned(pilot)
        assert [d.title for d in app.documents] == [
            "Tessin orchards report record apple harvest"]
        assert isinstance(app.screen, ReaderScreen) and app.screen is not reader
        assert len([s for s in app.screen_stack if isinstance(s, ReaderScreen)]) == 2


async def test_the_last_row_reads_every_article_together(three, tmp_path: Path) -> None:
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await listed(pilot)
        await pilot.press("down", "down", "down", "enter")
        await aligned(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and len(reader.documents) == 6
        assert len(reader.panes) == 5  # the panes that fit; the sixth mounts when reached
        await pilot.press("shift+tab")
        await pilot.pause()
        assert len(reader.panes) == 6 and reader.focused_view is reader.views[reader.order[5]]
        assert str(app.screen.query_one("#status-line").render()).startswith(
            "All 6 articles (t: stories)")
        await pilot.press("t")
        screen = await listed(pilot)
        assert screen.query_one(DataTable).cursor_row == 3  # the row being read


async def test_tags_are_kept_per_story(three, tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = SidebysideApp(three, store=Store(data), use_cache=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await listed(pilot)
        await pilot.press("down", "enter")  # the recall
        await aligned(pilot)
        view = app.reader.focused_view
        view.move_to(1)
        await pilot.pause()
        await pilot.press("c")
        tagged = view.document.sentence_text(1)
        assert [(a.tag, a.exact) for a in Store(data).all()] == [("claim", tagged)]
        await pilot.press("t")
        await listed(pilot)
        await pilot.press("up", "enter")  # the footbridge: no tags there
        await aligned(pilot)
        assert app.tags.all() == []
        await pilot.press("t")
        await listed(pilot)
        await pilot.press("down", "enter")  # back to the recall: the tag is shown again
        await aligned(pilot)
        assert [p.annotation.exact for p in app.tags.all()] == [tagged]
        assert app.reader.focused_view.tag_spans


async def test_one_story_opens_the_panes_and_t_says_so(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path), use_cache=False)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await aligned(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.stories is None
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "These articles tell one story." in [n.message for n in app._notifications]


async def test_one_story_option_reads_every_article_together(three, tmp_path: Path) -> None:
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False,
                        one_story=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert len(app.documents) == 6 and app.stories is None


async def test_a_story_with_unsaved_tags_stays_open_until_they_are_saved(three,
                                                                         tmp_path: Path) -> None:
    import sqlite3

    store = Store(tmp_path / "data")
    app = SidebysideApp(three, store=store, use_cache=False)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await listed(pilot)
        await pilot.press("down", "enter")  # the recall
        await aligned(pilot)
        recall = app.reader
        real = store._db

        class Full:
            def execute(self, sql, params=()):  # type: ignore[no-untyped-def]
                if sql.startswith("INSERT"):
                    raise sqlite3.OperationalError("database or disk is full")
                return real.execute(sql, params)

        store._db = Full()
        recall.focused_view.move_to(1)
        await pilot.press("c")
        assert app.tags.pending
        await pilot.press("t")
        await listed(pilot)
        await pilot.press("up", "enter")  # another story: refused, the tag is not dropped
        await pilot.pause()
        assert app.reader is recall and app.tags.pending
        assert any("Not saved yet" in n.message for n in app._notifications)
        store._db = real
        await pilot.press("t")
        await listed(pilot)
        await pilot.press("up", "enter")  # saved now: the footbridge opens
        await aligned(pilot)
        assert app.reader is not recall
        assert [a.tag for a in Store(tmp_path / "data").all()] == ["claim"]


async def test_t_while_the_articles_are_still_being_grouped_says_so(three, tmp_path: Path,
                                                                    monkeypatch) -> None:
    import threading

    from sidebyside.core import stories as stories_module

    release = threading.Event()
    real = stories_module.find_stories

    def held(docs):  # type: ignore[no-untyped-def]
        release.wait(10)  # until the test has pressed t
        return real(docs)

    monkeypatch.setattr(stories_module, "find_stories", held)
    app = SidebysideApp(three, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "Still grouping the articles into stories…" in [
            n.message for n in app._notifications]
        release.set()
        await listed(pilot)


async def test_t_while_one_story_is_being_aligned_says_it_is_one(tmp_path: Path,
                                                                 monkeypatch) -> None:
    import threading

    from sidebyside.core import align as align_module

    release = threading.Event()
    real = align_module.align_documents

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)  # grouped already: aligning, until the test has pressed t
        return real(*args, **kwargs)

    monkeypatch.setattr(align_module, "align_documents", held)
    app = SidebysideApp(seed_docs(), store=Store(tmp_path), use_cache=False)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        for _ in range(500):  # until the grouping is over (at most 5 s)
            if app.one_story:
                break
            await pilot.pause(0.01)
        await pilot.press("t")
        await pilot.pause()
        assert "These articles tell one story." in [n.message for n in app._notifications]
        release.set()
        await aligned(pilot)
