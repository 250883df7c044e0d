"""The reader, driven the way a person drives it: key presses, clicks, resizes."""

from __future__ import annotations

import asyncio

from sidebyside import core
from sidebyside.core.align import RELATED, SHARED, UNIQUE
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens import HelpScreen
from sidebyside.tui.widgets import ArticlePane, ArticleView, ComparisonBar

from .conftest import aligned, seed_docs, sentence_index, source_index


async def test_opens_one_pane_per_article_with_shared_figure() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        panes = list(app.query(ArticlePane))
        assert [p.document.source for p in panes] == [d.source for d in seed_docs()]
        assert all(p.display for p in panes)
        headers = [p.header.content.plain for p in panes]
        assert all("% shared" in h for h in headers)
        assert app.focused is panes[0].view


async def test_cursor_keys() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        view = app.focused
        assert isinstance(view, ArticleView)
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k", "up")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == len(view.document.sentences) - 1
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("pagedown")
        assert view.cursor > 3
        await pilot.press("pageup")
        assert view.cursor < 3


async def test_pane_keys() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        views = app.reader.views
        await pilot.press("tab")
        assert app.focused is views[1]
        await pilot.press("l", "right")
        assert app.focused is views[3]
        await pilot.press("shift+tab", "h")
        assert app.focused is views[1]
        await pilot.press("left", "left")
        assert app.focused is views[4]  # wraps around


async def test_next_shared_and_next_unique() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        hill = app.reader.views[source_index("The Hill")]
        hill.focus()
        await pilot.press("right_square_bracket")
        assert app.alignment.status[hill.index][hill.cursor] in (SHARED, RELATED)
        first_shared = hill.cursor
        await pilot.press("right_square_bracket")
        assert hill.cursor > first_shared
        await pilot.press("left_square_bracket")
        assert hill.cursor == first_shared
        await pilot.press("right_curly_bracket")
        assert app.alignment.status[hill.index][hill.cursor] == UNIQUE
        assert not app.alignment.furniture[hill.index][hill.cursor]


async def test_synchronised_reading_puts_counterpart_on_the_same_row() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        smart = app.reader.views[source_index("Smart Media Magazine")]
        hill = app.reader.views[source_index("The Hill")]
        smart.focus()
        target = sentence_index("Smart Media Magazine", "“But we cannot say")
        smart.move_to(target)
        await pilot.pause()
        counterpart = sentence_index("The Hill", "“But we cannot say")
        assert hill.cursor == counterpart
        assert hill.sentence_row(counterpart) == smart.sentence_row(target)
        bar = app.query_one(ComparisonBar)
        assert bar.lines[0].startswith("Smart Media Magazine")
        assert any(line.startswith("The Hill [same") for line in bar.lines)
        # s turns synchronised reading off: the other pane stays where it is
        await pilot.press("s")
        before = hill.scroll_offset.y
        await pilot.press("G")
        await pilot.pause()
        assert hill.scroll_offset.y == before and hill.cursor == counterpart


async def test_comparison_bar_shows_word_differences() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        smart = app.reader.views[source_index("Smart Media Magazine")]
        smart.focus()
        smart.move_to(sentence_index("Smart Media Magazine", "“This is a big moment"))
        await pilot.pause()
        bar = app.query_one(ComparisonBar)
        assert "also carried by The Hill" in bar.lines
        hill_line = next(row for row in bar.rows if row.startswith("The Hill"))
        assert "according to The New York Times" in hill_line  # words only The Hill has
        assert "which led the operation" in hill_line  # words The Hill dropped, struck out


async def test_enter_jumps_to_the_counterpart() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        crime = app.reader.views[source_index("Crimeandmoreworld")]
        crime.focus()
        crime.move_to(sentence_index("Crimeandmoreworld", "A spokesman for the Syrian"))
        await pilot.press("enter")
        hill = app.reader.views[source_index("The Hill")]
        assert app.focused is hill
        assert hill.cursor == sentence_index("The Hill", "“Baghouz is free")


async def test_search_and_next_hit() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        view = app.reader.views[0]
        await pilot.press("slash")
        await pilot.press(*"Baghdadi")
        await pilot.press("enter")
        assert app.focused is view
        assert "Baghdadi" in view.document.sentence_text(view.cursor)
        first = view.cursor
        hits = view.hits
        assert len(hits) >= 1 and first in hits
        await pilot.press("n")
        assert view.cursor == (hits[1] if len(hits) > 1 else first)
        await pilot.press("N")
        assert view.cursor == first


async def test_help_screen_opens_and_closes() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_click_moves_the_cursor() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        view = app.reader.views[2]
        layout = view.ensure_layout()
        target = 5
        row = layout.sentence_lines[target][0] - int(view.scroll_offset.y)
        await pilot.click(view, offset=(4, row))
        assert app.focused is view and view.cursor == target


async def test_narrow_terminal_pages_panes_and_reflows() -> None:
    docs = list(seed_docs())
    app = SidebysideApp(docs)
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        wide = app.reader.views[0].ensure_layout().width
        await pilot.resize_terminal(90, 24)
        await pilot.pause()
        visible = [p for p in app.query(ArticlePane) if p.display]
        assert len(visible) == 2
        assert app.reader.views[0].ensure_layout().width > wide  # reflowed to the wider pane
        await pilot.press("tab", "tab", "tab")
        visible = [p.index for p in app.query(ArticlePane) if p.display]
        assert app.focused is app.reader.views[3] and 3 in visible


