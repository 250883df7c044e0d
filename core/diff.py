"""Word-level differences of two sentences (diff-match-patch on word tokens)."""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}
_WORDS = re.compile(r"\w+|[^\w\s]|\s+")


def _encode(a: str, b: str) -> tuple[str, str, list[str]]:
    """Map each word/space/punctuation token to one character (the classic line-mode trick)."""
    table: dict[str, str] = {}
    tokens: list[str] = []

    def enc(text: str) -> str:
        out = []
        for tok in _WORDS.findall(text):
            ch = table.get(tok)
            if ch is None:
                ch = chr(0xE000 + len(tokens)) if len(tokens) < 6400 else chr(0xF0000 + len(tokens))
                table[tok] = ch
                tokens.append(tok)
            out.append(ch)
        return "".join(out)

    return enc(a), enc(b), tokens


def _decode(chars: str, tokens: list[str]) -> str:
    out = []
    for c in chars:
        o = ord(c)
        out.append(tokens[o - 0xE000] if o < 0xF0000 else tokens[o - 0xF0000])
    return "".join(out)


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Differences turning ``a`` into ``b`` as ``(operation, text)`` spans, operation one of
    "equal", "insert" (only in b), "delete" (only in a). Joining the equal and delete spans
    gives ``a``; joining equal and insert spans gives ``b``."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5
    ea, eb, tokens = _encode(a, b)
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[tuple[str, str]] = []
    for op, chars in diffs:
        text = _decode(chars, tokens)
        if not text:
            continue
        name = _OPS[op]
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + text)
        else:
            out.append((name, text))
    return out
