"""A normalised view of text for matching, one character for one character.

Every character of the original maps to exactly one character of the view, so an offset in the
view *is* the offset in the original: matching can work on the view and report positions in
``Document.text`` without any mapping table.
"""

from __future__ import annotations

_FOLD = {
    # quotes and apostrophes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    # dashes and hyphens
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    # spaces
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\t": " ", "\r": " ", "\n": " ", "\u3000": " ",
    # ellipsis keeps one character
    "\u2026": ".",
}
_TABLE = str.maketrans(_FOLD)


def normalize(text: str) -> str:
    """Lower-case, straight quotes, plain hyphens and spaces; ``len(result) == len(text)``."""
    folded = text.translate(_TABLE)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters (e.g. "İ") lower-case to two; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