async def test_more_articles_than_fit() -> None:
    docs = list(seed_docs()) * 2  # ten panes at 200 columns: five fit
    app = SidebysideApp(docs, align=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert [p.index for p in app.query(ArticlePane) if p.display] == [0, 1, 2, 3, 4]
        for _ in range(6):
            await pilot.press("tab")
        visible = [p.index for p in app.query(ArticlePane) if p.display]
        assert len(visible) == 5 and 6 in visible


async def test_brackets_and_markup_in_articles_survive() -> None:
    doc = core.from_text("A [bracketed] claim [1] and [b]bold[/b] here.\n", "x.txt")
    other = core.from_text("Another text entirely.\n", "y.txt")
    app = SidebysideApp([doc, other])
    async with app.run_test(size=(120, 30)) as pilot:
        await aligned(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "[bracketed]" in svg and "[1]" in svg and "[b]bold[/b]" in svg


async def test_progress_bar_while_aligning_and_reading_meanwhile(monkeypatch) -> None:
    import threading


    release = threading.Event()
    reported = threading.Event()
    real = core.align.align_documents

    def slow(documents, progress=None):
        progress(0.5, "comparing sentence pairs")  # returns once the app has shown it
        reported.set()
        release.wait(timeout=30)
        return real(documents, progress)

    monkeypatch.setattr(core.align, "align_documents", slow)
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        assert await asyncio.to_thread(reported.wait, 30)
        await pilot.pause()
        bar = app.query_one(ComparisonBar).content.plain
        assert "Aligning 5 articles" in bar and "50%" in bar and "comparing" in bar
        await pilot.press("j", "j")  # the articles are readable while it runs
        assert app.focused.cursor == 2 and app.alignment is None
        release.set()
        await app.wait_aligned()
        assert app.alignment is not None


async def test_picker_shows_a_far_article() -> None:
    from sidebyside.tui.screens import PickerScreen

    docs = list(seed_docs()) * 4  # twenty panes, five fit
    app = SidebysideApp(docs, align=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PickerScreen)
        table = app.screen.query_one("#picker-table")
        assert table.row_count == 20
        table.move_cursor(row=17)
        await pilot.press("enter")
        assert app.focused is app.reader.views[17]
        assert 17 in [p.index for p in app.query(ArticlePane) if p.display]


async def test_switching_theme_repaints_the_article_text() -> None:
    """The article lines are cached as strips: a theme switch must not leave the old colours
    (it once left dark lines in a light theme until the cursor passed by)."""

    async def styles(theme: str, switch_to: str | None = None) -> list[str]:
        app = SidebysideApp(seed_docs())
        async with app.run_test(size=(200, 50)) as pilot:
            app.theme = theme
            await aligned(pilot)
            if switch_to:
                app.theme = switch_to
                await pilot.pause()
                await pilot.pause()
            view = app.reader.views[0]
            return [str(seg.style) for y in range(0, 20) for seg in view.render_line(y)]

    dark = await styles("textual-dark")
    light = await styles("textual-light")
    switched = await styles("textual-dark", switch_to="textual-light")
    assert dark != light
    assert switched == light


async def test_first_paint_callback_runs_once_the_text_is_drawn() -> None:
    """The reader's command line pauses garbage collection until the first frame is out; the
    app calls it back then (with the article text already laid out)."""
    seen: list[int] = []
    app = SidebysideApp(seed_docs(),
                        on_first_paint=lambda: seen.append(len(app.reader.views[0].layout_)))
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        assert len(seen) == 1 and seen[0] > 10


async def test_typing_filters_the_article_picker() -> None:
    from sidebyside.tui.screens import PickerScreen

    docs = list(seed_docs()) * 4  # twenty panes
    app = SidebysideApp(docs, align=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("p", *"scots")
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        table = screen.query_one("#picker-table")
        assert table.row_count == 4
        assert all(docs[i].source == "Scotsman" for i in screen.shown)
        await pilot.press("down", "down", "enter")
        assert app.focused is app.reader.views[screen.shown[2]]
        await pilot.press("p", *"hill defeated")  # every word, in source or title
        assert app.screen.query_one("#picker-table").row_count == 4
        await pilot.press(*"zzz")
        assert app.screen.query_one("#picker-table").row_count == 0
        await pilot.press("enter")  # nothing to choose: the picker stays
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, PickerScreen)


async def test_one_article_says_no_aligning_in_its_header() -> None:
    app = SidebysideApp(list(seed_docs())[:1])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        header = app.reader.panes[0].header.content.plain
        assert "aligning" not in header and seed_docs()[0].source in header


async def test_a_pane_switch_repaints_lines_not_whole_views(tmp_path) -> None:
    """Tab tells the screen once and repaints the lines that change: the whole views used to
    be repainted and the screen told twice (Textual calls every class's focus handler)."""
    from sidebyside.core.store import Store
    from textual.widget import Widget

    app = SidebysideApp(list(seed_docs()), store=Store(tmp_path), use_cache=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        reader = app.reader
        told: list[int] = []
        handler = type(reader).on_descendant_focus

        def counted(self, event):  # type: ignore[no-untyped-def]
            told.append(1)
            handler(self, event)

        type(reader).on_descendant_focus = counted  # type: ignore[method-assign]
        whole: list[str] = []
        refresh = Widget.refresh

        def spy(self, *regions, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(self, ArticleView) and not regions:
                whole.append(self.id or "")
            return refresh(self, *regions, **kwargs)

        Widget.refresh = spy  # type: ignore[method-assign]
        try:
            before = reader.focused_view
            await pilot.press("tab")
            await pilot.pause()
        finally:
            Widget.refresh = refresh  # type: ignore[method-assign]
            type(reader).on_descendant_focus = handler  # type: ignore[method-assign]
        assert reader.focused_view is not before and app.focused is reader.focused_view
        assert len(told) == 1
        assert whole == []
