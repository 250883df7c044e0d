from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core.segment import segment, sentences_of, split_paragraphs


def check_invariants(text: str) -> None:
    paragraphs, sentences = segment(text)
    covered = [False] * len(text)
    prev_end = 0
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end, "sentences overlap or are out of order"
        chunk = text[s.start : s.end]
        assert not chunk[0].isspace() and not chunk[-1].isspace()
        p = paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end, "sentence crosses its paragraph"
        for i in range(s.start, s.end):
            covered[i] = True
        prev_end = s.end
    for i, c in enumerate(text):
        if not c.isspace():
            assert covered[i], f"non-space character {c!r} at {i} not in any sentence"
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for a, b in itertools.pairwise(paragraphs):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations that end a sentence, and ones that do not
        ("He arrived in Washington, D.C. The talks began at noon.",
         ["He arrived in Washington, D.C.", "The talks began at noon."]),
        ("They live in the U.S. for now.", ["They live in the U.S. for now."]),
        ("It ended at 2 p.m. Officials left.", ["It ended at 2 p.m.", "Officials left."]),
        ("The vote is at 6 p.m. ET on Monday.", ["The vote is at 6 p.m. ET on Monday."]),
        ("Gen. Mark Milley and Sen. Lindsey Graham spoke.",
         ["Gen. Mark Milley and Sen. Lindsey Graham spoke."]),
        ("Trump told reporters in West Palm Beach, Fla. “There’s ISIS,” he added.",
         ["Trump told reporters in West Palm Beach, Fla.", "“There’s ISIS,” he added."]),
        ("George W. Bush met John Doe Jr. in Ohio.", ["George W. Bush met John Doe Jr. in Ohio."]),
        # numbers
        ("The last 1.5-square-mile remnant fell. More than 100,000 bombs were dropped.",
         ["The last 1.5-square-mile remnant fell.", "More than 100,000 bombs were dropped."]),
        ("It cost $4.5 billion. It was 2019.", ["It cost $4.5 billion.", "It was 2019."]),
        # quotations: one sentence per sentence, attribution stays with the quote
        ("“This is big,” said Kino Gabriel. “But we cannot say that ISIS is finished. "
         "It is true.”",
         ["“This is big,” said Kino Gabriel.", "“But we cannot say that ISIS is finished.",
          "It is true.”"]),
        ("“Why did they destroy Hajin?” asked Faisal Awad, 42.",
         ["“Why did they destroy Hajin?” asked Faisal Awad, 42."]),
        ("He said: \"We won.\" Then he left.", ["He said: \"We won.\"", "Then he left."]),
        # ellipses
        ("people who … are looking to reposition", ["people who … are looking to reposition"]),
        ("in the past month. …The fate of the leader remains a mystery.",
         ["in the past month.", "…The fate of the leader remains a mystery."]),
        # headlines and captions without a final stop: a line break ends them
        ("Islamic State Defeated, Syrian Force Says\n\nJeff Seldin\n\nThe force said so.",
         ["Islamic State Defeated, Syrian Force Says", "Jeff Seldin", "The force said so."]),
        ("Fighters pose on Saturday.\nPicture: AP Photo/Maya Alleruzzo\nThe SDF said so.",
         ["Fighters pose on Saturday.", "Picture: AP Photo/Maya Alleruzzo", "The SDF said so."]),
        ("Morocco repatriates eight alleged jihadists from Syria\nAFP",
         ["Morocco repatriates eight alleged jihadists from Syria", "AFP"]),
        # soft wraps inside a paragraph do not end a sentence
        ("The rebels took the town\nof Example on Sunday. It fell.",
         ["The rebels took the town\nof Example on Sunday.", "It fell."]),
        # brackets survive
        ("[The war has cost the U.S. billions. Who are we fighting?]",
         ["[The war has cost the U.S. billions.", "Who are we fighting?]"]),
    ],
)
def test_news_cases(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected
    check_invariants(text)


def test_golden_rule_style_cases() -> None:
    assert sentences_of("I live in the U.S. How about you?") == [
        "I live in the U.S.", "How about you?",
    ]
    assert sentences_of("I work for the U.S. Government in Virginia.") == [
        "I work for the U.S. Government in Virginia."
    ]
    assert sentences_of("1. The first item 2. The second item") == [
        "1. The first item", "2. The second item",
    ]
    assert sentences_of("She works at Yahoo! in the accounting department.") == [
        "She works at Yahoo! in the accounting department."
    ]


def test_paragraphs_split_on_blank_lines_and_crlf() -> None:
    text = "Headline\r\n\r\nFirst para. Two.\r\nSecond line Here.\r\n"
    spans = split_paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["Headline", "First para. Two.", "Second line Here."]
    check_invariants(text)


def test_seeds_invariants_and_known_sentences() -> None:
    for path in core.seed_paths():
        doc = core.load(path)
        check_invariants(doc.text)
        assert len(doc.sentences) > 20
    hill = core.load(next(p for p in core.seed_paths() if p.endswith("the-hill.txt")))
    texts = hill.sentence_texts()
    assert "Updated 2:10 p.m." in texts
    assert "“You guys can have the map." in texts
    assert "Congratulations." in texts


_PIECES = ["\u00a0", "\u200b", "U.S.", " p.m. ", "Mr. ", "\n\n", " . . . ", "1. ", "• ", "é", "🙂"]
_ALPHABET = st.sampled_from([*"abc XYZ.?!…\"“”'’()[]\n\r\t,;:-", *_PIECES, "\u202e", "\x0b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_offsets_invariants_property(text: str) -> None:
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_offsets_invariants_arbitrary_unicode(text: str) -> None:
    check_invariants(text)


def test_long_paragraph_without_breaks_is_linear() -> None:
    text = ("word " * 200_000).strip()
    _, sentences = segment(text)
    assert len(sentences) == 1 and sentences[0].end == len(text)


def test_whitespace_inside_sentence_is_kept_verbatim() -> None:
    text = "The\u00a0SDF hoisted  its flag.\tIt fell."
    doc = core.from_text(text)
    assert doc.sentence_texts() == ["The\u00a0SDF hoisted  its flag.", "It fell."]
    assert re.search(r"\s", doc.sentence_texts()[0])
