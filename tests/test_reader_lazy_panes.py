"""Panes are mounted when they first come into view (300 articles would be 1,200 widgets at
start-up), and a pane mounted late shows what the others show: the alignment, the tags, the
emphasis, the search and the counterpart of the cursor."""

from __future__ import annotations

from pathlib import Path

from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp

from .conftest import aligned, seed_docs


def mounted(app) -> list[int]:
    return sorted(p.index for p in app.reader.panes)


def seeds_app(tmp_path: Path) -> SidebysideApp:
    """The seeds in a reader of their own (80 columns fit two panes)."""
    return SidebysideApp(list(seed_docs()), store=Store(tmp_path / "data"), use_cache=False)


async def test_only_the_panes_in_view_are_mounted_until_reached(tmp_path: Path) -> None:
    docs = list(seed_docs())
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        reader = app.reader
        first, second, last = reader.order[0], reader.order[1], reader.order[-1]
        assert mounted(app) == sorted([first, second])  # two fit at 80 columns
        assert not app.query(f"#pane-{last}")
        # a tag given to the last article while its pane is not mounted (as undo would)
        doc = docs[last]
        sentence = doc.sentences[2]
        app.tags.add(last, sentence.start, sentence.end, "claim")
        reader.refresh_tags()
        await pilot.press("shift+tab")  # to the last pane, wrapping around
        await pilot.pause()
        assert last in mounted(app) and reader.focused_view is reader.views[last]
        view = reader.views[last]
        assert view.alignment is app.alignment
        assert (sentence.start, sentence.end, "claim") in view.tag_spans
        assert view.region.width > 0  # on screen, and the first one is out of view
        assert not reader.views[first].display or not reader.views[first].region.width
        header = str(reader.query_one(f"#pane-{last}").header.render())
        assert "shared" in header and "aligning" not in header
        # the window of two at the end: the last two panes, and the two first ones kept
        assert mounted(app) == sorted({first, second, reader.order[-2], last})


async def test_a_late_pane_takes_the_cursor_emphasis_and_search(tmp_path: Path) -> None:
    docs = list(seed_docs())
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        reader = app.reader
        first = reader.order[0]
        alignment = app.alignment
        assert alignment is not None and app.sync
        unmounted = [d for d in reader.order if d not in mounted(app)]
        # a sentence of the first pane with a counterpart in a pane not yet mounted
        target = next((s.index, d, c) for s in docs[first].sentences
                      for d, c, _ in alignment.counterparts(first, s.index) if d in unmounted)
        sentence, other, counterpart = target
        reader.views[first].move_to(sentence)
        await pilot.pause()
        await pilot.press("U")  # emphasis: unique sentences stand out
        await pilot.press("slash", *"Baghouz", "enter")
        await pilot.pause()
        assert other not in mounted(app)
        reader.show_pane(other)
        await pilot.pause()
        view = reader.views[other]
        assert reader.focused_view is view
        assert view.cursor == counterpart  # where the first pane's cursor pointed, in sync
        assert view.emphasis == app.emphasis == "unique"
        text = docs[other].text
        assert view.hits and all("baghouz" in text[docs[other].sentences[h].start:
                                                   docs[other].sentences[h].end].lower()
                                 for h in view.hits)


async def test_panes_mounted_late_keep_the_order_of_publication(tmp_path: Path) -> None:
    from dataclasses import replace

    # the seeds give no dates: these are ours, so that the order of publication differs from
    # the order given (the last given is the first published)
    days = ["2019-03-25", "2019-03-21", "2019-03-24", "2019-03-22", "2019-03-20"]
    docs = [replace(d, provenance=replace(d.provenance, published=day))
            for d, day in zip(seed_docs(), days, strict=True)]
    app = SidebysideApp(docs, store=Store(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        reader = app.reader
        if reader.by_date:  # the order the reader remembered: back to the order given first
            await pilot.press("D")
            await pilot.pause()
        assert reader.order == [0, 1, 2, 3, 4] and mounted(app) == [0, 1]
        await pilot.press("D")  # by date: 4, 1, 3, 2, 0
        await pilot.pause()
        assert reader.order == [4, 1, 3, 2, 0]
        for _ in range(len(docs)):
            await pilot.press("tab")
            await pilot.pause()
        assert mounted(app) == list(range(len(docs)))
        row = [p.index for p in reader.query("ArticlePane")]
        assert row == reader.order  # every pane in its place on screen
        positions = [reader.views[d].parent.header.position for d in reader.order]
        assert positions == list(range(len(docs)))


async def test_panes_mounted_together_on_a_wider_terminal_stand_in_order(tmp_path: Path) -> None:
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        reader = app.reader
        assert len(reader.panes) == 2
        await pilot.resize_terminal(200, 50)  # room for all five: three mount at once, each
        # placed after the one mounted just before it
        await pilot.pause()
        assert mounted(app) == list(range(len(seed_docs())))
        assert [p.index for p in reader.query("ArticlePane")] == reader.order
        assert all(reader.views[d].region.width > 0 for d in reader.order)
