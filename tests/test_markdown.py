"""Markdown read as Markdown: markup hidden in the reader, offsets into the file untouched."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core.markdown import markup_spans, visible
from sidebyside.tui.app import SidebysideApp

PRESS = ("# Acme Water Board sets new rates\n\n**FOR IMMEDIATE RELEASE**\n\n"
         "The *board* approved [new rates](https://acme.example/rates) on `Friday`, said "
         "__Jane Doe__.\n\n> “We kept them low,” she said.\n\n---\n\n## About Acme\n\n"
         "Acme is a utility.\n")

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)
pieces = st.one_of(
    words,
    words.map(lambda w: f"**{w}**"),
    words.map(lambda w: f"*{w}*"),
    words.map(lambda w: f"`{w}`"),
    st.tuples(words, words).map(lambda t: f"[{t[0]}](http://x.example/{t[1].replace(' ', '')})"),
)
paragraphs = st.lists(pieces, min_size=1, max_size=6).map(" ".join)
headed = st.tuples(st.sampled_from(["", "# ", "## ", "> "]), paragraphs).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(headed, min_size=1, max_size=5))
def test_markup_is_hidden_and_offsets_stay_the_files(blocks: list[str]) -> None:
    text = "\n\n".join(blocks) + "\n"
    doc = core.from_text(text, "generated.md")
    assert doc.text == text  # the text exactly as read
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == text[s.start : s.end]
    shown, where = visible(text, 0, len(text), doc.hidden)
    for ch in "*`[]#>":
        assert ch not in shown, (text, shown)
    # every shown character is the file's character at an offset that is not hidden
    hidden = {i for a, b in doc.hidden for i in range(a, b)}
    kept = [text[i] for i in range(len(text)) if i not in hidden]
    assert shown == "".join(kept)
    assert where[-1] == len(shown) and all(x <= y for x, y in itertools.pairwise(where))


def test_a_press_release_in_markdown() -> None:
    doc = core.from_text(PRESS, "acme-release.md")
    shown, _ = visible(PRESS, 0, len(PRESS), doc.hidden)
    assert "Acme Water Board sets new rates" in shown and "# Acme" not in shown
    assert "FOR IMMEDIATE RELEASE" in shown and "**" not in shown
    assert "approved new rates on Friday, said Jane Doe." in shown
    assert "https://acme.example" not in shown and "---" not in shown
    assert "“We kept them low,” she said." in shown
    assert doc.title == "Acme Water Board sets new rates"
    assert {doc.paragraphs[i].start for i in doc.headings} == {0, PRESS.index("## About")}
    assert markup_spans("no markup here, 2 * 3 = 6 and snake_case_names.\n") == ()


async def test_the_reader_draws_markdown_without_its_markup() -> None:
    doc = core.from_text(PRESS, "acme-release.md")
    app = SidebysideApp([doc])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        view = app.reader.views[0]
        lines = ["".join(seg.text for seg in view.render_line(y))
                 for y in range(view.size.height)]
        screen = "\n".join(lines)
        assert "Acme Water Board sets new rates" in screen
        for markup in ("# Acme", "**", "](https", "`Friday`", "> “We"):
            assert markup not in screen
        heading = next(seg for y in range(3) for seg in view.render_line(y)
                       if "Acme Water" in seg.text)
        assert heading.style.bold
        # a tag on a sentence keeps the file's offsets
        view.move_to(next(s.index for s in doc.sentences if "approved" in doc.sentence_text(
            s.index)))
        await pilot.press("c")
        (placed,) = app.tags.for_doc(0)
        assert PRESS[placed.start : placed.end] == placed.annotation.exact
        assert "[new rates](https://acme.example/rates)" in placed.annotation.exact


def test_a_click_counts_only_the_characters_drawn() -> None:
    from sidebyside.tui.wrap import Layout

    text = "**Bold lead** says one thing. Second sentence here.\n"
    doc = core.from_text(text, "click.md")
    layout = Layout(doc, 80, frozenset())
    shown, _ = visible(text, 0, len(text), doc.hidden)
    column = shown.index("Second")  # where the second sentence is drawn
    assert layout.sentence_at(0, column) == 1
    assert layout.sentence_at(0, column - 2) == 0


def test_markup_is_blanked_for_the_aligner() -> None:
    from sidebyside.core.align import align_documents
    from sidebyside.core.markdown import blanked

    plain = ("Acme sets rates\n\nThe board approved new water rates on Friday, said Jane Doe, "
             "the chair of the board.\n")
    marked = ("# Acme sets rates\n\nThe **board** approved [new water rates](http://a.example/r)"
              " on *Friday*, said __Jane Doe__, the chair of the board.\n")
    doc = core.from_text(marked, "marked.md")
    for s in doc.sentences:  # same length, no markup character left
        text = blanked(doc, s.index)
        assert len(text) == s.end - s.start
        assert not any(ch in text for ch in "*_[]#") and "http" not in text
    found = align_documents([core.from_text(plain, "plain.txt"), doc])
    linked = {(lk.a, lk.b): lk for lk in found.links}
    assert set(linked) == {((0, 0), (1, 0)), ((0, 1), (1, 1))}  # the headline and the fact
    assert linked[((0, 1), (1, 1))].score >= 0.9
