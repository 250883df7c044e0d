"""The alignment engine: which sentences the sources share, word differently, or say alone.

``align_documents(documents)`` works on N ≥ 2 documents at once:

1. each sentence is read for its fact (``core.facts``): attribution ("he added", "according to
   the AP", "I think") is blanked, so it never makes two sentences alike; a sentence repeated
   in its own article (a caption printed twice) is matched once, through its first occurrence;
2. every sentence, and each clause of a long one (``core.clauses``), is tokenised once over the
   whole corpus (``core.tokens``): acronyms meet their expansions, spelling variants of names
   merge, rare words, names and numbers weigh most;
3. page furniture ("COMMENTS", "Hide Ad", cookie notices, bylines, one-word labels) is set aside:
   it never links, so one site's furniture never matches another's;
4. candidate pairs are *blocked*: only sentences of different documents that share a token rare
   enough to be informative are compared, so cost grows far slower than the square of the corpus;
5. candidates are scored in batch (``core.similarity``: vectorised weighted overlap + rapidfuzz
   ``cpdist``), whole sentence against whole sentence and clause against sentence (a fact
   carried by one clause links to the sentence that reports it); quotations are matched as
   units of their own, so a quote carried by several outlets links whatever sentence frames it;
6. the raw score becomes a probability that a careful reader calls the pair the same fact
   (``core.calibration``, fitted on human same-event labels); links are kept when they are a
   sentence's best counterpart in the other document (either way) and reach the threshold of
   the sensitivity setting; ``same`` for near-verbatim sentences and shared quotations,
   ``related`` for the same fact in other words; groups are the connected clusters of links,
   numbered in reading order;
7. the user's judgement wins: links the user drew or rejected (``core.judgements``) are applied
   on top (``Alignment.judged``). Each link can say why it exists (``Alignment.evidence``).

``score_pairs(pairs)`` exposes the same scoring for arbitrary sentence pairs.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz, process

from . import calibration
from .attribution import PRONOUNS, find_quotations, reporter, same_speaker
from .boilerplate import FURNITURE, is_furniture
from .clauses import clause_spans
from .document import Document
from .evidence import Evidence, evidence
from .facts import fact_text
from .kinds import ENGINE, RELATED, SAME, SHARED, UNIQUE, USER
from .markdown import blanked
from .normalize import normalize
from .quotes import MARKS as QUOTE_MARKS
from .quotes import quote_spans
from .similarity import (
    PairFeatures,
    TokenSets,
    _seq_strings,
    bounded_similarity,
    char_similarity,
    combine,
    features,
    weighted_overlap,
)
from .tokens import Vocabulary, build_vocabulary, raw_tokens
from .wordvec import sentence_vectors_idf, vectors_with

SAME_CHARS = 0.86
QUOTE_SAME = 0.92
MIN_QUOTE_WORDS = 5
EXACT_QUOTE_WORDS = 4  # a quote this short matches only word for word
QUOTE_COVERED = 0.9  # share of the shorter quote's words found in order in the longer
CLAUSE_FACTOR = 0.8  # a clause-level match counts for this share of a whole-sentence one
CLAUSE_COVER = 0.35  # ... tried when this share of the shorter sentence's words is in the longer
SPEAKER_CONFLICT = 0.75  # ... and so is the score of a pair that reports two different speakers
TIME_CONFLICT = 0.75  # the raw score of a pair whose days of the week disagree is scaled so
REPEAT_RATIO = 90  # a sentence this close (rapidfuzz ratio) to an earlier one is a repeat
REPEAT_WINDOW = 24  # ... among the latest sentences of 8 words or more (exact: any earlier)

SentenceRef = tuple[int, int]  # (document index, sentence index)


@dataclass(frozen=True, slots=True)
class Link:
    a: SentenceRef
    b: SentenceRef
    score: float  # the probability that a careful reader calls the two the same fact
    kind: str
    by: str = ENGINE  # ENGINE, or USER for a link the user drew
    clause: tuple[int, int, int, int] | None = None  # clause-level match: spans in a and b

    def other(self, ref: SentenceRef) -> SentenceRef:
        return self.b if ref == self.a else self.a

    def to_json(self) -> dict[str, object]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "score": round(self.score, 4),
            "kind": self.kind,
            "by": self.by,
        }


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    members: tuple[SentenceRef, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "members": [list(m) for m in self.members]}


@dataclass
class Alignment:
    """What the engine found (``candidates``: every link down to the most sensitive setting),
    seen at one ``sensitivity`` and with the user's judgements applied: ``links``, ``status``
    and ``groups`` are derived from those."""

    documents: list[Document]
    candidates: list[Link]
    furniture: list[list[bool]]
    repeat_of: list[list[int | None]] = field(default_factory=list)
    sensitivity: str = calibration.DEFAULT
    user_links: list[tuple[SentenceRef, SentenceRef]] = field(default_factory=list)
    rejected: set[tuple[SentenceRef, SentenceRef]] = field(default_factory=set)
    links: list[Link] = field(init=False)
    groups: list[Group] = field(init=False)
    status: list[list[str]] = field(init=False)
    group_of: list[list[int | None]] = field(init=False)
    _by_sentence: dict[SentenceRef, list[Link]] = field(init=False, repr=False)
    _evidence: dict[tuple[SentenceRef, SentenceRef], list[Evidence]] = field(
        init=False, repr=False)
    _user: set[SentenceRef] = field(init=False, repr=False)
    _weak: set[SentenceRef] = field(init=False, repr=False)
    _group_index: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.repeat_of:
            self.repeat_of = [[None] * len(d.sentences) for d in self.documents]
        self._evidence = {}
        floor = calibration.threshold(self.sensitivity)
        drawn = set(self.user_links)
        links = [
            lk for lk in self.candidates
            if (lk.kind == SAME or lk.score >= floor)
            and (lk.a, lk.b) not in self.rejected and (lk.a, lk.b) not in drawn
        ]
        for a, b in self.user_links:
            if (a, b) not in self.rejected:
                links.append(Link(a, b, 1.0, RELATED, USER))
        links.sort(key=lambda lk: (lk.a, lk.b))
        self.links = links
        status = [[UNIQUE] * len(doc.sentences) for doc in self.documents]
        for link in links:
            for d, s in (link.a, link.b):
                if link.kind == SAME or status[d][s] == UNIQUE:
                    status[d][s] = SHARED if link.kind == SAME else RELATED
        for d, repeats in enumerate(self.repeat_of):
            for s, original in enumerate(repeats):
                if original is not None:
                    status[d][s] = status[d][original]
        self.status = status
        refs = [(d, s.index) for d, doc in enumerate(self.documents) for s in doc.sentences]
        self.groups = _groups(refs, links)
        self.group_of = [[None] * len(d.sentences) for d in self.documents]
        self._group_index = {g.id: i for i, g in enumerate(self.groups)}
        for g in self.groups:
            for d, s in g.members:
                self.group_of[d][s] = g.id
        for d, repeats in enumerate(self.repeat_of):
            for s, original in enumerate(repeats):
                if original is not None:
                    self.group_of[d][s] = self.group_of[d][original]
        by: dict[SentenceRef, list[Link]] = {}
        for link in links:
            by.setdefault(link.a, []).append(link)
            by.setdefault(link.b, []).append(link)
        for v in by.values():
            v.sort(key=lambda lk: (lk.by != USER, lk.kind != SAME, -lk.score))
        self._by_sentence = by
        strong = calibration.THRESHOLDS[calibration.DEFAULT]
        self._user = {ref for ref, v in by.items() if any(lk.by == USER for lk in v)}
        self._weak = {ref for ref, v in by.items()
                      if all(lk.kind == RELATED and lk.by == ENGINE and lk.score < strong
                             for lk in v)}

    def at(self, sensitivity: str) -> Alignment:
        """The same alignment seen at another sensitivity (no re-alignment)."""
        seen = Alignment(self.documents, self.candidates, self.furniture, self.repeat_of,
                         sensitivity, list(self.user_links), set(self.rejected))
        seen._evidence = self._evidence  # the evidence of a pair is the same however seen
        return seen

    def judged(self, user_links: Sequence[tuple[SentenceRef, SentenceRef]],
               rejected: set[tuple[SentenceRef, SentenceRef]]) -> Alignment:
        """The same alignment with the user's links and rejections applied."""
        seen = Alignment(self.documents, self.candidates, self.furniture, self.repeat_of,
                         self.sensitivity, list(user_links), set(rejected))
        seen._evidence = self._evidence
        return seen

    def know_evidence(self, found: dict[tuple[SentenceRef, SentenceRef], list[Evidence]],
                      ) -> None:
        """Evidence worked out elsewhere (a worker process), kept as if found here."""
        self._evidence.update(found)

    def original(self, doc: int, sentence: int) -> int:
        """The sentence a verbatim repeat stands for (itself when it is no repeat)."""
        found = self.repeat_of[doc][sentence] if self.repeat_of else None
        return sentence if found is None else found

    def links_of(self, doc: int, sentence: int) -> list[Link]:
        """Links of one sentence, best first (the user's, then ``same``, then by score); a
        sentence repeated in its article has the links of its first occurrence."""
        return self._by_sentence.get((doc, self.original(doc, sentence)), [])

    def counterpart(self, doc: int, sentence: int, other_doc: int) -> tuple[int, Link] | None:
        """The best counterpart of a sentence in another document: (sentence index, link)."""
        ref = (doc, self.original(doc, sentence))
        for link in self._by_sentence.get(ref, []):
            d, s = link.other(ref)
            if d == other_doc:
                return s, link
        return None

    def counterparts(self, doc: int, sentence: int) -> list[tuple[int, int, Link | None]]:
        """The sentence's counterpart in each other document that has one: its best direct
        link, or else the member of its group there (link None: linked through the group).
        Every member of a group lists the same documents."""
        out: list[tuple[int, int, Link | None]] = []
        seen: set[int] = set()
        ref = (doc, self.original(doc, sentence))
        for link in self._by_sentence.get(ref, []):
            d, s = link.other(ref)
            if d != doc and d not in seen:
                seen.add(d)
                out.append((d, s, link))
        group = self.group_of[doc][sentence]
        if group is not None:
            for d, s in self.groups[self._group_index[group]].members:
                if d != doc and d not in seen:
                    seen.add(d)
                    out.append((d, s, None))
        out.sort(key=lambda x: x[0])
        return out

    def by_user(self, doc: int, sentence: int) -> bool:
        """Does the user's judgement link this sentence?"""
        return (doc, self.original(doc, sentence)) in self._user

    def weak(self, doc: int, sentence: int) -> bool:
        """Is every link of this sentence a weak one (shown only at a raised sensitivity)?"""
        return (doc, self.original(doc, sentence)) in self._weak

    def evidence(self, link: Link) -> list[Evidence]:
        """Why the link exists: shared spans in both sentences (document offsets)."""
        key = (link.a, link.b)
        found = self._evidence.get(key)
        if found is None:
            found = _link_evidence(self.documents, link)
            self._evidence[key] = found
        return found

    def shared_fraction(self, doc: int) -> float:
        """Share of a document's (non-furniture) sentences with a counterpart elsewhere."""
        counted = [st for st, f in zip(self.status[doc], self.furniture[doc], strict=True) if not f]
        if not counted:
            return 0.0
        return sum(1 for st in counted if st != UNIQUE) / len(counted)

    def fractions(self, doc: int) -> tuple[float, float]:
        """Shares of a document's (non-furniture) sentences that are shared and related."""
        counted = [st for st, f in zip(self.status[doc], self.furniture[doc], strict=True) if not f]
        if not counted:
            return 0.0, 0.0
        return (sum(1 for st in counted if st == SHARED) / len(counted),
                sum(1 for st in counted if st == RELATED) / len(counted))

    def similarity_matrix(self) -> list[list[float]]:
        """``m[i][j]``: share of document i's sentences with a counterpart in document j.
        Linear in the links: each sentence's links are read once."""
        n = len(self.documents)
        m = [[0.0] * n for _ in range(n)]
        for i in range(n):
            eligible = [s for s, f in enumerate(self.furniture[i]) if not f]
            if not eligible:
                continue
            hits = [0] * n
            for s in eligible:
                ref = (i, self.original(i, s))
                for j in {lk.other(ref)[0] for lk in self._by_sentence.get(ref, ())}:
                    hits[j] += 1
            for j in range(n):
                m[i][j] = 1.0 if i == j else hits[j] / len(eligible)
        return m

    def to_json(self) -> dict[str, object]:
        docs = []
        for d_index, d in enumerate(self.documents):
            data = d.to_json()
            for s_index, (s_json, st) in enumerate(
                    zip(data["sentences"], self.status[d_index], strict=True)):  # type: ignore[arg-type]
                s_json["status"] = st
                original = self.repeat_of[d_index][s_index]
                if original is not None:
                    s_json["repeat_of"] = original
            docs.append(data)
        links = []
        for lk in self.links:
            item = lk.to_json()
            item["evidence"] = [e.to_json() for e in self.evidence(lk)]
            links.append(item)
        return {
            "sensitivity": self.sensitivity,
            "documents": docs,
            "links": links,
            "groups": [g.to_json() for g in self.groups],
        }


