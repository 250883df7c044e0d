"""Quotations and their speakers (core.attribution), on the seeds and on small texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core.attribution import DIRECT, PARTIAL, find_quotations
from sidebyside.core.samples import seed_paths


def quotes_of(text: str) -> list[tuple[str, str, str | None]]:
    doc = core.from_text(text, "a.txt")
    out = []
    for q in find_quotations(doc):
        if q.speaker is not None:  # the speaker's offsets point at the name as written
            assert text[q.speaker_start : q.speaker_end] == q.speaker  # type: ignore[misc]
        out.append((text[q.start : q.end], q.kind, q.speaker))
    return out


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[tuple[str, str, str | None]]]:
    out = {}
    for doc in core.load_many(seed_paths()):
        out[doc.source] = [(doc.text[q.start : q.end], q.kind, q.speaker)
                           for q in find_quotations(doc)]
    return out


def speaker_of(found: list[tuple[str, str, str | None]], start: str) -> str | None:
    return next(s for t, _, s in found if t.startswith(start))


def test_speaker_after_the_quotation(seeds) -> None:
    assert speaker_of(seeds["Smart Media Magazine"], "This is a big moment") == "Kino Gabriel"
    assert speaker_of(seeds["The Hill"], "The territorial caliphate") == "Sarah Huckabee Sanders"


def test_speaker_before_the_quotation(seeds) -> None:
    # "A spokesman for the Syrian Democratic Forces, Mustafa Bali, tweeted that “…”"
    assert speaker_of(seeds["Crimeandmoreworld"], "Baghouz is free") == "Mustafa Bali"
    # "Mustafa Bali, an SDF official, told Reuters on Sunday that “direct and fierce” clashes"
    found = seeds["Breitbart"]
    assert ("direct and fierce", PARTIAL, "Mustafa Bali") in found


def test_he_said_resolves_to_the_last_person_named(seeds) -> None:
    # "It was a sentiment echoed by Salam Abid, who spent … in Islamic State territory" …
    # "“Maybe the group will be defeated in Syria, but not elsewhere,” he said"
    found = seeds["Smart Media Magazine"]
    assert speaker_of(found, "Maybe the group") == "Salam Abid"
    assert speaker_of(found, "Our mission there") == "Mike Pompeo"


def test_they_said_is_not_given_to_one_person() -> None:
    found = quotes_of("Title\n\nJane Doe met the rebels. “We will stay,” they said.\n")
    assert found == [("We will stay,", DIRECT, "they")]


def test_quotation_resumed_after_the_attribution_keeps_its_speaker(seeds) -> None:
    found = seeds["Smart Media Magazine"]
    assert speaker_of(found, "But we cannot say that ISIS is finished") == "Kino Gabriel"


def test_descriptions_and_appositions() -> None:
    found = quotes_of(
        "Title\n\n“These folks are unrepentant,” the official said.\n\n"
        "“We will stay,” a fighter from Baghuz, identifying himself as Abu al-Ansari, said.\n"
    )
    assert found[0] == ("These folks are unrepentant,", DIRECT, "the official")
    assert found[1][2] == "Abu al-Ansari"


def test_titles_initials_and_parentheticals_belong_to_the_name() -> None:
    found = quotes_of(
        "Title\n\n\"Subpoenas are not optional,\" said Rep. John D. Mica (R-Fla.) on Tuesday.\n\n"
        "\"It is a waste of time,\" Rep. Jim Jordan (R-Ohio), a panel member, said.\n"
    )
    assert [s for _, _, s in found] == ["Rep. John D. Mica", "Rep. Jim Jordan"]


def test_scare_quotes_titles_and_inch_marks_are_not_speech() -> None:
    found = quotes_of(
        "Title\n\nThe group's self-styled “caliphate” fell. She spoke on “Fox and Friends” "
        "today. He is 6'3\" tall and weighs 236 pounds, the letter says.\n"
    )
    assert found == []


def test_scare_quote_attributed_by_a_speech_verb_is_kept() -> None:
    found = quotes_of("Title\n\nTrump declared the caliphate “defeated” in December.\n")
    assert found == [("defeated", PARTIAL, "Trump")]


def test_a_quotation_can_continue_into_the_next_paragraph() -> None:
    found = quotes_of(
        "Title\n\n“We fought for every street,” said Jane Doe.\n\n"
        "“It was long. It was hard.\n\n“And it is over.”\n"
    )
    assert [(t, s) for t, _, s in found] == [
        ("We fought for every street,", "Jane Doe"),
        ("It was long. It was hard.", "Jane Doe"),
        ("And it is over.", "Jane Doe"),
    ]


def test_dash_attribution_and_according_to() -> None:
    found = quotes_of(
        "Title\n\n“He is not fit to lead.” ― Martha Ruiz\n\n"
        "“The talks failed,” according to Ahmed Saleh, a diplomat.\n"
    )
    assert [s for _, _, s in found] == ["Martha Ruiz", "Ahmed Saleh"]


def test_scores_rank_direct_attributed_quotations_highest() -> None:
    doc = core.from_text(
        "Title\n\n“We won,” said Jane Doe. Critics called the deal “a very bad one” later.\n",
        "a.txt")
    direct, partial = find_quotations(doc)
    assert direct.kind == DIRECT and partial.kind == PARTIAL
    assert 0 <= partial.score < direct.score <= 1


_PIECES = ["“", "”", '"', "'", ",", ".", " said ", " he said.", " Rep. ", "Mr. ", "(R-Fla.)",
           " according to ", " ― ", "\n\n", "Jane Doe", " the official ", ":", " — ", "6'3\"",
           "We won", " told ", "U.S.", "José Núñez", " a fighter, ", "tweeting, "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=40))
def test_any_text_gives_quotations_inside_it(parts: list[str]) -> None:
    text = "Title\n\n" + "".join(parts)
    doc = core.from_text(text, "a.txt")
    for q in find_quotations(doc):
        assert 0 <= q.start < q.end <= len(text)
        assert 0.0 <= q.score <= 1.0
        if q.speaker is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker  # type: ignore[misc]
