"""Quoted spans: per sentence (for alignment) and whole quotations (for suggestions)."""

from __future__ import annotations

from sidebyside import core
from sidebyside.core.quotes import quotations, quote_spans

TEXT = (
    "Headline of the story\n\n"
    "“This is a big moment. It is not the end,” said Kino Gabriel. He called it a “caliphate” "
    "once.\n\n“The quote runs on to the end of the paragraph\n"
)


def test_whole_quotations_span_sentences_and_skip_scare_quotes() -> None:
    doc = core.from_text(TEXT, "a.txt")
    found = [TEXT[a:b] for a, b in quotations(doc)]
    assert found == [
        "This is a big moment. It is not the end,",
        "The quote runs on to the end of the paragraph",
    ]


def test_per_sentence_spans_follow_a_quotation_across_sentences() -> None:
    doc = core.from_text(TEXT, "a.txt")
    spans = quote_spans(doc)
    texts = [[TEXT[a:b] for a, b in s] for s in spans]
    assert ["This is a big moment."] in texts
    assert any(t and t[0] == "It is not the end," for t in texts)
