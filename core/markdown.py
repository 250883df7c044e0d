"""Markdown read as people write it: which characters of a ``.md`` file are markup.

The document's text stays exactly as read (offsets are sacred); this finds the spans the
reader hides (heading marks, emphasis marks, link brackets and targets, code backticks,
blockquote marks, rules, escapes) and the paragraphs that are headings. Regular expressions,
not markdown-it-py: its inline tokens carry no character offsets, and these are the offsets
everything else needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .document import Paragraph

_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+", re.M)
_CLOSING = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_QUOTE = re.compile(r"^[ ]{0,3}(?:>[ \t]?)+", re.M)
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![*\w\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_EM_UNDER = re.compile(r"(?<![_\w\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_\w])")
_LINK = re.compile(r"(!?\[)([^\]\n]+)(\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\))")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>])")


def is_markdown(name: str) -> bool:
    return name.lower().endswith((".md", ".markdown"))


def markup_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The ``[start, end)`` spans of ``text`` that are Markdown markup, sorted and merged."""
    spans: list[tuple[int, int]] = []
    for m in _HEADING.finditer(text):
        spans.append((m.start(), m.end()))
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        closing = _CLOSING.search(text, m.end(), line_end)
        if closing:
            spans.append((closing.start(), closing.end()))
    spans += [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _RULE.finditer(text)]
    for pattern in (_STRONG, _EM_STAR, _EM_UNDER, _CODE):
        for m in pattern.finditer(text):
            mark = len(m.group(1)) if pattern in (_STRONG, _CODE) else 1
            spans += [(m.start(), m.start() + mark), (m.end() - mark, m.end())]
    for m in _LINK.finditer(text):
        spans += [(m.start(1), m.end(1)), (m.start(3), m.end(3))]
    spans += [(m.start(), m.start() + 1) for m in _ESCAPE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def heading_paragraphs(text: str, paragraphs: Sequence[Paragraph]) -> frozenset[int]:
    """The paragraphs that are ATX headings ("# Title")."""
    return frozenset(p.index for p in paragraphs
                     if _HEADING.match(text, p.start) and _HEADING.match(text, p.start).start()
                     == p.start)


def visible(text: str, start: int, end: int, hidden: Sequence[tuple[int, int]]
            ) -> tuple[str, list[int]]:
    """``text[start:end]`` without the hidden spans, and for each offset in ``[start, end]``
    its position in that string (a hidden character maps to where the next shown one goes)."""
    out: list[str] = []
    where: list[int] = []
    k = 0
    spans = [(a, b) for a, b in hidden if a < end and start < b]
    for i in range(start, end):
        while k < len(spans) and spans[k][1] <= i:
            k += 1
        where.append(len(out))
        if not (k < len(spans) and spans[k][0] <= i < spans[k][1]):
            out.append(text[i])
    where.append(len(out))
    return "".join(out), where


def blanked(document, index: int) -> str:  # type: ignore[no-untyped-def]
    """A sentence's text with its markup blanked to spaces (same length: offsets unchanged),
    as the aligner compares it."""
    s = document.sentences[index]
    text = document.text[s.start : s.end]
    if not document.hidden:
        return text
    chars = list(text)
    for a, b in document.hidden:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - s.start] = " "
    return "".join(chars)
