"""The reader's screen: colour roles, the cursor and its counterparts, strength, quiet
suggestions, the comparison bar, the status line, the footer and the one table of keys."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from rich.segment import Segment
from sidebyside.core.kinds import RELATED, SHARED
from sidebyside.core.suggest import suggest
from sidebyside.tui import colours
from sidebyside.tui.actions import ACTIONS, BY_ID, footer_actions, keys_shown, markdown_table
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens.help import HelpScreen
from sidebyside.tui.screens.reader import ReaderScreen
from sidebyside.tui.widgets import ArticleView, ComparisonBar, KeyBar, StatusLine
from sidebyside.tui.widgets.key_bar import fitting
from textual.app import App
from textual.color import Color

from .conftest import aligned, seed_docs, sentence_index, source_index

ROOT = Path(__file__).resolve().parent.parent
TINTS = ("cursor", "shared", "related", "counterpart", "unique", "selected")


def four_counterparts() -> tuple[int, int]:
    """The Scotsman's lead: linked to all four other sources."""
    return source_index("Scotsman"), sentence_index("Scotsman", "U.S.-backed forces have claimed")


def unique_sentence() -> tuple[int, int]:
    return source_index("Breitbart"), sentence_index("Breitbart", "Kurdish-led Syrian")


def line_segments(view: ArticleView, sentence: int) -> list[Segment]:
    """The segments of a sentence's first line as drawn now (it must be on screen)."""
    layout = view.ensure_layout()
    y = layout.sentence_lines[sentence][0] - int(view.scroll_offset.y)
    assert 0 <= y < view.size.height, "the sentence is not on screen"
    return list(view.render_line(y))


def backgrounds(segments: list[Segment]) -> set[str]:
    """The tints of the text (after the gutter), the plain background left out."""
    out = set()
    for seg in segments[3:]:
        if seg.text.strip() and seg.style and seg.style.bgcolor:
            out.add(Color.from_rich_color(seg.style.bgcolor).hex6)
    plain = {colours.roles(t)["background"].hex6 for t in App().available_themes.values()}
    return out - plain


# --- colour roles ----------------------------------------------------------------------------


def test_colour_roles_stay_distinct_and_readable_in_every_theme() -> None:
    app = App()
    assert len(app.available_themes) >= 20
    for name, theme in app.available_themes.items():
        roles = colours.roles(theme)
        tints = [roles[t] for t in TINTS] + [roles["background"]]
        for a, b in itertools.combinations(tints, 2):
            assert colours.distance(a, b) >= colours.MIN_DISTANCE, (name, a, b)
        for tint in TINTS:
            assert colours.contrast(roles["text"], roles[tint]) >= colours.MIN_TEXT_CONTRAST, \
                (name, tint)
        marks = ["badge-quote", "badge-claim",
                 *(f"group-{i}" for i in range(colours.GROUP_COLOURS))]
        for mark in marks:
            assert colours.contrast(roles[mark], roles["background"]) >= \
                colours.MIN_MARK_CONTRAST, (name, mark)
        assert colours.distance(roles["badge-quote"], roles["badge-claim"]) >= 20, name
        groups = [roles[f"group-{i}"] for i in range(colours.GROUP_COLOURS)]
        for a, b in itertools.combinations(groups, 2):
            assert colours.distance(a, b) >= colours.MIN_DISTANCE, (name, a, b)


async def test_the_screen_draws_the_roles_of_the_theme_in_use() -> None:
    """The cursor, a shared sentence and a counterpart are drawn in their role's colours, in a
    dark and a light theme (where the theme's accent and warning are one orange)."""
    for theme in ("textual-dark", "textual-light"):
        app = SidebysideApp(seed_docs())
        async with app.run_test(size=(200, 50)) as pilot:
            app.theme = theme
            await aligned(pilot)
            roles = colours.roles(app.current_theme)
            d, s = four_counterparts()
            app.reader.show_pane(d, s)
            await pilot.pause()
            here = app.reader.views[d]
            assert backgrounds(line_segments(here, s)) == {roles["cursor"].hex6}
            other, match = next((o, m) for o, m, _ in app.alignment.counterparts(d, s))
            drawn = backgrounds(line_segments(app.reader.views[other], match))
            assert drawn == {roles["counterpart"].hex6}
            hill = source_index("The Hill")
            shared = next(i for i, st in enumerate(app.alignment.status[hill]) if st == SHARED)
            app.reader.views[hill].scroll_sentence_visible(shared)
            await pilot.pause()
            assert backgrounds(line_segments(app.reader.views[hill], shared)) == {
                roles["shared"].hex6}


