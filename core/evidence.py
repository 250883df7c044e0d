"""Why two sentences are linked: the spans they share, in both sentences.

For a linked pair, ``evidence`` lists what a reader would point at:

* ``quote``: the same quotation (the quoted spans that matched);
* ``phrase``: a run of two or more content words shared in order ("the last village held by");
* ``name``: a person, place or organisation both name ("Abu Bakr al-Baghdadi");
* ``number``: the same figure ("1.5-square-mile", "100,000");
* ``paraphrase``: nothing shared word for word: the passages that say the same in other words
  (for a clause-level match, the clause of the longer sentence and the shorter sentence).

Spans are offsets into each document's text. Attribution ("he added", "according to the AP") is
blanked before matching (``core.facts``), so it is never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import normalize
from .tokens import STOPWORDS, _stem

QUOTE, PHRASE, NAME, NUMBER, PARAPHRASE = "quote", "phrase", "name", "number", "paraphrase"

_TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*(?:-[^\W\d_]+)*|[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")


@dataclass(frozen=True, slots=True)
class Evidence:
    what: str
    a: tuple[int, int]  # offsets into the first document's text
    b: tuple[int, int]  # offsets into the second document's text

    def to_json(self) -> dict[str, object]:
        return {"a": list(self.a), "b": list(self.b), "what": self.what}


@dataclass(frozen=True, slots=True)
class _Tok:
    key: str
    start: int
    end: int
    kind: str  # NAME, NUMBER or "word"


def _tokens(text: str) -> list[_Tok]:
    """Content tokens of a (masked) sentence with their offsets: stopwords left out."""
    out: list[_Tok] = []
    norm = normalize(text)
    first = True
    for m in _TOKEN.finditer(text):
        word = m.group().rstrip(".")
        if not word:
            continue
        start, end = m.start(), m.start() + len(word)
        low = norm[start:end].replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if word[0].isdigit():
            out.append(_Tok(low.replace(",", ""), start, end, NUMBER))
        elif low in STOPWORDS:
            pass
        elif (word[0].isupper() and not first) or (word.isupper() and len(word) >= 2):
            out.append(_Tok(low.replace(".", ""), start, end, NAME))
        else:
            out.append(_Tok(_stem(low), start, end, "word"))
        first = False
    return out


def evidence(
    text_a: str, offset_a: int, text_b: str, offset_b: int,
    quotes: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    clause: tuple[int, int, int, int] | None = None,
) -> list[Evidence]:
    """Evidence for a link between two (attribution-masked) sentences that start at
    ``offset_a`` / ``offset_b`` in their documents. ``quotes`` are matched quotation spans
    (document offsets); ``clause`` is ``(a_start, a_end, b_start, b_end)`` (sentence offsets)
    of a clause-level match."""
    found: list[Evidence] = [Evidence(QUOTE, qa, qb) for qa, qb in quotes]

    def inside_quote(doc_a: tuple[int, int], doc_b: tuple[int, int]) -> bool:
        return any(qa[0] <= doc_a[0] and doc_a[1] <= qa[1] and qb[0] <= doc_b[0]
                   and doc_b[1] <= qb[1] for qa, qb in quotes)

    ta, tb = _tokens(text_a), _tokens(text_b)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for start_a, start_b, size in _shared_runs([t.key for t in ta], [t.key for t in tb]):
        a0, a1 = ta[start_a], ta[start_a + size - 1]
        b0, b1 = tb[start_b], tb[start_b + size - 1]
        span_a = (offset_a + a0.start, offset_a + a1.end)
        span_b = (offset_b + b0.start, offset_b + b1.end)
        used_a.update(range(start_a, start_a + size))
        used_b.update(range(start_b, start_b + size))
        if not inside_quote(span_a, span_b):
            found.append(Evidence(PHRASE, span_a, span_b))
    first_b: dict[str, int] = {}
    for k, t in enumerate(tb):
        if k not in used_b:
            first_b.setdefault(t.key, k)
    seen: set[str] = set()
    for k, t in enumerate(ta):
        if k in used_a or t.kind == "word" or t.key in seen or t.key not in first_b:
            continue
        other = tb[first_b[t.key]]
        seen.add(t.key)
        span_a = (offset_a + t.start, offset_a + t.end)
        span_b = (offset_b + other.start, offset_b + other.end)
        if not inside_quote(span_a, span_b):
            found.append(Evidence(t.kind, span_a, span_b))
    if clause is not None:
        ca0, ca1, cb0, cb1 = clause
        found.append(Evidence(PARAPHRASE, (offset_a + ca0, offset_a + ca1),
                              (offset_b + cb0, offset_b + cb1)))
    elif not found:
        a0, a1 = _trimmed(text_a)
        b0, b1 = _trimmed(text_b)
        found.append(Evidence(PARAPHRASE, (offset_a + a0, offset_a + a1),
                              (offset_b + b0, offset_b + b1)))
    found.sort(key=lambda e: (e.a, e.b, e.what))
    return found


def _shared_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of two or more tokens shared by both lists, in any order, longest first, each
    token used once: ``(start in a, start in b, length)``."""
    runs: list[tuple[int, int, int]] = []
    free_a = [True] * len(a)
    free_b = [True] * len(b)
    while True:
        best = (0, 0, 0)
        prev = [0] * (len(b) + 1)
        for i in range(len(a)):
            cur = [0] * (len(b) + 1)
            for j in range(len(b)):
                if free_a[i] and free_b[j] and a[i] == b[j]:
                    cur[j + 1] = prev[j] + 1
                    if cur[j + 1] > best[2]:
                        best = (i - cur[j + 1] + 1, j - cur[j + 1] + 1, cur[j + 1])
            prev = cur
        if best[2] < 2:
            return runs
        runs.append(best)
        for k in range(best[2]):
            free_a[best[0] + k] = False
            free_b[best[1] + k] = False


def _trimmed(text: str) -> tuple[int, int]:
    """The span of ``text`` without surrounding blanks (attribution is blanked to spaces)."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else (0, len(text))
