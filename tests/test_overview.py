"""The overview screen: open, navigate, jump back."""

from __future__ import annotations

from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens import OverviewScreen

from .conftest import open_overview, seed_docs


async def opened(pilot) -> OverviewScreen:
    await pilot.app.wait_aligned()
    return await open_overview(pilot)


async def test_matrix_cell_opens_the_pair_and_enter_jumps_back() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await opened(pilot)
        matrix = screen.query_one("#overview-matrix")
        assert matrix.row_count == 5
        # Smart Media Magazine (row 4) x The Hill (column 5)
        matrix.move_cursor(row=3, column=5)
        await pilot.press("enter")
        heading = screen.query_one("#overview-pair-heading").content.plain
        assert heading.startswith("Shared by Smart Media Magazine and The Hill")
        assert screen.focused.id == "overview-pair" and screen.pair_rows
        doc, sentence = screen.pair_rows[0]
        await pilot.press("enter")
        assert not isinstance(app.screen, OverviewScreen)
        assert app.focused is app.reader.views[doc] and app.focused.cursor == sentence


async def test_quotation_row_lists_sources_and_jumps() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await opened(pilot)
        quotes = screen.query_one("#overview-quotes")
        rows = [[str(c) for c in quotes.get_row_at(i)] for i in range(quotes.row_count)]
        gabriel = next(r for r in rows if r[1].startswith("This is a big moment"))
        assert gabriel[0] == "Kino Gabriel" and gabriel[2] == "Smart Media Magazine, The Hill"
        quotes.focus()
        quotes.move_cursor(row=rows.index(gabriel))
        await pilot.press("enter")
        smart = [d.source for d in seed_docs()].index("Smart Media Magazine")
        view = app.reader.views[smart]
        assert app.focused is view
        assert view.document.sentence_text(view.cursor).startswith("“This is a big moment")


async def test_unique_rows_jump_and_reader_keys_are_off_on_the_overview() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await opened(pilot)
        await pilot.press("q", "c")  # reader keys do nothing here
        assert app.tags.all() == []
        unique = screen.query_one("#overview-unique")
        unique.focus()
        unique.move_cursor(row=2)
        doc, sentence = screen.unique_rows[2]
        await pilot.press("enter")
        assert app.focused is app.reader.views[doc] and app.focused.cursor == sentence
        assert app.alignment.status[doc][sentence] == "unique"
        await open_overview(pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, OverviewScreen)


async def test_quotation_diff_shows_how_each_source_carries_it() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await opened(pilot)
        quotes = screen.query_one("#overview-quotes")
        rows = [str(quotes.get_row_at(i)[1]) for i in range(quotes.row_count)]
        quotes.focus()
        quotes.move_cursor(row=next(i for i, r in enumerate(rows) if r.startswith("This is a big")))
        await pilot.pause()
        detail = screen.query_one("#overview-quote-diff").content.plain
        assert "Smart Media Magazine: This is a big moment" in detail
        assert "The Hill: This is a big moment" in detail


async def test_with_many_sources_the_overview_lists_each_ones_closest() -> None:
    from sidebyside.core.summary import MATRIX_MAX

    docs = list(seed_docs()) * 7  # 35 sources: each seed and its six copies
    assert len(docs) > MATRIX_MAX
    app = SidebysideApp(docs)
    async with app.run_test(size=(200, 50)) as pilot:
        await app.wait_aligned()
        screen = await open_overview(pilot)
        matrix = screen.query_one("#overview-matrix")
        assert matrix.row_count == len(docs) and len(matrix.columns) == 4  # not 36 columns
        # a copy carries every sentence: the closest of the first source is one of its copies
        first = screen.closest[0][0]
        assert docs[first].source == docs[0].source and first % 5 == 0
        matrix.move_cursor(row=0, column=1)
        await pilot.press("enter")
        heading = str(screen.query_one("#overview-pair-heading").render())
        assert docs[first].source in heading


def test_build_report_tells_its_progress() -> None:
    from sidebyside.core.align import align_documents
    from sidebyside.core.report import build_report

    seen: list[tuple[float, str]] = []
    build_report(align_documents(seed_docs()), progress=lambda f, s: seen.append((f, s)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert "where the sources disagree" in [s for _, s in seen]


async def test_with_many_articles_the_bar_shows_the_overview_being_built(monkeypatch) -> None:
    from sidebyside.tui.widgets import ComparisonBar

    shown: list[str] = []
    original = ComparisonBar.show_progress

    def spy(self, fraction, stage, total, what=""):  # type: ignore[no-untyped-def]
        shown.append(f"{what} {total}: {stage}")
        original(self, fraction, stage, total, what)

    monkeypatch.setattr(ComparisonBar, "show_progress", spy)
    docs = list(seed_docs()) * 7  # 35 articles: more than the overview builds silently
    app = SidebysideApp(docs, one_story=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await app.wait_aligned()
        shown.clear()  # the alignment's own progress
        await open_overview(pilot)
        assert "Building the overview of 35: quotations carried by several sources" in shown
        await pilot.press("escape")
        await pilot.pause()
        bar = str(app.reader.query_one(ComparisonBar).render())
        assert "Building the overview" not in bar  # the sentence again
        assert app.reader.focused_view.document.source in bar


async def test_with_many_sources_the_tags_scroll_with_the_matrix() -> None:
    docs = list(seed_docs()) * 8  # 40 sources: more rows than the tables show at once
    app = SidebysideApp(docs, one_story=True)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await opened(pilot)
        matrix = screen.query_one("#overview-matrix")
        tags = screen.query_one("#overview-tags")
        assert matrix.size.height < len(docs)  # it scrolls inside itself
        matrix.move_cursor(row=35, column=1)
        await pilot.pause()
        await pilot.pause()
        assert matrix.scroll_y > 0 and tags.scroll_y == matrix.scroll_y