# --- the cursor and its counterparts -------------------------------------------------------------


async def test_only_the_focused_pane_draws_a_cursor_the_others_mark_counterparts() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        roles = colours.roles(app.current_theme)
        d, s = four_counterparts()
        app.reader.show_pane(d, s)
        await pilot.pause()
        found = app.alignment.counterparts(d, s)
        assert len(found) == 4
        for other, match, _link in found:
            view = app.reader.views[other]
            assert view.marked == frozenset({match})
            segments = line_segments(view, match)
            assert segments[2].text == "▸"
            # its own cursor (synchronised reading put it on the counterpart) is not drawn
            everything = [seg for y in range(view.size.height) for seg in view.render_line(y)]
            assert not any(seg.style and seg.style.bgcolor and Color.from_rich_color(
                seg.style.bgcolor).hex6 == roles["cursor"].hex6 for seg in everything)
        # on a unique sentence nothing is marked anywhere: no stale cursor looks like a link
        u, us = unique_sentence()
        app.reader.show_pane(u, us)
        await pilot.pause()
        assert app.alignment.counterparts(u, us) == []
        for view in app.reader.views:
            if view.index == u:
                continue
            assert view.marked == frozenset()
            everything = [seg for y in range(view.size.height) for seg in view.render_line(y)]
            assert not any(seg.text == "▸" for seg in everything)
            assert not any(seg.style and seg.style.bgcolor and Color.from_rich_color(
                seg.style.bgcolor).hex6 in (roles["cursor"].hex6, roles["counterpart"].hex6)
                for seg in everything)


async def test_weak_links_are_marked_in_the_gutter_only() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        await pilot.press("plus")
        assert app.sensitivity == "high"
        al = app.alignment
        def starts_a_line(d: int, s: int) -> bool:
            layout = app.reader.views[d].ensure_layout()
            return layout.line_sentences[layout.sentence_lines[s][0]][0] == s

        weak = [(d, s) for d in range(len(al.documents)) for s in range(len(al.status[d]))
                if al.status[d][s] == RELATED and al.weak(d, s) and not al.furniture[d][s]
                and starts_a_line(d, s)]
        assert weak, "the high sensitivity adds weak links on the seeds"
        d, s = weak[0]
        view = app.reader.views[d]
        app.reader.show_pane((d + 1) % len(al.documents))  # the cursor elsewhere
        await pilot.pause()
        app.reader.layout_panes(d)
        view.scroll_sentence_visible(s)
        await pilot.pause()
        segments = line_segments(view, s)
        assert segments[0].text == "╎"
        assert backgrounds(segments) == set()  # no tint: only the gutter says it


async def test_emphasis_on_what_only_this_source_says() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        roles = colours.roles(app.current_theme)
        u, us = unique_sentence()
        hill = source_index("The Hill")
        shared = next(i for i, st in enumerate(app.alignment.status[hill]) if st == SHARED)
        app.reader.show_pane(hill, shared)
        await pilot.pause()
        await pilot.press("U")
        assert "Emphasis: only here" in app.reader.query_one(StatusLine).render().plain
        view = app.reader.views[u]
        view.scroll_sentence_visible(us)
        await pilot.pause()
        assert backgrounds(line_segments(view, us)) == {roles["unique"].hex6}
        # a linked sentence recedes: no tint, muted text
        await pilot.press("j")  # the cursor off the shared sentence
        await pilot.pause()
        hill_view = app.reader.views[hill]
        hill_view.scroll_sentence_visible(shared)
        await pilot.pause()
        segments = line_segments(hill_view, shared)
        assert backgrounds(segments) == set()
        texts = [seg for seg in segments[3:] if seg.text.strip()]
        assert all(Color.from_rich_color(seg.style.color).hex6 == roles["muted"].hex6
                   for seg in texts)
        await pilot.press("U")
        assert "Emphasis: links" in app.reader.query_one(StatusLine).render().plain


# --- suggestions ---------------------------------------------------------------------------------


