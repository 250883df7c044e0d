"""The alignment engine: which sentences the sources share, word differently, or say alone.

``align_documents(documents)`` works on N ≥ 2 documents at once:

1. every sentence is tokenised once over the whole corpus (``core.tokens``): acronyms meet their
   expansions, spelling variants of names merge, rare words, names and numbers weigh most;
2. page furniture ("COMMENTS", "Hide Ad", cookie notices, bylines, one-word labels) is set aside:
   it never links, so one site's furniture never matches another's;
3. candidate pairs are *blocked*: only sentences of different documents that share a token rare
   enough to be informative are compared, so cost grows far slower than the square of the corpus;
4. candidates are scored in batch (``core.similarity``: vectorised weighted overlap + rapidfuzz
   ``cpdist``), and quotations are matched as units of their own, so a quote carried by several
   outlets links whatever sentence frames it;
5. links are kept when they are a sentence's best counterpart in the other document (either way);
   ``same`` for near-verbatim sentences and shared quotations, ``related`` for the same fact in
   other words; groups are the connected clusters of links, numbered in reading order.

``score_pairs(pairs)`` exposes the same scoring for arbitrary sentence pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz

from .boilerplate import FURNITURE, is_furniture
from .document import Document
from .kinds import RELATED, SAME, SHARED, UNIQUE
from .normalize import normalize
from .quotes import quote_spans
from .similarity import (
    PairFeatures,
    TokenSets,
    _seq_strings,
    combine,
    features,
    weighted_overlap,
)
from .tokens import build_vocabulary, raw_tokens
from .wordvec import sentence_vectors

# Thresholds, tuned on the BASIL dev triplets (benchmarks/alignment.py), not on the seeds.
RELATED_THRESHOLD = 0.35
SAME_CHARS = 0.86
QUOTE_SAME = 0.92
MIN_QUOTE_WORDS = 5
EXACT_QUOTE_WORDS = 4  # a quote this short matches only word for word
QUOTE_COVERED = 0.9  # share of the shorter quote's words found in order in the longer

SentenceRef = tuple[int, int]  # (document index, sentence index)


@dataclass(frozen=True, slots=True)
class Link:
    a: SentenceRef
    b: SentenceRef
    score: float
    kind: str

    def other(self, ref: SentenceRef) -> SentenceRef:
        return self.b if ref == self.a else self.a

    def to_json(self) -> dict[str, object]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "score": round(self.score, 4),
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    members: tuple[SentenceRef, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "members": [list(m) for m in self.members]}


@dataclass
class Alignment:
    documents: list[Document]
    links: list[Link]
    groups: list[Group]
    status: list[list[str]]
    furniture: list[list[bool]]
    group_of: list[list[int | None]] = field(default_factory=list)
    _by_sentence: dict[SentenceRef, list[Link]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.group_of:
            self.group_of = [[None] * len(d.sentences) for d in self.documents]
            for g in self.groups:
                for d, s in g.members:
                    self.group_of[d][s] = g.id
        by: dict[SentenceRef, list[Link]] = {}
        for link in self.links:
            by.setdefault(link.a, []).append(link)
            by.setdefault(link.b, []).append(link)
        for v in by.values():
            v.sort(key=lambda lk: (lk.kind != SAME, -lk.score))
        self._by_sentence = by

    def links_of(self, doc: int, sentence: int) -> list[Link]:
        """Links of one sentence, best first (``same`` before ``related``)."""
        return self._by_sentence.get((doc, sentence), [])

    def counterpart(self, doc: int, sentence: int, other_doc: int) -> tuple[int, Link] | None:
        """The best counterpart of a sentence in another document: (sentence index, link)."""
        for link in self.links_of(doc, sentence):
            d, s = link.other((doc, sentence))
            if d == other_doc:
                return s, link
        return None

    def shared_fraction(self, doc: int) -> float:
        """Share of a document's (non-furniture) sentences with a counterpart elsewhere."""
        counted = [st for st, f in zip(self.status[doc], self.furniture[doc], strict=True) if not f]
        if not counted:
            return 0.0
        return sum(1 for st in counted if st != UNIQUE) / len(counted)

    def similarity_matrix(self) -> list[list[float]]:
        """``m[i][j]``: share of document i's sentences with a counterpart in document j."""
        n = len(self.documents)
        m = [[0.0] * n for _ in range(n)]
        for i in range(n):
            eligible = [s for s, f in enumerate(self.furniture[i]) if not f]
            if not eligible:
                continue
            for j in range(n):
                if i == j:
                    m[i][j] = 1.0
                    continue
                hits = sum(1 for s in eligible if self.counterpart(i, s, j) is not None)
                m[i][j] = hits / len(eligible)
        return m

    def to_json(self) -> dict[str, object]:
        docs = []
        for d_index, d in enumerate(self.documents):
            data = d.to_json()
            for s_json, st in zip(data["sentences"], self.status[d_index], strict=True):  # type: ignore[arg-type]
                s_json["status"] = st
            docs.append(data)
        return {
            "documents": docs,
            "links": [lk.to_json() for lk in self.links],
            "groups": [g.to_json() for g in self.groups],
        }


