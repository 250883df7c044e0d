"""Quoted material inside sentences: the spans between quotation marks, per sentence.

A quotation may run over several sentences (and, by news convention, over a paragraph break when
the next paragraph reopens it); each sentence gets the part of the quotation it holds. These are
the units the aligner matches on their own, so a quote carried by several outlets is found
whatever sentence frames it.
"""

from __future__ import annotations

import re

from .document import Document

_OPEN = "“«„"
_CLOSE = "”»"
_STRAIGHT = '"'
_MARKS = re.compile('[“«„”»"]')
MARKS = _MARKS  # any quotation mark


def in_quotes(text: str) -> str:
    """``text`` between curly quotation marks, unless it already starts or ends with a mark of
    its own (a tagged quotation often includes them): never ““doubled””."""
    stripped = text.strip()
    marks = _OPEN + _CLOSE + _STRAIGHT
    if stripped and (stripped[0] in marks or stripped[-1] in marks):
        return stripped
    return f"“{text}”"


def quote_spans(doc: Document) -> list[list[tuple[int, int]]]:
    """For each sentence of ``doc``, the ``(start, end)`` spans of quoted text inside it
    (offsets into ``doc.text``, quotation marks excluded, whitespace trimmed)."""
    text = doc.text
    out: list[list[tuple[int, int]]] = [[] for _ in doc.sentences]
    by_paragraph: dict[int, list[int]] = {}
    for s in doc.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s.index)
    for indices in by_paragraph.values():
        inside = False
        for si in indices:
            s = doc.sentences[si]
            start = s.start if inside else -1
            for m in _MARKS.finditer(text, s.start, s.end):
                pos = m.start()
                c = text[pos]
                opening = c in _OPEN or (c == _STRAIGHT and not inside)
                closing = c in _CLOSE or (c == _STRAIGHT and inside)
                if opening and not inside:
                    inside = True
                    start = pos + 1
                elif closing and inside:
                    inside = False
                    _add(out[si], text, start, pos)
                    start = -1
            if inside and start >= 0:
                _add(out[si], text, start, s.end)
        # an unclosed quotation does not leak into the next paragraph
    return out


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail > lead:
        spans.append((start + lead, start + trail))


def quotations(doc: Document, min_words: int = 3) -> list[tuple[int, int]]:
    """Whole quotations of a document: ``(start, end)`` of the quoted text (marks excluded),
    one span per quotation even when it runs over several sentences of a paragraph. Scare
    quotes of one or two words are left out."""
    out: list[tuple[int, int]] = []
    text = doc.text
    for p in doc.paragraphs:
        inside = False
        start = -1
        for m in _MARKS.finditer(text, p.start, p.end):
            c = m.group()
            pos = m.start()
            opening = c in _OPEN or (c == _STRAIGHT and not inside)
            closing = c in _CLOSE or (c == _STRAIGHT and inside)
            if opening and not inside:
                inside, start = True, pos + 1
            elif closing and inside:
                inside = False
                _add_quotation(out, text, start, pos, min_words)
        if inside:  # by convention a quotation can run to the paragraph's end
            _add_quotation(out, text, start, p.end, min_words)
    return out


def _add_quotation(out: list[tuple[int, int]], text: str, start: int, end: int, n: int) -> None:
    chunk = text[start:end]
    if len(chunk.split()) < n:
        return
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    out.append((start + lead, start + trail))
