from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sidebyside.core.diff import DELETE, EQUAL, INSERT, _key, _tokens, word_diff


def side(spans, keep: str) -> str:
    return "".join(text for op, text in spans if op in (EQUAL, keep))


def test_word_level_spans() -> None:
    a = "“This is a big moment not just for us, but for all of the world,” said Kino Gabriel."
    b = "“This is a big moment not just for us but for all of the world,” said Kino Gabriel."
    spans = word_diff(a, b)
    assert side(spans, DELETE) == a and side(spans, INSERT) == b  # same case and quotes here
    assert (DELETE, ",") in spans
    assert all(op == EQUAL for op, t in spans if "moment" in t)


def test_whole_words_not_characters() -> None:
    spans = word_diff("raised flags in Baghouz", "hoisted its flag in Baghouz")
    changed = [t for op, t in spans if op != EQUAL]
    assert any("raised" in t for t in changed)
    assert not any(t in ("r", "ai", "s") for t in changed)


def test_case_and_quote_style_are_not_differences() -> None:
    spans = word_diff("U.S.-backed forces said “free”", "U.S.-Backed forces said \"free\"")
    assert spans == [(EQUAL, "U.S.-Backed forces said \"free\"")]


@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_reconstructs_both_sides(a: str, b: str) -> None:
    spans = word_diff(a, b)
    assert side(spans, INSERT) == b
    # the a side is a, word for word, up to case / quote style / whitespace width
    assert [_key(t) for t in _tokens(side(spans, DELETE))] == [_key(t) for t in _tokens(a)]
