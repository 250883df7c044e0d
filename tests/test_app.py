from __future__ import annotations

import core
from tui.app import SidebysideApp
from tui.widgets import ArticlePane


async def test_reader_shows_one_pane_per_seed_with_its_source() -> None:
    docs = core.load_many(core.seed_paths())
    app = SidebysideApp(docs)
    async with app.run_test(size=(200, 50)) as pilot:
        panes = list(app.query(ArticlePane))
        assert [p.document.source for p in panes] == [d.source for d in docs]
        await pilot.press("tab")
        first = app.focused
        await pilot.press("tab")
        assert app.focused is not first
        assert first is not None


async def test_brackets_in_articles_survive() -> None:
    doc = core.from_text("A [bracketed] claim [1] here.\n", "x.txt")
    other = core.from_text("Another text.\n", "y.txt")
    app = SidebysideApp([doc, other])
    async with app.run_test(size=(120, 30)):
        svg = app.export_screenshot()
        assert "[bracketed]" in svg.replace("&#160;", " ") and "[1]" in svg