# --- scoring shared by the aligner and score_pairs ----------------------------------------


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS |= {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}


def _norm_quote(text: str) -> str:
    """Quotation words for matching: lower case, punctuation dropped, number words as digits
    ("one-in-three" ~ "1 in 3")."""
    return " ".join(_NUMBER_WORDS.get(w, w) for w in re.findall(r"\w+", normalize(text)))


def _quote_similarity(qa: Sequence[str], qb: Sequence[str]) -> float:
    """How surely two sentences carry the same quotation: the best over their quoted spans of
    (a) the shorter span found almost verbatim inside the longer (partial alignment), or
    (b) a long run of words shared by both (quotes trimmed differently at either end)."""
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
            # the shorter quote's words, nearly all found in order and close together in the
            # longer one: the same words with one inserted or dropped ("admit I'm" ~ "admit
            # that I'm"); runs of two words or more, so scattered small words do not count
            covered = _covered(matcher, len(wa), len(wb))
            if covered >= (QUOTE_COVERED if short >= MIN_QUOTE_WORDS else 1.0):
                score = max(score, 0.9 + 0.1 * covered)
            best = max(best, min(score, 1.0))
    return best


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

    @classmethod
    def build(cls, texts: list[str], quotes: list[list[str]]) -> _Corpus:
        raw = [raw_tokens(t) for t in texts]
        vocab, encoded = build_vocabulary(raw)
        sets = TokenSets.build(encoded, vocab.weights)
        norm = [normalize(t) for t in texts]
        word_ids: dict[str, int] = {}
        words = [[word_ids.setdefault(t.value, len(word_ids)) for t in r] for r in raw]
        return cls(
            texts, norm, sets, vocab.weights, encoded, quotes,
            _seq_strings(words), _seq_strings(encoded), sentence_vectors(texts),
        )

    def features(self, left: np.ndarray, right: np.ndarray) -> PairFeatures:
        return features(
            self.sets, self.weights, self.norm, self.word_seqs, self.content_seqs, self.vectors,
            left, right,
        )

    def similarity(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(sentence similarity, character similarity) for each pair."""
        f = self.features(left, right)
        return combine(f), f.chars

    def quote_similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Best match between the quotations of each pair's sentences (0 without quotes)."""
        quote = np.zeros(len(left))
        for k in range(len(left)):
            qa, qb = self.quotes[left[k]], self.quotes[right[k]]
            if qa and qb:
                quote[k] = _quote_similarity(qa, qb)
        return quote


def pair_features(pairs: Sequence[tuple[str, str]]) -> PairFeatures:
    """The similarity features of arbitrary sentence pairs, with corpus statistics (token
    weights, acronyms, spelling variants) estimated from the sentences given."""
    index: dict[str, int] = {}
    texts: list[str] = []
    for a, b in pairs:
        for t in (a, b):
            if t not in index:
                index[t] = len(texts)
                texts.append(t)
    corpus = _Corpus.build(texts, [[] for _ in texts])
    left = np.fromiter((index[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((index[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
    return corpus.features(left, right)


def score_pairs(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """The engine's sentence similarity in [0, 1] for arbitrary pairs: the score the aligner
    compares with ``RELATED_THRESHOLD``. Corpus statistics (token weights, acronyms, spelling
    variants) are estimated from the sentences given. (The aligner also matches quotations as
    units of their own; that decides the ``same`` kind, not this similarity.)"""
    return [float(x) for x in combine(pair_features(pairs))]


# --- the aligner ----------------------------------------------------------------------------


BLOCK_KEYS = 8  # each sentence proposes candidates through its rarest tokens ...
BLOCK_CAP = 20  # ... that occur in at most this many sentences
DICE_FLOOR = 0.1  # below this content overlap, only a shared quotation can link a pair
HEADLINE_MIN_LINKS = 3  # documents sharing this many links report the same event ...
HEADLINE_FLOOR = 0.1  # ... and their headlines are counterparts when they score at least this


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
    chunks: list[np.ndarray] = []
    for i in rows:
        usable = [t for t in set(encoded[i]) if t in arrays]
        if not usable:
            continue
        usable.sort(key=lambda t: (-weights[t], t))
        partners = np.unique(np.concatenate([arrays[t] for t in usable[:BLOCK_KEYS]]))
        partners = partners[doc_of[partners] != doc_of[i]]
        if len(partners):
            chunks.append(np.minimum(partners, i) * n + np.maximum(partners, i))
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(chunks))
    return np.stack([codes // n, codes % n], axis=1)


def align_documents(
    documents: Sequence[Document], progress: Callable[[float, str], None] | None = None
) -> Alignment:
    """Align N documents at once (see the module documentation). ``progress(fraction, stage)``
    is called as the work advances (from whatever thread runs the alignment)."""

    def report(fraction: float, stage: str) -> None:
        if progress is not None:
            progress(fraction, stage)

    docs = list(documents)
    report(0.0, "reading sentences")
    refs: list[SentenceRef] = [(d, s.index) for d, doc in enumerate(docs) for s in doc.sentences]
    texts = [docs[d].sentence_text(s) for d, s in refs]
    quotes: list[list[str]] = []
    for doc in docs:
        for spans in quote_spans(doc):
            found = [_norm_quote(doc.text[a:b]) for a, b in spans]
            quotes.append([q for q in found if len(q.split()) >= EXACT_QUOTE_WORDS])
    report(0.05, "weighing words")
    corpus = _Corpus.build(texts, quotes)
    report(0.45, "finding candidate pairs")
    doc_of = np.asarray([d for d, _ in refs], dtype=np.int64)
    n_content = np.asarray([len(e) for e in corpus.encoded], dtype=np.int64)
    furniture_flat = [is_furniture(t, int(c)) for t, c in zip(texts, n_content, strict=True)]
    for k, (d, _s) in enumerate(refs):  # a document's headline is not furniture
        headline = texts[k].strip() == docs[d].title
        if furniture_flat[k] and headline and not FURNITURE.search(texts[k]):
            furniture_flat[k] = False
    eligible = np.asarray([not f for f in furniture_flat]) & (n_content >= 2)

    pairs = _candidates(corpus.encoded, doc_of, eligible, corpus.weights)
    report(0.6, f"comparing {len(pairs):,} sentence pairs")
    links: list[Link] = []
    if len(pairs):
        left, right = pairs[:, 0], pairs[:, 1]
        # cheap, vectorised overlap first; the string features only where it could matter
        overlap = weighted_overlap(corpus.sets, corpus.weights, left, right)
        denom = corpus.sets.totals[left] + corpus.sets.totals[right]
        dice = np.divide(2 * overlap, denom, out=np.zeros_like(overlap), where=denom > 0)
        has_quote = np.asarray([bool(q) for q in corpus.quotes])
        worth = (dice >= DICE_FLOOR) | (has_quote[left] & has_quote[right])
        left, right = left[worth], right[worth]
        score, chars = corpus.similarity(left, right)
        report(0.9, "matching quotations")
        quote = corpus.quote_similarity(left, right)
        is_same = (chars >= SAME_CHARS) | (quote >= QUOTE_SAME)
        score = np.where(is_same, np.maximum.reduce([score, chars, quote]), score)
        keep = is_same | (score >= RELATED_THRESHOLD)
        left, right, score, is_same = left[keep], right[keep], score[keep], is_same[keep]
        best_l, best_r = _best_per_document(left, right, score, doc_of)
        keep = is_same | ((best_l | best_r) & (score >= RELATED_THRESHOLD))
        for k in range(len(left)):
            if not keep[k]:
                continue
            i, j = int(left[k]), int(right[k])
            links.append(Link(refs[i], refs[j], float(score[k]), SAME if is_same[k] else RELATED))
    links.extend(_headline_links(docs, refs, texts, eligible, links, corpus))
    links.sort(key=lambda lk: (lk.a, lk.b))

    status = [[UNIQUE] * len(doc.sentences) for doc in docs]
    for link in links:
        for d, s in (link.a, link.b):
            if link.kind == SAME or status[d][s] == UNIQUE:
                status[d][s] = SHARED if link.kind == SAME else RELATED
    furniture = [[False] * len(doc.sentences) for doc in docs]
    for k, (d, s) in enumerate(refs):
        furniture[d][s] = furniture_flat[k]
    report(1.0, "done")
    return Alignment(docs, links, _groups(refs, links), status, furniture)


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


def _headline_links(
    docs: list[Document],
    refs: list[SentenceRef],
    texts: list[str],
    eligible: np.ndarray,
    links: list[Link],
    corpus: _Corpus,
) -> list[Link]:
    """Headlines of articles on the same event tell the same story in a few words, rarely the
    same ones ("Trump Bows Out as Moderator of GOP Debate" ~ "Trump Won't Go Forward With
    Debate"), so their word overlap stays under the threshold. Two documents that already share
    ``HEADLINE_MIN_LINKS`` links report the same event: their headlines are linked as related
    when they score at least ``HEADLINE_FLOOR``."""
    firsts: list[int] = []
    k = 0
    for doc in docs:
        firsts.append(k)
        k += len(doc.sentences)
    heads = [_headline_sentence(doc, firsts[d], texts) for d, doc in enumerate(docs)]
    shared: dict[tuple[int, int], int] = {}
    linked: set[tuple[SentenceRef, SentenceRef]] = set()
    for lk in links:
        pair = (min(lk.a[0], lk.b[0]), max(lk.a[0], lk.b[0]))
        shared[pair] = shared.get(pair, 0) + 1
        linked.add((lk.a, lk.b))
    left, right = [], []
    for (d1, d2), count in shared.items():
        h1, h2 = heads[d1], heads[d2]
        if count < HEADLINE_MIN_LINKS or h1 is None or h2 is None:
            continue
        if eligible[h1] and eligible[h2] and (refs[h1], refs[h2]) not in linked:
            left.append(h1)
            right.append(h2)
    if not left:
        return []
    score, _chars = corpus.similarity(np.asarray(left), np.asarray(right))
    return [
        Link(refs[i], refs[j], float(c), RELATED)
        for i, j, c in zip(left, right, score, strict=True)
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
