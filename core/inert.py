"""Text from a document or a path made inert before it reaches a terminal.

An article's title or a file name can hold escape sequences (``ESC ] 0;…BEL`` renames the
terminal window, ``ESC ] 52;…`` writes the clipboard). Every string shown in a terminal that
comes from a document or a path goes through ``inert`` (or ``inert_line`` for one-line places:
headers, lists, error lines): control characters become visible symbols from Unicode's Control
Pictures block (ESC as ``␛``), so nothing is interpreted and the reader sees that something odd is
there. Offsets into ``Document.text`` are never affected: only copies made for display are.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (0x80-0x9f: CSI, OSC … in 8 bits)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f\x80-\x9f\u2028\u2029]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # embeddings and overrides reorder a line


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (ESC is ␛)
    if code == 0x7F:
        return "␡"
    return f"\\x{code:02x}"  # C1 controls and line separators: spelled out


def inert(text: str) -> str:
    """``text`` with its control characters shown as symbols (tabs and newlines kept)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(_picture, text)


def inert_line(text: str) -> str:
    """``text`` for one line of a terminal: whitespace controls (newline, tab) as spaces, other
    control characters and bidirectional overrides as visible symbols."""
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    text = _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if not _LINE_CONTROLS.search(text):
        return text
    return _LINE_CONTROLS.sub(_picture, text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def md_inline(text: str) -> str:
    """``text`` as inert inline Markdown: one line (a newline cannot start a heading or a
    list), control characters visible, HTML escaped (an article's ``<script>`` is shown, never
    run by a viewer), and the characters that make emphasis, links, code or table cells
    backslash-escaped."""
    text = inert_line(re.sub(r"\s+", " ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula (OWASP: a cell starting with = + - @,
    a tab or a carriage return gets a leading apostrophe), control characters visible."""
    text = inert(str(value))
    if text.startswith(_FORMULA):
        return "'" + text
    return text


def shortened(text: str, width: int) -> str:
    """One line of ``text`` (whitespace runs as one space, inert) in at most ``width``
    characters, an ellipsis where it was cut."""
    text = inert_line(" ".join(text.split()))
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
