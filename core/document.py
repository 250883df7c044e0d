"""The document model: text exactly as read, with paragraphs and sentences as offsets into it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .provenance import Provenance


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of character offsets into ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    index: int = 0


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    index: int = 0
    paragraph: int = 0


def fingerprint(text: str) -> str:
    """Content identity of a document: SHA-256 of its text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Document:
    """An article. ``text`` is the decoded text, never rewritten; all offsets point into it."""

    path: str
    text: str
    title: str
    source: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    fingerprint: str = field(default="")
    # Markdown: the spans the reader hides (markup) and the heading paragraphs; offsets and
    # the text are untouched (core.markdown)
    hidden: tuple[tuple[int, int], ...] = ()
    headings: frozenset[int] = frozenset()
    # who published it, where and when (a web page's metadata, or what a file says)
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", fingerprint(self.text))

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_texts(self) -> list[str]:
        text = self.text
        return [text[s.start : s.end] for s in self.sentences]

    def paragraph_sentences(self, paragraph: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph == paragraph]

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "fingerprint": self.fingerprint,
            "url": self.provenance.url,
            "site": self.provenance.site,
            "authors": list(self.provenance.authors),
            "published": self.provenance.published,
            "provenance": self.provenance.to_json(),
            "paragraphs": [{"start": p.start, "end": p.end} for p in self.paragraphs],
            "sentences": [
                {"start": s.start, "end": s.end, "paragraph": s.paragraph} for s in self.sentences
            ],
        }
