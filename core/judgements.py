"""The user's judgement on links: a link the user drew, or an engine link the user rejected.

A judgement names its two sentences by their content (``sentence_key``: a hash of the
sentence's words, whitespace and quotation style folded), not by position, so it survives edits
elsewhere in the article and applies wherever the same two sentences meet again. It is kept in
the store, applied to every alignment of the articles (fresh or cached), and exported as a W3C
Web Annotation with the motivation ``linking``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .document import Document
from .normalize import normalize

LINK = "link"
REJECT = "reject"
VERDICTS = (LINK, REJECT)


def sentence_key(text: str) -> str:
    """Content identity of a sentence: SHA-256 of its normalised words (hex, 32 digits)."""
    words = " ".join(normalize(text).split())
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Judgement:
    key_a: str  # key_a <= key_b
    key_b: str
    verdict: str  # LINK or REJECT
    text_a: str
    text_b: str
    created: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.key_a, self.key_b)


def make_judgement(text_a: str, text_b: str, verdict: str, created: str) -> Judgement:
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    ka, kb = sentence_key(text_a), sentence_key(text_b)
    if kb < ka:
        ka, kb, text_a, text_b = kb, ka, text_b, text_a
    return Judgement(ka, kb, verdict, text_a, text_b, created)


SentenceRef = tuple[int, int]


def sentence_keys(documents: Sequence[Document]) -> dict[str, list[SentenceRef]]:
    """Where each sentence content occurs among the documents."""
    out: dict[str, list[SentenceRef]] = {}
    for d, doc in enumerate(documents):
        for s in doc.sentences:
            out.setdefault(sentence_key(doc.sentence_text(s.index)), []).append((d, s.index))
    return out


def placed_pairs(
    judgements: Iterable[Judgement], documents: Sequence[Document]
) -> tuple[list[tuple[SentenceRef, SentenceRef]], set[tuple[SentenceRef, SentenceRef]]]:
    """The judgements that fall on these documents: (user links, rejected pairs), each pair as
    ``(a, b)`` with ``a < b`` and the two sentences in different documents."""
    where = sentence_keys(documents)
    links: list[tuple[SentenceRef, SentenceRef]] = []
    rejected: set[tuple[SentenceRef, SentenceRef]] = set()
    for j in judgements:
        for ra in where.get(j.key_a, ()):
            for rb in where.get(j.key_b, ()):
                if ra[0] == rb[0]:
                    continue
                pair = (ra, rb) if ra < rb else (rb, ra)
                if j.verdict == LINK:
                    links.append(pair)
                else:
                    rejected.add(pair)
    return sorted(set(links)), rejected


def to_jsonld(j: Judgement) -> dict[str, object]:
    """A judgement as a W3C Web Annotation: motivation ``linking``, the two sentences as
    targets (their text as a ``TextQuoteSelector``), the verdict as a classifying body."""
    return {
        "id": f"urn:sidebyside:link:{j.key_a}:{j.key_b}",
        "type": "Annotation",
        "motivation": "linking",
        "created": j.created,
        "body": [{"type": "TextualBody", "purpose": "classifying", "value": j.verdict}],
        "target": [
            {"type": "SpecificResource", "sidebyside:key": key,
             "selector": {"type": "TextQuoteSelector", "exact": text}}
            for key, text in ((j.key_a, j.text_a), (j.key_b, j.text_b))
        ],
    }


def from_jsonld(data: dict[str, object]) -> Judgement:
    """Read a judgement written by ``to_jsonld`` (ValueError when it is not one)."""
    try:
        if data.get("motivation") != "linking":
            raise ValueError("the motivation is not 'linking'")
        bodies = data["body"]
        verdict = next(b["value"] for b in bodies  # type: ignore[union-attr]
                       if isinstance(b, dict) and b.get("purpose") == "classifying")
        targets = data["target"]
        if not isinstance(targets, list) or len(targets) != 2:
            raise ValueError("a link has two targets")
        texts = [t["selector"]["exact"] for t in targets]  # type: ignore[index]
        created = data["created"]
        if not all(isinstance(x, str) for x in (*texts, verdict, created)):
            raise ValueError("texts, verdict and date must be strings")
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r:.40}")
        if max(len(texts[0]), len(texts[1])) > 100_000 or len(str(created)) > 64:
            raise ValueError("a sentence or the date is too long")
        return make_judgement(texts[0], texts[1], verdict, str(created))
    except (KeyError, TypeError, StopIteration, AttributeError) as exc:
        raise ValueError(f"not a Sidebyside link annotation: {exc!r}") from None