def test_claims_are_suggested_sparingly_on_the_seeds() -> None:
    from sidebyside.core.align import align_documents

    docs = list(seed_docs())
    alignment = align_documents(docs)
    found = suggest(docs, alignment)
    prose = sum(1 for d in range(len(docs)) for f in alignment.furniture[d] if not f)
    claims = [x for x in found if x.tag == "claim"]
    assert 0 < len(claims) <= prose / 10
    for d, doc in enumerate(docs):  # the strongest few of each article
        mine = [x for x in claims if x.doc == d]
        assert len(mine) <= max(1, len(doc.sentences) // 10)
    assert sum(1 for x in found if x.tag == "quote") >= 20  # quotations stay suggested


async def test_a_suggestion_is_a_dim_gutter_letter_tinted_only_under_the_cursor() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        view = app.reader.views[0]
        x = next(x for x in app.suggestions[0] if x.tag == "quote")
        sentence = next(s.index for s in view.document.sentences if s.start <= x.start < s.end)
        view.scroll_sentence_visible(sentence)
        await pilot.pause()
        layout = view.ensure_layout()
        y = next(y for y in range(*layout.sentence_lines[sentence][:2])
                 if layout.lines[y].start <= x.start < layout.lines[y].end)
        plain = [seg for seg in view.render_line(y - int(view.scroll_offset.y))]
        assert plain[1].text == "q"
        tint = colours.roles(app.current_theme)["badge-quote"]
        before = backgrounds(plain)
        view.move_to(sentence)
        await pilot.pause()
        under = backgrounds(list(view.render_line(y - int(view.scroll_offset.y))))
        assert under != before and under  # tinted (over the cursor) only now
        assert tint.hex6 not in before


# --- the comparison bar ---------------------------------------------------------------------------


async def test_the_bar_lists_every_counterpart_and_carried_by_matches_it() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        al = app.alignment
        bar = app.reader.query_one(ComparisonBar)
        for d, doc in enumerate(app.documents):
            for s in doc.sentences:
                found = al.counterparts(d, s.index)
                if not found:
                    continue
                bar.show(app.documents, al, d, s.index)
                names = [app.documents[o].source for o, _m, _l in found]
                assert bar.sources == names
                carried = next(line for line in bar.lines if line.startswith("also carried"))
                for name in names:
                    assert name in carried
                assert len(bar.rows) == len(found)
                for row, name in zip(bar.rows, names, strict=True):
                    assert row.startswith(name)
        # every member of a group names the same sources (itself aside)
        for group in al.groups:
            sets = [{o for o, _m, _l in al.counterparts(d, s)} | {d} for d, s in group.members]
            assert all(x >= {m[0] for m in group.members} for x in sets)


async def test_the_bar_never_drops_a_counterpart_silently_on_a_small_screen() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        d, s = four_counterparts()
        app.reader.show_pane(d, s)
        await pilot.pause()
        bar = app.reader.query_one(ComparisonBar)
        height = bar.content_region.height
        shown = bar.render().plain.split("\n")
        assert len(shown) <= height
        listed = [name for name in bar.sources if any(line.startswith(name) for line in shown)]
        missing = len(bar.sources) - len(listed)
        if missing:
            assert f"+{missing} more" in " ".join(shown)
            bar._scroll(10)  # the wheel brings the rest into view
            rest = bar.render().plain
            assert all(name in rest or name in listed for name in bar.sources)
        else:
            assert "more:" not in " ".join(shown)


async def test_a_reworded_counterpart_is_shown_whole_not_as_a_garbled_diff() -> None:
    from sidebyside.tui.widgets.comparison_bar import _diffed

    def style(_name: str) -> str:
        return ""

    mine = "“Baghouz is free and the military victory against Daesh has been achieved.”"
    theirs = ("This is free, said Mustafa Bali, a big moment for the Syrian Democratic Forces "
              "who led the operation.")
    assert _diffed(mine, 0, len(mine), theirs, 0, len(theirs), style) is None
    near = "“Baghouz is free and the military victory against Daesh has been achieved,” he said."
    diffed = _diffed(mine, 0, len(mine), near, 0, len(near), style)
    assert diffed is not None and "he said" in diffed.plain


# --- words that match the legend ----------------------------------------------------------------


async def test_next_shared_and_next_linked_are_separate_keys() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        view = app.reader.views[source_index("The Hill")]
        view.focus()
        status = app.alignment.status[view.index]
        for _ in range(4):
            await pilot.press("right_square_bracket")
            assert status[view.cursor] == SHARED
        view.move_to(0)
        linked = [i for i, st in enumerate(status) if st in (SHARED, RELATED) and i > 0]
        for expected in linked[:4]:
            await pilot.press("greater_than_sign")
            assert view.cursor == expected
        await pilot.press("less_than_sign")
        assert view.cursor == linked[2]


async def test_headers_name_their_figures_as_the_legend_does_and_the_bar_the_paragraph() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        for pane in app.reader.panes:
            shared, related = app.alignment.fractions(pane.index)
            # as drawn at its width: a long source name is cut, never a figure
            first = pane.header.render().plain.split("\n")[0]
            assert first.rstrip().endswith(f"{shared:.0%} shared · {related:.0%} related")
            assert len(first.rstrip()) <= pane.header.content_region.width
        d = source_index("The Hill")
        s = next(x.index for x in app.documents[d].sentences if x.paragraph + 4 < x.index)
        app.reader.show_pane(d, s)
        await pilot.pause()
        paragraph = app.documents[d].sentences[s].paragraph + 1
        bar = app.reader.query_one(ComparisonBar)
        assert bar.lines[0].startswith(f"The Hill ¶{paragraph}: ")
        assert paragraph != s + 1  # the paragraph, not the sentence number


# --- status line and footer ---------------------------------------------------------------------


async def test_the_status_line_always_shows_what_is_hidden_or_switched() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        line = app.reader.query_one(StatusLine)

        def shown() -> str:
            return line.render().plain

        assert "Synchronised reading on" in shown()
        assert "Sensitivity default" in shown()
        await pilot.press("s")
        assert "Synchronised reading off" in shown()
        await pilot.press("S")
        assert "Suggestions hidden" in shown()
        await pilot.press("B")
        assert "Boilerplate hidden" in shown()
        await pilot.press("plus")
        assert "Sensitivity high" in shown()
        await pilot.press("L")
        assert "Linking from" in shown()
        await pilot.press("escape")
        assert "Linking from" not in shown()
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        await pilot.press("S")
        text = app.reader.query_one(StatusLine).render().plain
        assert len(text) <= 78 and "suggestions: off" in text and "sync on" in text


async def test_the_footer_shows_whole_keys_at_every_width() -> None:
    for width, height in ((80, 24), (120, 40), (200, 50)):
        app = SidebysideApp(seed_docs())
        async with app.run_test(size=(width, height)) as pilot:
            await aligned(pilot)
            bar = app.reader.query_one(KeyBar)
            text = bar.render().plain
            assert len(text) <= bar.content_region.width
            pairs = [p for p in re.split(r"  +", text.strip()) if p]
            labels = {a.label for a in footer_actions()}
            for pair in pairs:
                _key, _, label = pair.partition(" ")
                assert label in labels, (width, pair)
            assert pairs[0] == "? Help"
            assert len(pairs) >= (6 if width == 80 else 10)


def test_the_footer_keeps_the_most_important_keys_when_narrow() -> None:
    everything = fitting(footer_actions(), 1000)
    narrow = fitting(footer_actions(), 40)
    assert narrow == [p for p in everything if p in narrow]
    assert narrow[0] == ("?", "Help") and sum(len(k) + len(v) + 3 for k, v in narrow) <= 42


# --- one table of actions -----------------------------------------------------------------------


async def test_one_table_drives_bindings_help_palette_and_readme() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        bound = {b.id for b in ReaderScreen.BINDINGS} | {b.id for b in app.BINDINGS}
        assert bound == {a.id for a in ACTIONS if a.keys}
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {a.palette or a.label for a in ACTIONS if a.section != "The app"} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(".help-text"))
        for action in ACTIONS:
            assert action.help in text
        # another screen on top: the reader's keys are off (q would tag)
        await pilot.press("q")
        assert all(not app.tags.for_doc(d) for d in range(len(app.documents)))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README key table: python -m sidebyside.tui.actions"


async def test_a_keymap_changes_the_key_everywhere_it_is_shown() -> None:
    app = SidebysideApp(seed_docs())
    async with app.run_test(size=(200, 50)) as pilot:
        await aligned(pilot)
        app.set_keymap({"cursor.next_shared": "w"})
        await pilot.pause()
        assert keys_shown(BY_ID["cursor.next_shared"], app._keymap) == "w"
        assert "w Shared" in app.reader.query_one(KeyBar).render().plain
        view = app.reader.views[source_index("The Hill")]
        view.focus()
        await pilot.press("w")
        assert app.alignment.status[view.index][view.cursor] == SHARED
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Next shared sentence"].endswith("(w)")
        await pilot.press("question_mark")
        keys = " ".join(str(w.render()) for w in app.screen.query(".help-key"))
        assert re.search(r"\bw\b", keys)
