"""Word-level differences of two sentences (diff-match-patch on word tokens)."""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from .normalize import normalize

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

_WORDS = re.compile(r"\w+|[^\w\s]|\s+")


def _tokens(text: str) -> list[str]:
    return _WORDS.findall(text)


def _key(token: str) -> str:
    if token.isspace():
        return " "
    return normalize(token)


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Differences turning ``a`` into ``b`` as ``(operation, text)`` spans: "equal", "insert"
    (only in b) or "delete" (only in a).

    Words are compared by their normalised form, so case, quote style, dashes and the width of
    whitespace do not count as differences; "equal" spans carry ``b``'s own text. Joining the
    equal and insert spans gives ``b`` exactly; joining equal and delete spans gives ``a`` up to
    those normalisations.
    """
    ta, tb = _tokens(a), _tokens(b)
    table: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for tok in tokens:
            key = _key(tok)
            ch = table.get(key)
            if ch is None:
                n = len(table)
                ch = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
                table[key] = ch
            out.append(ch)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5
    diffs = dmp.diff_main(encode(ta), encode(tb), False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[tuple[str, str]] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            name, text = EQUAL, "".join(tb[ib : ib + n])
            ia += n
            ib += n
        elif op == -1:
            name, text = DELETE, "".join(ta[ia : ia + n])
            ia += n
        else:
            name, text = INSERT, "".join(tb[ib : ib + n])
            ib += n
        if not text:
            continue
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + text)
        else:
            out.append((name, text))
    return out
