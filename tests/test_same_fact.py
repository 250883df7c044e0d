"""The rules of "the same fact": attribution carries no weight, a repeated caption is one unit, a
fact in one clause links with its spans, scores are calibrated probabilities, every link says
why, and the properties every alignment keeps (symmetry, determinism, offsets)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core import calibration
from sidebyside.core.align import RELATED, SAME, align_documents, score_pairs
from sidebyside.core.clauses import clause_spans
from sidebyside.core.evidence import NAME, NUMBER, PARAPHRASE, PHRASE
from sidebyside.core.facts import fact_text


def doc(name: str, *paragraphs: str) -> core.Document:
    return core.from_text("\n\n".join(paragraphs) + "\n", f"{name}.txt")


def links_between(al, a: tuple[int, int], b: tuple[int, int]):
    return [lk for lk in al.links if {lk.a, lk.b} == {a, b}]


# --- attribution --------------------------------------------------------------------------


def test_attribution_tails_are_blanked_in_place() -> None:
    cases = {
        "The storm will return next week,” he added.": "The storm will return next week",
        "“We are ready for anything,” said Maria Lopez, a spokeswoman for the port authority.":
            "“We are ready for anything",
        "The bridge reopened at noon, according to the city's transport office.":
            "The bridge reopened at noon",
        "The outlet reported that the ferry service resumed on Tuesday.":
            "the ferry service resumed on Tuesday.",
        "The plan was, I think, far too ambitious for the council.":
            "The plan was far too ambitious for the council.",
    }
    for sentence, fact in cases.items():
        masked = fact_text(sentence)
        assert len(masked) == len(sentence)  # offsets are untouched
        assert " ".join(masked.split()) == fact


def test_a_fact_reported_by_a_speaker_keeps_its_speaker_and_its_content() -> None:
    # "said" opening a clause is the fact's own verb, not a tail: nothing is blanked
    for sentence in ("Police said the man was arrested on Friday.",
                     "The company said it would raise prices by 5 percent."):
        assert " ".join(fact_text(sentence).split()) == sentence
    # a sentence that is only attribution stays whole
    assert fact_text("“No,” he said.") == "“No,” he said."


def test_a_shared_attribution_tail_never_links_two_different_quotes() -> None:
    a = doc("a", "Harbour strike ends", "Dockers returned to work on Monday after a deal on pay.",
            "“The ships will move again by Friday,” he added.")
    b = doc("b", "Strike over at the harbour",
            "The dockers went back to work on Monday once the pay deal was signed.",
            "“Nobody won this dispute in the end,” he added.")
    al = align_documents([a, b], sensitivity=calibration.HIGH)
    assert links_between(al, (0, 2), (1, 2)) == []
    (raw_same_tail,) = score_pairs([("“The ships will move again by Friday,” he added.",
                                     "“Nobody won this dispute in the end,” he added.")])
    (raw_other_tails,) = score_pairs([
        ("“The ships will move again by Friday,” he added.",
         "“Nobody won this dispute in the end,” the union's leader told reporters.")])
    assert raw_same_tail == raw_other_tails  # the shared tail adds nothing


# --- repeated text ------------------------------------------------------------------------


CAPTION = ("Firefighters spray water on the roof of the old mill in Harwick after the blaze "
           "spread to the warehouse.")


def test_a_caption_repeated_in_one_article_is_matched_once() -> None:
    a = doc("a", "Fire destroys Harwick mill", CAPTION,
            "The fire started in the boiler room shortly after midnight.", CAPTION,
            "Photo: " + CAPTION, "Nobody was hurt, the fire service said.")
    b = doc("b", "Old mill burns down", CAPTION,
            "Investigators believe the blaze began in the boiler room around midnight.")
    al = align_documents([a, b])
    caption_b = (1, 1)
    partners = [lk.other(caption_b) for lk in al.links_of(*caption_b)]
    assert partners == [(0, 1)]  # one link, to the first occurrence
    assert al.repeat_of[0][3] == 1 and al.repeat_of[0][4] == 1
    # the repeats read as what they repeat: same status, same group, same counterpart
    assert al.status[0][3] == al.status[0][1] == "shared"
    assert al.group_of[0][3] == al.group_of[0][1] is not None
    assert al.counterpart(0, 3, 1) == al.counterpart(0, 1, 1)
    data = al.to_json()
    assert data["documents"][0]["sentences"][3]["repeat_of"] == 1
    assert sum(1 for lk in data["links"] if caption_b in (tuple(lk["a"]), tuple(lk["b"]))) == 1


# --- clause-level matching ----------------------------------------------------------------


LONG = ("Rescue teams pulled two survivors from a collapsed school in Lhoksari on Monday, while "
        "the death toll from the earthquake in Aceh province rose to 24.")


def test_clauses_of_a_long_sentence() -> None:
    spans = clause_spans(LONG)
    assert [LONG[a:b] for a, b in spans] == [
        "Rescue teams pulled two survivors from a collapsed school in Lhoksari on Monday",
        "while the death toll from the earthquake in Aceh province rose to 24.",
    ]
    assert clause_spans("The quake struck at dawn.") == []


def test_a_fact_in_one_clause_links_to_the_sentence_that_reports_it_with_spans() -> None:
    a = doc("a", "Aceh quake toll rises", LONG,
            "Aid agencies flew tents and water into the province.")
    b = doc("b", "Death toll climbs in Indonesia",
            "The death toll from the Aceh province earthquake has risen to 24, officials say.",
            "Schools across the region stayed closed.")
    al = align_documents([a, b], sensitivity=calibration.HIGH)
    (link,) = links_between(al, (0, 1), (1, 1))
    assert link.kind == RELATED
    assert link.clause is not None
    evidence = al.evidence(link)
    clause = [e for e in evidence if e.what == PARAPHRASE]
    assert clause, evidence
    start = a.sentences[1].start
    assert a.text[clause[0].a[0] : clause[0].a[1]].startswith("while the death toll")
    assert clause[0].a[0] > start  # the shared part, not the whole sentence
    numbers = [e for e in evidence if e.what == NUMBER]
    assert [a.text[e.a[0] : e.a[1]] for e in numbers] == ["24"]


# --- evidence -----------------------------------------------------------------------------


def test_evidence_names_phrases_and_numbers_with_offsets() -> None:
    a = doc("a", "Mayor quits", "Mayor Ellen Park resigned on Tuesday after 12 years in office.")
    b = doc("b", "Park steps down",
            "After 12 years in office, Ellen Park resigned as mayor on Tuesday.")
    al = align_documents([a, b], sensitivity=calibration.HIGH)
    (link,) = links_between(al, (0, 1), (1, 1))
    found = {(e.what, a.text[e.a[0]:e.a[1]], b.text[e.b[0]:e.b[1]]) for e in al.evidence(link)}
    assert (PHRASE, "12 years in office", "12 years in office") in found
    assert any(w == PHRASE and "Ellen Park resigned" in ta for w, ta, _ in found)
    assert all(w in (PHRASE, NAME, NUMBER, "quote", PARAPHRASE) for w, _, _ in found)


# --- calibration --------------------------------------------------------------------------


def test_calibration_is_monotone_and_in_unit_interval() -> None:
    raw = np.linspace(0.0, 1.0, 201)
    p = calibration.probability(raw)
    assert np.all(np.diff(p) >= 0)
    assert p.min() >= 0.0 and p.max() <= 1.0 and p[-1] > 0.99 and p[0] < 0.1
    low, default, high = (calibration.THRESHOLDS[s] for s in calibration.SENSITIVITIES)
    assert low > default > high


def test_sensitivity_shows_more_links_weaker_and_never_drops_same() -> None:
    docs = [core.load(p) for p in core.seed_paths()]
    al = align_documents(docs)
    low, high = al.at(calibration.LOW), al.at(calibration.HIGH)
    shown = {(lk.a, lk.b) for lk in al.links}
    assert {(lk.a, lk.b) for lk in low.links} <= shown <= {(lk.a, lk.b) for lk in high.links}
    assert len(high.links) > len(al.links) > len(low.links)
    extra = [lk for lk in high.links if (lk.a, lk.b) not in shown]
    assert all(lk.score < calibration.THRESHOLDS[calibration.DEFAULT] for lk in extra)
    same = {(lk.a, lk.b) for lk in high.links if lk.kind == SAME}
    assert same <= {(lk.a, lk.b) for lk in low.links}


# --- properties ---------------------------------------------------------------------------


WORDS = ("the council approved a new budget of 40 million for schools in Harwick on Monday "
         "after months of debate mayor Ellen Park said residents would see lower fees from "
         "March while critics warned the plan relied on optimistic tax forecasts").split()


@st.composite
def articles(draw) -> list[core.Document]:
    out = []
    for k in range(draw(st.integers(2, 3))):
        sentences = []
        for _ in range(draw(st.integers(1, 5))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
            sentences.append(" ".join(words).capitalize() + ".")
        out.append(doc(f"d{k}", "Budget news", " ".join(sentences)))
    return out


@settings(max_examples=40, deadline=None)
@given(articles())
def test_alignment_properties(docs: list[core.Document]) -> None:
    al = align_documents(docs, sensitivity=calibration.HIGH)
    again = align_documents(docs, sensitivity=calibration.HIGH)
    assert [(lk.a, lk.b, lk.score, lk.kind) for lk in al.links] == [
        (lk.a, lk.b, lk.score, lk.kind) for lk in again.links]  # deterministic
    flipped = align_documents(docs[::-1], sensitivity=calibration.HIGH)
    n = len(docs)

    def mirror(ref: tuple[int, int]) -> tuple[int, int]:
        return (n - 1 - ref[0], ref[1])

    assert {frozenset((lk.a, lk.b)) for lk in al.links} == {
        frozenset((mirror(lk.a), mirror(lk.b))) for lk in flipped.links}  # symmetric
    for lk in al.links:
        assert 0.0 <= lk.score <= 1.0
        assert lk.a[0] != lk.b[0]
        sa, sb = docs[lk.a[0]].sentences[lk.a[1]], docs[lk.b[0]].sentences[lk.b[1]]
        for e in al.evidence(lk):
            assert sa.start <= e.a[0] < e.a[1] <= sa.end
            assert sb.start <= e.b[0] < e.b[1] <= sb.end


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=200))
def test_fact_text_keeps_length_and_only_blanks(text: str) -> None:
    masked = fact_text(text)
    assert len(masked) == len(text)
    assert all(m == c or m == " " for m, c in zip(masked, text, strict=True))


# --- different speakers -------------------------------------------------------------------


def test_reporter_of_reported_speech() -> None:
    from sidebyside.core.attribution import reporter, same_speaker

    assert reporter("The city council, in a statement on Monday, declared that the bridge "
                    "would close.") == "city council"
    assert reporter("A spokeswoman for the port, Maria Lopez, said that ships would wait.") == (
        "Maria Lopez")
    assert reporter("He said that it was over.") is None
    assert reporter("The bridge closed on Monday.") is None
    assert same_speaker("Lopez", "Maria Lopez")
    assert same_speaker("PA", "Port Authority")
    assert not same_speaker("Maria Lopez", "Tom Reed")


def test_two_speakers_saying_alike_things_are_not_one_fact(monkeypatch) -> None:
    # the same claim in reported speech, made by two different speakers: two facts, not one
    # (the same quotation stays `same` whoever is credited: that is a divergence, not this)

    said = "said that the strike was over and the ships would sail again on Friday."
    a = doc("a", "Port strike ends", f"Maria Lopez, a spokeswoman for the port, {said}")
    b = doc("b", "Harbour back to work", f"Tom Reed, a union organiser, {said}")
    c = doc("c", "Harbour back to work", f"Lopez, a union organiser, {said}")

    def score(x: core.Document, y: core.Document) -> float:
        (link,) = links_between(align_documents([x, y], sensitivity=calibration.HIGH),
                                (0, 1), (1, 1)) or [None]
        return 0.0 if link is None else link.score

    other, same = score(a, b), score(a, c)
    monkeypatch.setattr(core.align, "SPEAKER_CONFLICT", 1.0)  # without the rule
    assert other < score(a, b)  # the rule lowers the pair of two speakers ...
    assert same == score(a, c)  # ... and leaves the pair of one speaker alone