def _link_evidence(documents: Sequence[Document], link: Link) -> list[Evidence]:
    (da, sa), (db, sb) = link.a, link.b
    doc_a, doc_b = documents[da], documents[db]
    start_a, start_b = doc_a.sentences[sa].start, doc_b.sentences[sb].start
    text_a = fact_text(blanked(doc_a, sa))
    text_b = fact_text(blanked(doc_b, sb))
    quotes: list[tuple[tuple[int, int], tuple[int, int]]] = []
    spans_a = quote_spans_of(doc_a, sa)
    spans_b = quote_spans_of(doc_b, sb)
    best = (0.0, None)
    for qa in spans_a:
        for qb in spans_b:
            na, nb = _norm_quote(doc_a.text[qa[0]:qa[1]]), _norm_quote(doc_b.text[qb[0]:qb[1]])
            sim = _quote_similarity([na], [nb])
            if sim >= QUOTE_SAME and sim > best[0]:
                best = (sim, (qa, qb))
    if best[1] is not None:
        quotes.append(best[1])
    return evidence(text_a, start_a, text_b, start_b, quotes, link.clause)


# --- scoring shared by the aligner and score_pairs ----------------------------------------


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS |= {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}


def _flat(text: str) -> str:
    """The normalised text with whitespace runs as one space: blanked attribution is no shared
    text."""
    return " ".join(normalize(text).split())


