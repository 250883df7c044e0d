"""Clauses of a long sentence: the units a fact can travel in on its own.

"U.S.-backed forces declared victory on Saturday after retaking the last village, marking an end
to the militants' self-declared caliphate" carries two facts; a shorter sentence of another
outlet may report only the second. The aligner compares such a sentence clause by clause too,
so the shorter one can link to the clause that reports its fact, and the link says which part
is shared.

A clause boundary is a semicolon, a dash between spaces, a colon, or a comma before a word that
opens a clause (and, but, while, after, which, killing, marking …). A part shorter than
``MIN_WORDS`` words stays with its neighbour: it is no fact of its own.
"""

from __future__ import annotations

import re

MIN_WORDS = 4
_OPENERS = (
    "and but while whereas after before as which who where when although though because since "
    "killing leaving marking saying citing adding prompting forcing sending bringing ending "
    "including raising"
).split()
_BOUNDARY = re.compile(
    r"(?:;\s+|\s+[—–-]{1,2}\s+|:\s+|,\s+(?=(?:" + "|".join(_OPENERS) + r")\b))"
)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the clauses of ``text`` (whitespace trimmed); an empty list
    when the sentence is one clause."""
    parts: list[list[int]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        parts.append([pos, m.start()])
        pos = m.end()
    parts.append([pos, len(text)])
    merged: list[list[int]] = []
    for part in parts:
        words = len(text[part[0] : part[1]].split())
        if merged and (words < MIN_WORDS or len(text[merged[-1][0] : merged[-1][1]].split())
                       < MIN_WORDS):
            merged[-1][1] = part[1]
        else:
            merged.append(part)
    if len(merged) < 2:
        return []
    out = []
    for a, b in merged:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        out.append((a + lead, a + len(chunk.rstrip())))
    return out
