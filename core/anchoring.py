"""Finding a tagged passage again in a text that may have changed.

Order: the stored position if the quote is still there; else the exact quote nearest to the old
position; else a fuzzy search (diff-match-patch ``match_main`` on the start and the end of the
quote, scored on quote, prefix and suffix). A tag that cannot be placed is an orphan: kept,
listed, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .annotations import CONTEXT, Annotation

EXACT = "exact"
MOVED = "moved"
FUZZY = "fuzzy"
ORPHAN = "orphan"

FUZZY_MIN_SCORE = 0.75


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    method: str  # exact | moved | fuzzy | orphan
    score: float = 1.0

    @property
    def placed(self) -> bool:
        return self.method != ORPHAN


def reanchor(annotation: Annotation, text: str) -> Anchor:
    a = annotation
    exact = a.exact
    if not exact:
        return Anchor(a.start, a.end, ORPHAN, 0.0)
    if text[a.start : a.end] == exact:
        return Anchor(a.start, a.end, EXACT)
    hits = _occurrences(text, exact)
    if hits:
        # the occurrence whose context (prefix, suffix) matches best; then the nearest one
        def rank(s: int) -> tuple[float, int]:
            return (-round(_context_score(a, text, s, s + len(exact)), 2), abs(s - a.start))

        best = min(hits, key=rank)
        return Anchor(best, best + len(exact), MOVED)
    found = _fuzzy(a, text)
    if found is not None:
        return found
    return Anchor(a.start, a.end, ORPHAN, 0.0)


def _occurrences(text: str, needle: str) -> list[int]:
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _context_score(a: Annotation, text: str, start: int, end: int) -> float:
    from rapidfuzz import fuzz

    prefix = text[max(0, start - CONTEXT) : start]
    suffix = text[end : end + CONTEXT]
    p = fuzz.ratio(prefix, a.prefix) / 100 if a.prefix else 1.0
    s = fuzz.ratio(suffix, a.suffix) / 100 if a.suffix else 1.0
    return (p + s) / 2


def _fuzzy(a: Annotation, text: str) -> Anchor | None:
    from diff_match_patch import diff_match_patch
    from rapidfuzz import fuzz

    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.4
    dmp.Match_Distance = max(1000, len(text))
    bits = dmp.Match_MaxBits
    head = a.exact[:bits]
    tail = a.exact[-bits:]
    loc = min(max(0, a.start), max(0, len(text) - 1))
    start = dmp.match_main(text, head, loc) if text else -1
    if start < 0 and a.prefix:
        # the quote's start changed: try to find it through its prefix
        p = dmp.match_main(text, a.prefix[-bits:], max(0, loc - len(a.prefix)))
        if p >= 0:
            start = p + len(a.prefix[-bits:])
    if start < 0:
        return None
    expected_end = start + len(a.exact)
    tail_at = dmp.match_main(text, tail, max(0, min(len(text) - 1, expected_end - len(tail))))
    end = tail_at + len(tail) if tail_at >= start else expected_end
    end = min(len(text), max(end, start + 1))
    if end - start > 3 * len(a.exact) + 20:
        end = min(len(text), expected_end)
    quote_score = fuzz.ratio(text[start:end], a.exact) / 100
    score = 0.7 * quote_score + 0.3 * _context_score(a, text, start, end)
    if quote_score < FUZZY_MIN_SCORE or score < FUZZY_MIN_SCORE:
        return None
    return Anchor(start, end, FUZZY, score)