@functools.lru_cache(maxsize=64)
def _quote_spans_cached(doc: Document) -> list[list[tuple[int, int]]]:
    return quote_spans(doc)


def quote_spans_of(doc: Document, sentence: int) -> list[tuple[int, int]]:
    """The quoted spans inside one sentence of a document (document offsets)."""
    return _quote_spans_cached(doc)[sentence]


def _norm_quote(text: str) -> str:
    """Quotation words for matching: lower case, punctuation dropped, number words as digits
    ("one-in-three" ~ "1 in 3")."""
    return " ".join(_NUMBER_WORDS.get(w, w) for w in re.findall(r"\w+", normalize(text)))


def _quote_similarity(qa: Sequence[str], qb: Sequence[str], cutoff: float = 0.0,
                      partials: dict[tuple[str, str], float] | None = None) -> float:
    """How surely two sentences carry the same quotation: the best over their quoted spans of
    (a) the shorter span found almost verbatim inside the longer (partial alignment), or
    (b) a long run of words shared by both (quotes trimmed differently at either end).
    A score under ``cutoff`` may be returned as 0 (faster). ``partials``: the partial
    alignments of the quotation pairs, worked out in a batch (``_quote_partials``)."""
    best = 0.0
    for a in qa:
        wa, count_a, set_a = _quote_words(a)
        for b in qb:
            wb, count_b, set_b = _quote_words(b)
            short = min(len(wa), len(wb))
            if short < EXACT_QUOTE_WORDS:
                continue
            if short < MIN_QUOTE_WORDS:
                score = 0.0
            elif partials is not None:
                score = partials[a, b]
            else:
                score = fuzz.partial_ratio(a, b, score_cutoff=100 * cutoff) / 100.0
            # both word-run rules below need this many words in common (a run of
            # MIN_QUOTE_WORDS, or QUOTE_COVERED of the shorter quote): without them, skip the
            # matcher
            common = set_a & set_b
            shared = sum(min(count_a[w], count_b[w]) for w in common) if common else 0
            if shared < min(MIN_QUOTE_WORDS, QUOTE_COVERED * short):
                best = max(best, min(score, 1.0))
                continue
            matcher = SequenceMatcher(None, wa, wb, autojunk=False)
            run = matcher.find_longest_match().size
            if run >= 2 * MIN_QUOTE_WORDS or (run >= MIN_QUOTE_WORDS and run >= 0.8 * short):
                score = max(score, 0.9 + 0.1 * run / short)
            # the shorter quote's words, nearly all found in order and close together in the
            # longer one: the same words with one inserted or dropped ("admit I'm" ~ "admit
            # that I'm"); runs of two words or more, so scattered small words do not count
            covered = _covered(matcher, len(wa), len(wb))
            if covered >= (QUOTE_COVERED if short >= MIN_QUOTE_WORDS else 1.0):
                score = max(score, 0.9 + 0.1 * covered)
            best = max(best, min(score, 1.0))
    return best


