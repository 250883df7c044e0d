"""Suggested tags in the reader: shown faintly, A accepts, X rejects (remembered), palette."""

from __future__ import annotations

from pathlib import Path

from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp

from .conftest import open_at, seed_docs
from .test_reader_tags import saved


def gutter_mark(view) -> str:
    """The badge column of the cursor's first line, as drawn."""
    strip = view.render_line(view.sentence_row(view.cursor))
    return strip.text[1]


async def run_from_palette(pilot, title: str) -> None:
    """Open the palette, type the command's title, wait until it is the highlighted match, and
    run it (enter), as a person would."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.press(*title.lower())
    results = pilot.app.screen.query_one(CommandList)
    for _ in range(200):
        await pilot.pause()
        option = results.highlighted_option
        if option is not None and str(option.prompt).startswith(title):
            break
    else:
        raise AssertionError(f"the palette never offered {title!r}")
    await pilot.press("enter")
    while isinstance(pilot.app.screen, CommandPalette):
        await pilot.pause()


async def test_suggestion_is_faint_until_accepted_with_A(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "Getty")
        s = view.document.sentences[view.cursor]
        assert (s.start, s.end, "boilerplate") in view.suggested_spans
        assert gutter_mark(view) == "b"  # dim lower case: a suggestion, not a tag
        assert saved(tmp_path) == []
        await pilot.press("A")
        assert saved(tmp_path) == [("boilerplate", "Getty")]
        assert gutter_mark(view) == "B"  # now the user's own tag
        assert (s.start, s.end, "boilerplate") not in view.suggested_spans
        await pilot.press("u")  # accepting is undoable
        assert saved(tmp_path) == []
        assert gutter_mark(view) == "b"


async def test_X_rejects_a_suggestion_for_good_and_u_brings_it_back(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "Getty")
        await pilot.press("X")
        assert gutter_mark(view) == " "
        await pilot.press("u")
        assert gutter_mark(view) == "b"
        await pilot.press("X")
    # a new session on the same store: the rejected suggestion stays away
    again = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with again.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "Getty")
        assert gutter_mark(view) == " "
        assert saved(tmp_path) == []
        other = next(x for x in view.suggested_spans if x[2] == "boilerplate")
        assert view.document.text[other[0]:other[1]] != "Getty"  # others remain


async def test_quote_suggestion_names_its_speaker_when_accepted(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, "Smart Media Magazine", "“It’s getting smaller,”")
        await pilot.press("A")
        await pilot.pause()
        assert saved(tmp_path) == [("quote", "It’s getting smaller,")]
        messages = [n.message for n in app._notifications]
        assert any("Dure Ahmed" in m for m in messages)


async def test_palette_accepts_all_boilerplate_of_a_pane_in_one_step(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "Getty")
        expected = sorted(view.document.text[a:b] for a, b, t in view.suggested_spans
                          if t == "boilerplate")
        assert len(expected) >= 5
        await run_from_palette(pilot, "Accept all boilerplate suggestions of this pane")
        assert sorted(text for tag, text in saved(tmp_path)) == expected
        await pilot.press("u")
        assert saved(tmp_path) == []


async def test_suggestions_can_be_hidden_from_the_palette(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, "The Hill", "Getty")
        assert view.suggested_spans
        await run_from_palette(pilot, "Hide or show suggestions")
        assert all(v.suggested_spans == [] for v in app.reader.views)
        assert gutter_mark(view) == " "
        await run_from_palette(pilot, "Hide or show suggestions")
        assert gutter_mark(view) == "b"
