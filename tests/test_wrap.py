from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from sidebyside import core
from sidebyside.tui.wrap import Layout, _wrap_cells, _wrap_narrow, display_text

_NARROW = st.lists(
    st.sampled_from([*"abc XYZ.,;“”’—\n\t", "  ", "\u00a0"]), max_size=300
).map("".join)
_ANY = st.lists(
    st.sampled_from([*"ab .,\n", "漢字", "🙂", "e\u0301", "\u200b", "\x07", "x" * 30]),
    max_size=120,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_NARROW, st.integers(min_value=8, max_value=60))
def test_narrow_fast_path_equals_cell_measuring_path(text: str, width: int) -> None:
    assert _wrap_narrow(text, 0, len(text), width, 0) == _wrap_cells(text, 0, len(text), width, 0)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_NARROW, _ANY), st.integers(min_value=8, max_value=50))
def test_layout_covers_every_character_within_the_width(text: str, width: int) -> None:
    if not text.strip():
        return
    doc = core.from_text(text, "t")
    layout = Layout(doc, width)
    covered = set()
    for line in layout.lines:
        if line.paragraph < 0:
            continue
        assert cell_len(display_text(doc.text[line.start : line.end])) <= width
        covered.update(range(line.start, line.end))
    for i, c in enumerate(doc.text):
        if not c.isspace():
            assert i in covered
    for index, (first, last) in enumerate(layout.sentence_lines):
        assert first <= last
        assert index in layout.line_sentences[first]


def test_display_text_keeps_length_and_removes_line_breaks() -> None:
    raw = "a\tb\nc\rd\x07e"
    shown = display_text(raw)
    assert len(shown) == len(raw) and "\n" not in shown and "\x07" not in shown
