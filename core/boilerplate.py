"""Which lines of a page are the article and which are page furniture (plain text).

A jusText-style classifier for text without markup. Each line is scored on its shape: length,
the share of common function words (prose has many, menus and link lists few), and whether it
ends like a sentence. It is then classified in context: short lines between article lines stay
article, and furniture phrases ("Leave a Reply", cookie notices) are furniture wherever they
sit. The article is the longest run of prose. Measured by benchmarks/boilerplate.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FINAL = tuple(".!?…\"”’'):")
FURNITURE = re.compile(
    r"\b(?:cookies?|copyright|all rights reserved|leave a (?:reply|comment)|comments?\b|"
    r"hide ad|advertisement|related (?:topics|articles?|stories|content)|most popular|"
    r"load more|read more|share (?:this|on)|subscribe|sign (?:up|in)|newsletter|posted on|"
    r"powered by|see all|click here|follow us|will not be published|required fields|"
    r"source link|privacy policy|terms of (?:use|service)|by continuing to use|"
    r"contributed to this report)\b",
    re.IGNORECASE,
)
_SENTENCE_FINAL = tuple(".!?…\"”’':")  # "Bolton told ABC News:" introduces a quotation
CREDIT = re.compile(r"^(?:picture|photo|image|credit|caption|video)s?:|\((?:AP|Getty|Reuters)\b|"
                    r"\b(?:AP|AFP|Reuters|Getty) (?:Photo|Images)\b", re.IGNORECASE)


def is_furniture(text: str, n_content: int) -> bool:
    """A sentence that is page furniture or a label by its own shape: a known furniture phrase
    in a short text, or fewer than four content words without a sentence's ending. (The
    aligner never links these, so one site's furniture never matches another's.)"""
    stripped = text.strip()
    if len(stripped) < 200 and FURNITURE.search(stripped):
        return True
    return n_content < 4 and not stripped.endswith(_SENTENCE_FINAL)


GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
GOOD_DENSITY = 0.32  # share of function words in prose
NEAR_DENSITY = 0.18


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    kind: str
    body: bool


def _shape(text: str) -> str:
    words = _WORD.findall(text.lower())
    n = len(words)
    if FURNITURE.search(text) and len(text) < 300:
        return BAD
    if n < 8 and not (n >= 5 and text.rstrip().endswith(_FINAL)):
        return SHORT
    capitals = sum(1 for w in _WORD.findall(text) if w[0].isupper())
    if capitals >= 0.6 * n and not text.rstrip().endswith(_FINAL):
        return SHORT  # a headline or a menu in title case
    density = sum(1 for w in words if w in STOPWORDS) / max(n, 1)
    if density >= GOOD_DENSITY and (len(text) >= 120 or text.rstrip().endswith(_FINAL)):
        return GOOD
    if density >= NEAR_DENSITY:
        return NEAR
    return BAD


def classify_lines(text: str) -> list[Line]:
    """Every non-empty line of ``text`` with its shape and whether it belongs to the article."""
    spans = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw)
    kinds = [_shape(text[a:b]) for a, b in spans]
    # context: a short or near line between good lines (within 2 lines) is article
    n = len(kinds)
    resolved = list(kinds)
    for i, k in enumerate(kinds):
        if k in (SHORT, NEAR):
            before = next((kinds[j] for j in range(i - 1, max(-1, i - 3), -1)
                           if kinds[j] in (GOOD, BAD)), BAD)
            after = next((kinds[j] for j in range(i + 1, min(n, i + 3))
                          if kinds[j] in (GOOD, BAD)), BAD)
            between = before == GOOD and after == GOOD
            if between or (k == NEAR and GOOD in (before, after)):
                resolved[i] = GOOD
            else:
                resolved[i] = BAD
    body = [r == GOOD for r in resolved]
    body = _main_block(spans, body)
    return [Line(a, b, kinds[i], body[i]) for i, (a, b) in enumerate(spans)]


MAX_GAP = 2  # lines of furniture that may interrupt the article (a caption, an ad)
KEEP_SHARE = 0.5  # another block is kept when it holds this share of the main block's text


def _main_block(spans: list[tuple[int, int]], body: list[bool]) -> list[bool]:
    """Keep the largest run of article lines (short interruptions allowed), and other runs only
    when they are substantial: scattered prose is teasers, comments, related stories."""
    blocks: list[list[int]] = []
    gap = MAX_GAP + 1
    for i, is_body in enumerate(body):
        if is_body:
            if gap > MAX_GAP or not blocks:
                blocks.append([])
            blocks[-1].append(i)
            gap = 0
        else:
            gap += 1
    if not blocks:
        return body
    size = [sum(spans[i][1] - spans[i][0] for i in b) for b in blocks]
    main = max(range(len(blocks)), key=lambda k: size[k])
    keep = {k for k in range(len(blocks)) if k == main or size[k] >= KEEP_SHARE * size[main]}
    out = [False] * len(body)
    for k in keep:
        for i in blocks[k]:
            out[i] = True
    return out