@functools.lru_cache(maxsize=4096)
def _quote_words(quote: str) -> tuple[list[str], Counter[str], frozenset[str]]:
    words = quote.split()
    return words, Counter(words), frozenset(words)


def _quote_partials(pairs: Sequence[tuple[Sequence[str], Sequence[str]]], cutoff: float
                    ) -> dict[tuple[str, str], float]:
    """The partial alignment of every two quotations long enough to need it, in one batch on
    every core (as ``_quote_similarity`` would work each out)."""
    todo: dict[tuple[str, str], None] = {}
    for qa, qb in pairs:
        for a in qa:
            for b in qb:
                if min(len(_quote_words(a)[0]), len(_quote_words(b)[0])) >= MIN_QUOTE_WORDS:
                    todo[a, b] = None
    if not todo:
        return {}
    first = [a for a, _ in todo]
    second = [b for _, b in todo]
    scores = process.cpdist(first, second, scorer=fuzz.partial_ratio, score_cutoff=100 * cutoff,
                            dtype=np.float64, workers=-1)
    return {pair: float(x) / 100.0 for pair, x in zip(todo, scores.tolist(), strict=True)}


def _covered(matcher: SequenceMatcher, len_a: int, len_b: int) -> float:
    """Share of the shorter word list matched in the longer, in runs of two words or more and
    inside a window of the longer at most three words wider than the shorter (else 0)."""
    short = min(len_a, len_b)
    a_short = len_a <= len_b
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 2 or b.size == short > 0]
    if not blocks:
        return 0.0
    starts = [b.b if a_short else b.a for b in blocks]
    ends = [(b.b if a_short else b.a) + b.size for b in blocks]
    if max(ends) - min(starts) > short + 3:
        return 0.0
    return sum(b.size for b in blocks) / short


