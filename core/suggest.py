"""Suggested tags: page furniture (``boilerplate``), quotations with their speakers
(``quote``), and check-worthy statements (``claim``).

Each suggestion names a document, a ``[start, end)`` span of its text, the tag, a score in
[0, 1] and, for quotes, the speaker. Boilerplate is decided per sentence from every signal
there is: the page's line structure (``core.boilerplate``: short title-case lines, link-list
rhythm, known furniture phrases, the article as the longest run of prose), the aligner's
furniture rule, repetition inside the page (the same cookie notice twice), and, when an
alignment is given, the cross-source view (furniture-shaped text that no other source shares).
Measured by ``benchmarks/boilerplate.py``, ``quotes.py`` and ``claims.py``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .annotations import TAGS
from .attribution import DIRECT, Quotation, find_quotations
from .boilerplate import CREDIT, FURNITURE, classify_lines, is_furniture
from .document import Document
from .kinds import UNIQUE
from .tokens import STOPWORDS

if TYPE_CHECKING:
    from .align import Alignment

QUOTE, CLAIM, BOILERPLATE = TAGS
CLAIM_MIN = 0.9  # news is mostly factual: suggest only the clearly check-worthy sentences,
# and only those with something concrete to check (a figure, a date, an amount)
QUOTE_MIN = 0.5
CLAIM_SHARE = 10  # at most one claim suggestion per ten prose sentences of an article: the
# strongest few, so that a suggestion still means something
QUOTED_SHARE = 0.3  # a sentence built around a direct quotation is the quote, not a claim

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Suggestion:
    doc: int
    start: int
    end: int
    tag: str
    score: float
    speaker: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"doc": self.doc, "start": self.start, "end": self.end,
                                  "tag": self.tag, "score": round(self.score, 4)}
        if self.tag == QUOTE:
            out["speaker"] = self.speaker
        return out


def suggest(documents: Sequence[Document], alignment: Alignment | None = None,
            claims: bool = True) -> list[Suggestion]:
    """Suggestions for every document, in document and text order."""
    out: list[Suggestion] = []
    claim_texts: list[str] = []
    claim_refs: list[tuple[int, int, int]] = []
    prose = [0] * len(documents)
    for d, doc in enumerate(documents):
        furniture = boilerplate_scores(doc, d, alignment)
        quotes = [q for q in find_quotations(doc) if q.score >= QUOTE_MIN]
        out.extend(Suggestion(d, q.start, q.end, QUOTE, q.score, q.speaker) for q in quotes)
        starts = [q.start for q in quotes]
        for s, score in zip(doc.sentences, furniture, strict=True):
            if score >= 0.5:
                out.append(Suggestion(d, s.start, s.end, BOILERPLATE, score))
                continue
            prose[d] += 1
            if claims and _quoted_share(quotes, starts, s.start, s.end) < QUOTED_SHARE:
                claim_texts.append(doc.text[s.start : s.end])
                claim_refs.append((d, s.start, s.end))
    if claim_texts:
        from .claims import claim_scores, concrete

        found: dict[int, list[Suggestion]] = {}
        for (d, a, b), score in zip(claim_refs, claim_scores(claim_texts), strict=True):
            if score >= CLAIM_MIN and concrete(documents[d].text[a:b]):
                found.setdefault(d, []).append(Suggestion(d, a, b, CLAIM, score))
        for d, these in found.items():
            these.sort(key=lambda x: (-x.score, x.start))
            out.extend(these[: max(1, prose[d] // CLAIM_SHARE)])
    out.sort(key=lambda x: (x.doc, x.start, x.end, x.tag))
    return out


def _quoted_share(quotes: Sequence[Quotation], starts: list[int], start: int, end: int) -> float:
    inside = 0
    for q in quotes[max(0, bisect.bisect_right(starts, start) - 3):]:
        if q.start >= end:
            break
        if q.kind == DIRECT:
            inside += max(0, min(end, q.end) - max(start, q.start))
    return inside / max(end - start, 1)


def boilerplate_scores(doc: Document, d: int = 0, alignment: Alignment | None = None
                       ) -> list[float]:
    """How surely each sentence of ``doc`` is page furniture, in [0, 1]."""
    text = doc.text
    lines = classify_lines(text)
    line_starts = [ln.start for ln in lines]
    counts = Counter(" ".join(text[s.start : s.end].split()) for s in doc.sentences)
    headline = _headline(doc)
    captions = {s.paragraph for s in doc.sentences if CREDIT.search(text[s.start : s.end])}
    scores = []
    for s in doc.sentences:
        if s.index == headline:
            scores.append(0.0)
            continue
        sentence = text[s.start : s.end]
        k = bisect.bisect_right(line_starts, s.start) - 1
        off_body = k >= 0 and not lines[k].body
        phrase = len(sentence) < 200 and FURNITURE.search(sentence) is not None
        rule = is_furniture(sentence, _content_count(sentence))
        if rule and not phrase and not off_body and not _title_case(sentence):
            rule = False  # a sub-heading in sentence case inside the article ("Declaring victory")
        score = 0.0
        if off_body and rule:
            score = 0.9
        elif rule or s.paragraph in captions:
            score = 0.7  # a label, a furniture phrase, or a photo caption with its credit
        elif off_body:
            score = 0.6
        repeated = counts[" ".join(sentence.split())] > 1 and len(sentence) < 300
        if repeated:
            score = max(score, 0.6) + 0.1
        if alignment is not None and score > 0 and alignment.status[d][s.index] == UNIQUE:
            score += 0.05  # furniture-shaped and no other source says it
        elif alignment is not None and alignment.status[d][s.index] != UNIQUE and not (
                rule or repeated or s.paragraph in captions):
            score -= 0.2  # another source carries it: reporting, not this site's furniture
        scores.append(max(0.0, min(1.0, score)))
    return scores


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.lower() not in STOPWORDS and w.isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def _content_count(text: str) -> int:
    return sum(1 for w in _WORD.findall(text.lower()) if w not in STOPWORDS)


def _headline(doc: Document) -> int | None:
    """The sentence that is the document's headline (never furniture)."""
    title = " ".join(doc.title.split()) if doc.title else ""
    for s in doc.sentences[:4]:
        if title and " ".join(doc.text[s.start : s.end].split()) == title:
            return s.index
    return None
