"""The aligner's shortcuts change no link: each skips work only where a bound proves the result
cannot matter (scores under the floor, quotation pairs without enough shared words, sentences
without an attribution cue)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from sidebyside.core import calibration
from sidebyside.core.align import (
    EXACT_QUOTE_WORDS,
    MIN_QUOTE_WORDS,
    QUOTE_COVERED,
    _covered,
    _quote_partials,
    _quote_similarity,
    score_candidates,
)
from sidebyside.core.attribution import VERB
from sidebyside.core.facts import _CUE_WORDS, _WORDS
from sidebyside.core.similarity import _window_floor, partial_floor

from .conftest import seed_docs

texts = st.text(alphabet="ab c.", min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_partial_floors_never_exceed_partial_alignment(a: str, b: str) -> None:
    seqs = [a, b]
    left, right = np.asarray([0]), np.asarray([1])
    short, long = sorted([a, b], key=lambda t: (len(t), t))
    partial = fuzz.partial_ratio(short, long) / 100.0
    chars = np.asarray([fuzz.ratio(a, b) / 100.0])
    assert partial_floor(chars, seqs, left, right)[0] <= partial + 1e-9
    assert _window_floor(seqs, left, right)[0] <= partial + 1e-6


def test_bounded_scores_keep_every_pair_that_can_reach_the_floor() -> None:
    docs = seed_docs()
    fast = score_candidates(docs)
    exact = score_candidates(docs, exact=True)
    floor = calibration.raw_for(calibration.FLOOR)
    assert np.array_equal(fast.left, exact.left) and np.array_equal(fast.right, exact.right)
    above = exact.raw >= floor
    assert above.sum() > 20  # the seeds have links to keep
    assert np.array_equal(fast.raw >= floor, above)
    assert np.allclose(fast.raw[above], exact.raw[above])
    assert (fast.raw[~above] >= exact.raw[~above] - 1e-9).all()  # a bound, still under
    assert np.array_equal(fast.is_same, exact.is_same)
    kept = lambda s: s.is_same | (s.best_either & (s.probability >= calibration.FLOOR))  # noqa: E731
    assert np.array_equal(kept(fast), kept(exact))
    assert np.array_equal(fast.probability[kept(fast)], exact.probability[kept(exact)])
    exact_too = above | exact.is_same  # a same pair is a link whatever its score
    assert fast.clause == [c if a else f for c, f, a in zip(exact.clause, fast.clause, exact_too,
                                                            strict=True)]
    assert np.allclose(fast.raw[exact_too], exact.raw[exact_too])


def _reference_quote_similarity(qa: list[str], qb: list[str]) -> float:
    """The quotation score without the shared-word shortcut (as it was before it)."""
    best = 0.0
    for a in qa:
        for b in qb:
            wa, wb = a.split(), b.split()
            short = min(len(wa), len(wb))
            if short < EXACT_QUOTE_WORDS:
                continue
            score = fuzz.partial_ratio(a, b) / 100.0 if short >= MIN_QUOTE_WORDS else 0.0
            matcher = SequenceMatcher(None, wa, wb, autojunk=False)
            run = matcher.find_longest_match().size
            if run >= 2 * MIN_QUOTE_WORDS or (run >= MIN_QUOTE_WORDS and run >= 0.8 * short):
                score = max(score, 0.9 + 0.1 * run / short)
            covered = _covered(matcher, len(wa), len(wb))
            if covered >= (QUOTE_COVERED if short >= MIN_QUOTE_WORDS else 1.0):
                score = max(score, 0.9 + 0.1 * covered)
            best = max(best, min(score, 1.0))
    return best


quotes = st.lists(st.sampled_from("we will win the war no more tax cut now".split()),
                  min_size=3, max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(quotes, min_size=1, max_size=2), st.lists(quotes, min_size=1, max_size=2))
def test_quote_similarity_shortcut_changes_no_score(qa: list[str], qb: list[str]) -> None:
    reference = _reference_quote_similarity(qa, qb)
    assert _quote_similarity(qa, qb) == reference
    assert _quote_similarity(qa, qb, 0.0, _quote_partials([(qa, qb)], 0.0)) == reference


_CUE = re.compile(rf"\b(?:{VERB}|according|citing|per|think|believe|guess|suppose)\b",
                  re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Said", "SAYS", "told,", "per", "Per-cent", "toldx", "the",
                                 "believe.", "accordingly", "“said”", "sai d", "claimed—",
                                 "é", "x_said"]), max_size=8).map(" ".join))
def test_attribution_cue_words_match_the_regex(sentence: str) -> None:
    has_cue = not _CUE_WORDS.isdisjoint(_WORDS.findall(sentence.casefold()))
    assert has_cue == bool(_CUE.search(sentence))


def _reference_raw_tokens(text: str) -> list[tuple[str, bool, bool]]:
    """Word tokens as they were read before tokens were remembered by word."""
    from sidebyside.core.normalize import normalize
    from sidebyside.core.tokens import _POSSESSIVE, _WORD

    norm = normalize(text)
    out = []
    for k, m in enumerate(_WORD.finditer(text)):
        orig, (a, b) = m.group(), m.span()
        if orig[0].isdigit():
            out.append((norm[a:b].replace(",", ""), False, True))
        elif "." in orig:
            out.append((orig.replace(".", "").upper(), True, False))
        elif orig.isupper() and 2 <= len(orig) <= 7 and "'" not in orig and "’" not in orig:
            out.append((orig, True, False))
        else:
            low = norm[a:b]
            if "'" in low:
                low = _POSSESSIVE.sub("", low)
            out.append((low, orig[0].isupper() and k > 0, False))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["The", "SDF", "U.S.", "group's", "Group’s", "4,000", "3.5",
                                 "İstanbul", "don't", "IS", "is", "Trump", "—", "“said”",
                                 "Baghouz", "B.C.", "x"]), max_size=10).map(" ".join))
def test_tokens_remembered_by_word_are_the_tokens_read_in_place(sentence: str) -> None:
    from sidebyside.core.tokens import raw_tokens

    assert [tuple(t) for t in raw_tokens(sentence)] == _reference_raw_tokens(sentence)


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.text(alphabet="abs", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="abs ,", max_size=40))
def test_verb_trie_matches_as_the_words_joined_longest_first(words: frozenset[str],
                                                            text: str) -> None:
    from sidebyside.core.attribution import _alternation

    joined = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    for template in (r"\b{}\b", r"{}(?:\s+\w+)?\s*[,]?$", r"^\s*(\w+?)\s+{}\b(?!,)"):
        trie = re.compile(template.format(_alternation(words)), re.IGNORECASE)
        plain = re.compile(template.format(joined), re.IGNORECASE)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_pairs_marked_exact_are_scored_exactly_under_any_floor() -> None:
    """A same pair is a link whatever its score: its score (and so its clause) must be exact
    even when it cannot reach the floor."""
    from sidebyside.core.align import _Corpus
    from sidebyside.core.facts import fact_text

    texts = [fact_text(s) for d in seed_docs()[:2] for s in d.sentence_texts()]
    corpus = _Corpus.build(texts, [[] for _ in texts])
    n = len(texts)
    left = np.arange(0, n - 1, dtype=np.int64)
    right = np.arange(1, n, dtype=np.int64)
    exact, _ = corpus.similarity(left, right)
    marked = np.arange(len(left)) % 2 == 0
    bounded, _ = corpus.similarity(left, right, floor=2.0, exact=marked)  # no pair reaches 2
    assert np.allclose(bounded[marked], exact[marked])
    assert (bounded[~marked] >= exact[~marked] - 1e-9).all()
    assert not np.allclose(bounded[~marked], exact[~marked])  # the others are only bounds