@dataclass
class _Corpus:
    texts: list[str]
    norm: list[str]
    sets: TokenSets
    weights: np.ndarray
    encoded: list[list[int]]
    quotes: list[list[str]]
    word_seqs: list[str]
    content_seqs: list[str]
    vectors: np.ndarray
    vocab: Vocabulary | None = None
    word_ids: dict[str, int] = field(default_factory=dict)
    piece_idf: np.ndarray | None = None

    @classmethod
    def build(cls, texts: list[str], quotes: list[list[str]]) -> _Corpus:
        raw = [raw_tokens(t) for t in texts]
        vocab, encoded = build_vocabulary(raw)
        sets = TokenSets.build(encoded, vocab.weights)
        word_ids: dict[str, int] = {}
        words = [[word_ids.setdefault(t.value, len(word_ids)) for t in r] for r in raw]
        vectors, idf = sentence_vectors_idf(texts)
        return cls(
            texts, [_flat(t) for t in texts], sets, vocab.weights, encoded, quotes,
            _seq_strings(words), _seq_strings(encoded), vectors, vocab, word_ids, idf,
        )

    def extend(self, texts: list[str]) -> _Corpus:
        """This corpus with more texts (clauses of its sentences) weighed by its own statistics:
        their scores compare with its sentences' scores."""
        assert self.vocab is not None and self.piece_idf is not None
        raw = [raw_tokens(t) for t in texts]
        encoded = [self.vocab.encode_known(r) for r in raw]
        words = [[self.word_ids.setdefault(t.value, len(self.word_ids)) for t in r] for r in raw]
        all_encoded = self.encoded + encoded
        return _Corpus(
            self.texts + texts, self.norm + [_flat(t) for t in texts],
            self.sets.extend(encoded, self.weights), self.weights, all_encoded,
            self.quotes + [[] for _ in texts], self.word_seqs + _seq_strings(words),
            self.content_seqs + _seq_strings(encoded),
            np.vstack([self.vectors, vectors_with(texts, self.piece_idf)]),
            self.vocab, self.word_ids, self.piece_idf,
        )

    def features(self, left: np.ndarray, right: np.ndarray, partial: bool = True,
                 overlap: np.ndarray | None = None, chars: np.ndarray | None = None
                 ) -> PairFeatures:
        return features(
            self.sets, self.weights, self.norm, self.word_seqs, self.content_seqs, self.vectors,
            left, right, partial, overlap, chars,
        )

    def chars(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return char_similarity(self.norm, left, right)

    def similarity(self, left: np.ndarray, right: np.ndarray, floor: float | None = None,
                   overlap: np.ndarray | None = None, chars: np.ndarray | None = None,
                   exact: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(sentence similarity, character similarity) for each pair. With ``floor``, the
        similarity is exact only where it reaches ``floor`` or ``exact`` says; elsewhere it
        is an upper bound still under ``floor`` (``similarity.bounded_similarity``)."""
        if floor is None:
            f = self.features(left, right, overlap=overlap, chars=chars)
            return combine(f), f.chars
        f = self.features(left, right, partial=False, overlap=overlap, chars=chars)
        return bounded_similarity(f, floor, self.norm, left, right, exact), f.chars

    def quote_similarity(self, left: np.ndarray, right: np.ndarray, cutoff: float = 0.0
                         ) -> np.ndarray:
        """Best match between the quotations of each pair's sentences (0 without quotes, and
        perhaps 0 under ``cutoff``)."""
        quote = np.zeros(len(left))
        quotes = self.quotes
        has = np.fromiter(map(bool, quotes), dtype=bool, count=len(quotes))
        rows = np.nonzero(has[left] & has[right])[0].tolist()
        pairs = [(quotes[left[k]], quotes[right[k]]) for k in rows]
        partials = _quote_partials(pairs, cutoff)
        for k, (qa, qb) in zip(rows, pairs, strict=True):
            quote[k] = _quote_similarity(qa, qb, cutoff, partials)
        return quote


def pair_features(pairs: Sequence[tuple[str, str]]) -> PairFeatures:
    """The similarity features of arbitrary sentence pairs, with corpus statistics (token
    weights, acronyms, spelling variants) estimated from the sentences given; attribution is
    blanked first, as in the aligner (``core.facts``)."""
    index: dict[str, int] = {}
    texts: list[str] = []
    for a, b in pairs:
        for t in (a, b):
            if t not in index:
                index[t] = len(texts)
                texts.append(t)
    corpus = _Corpus.build([fact_text(t) for t in texts], [[] for _ in texts])
    left = np.fromiter((index[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((index[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
    return corpus.features(left, right)


def score_pairs(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """The engine's sentence similarity in [0, 1] for arbitrary pairs: the score the aligner
    calibrates into a link's probability
    (``core.calibration``). Corpus statistics (token weights, acronyms, spelling
    variants) are estimated from the sentences given. (The aligner also matches quotations as
    units of their own; that decides the ``same`` kind, not this similarity.)"""
    return [float(x) for x in combine(pair_features(pairs))]


# --- the aligner ----------------------------------------------------------------------------


BLOCK_KEYS = 8  # each sentence proposes candidates through its rarest tokens ...
BLOCK_CAP = 20  # ... that occur in at most this many sentences
DICE_FLOOR = 0.1  # below this content overlap, only a shared quotation can link a pair
HEADLINE_MIN_LINKS = 3  # documents sharing this many links report the same event ...
HEADLINE_FLOOR = 0.1  # ... and their headlines are counterparts when they score at least this
HEADLINE_GATE = 0.8  # the links counted: probability at least this (fixed, not the setting's)


def _candidates(
    encoded: list[list[int]], doc_of: np.ndarray, eligible: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Pairs (i < j) of eligible sentences in different documents, found by blocking: each
    sentence looks up the sentences holding one of its ``BLOCK_KEYS`` rarest tokens (tokens in
    more than ``BLOCK_CAP`` sentences are topic words, not keys). The number of pairs grows with
    the corpus, not with its square."""
    n = len(encoded)
    rows = np.nonzero(eligible)[0]
    postings: dict[int, list[int]] = {}
    for i in rows:
        for t in set(encoded[i]):
            postings.setdefault(t, []).append(int(i))
    arrays = {
        t: np.asarray(p, dtype=np.int64) for t, p in postings.items() if 1 < len(p) <= BLOCK_CAP
    }
    keys = sorted(arrays)
    slot = {t: k for k, t in enumerate(keys)}
    lengths = np.asarray([len(arrays[t]) for t in keys], dtype=np.int64)
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.concatenate([arrays[t] for t in keys]) if keys else np.zeros(0, dtype=np.int64)
    owners: list[int] = []  # each sentence with each of its keys' postings
    chosen: list[int] = []
    for i in rows.tolist():
        usable = [t for t in set(encoded[i]) if t in slot]
        usable.sort(key=lambda t: (-weights[t], t))
        for t in usable[:BLOCK_KEYS]:
            owners.append(i)
            chosen.append(slot[t])
    if not owners:
        return np.zeros((0, 2), dtype=np.int64)
    sizes = lengths[chosen]
    starts = np.repeat(offsets[chosen], sizes)
    within = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes,
                                                                      sizes)
    partners = flat[starts + within]
    mine = np.repeat(np.asarray(owners, dtype=np.int64), sizes)
    other = doc_of[partners] != doc_of[mine]
    partners, mine = partners[other], mine[other]
    if not len(mine):
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.minimum(partners, mine) * n + np.maximum(partners, mine))
    return np.stack([codes // n, codes % n], axis=1)


@dataclass
class Scored:
    """Every candidate pair the engine compared, with its raw similarity and probability (what
    ``benchmarks/calibrate.py`` fits the calibration on), and what the alignment needs."""

    refs: list[SentenceRef]
    left: np.ndarray  # flat sentence indices (into ``refs``)
    right: np.ndarray
    raw: np.ndarray  # raw similarity (best of whole sentence and clause-level match)
    probability: np.ndarray
    is_same: np.ndarray
    best_either: np.ndarray  # the best counterpart of one of the two in the other's document
    clause: list[tuple[int, int, int, int] | None]
    headline: list[Link]
    furniture: list[list[bool]]
    repeat_of: list[list[int | None]]


def align_documents(
    documents: Sequence[Document],
    progress: Callable[[float, str], None] | None = None,
    sensitivity: str = calibration.DEFAULT,
) -> Alignment:
    """Align N documents at once (see the module documentation). ``progress(fraction, stage)``
    is called as the work advances (from whatever thread runs the alignment). The alignment
    keeps every link down to the most sensitive setting; ``sensitivity`` chooses the ones it
    shows (``Alignment.at`` changes it without aligning again)."""
    calibration.threshold(sensitivity)  # an unknown name fails before the work
    docs = list(documents)
    scored = score_candidates(docs, progress)
    links: list[Link] = []
    refs = scored.refs
    keep = scored.is_same | (scored.best_either & (scored.probability >= calibration.FLOOR))
    for k in np.nonzero(keep)[0]:
        i, j = int(scored.left[k]), int(scored.right[k])
        kind = SAME if scored.is_same[k] else RELATED
        links.append(Link(refs[i], refs[j], float(scored.probability[k]), kind,
                          clause=scored.clause[k]))
    by_pair = {(lk.a, lk.b): lk for lk in links}
    for lk in scored.headline:  # a headline link lifts the engine's weaker link of that pair
        known = by_pair.get((lk.a, lk.b))
        if known is None or (known.kind == RELATED and known.score < lk.score):
            by_pair[(lk.a, lk.b)] = lk
    links = sorted(by_pair.values(), key=lambda lk: (lk.a, lk.b))
    if progress is not None:
        progress(1.0, "done")
    return Alignment(docs, links, scored.furniture, scored.repeat_of, sensitivity)


def _repeats(docs: list[Document], facts: list[str], flat: list[str], firsts: list[int],
             eligible: np.ndarray) -> list[list[int | None]]:
    """For each sentence, the earlier sentence of the same article it repeats (a caption or a
    notice printed twice, maybe behind a credit line), or None. Repeats are matched once,
    through their first occurrence. ``flat``: the facts as ``_flat`` gives them."""
    out: list[list[int | None]] = []
    for d, doc in enumerate(docs):
        first = firsts[d]
        n = len(doc.sentences)
        mine: list[int | None] = [None] * n
        rows = [s for s in range(n) if eligible[first + s] and len(facts[first + s].split()) >= 3]
        texts = [flat[first + s] for s in rows]
        lengths = [len(t) for t in texts]
        seen: dict[str, int] = {}
        # the latest sentences of 8 words or more (positions in rows): a near repeat (a caption
        # behind a credit line) comes within a few sentences; comparing with all would be
        # quadratic in a long article
        long_ones: deque[int] = deque(maxlen=REPEAT_WINDOW)
        for x, text in enumerate(texts):
            if text in seen:
                mine[rows[x]] = rows[seen[text]]
                continue
            seen[text] = x
            lx = lengths[x]
            for y in long_ones:  # a near repeat: the earlier text inside this one, or close
                ly = lengths[y]
                if (lx if lx <= ly else ly) < 0.6 * (ly if lx <= ly else lx):
                    continue
                shorter, longer = (text, texts[y]) if lx <= ly else (texts[y], text)
                if shorter in longer or fuzz.ratio(text, texts[y], score_cutoff=REPEAT_RATIO):
                    mine[rows[x]] = rows[y]
                    break
            else:
                if len(text.split()) >= 8:
                    long_ones.append(x)
        out.append(mine)
    return out


def score_candidates(
    docs: list[Document], progress: Callable[[float, str], None] | None = None,
    exact: bool = False,
) -> Scored:
    """Find and score the candidate pairs of sentences of different documents. A pair that
    cannot reach the most sensitive setting (``calibration.FLOOR``) keeps an upper bound of its
    raw score, under the floor, unless ``exact`` (calibration needs every pair's score): the
    links are the same either way."""

    def report(fraction: float, stage: str) -> None:
        if progress is not None:
            progress(fraction, stage)

    report(0.0, "reading sentences")
    refs: list[SentenceRef] = [(d, s.index) for d, doc in enumerate(docs) for s in doc.sentences]
    firsts = _firsts(docs)
    texts = [blanked(docs[d], s) for d, s in refs]  # Markdown markup blanked
    facts = [fact_text(t) for t in texts]
    quotes: list[list[str]] = []
    for doc in docs:
        for spans in _quote_spans_cached(doc):
            found = [_norm_quote(doc.text[a:b]) for a, b in spans]
            quotes.append([q for q in found if len(q.split()) >= EXACT_QUOTE_WORDS])
    report(0.05, "weighing words")
    corpus = _Corpus.build(facts, quotes)
    report(0.45, "finding candidate pairs")
    n = len(refs)
    doc_of = np.asarray([d for d, _ in refs], dtype=np.int64)
    n_content = np.asarray([len(e) for e in corpus.encoded[:n]], dtype=np.int64)
    furniture_flat = [is_furniture(t, int(c)) for t, c in zip(texts, n_content, strict=True)]
    for k, (d, _s) in enumerate(refs):  # a document's headline is not furniture
        headline = texts[k].strip() == docs[d].title
        if furniture_flat[k] and headline and not FURNITURE.search(texts[k]):
            furniture_flat[k] = False
    eligible = np.asarray([not f for f in furniture_flat], dtype=bool) & (n_content >= 2)
    repeat_of = _repeats(docs, facts, corpus.norm, firsts, eligible)
    for d, repeats in enumerate(repeat_of):
        for s, original in enumerate(repeats):
            if original is not None:
                eligible[firsts[d] + s] = False

    pairs = _candidates(corpus.encoded[:n], doc_of, eligible, corpus.weights)
    report(0.6, f"comparing {len(pairs):,} sentence pairs")
    empty = np.zeros(0)
    left = right = np.zeros(0, dtype=np.int64)
    raw = probability = empty
    is_same = best_either = np.zeros(0, dtype=bool)
    clause: list[tuple[int, int, int, int] | None] = []
    if len(pairs):
        left, right = pairs[:, 0], pairs[:, 1]
        # cheap, vectorised overlap first; the string features only where it could matter
        overlap = weighted_overlap(corpus.sets, corpus.weights, left, right)
        denom = corpus.sets.totals[left] + corpus.sets.totals[right]
        dice = np.divide(2 * overlap, denom, out=np.zeros_like(overlap), where=denom > 0)
        has_quote = np.asarray([bool(q) for q in corpus.quotes[:n]])
        worth = (dice >= DICE_FLOOR) | (has_quote[left] & has_quote[right])
        left, right, overlap = left[worth], right[worth], overlap[worth]
        report(0.65, "matching quotations")
        # a quotation score matters from SAME_CHARS on (QUOTE_SAME makes a pair the same; over a
        # same pair's character score it sets its probability); under it, 0 is as good
        quote = corpus.quote_similarity(left, right, 0.0 if exact else SAME_CHARS)
        chars = corpus.chars(left, right)
        is_same = (chars >= SAME_CHARS) | (quote >= QUOTE_SAME)
        # pairs that cannot reach the floor keep a bound of their score, unless they are the
        # same (a link whatever their score, with its clause)
        floor = None if exact else calibration.raw_for(calibration.FLOOR)
        score, chars = corpus.similarity(left, right, floor, overlap, chars, is_same)
        # a clause of the longer sentence is worth comparing only when the shorter one's words
        # are mostly in the longer one
        wl, wr = corpus.sets.totals[left], corpus.sets.totals[right]
        covered = np.divide(overlap, np.minimum(wl, wr), out=np.zeros_like(overlap),
                            where=np.minimum(wl, wr) > 0) >= CLAUSE_COVER
        raw, clause = _clause_scores(corpus, facts, left, right, score,
                                     covered & (wl > wr), covered & (wr > wl), floor, is_same)
        raw = raw * np.where(_time_conflict(facts, left, right), TIME_CONFLICT, 1.0)
        # only pairs that could be shown at some setting need their speakers
        maybe = raw >= calibration.raw_for(calibration.FLOOR)
        wanted = set(left[maybe].tolist()) | set(right[maybe].tolist())
        conflict = np.zeros(len(left), dtype=bool)
        conflict[maybe] = _speaker_conflict(_speakers(docs, texts, refs, wanted),
                                            left[maybe], right[maybe])
        raw = raw * np.where(conflict, SPEAKER_CONFLICT, 1.0)
        report(0.9, "weighing the links")
        probability = calibration.probability(raw)
        probability = np.where(is_same, np.maximum.reduce([probability, chars, quote]),
                               probability)
        # the best counterpart per document, by raw score (the calibrated curve has flat parts)
        rank = np.where(is_same, 1.0 + np.maximum(chars, quote), raw)
        best_l, best_r = _best_per_document(left, right, rank, doc_of)
        best_either = best_l | best_r
    headline = _headline_links(docs, refs, texts, eligible, left, right, is_same, best_either,
                               probability, corpus)
    furniture = [[False] * len(doc.sentences) for doc in docs]
    for k, (d, s) in enumerate(refs):
        furniture[d][s] = furniture_flat[k]
    return Scored(refs, left, right, raw, probability, is_same, best_either, clause, headline,
                  furniture, repeat_of)


_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _time_conflict(facts: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose sentences both name days of the week, and no day in common: "On Sunday,
    forces launched the offensive" is not "late Thursday … airstrikes" (a fact has one time)."""
    days = [frozenset(m.lower() for m in _WEEKDAY.findall(f)) for f in facts]
    return np.fromiter(
        (bool(days[i]) and bool(days[j]) and not days[i] & days[j]
         for i, j in zip(left.tolist(), right.tolist(), strict=True)),
        dtype=bool, count=len(left))


def _speakers(docs: list[Document], texts: list[str], refs: list[SentenceRef],
              wanted: set[int]) -> dict[int, str | None]:
    """Who each wanted sentence (flat index) reports: the speaker of a quotation it holds, else
    the subject of its reported speech ("The White House … declared that …"), else None."""
    out: dict[int, str | None] = {}
    quoted: dict[int, dict[int, str]] = {}  # by document: sentence -> speaker
    for k in sorted(wanted):
        d, s = refs[k]
        if QUOTE_MARKS.search(texts[k]):
            if d not in quoted:
                doc = docs[d]
                starts = [x.start for x in doc.sentences]
                found: dict[int, str] = {}
                for q in find_quotations(doc):
                    if q.speaker and q.speaker.lower() not in PRONOUNS:
                        found.setdefault(bisect.bisect_right(starts, q.start) - 1, q.speaker)
                quoted[d] = found
            if s in quoted[d]:
                out[k] = quoted[d][s]
                continue
        out[k] = reporter(texts[k])
    return out


def _speaker_conflict(speakers: dict[int, str | None], left: np.ndarray,
                      right: np.ndarray) -> np.ndarray:
    """Pairs that report what two different speakers said: Kino Gabriel's quotation is not
    Mustafa Bali's, and the White House's statement is not the Syrian force's claim."""
    out = np.zeros(len(left), dtype=bool)
    for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        a, b = speakers[i], speakers[j]
        if a and b and not same_speaker(a, b):
            out[k] = True
    return out


def _clause_scores(
    corpus: _Corpus, facts: list[str],
    left: np.ndarray, right: np.ndarray, score: np.ndarray,
    try_left: np.ndarray, try_right: np.ndarray, floor: float | None = None,
    exact: np.ndarray | None = None,
) -> tuple[np.ndarray, list[tuple[int, int, int, int] | None]]:
    """The raw score of each pair: the whole-sentence score, or ``CLAUSE_FACTOR`` times the best
    match of a clause of one with the whole other, when that is higher (tried where
    ``try_left`` / ``try_right`` say, for the clauses of the left / right sentence). Returns the
    scores and, for clause-level matches, the clause's span and the other sentence's (sentence
    offsets). The clauses join the corpus with its statistics (``_Corpus.extend``). With
    ``floor``, a clause match that cannot lift its pair to ``floor`` is scored by an upper
    bound (``_Corpus.similarity``), unless ``exact`` marks its pair."""
    n = len(corpus.texts)
    needed = sorted(set(left[try_left].tolist()) | set(right[try_right].tolist()))
    clause_of: list[tuple[int, int, int]] = []  # (sentence, start, end) for each clause text
    kids: dict[int, list[int]] = {}
    for k in needed:
        for a, b in clause_spans(facts[k]):
            kids.setdefault(k, []).append(n + len(clause_of))
            clause_of.append((k, a, b))
    if clause_of:
        corpus = corpus.extend([facts[k][a:b] for k, a, b in clause_of])
    rows_l: list[int] = []
    rows_r: list[int] = []
    owner: list[int] = []
    side: list[int] = []  # 0: the clause is of the left sentence; 1: of the right
    for p in np.nonzero(try_left | try_right)[0].tolist():
        i, j = int(left[p]), int(right[p])
        for c in kids.get(i, ()) if try_left[p] else ():
            rows_l.append(c)
            rows_r.append(j)
            owner.append(p)
            side.append(0)
        for c in kids.get(j, ()) if try_right[p] else ():
            rows_l.append(i)
            rows_r.append(c)
            owner.append(p)
            side.append(1)
    raw = score.astype(np.float64).copy()
    clause: list[tuple[int, int, int, int] | None] = [None] * len(left)
    if not rows_l:
        return raw, clause
    sub, _chars = corpus.similarity(
        np.asarray(rows_l), np.asarray(rows_r), None if floor is None else floor / CLAUSE_FACTOR,
        exact=None if exact is None else exact[np.asarray(owner)])
    sub = sub * CLAUSE_FACTOR
    lengths = [len(t) for t in corpus.texts]
    for x in np.argsort(-sub, kind="stable"):
        p = owner[x]
        if sub[x] <= raw[p] or clause[p] is not None:
            continue
        raw[p] = sub[x]
        c = rows_l[x] if side[x] == 0 else rows_r[x]
        other = rows_r[x] if side[x] == 0 else rows_l[x]
        _k, a, b = clause_of[c - n]
        whole = _trim_span(corpus.texts[other], 0, lengths[other])
        clause[p] = (a, b, *whole) if side[x] == 0 else (*whole, a, b)
    return raw, clause


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + len(chunk.rstrip())


def _headline_sentence(doc: Document, first: int, texts: list[str]) -> int | None:
    """Index (into ``texts``) of the document's headline: the longest of its sentences that
    make up its title ("'Jail!' Trump slams ..." is two sentences), or None."""
    title = " ".join(doc.title.split())
    best: tuple[int, int] | None = None
    for s in range(len(doc.sentences)):
        text = " ".join(texts[first + s].split())
        if text and text in title and (best is None or len(text) > best[0]):
            best = (len(text), first + s)
        if s > 5:
            break
    return None if best is None else best[1]


def _firsts(docs: Sequence[Document]) -> list[int]:
    """Flat index of each document's first sentence."""
    out: list[int] = []
    k = 0
    for doc in docs:
        out.append(k)
        k += len(doc.sentences)
    return out


def _headline_links(
    docs: list[Document],
    refs: list[SentenceRef],
    texts: list[str],
    eligible: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    is_same: np.ndarray,
    best_either: np.ndarray,
    probability: np.ndarray,
    corpus: _Corpus,
) -> list[Link]:
    """Headlines of articles on the same event tell the same story in a few words, rarely the
    same ones ("Trump Bows Out as Moderator of GOP Debate" ~ "Trump Won't Go Forward With
    Debate"), so their word overlap stays low. Two documents that already share
    ``HEADLINE_MIN_LINKS`` links of probability ``HEADLINE_GATE`` or more report the same
    event: their
    headlines are linked as related when they score at least ``HEADLINE_FLOOR``, with the
    probability measured for such pairs on dev (``calibration.HEADLINE``)."""
    firsts = _firsts(docs)
    heads = [_headline_sentence(doc, firsts[d], texts) for d, doc in enumerate(docs)]
    shown = is_same | (best_either & (probability >= HEADLINE_GATE))
    shared: dict[tuple[int, int], int] = {}
    linked: set[tuple[int, int]] = set()
    for i, j in zip(left[shown].tolist(), right[shown].tolist(), strict=True):
        pair = (int(refs[i][0]), int(refs[j][0]))
        pair = (min(pair), max(pair))
        shared[pair] = shared.get(pair, 0) + 1
        linked.add((i, j))
    pending_l, pending_r = [], []
    for (d1, d2), count in shared.items():
        h1, h2 = heads[d1], heads[d2]
        if count < HEADLINE_MIN_LINKS or h1 is None or h2 is None:
            continue
        if eligible[h1] and eligible[h2] and (min(h1, h2), max(h1, h2)) not in linked:
            pending_l.append(min(h1, h2))
            pending_r.append(max(h1, h2))
    if not pending_l:
        return []
    score, _chars = corpus.similarity(np.asarray(pending_l), np.asarray(pending_r))
    sure = calibration.probability(score)
    return [
        Link(refs[i], refs[j], max(float(p), calibration.HEADLINE), RELATED)
        for i, j, c, p in zip(pending_l, pending_r, score, sure, strict=True)
        if c >= HEADLINE_FLOOR
    ]


def _best_per_document(
    left: np.ndarray, right: np.ndarray, score: np.ndarray, doc_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair: is it the best counterpart of its left sentence in the right sentence's
    document, and is it the best of its right sentence in the left sentence's document?"""
    out = []
    for a, b in ((left, right), (right, left)):
        best = np.zeros(len(left), dtype=bool)
        key = a * (int(doc_of.max()) + 1) + doc_of[b]
        order = np.lexsort((-score, key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        best[order[first]] = True
        out.append(best)
    return out[0], out[1]


def _groups(refs: list[SentenceRef], links: list[Link]) -> list[Group]:
    """Clusters of sentences that tell the same thing, at most one sentence per document.

    Links are taken strongest first (``same`` before ``related``); two clusters merge only when
    they hold no sentence of the same document, so related links do not chain unrelated
    sentences together. Groups are numbered in reading order of their first member, which keeps
    ids (and the colours the reader derives from them) stable for the same input."""
    parent: dict[SentenceRef, SentenceRef] = {}
    docs_of: dict[SentenceRef, set[int]] = {}

    def find(x: SentenceRef) -> SentenceRef:
        if x not in parent:
            parent[x] = x
            docs_of[x] = {x[0]}
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in sorted(links, key=lambda lk: (lk.kind != SAME, -lk.score, lk.a, lk.b)):
        ra, rb = find(link.a), find(link.b)
        if ra == rb or docs_of[ra] & docs_of[rb]:
            continue
        root, child = min(ra, rb), max(ra, rb)
        parent[child] = root
        docs_of[root] |= docs_of.pop(child)
    members: dict[SentenceRef, list[SentenceRef]] = {}
    for ref in parent:
        members.setdefault(find(ref), []).append(ref)
    ordered = sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: m[0])
    return [Group(i, tuple(m)) for i, m in enumerate(ordered)]
