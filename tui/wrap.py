"""Screen lines of an article: paragraphs wrapped at a width, with exact offsets.

Each screen line is a ``[start, end)`` range of ``Document.text`` (trailing spaces dropped),
so anything drawn can be traced back to the source. Paragraphs are separated by one blank line.
Widths are measured in terminal cells (wide characters count two).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

from ..core import Document

_CHUNK = re.compile(r"\S+\s*")
# Characters that would break a terminal line: drawn as spaces (one for one, offsets intact).
_DISPLAY = str.maketrans({c: " " for c in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})
_DISPLAY.update({c: "\ufffd" for c in range(0x20) if chr(c) not in "\t\n\r\v\f\x1c\x1d\x1e"})
_DISPLAY[0x7F] = "\ufffd"


def display_text(text: str) -> str:
    """``text`` as drawn: whitespace controls become spaces, other controls a replacement
    mark. Same length as ``text``."""
    return text.translate(_DISPLAY)


@dataclass(frozen=True, slots=True)
class ScreenLine:
    paragraph: int  # -1 for the blank line between paragraphs
    start: int
    end: int


class Layout:
    """The wrapped lines of one document at one width, and the maps between sentences and
    lines."""

    def __init__(
        self, document: Document, width: int, hidden: frozenset[int] = frozenset()
    ) -> None:
        """``hidden``: paragraph indices left out (boilerplate the reader chose to hide)."""
        self.document = document
        self.width = max(8, width)
        self.hidden = hidden
        self.lines: list[ScreenLine] = []
        text = document.text
        for p in document.paragraphs:
            if p.index in hidden:
                continue
            if self.lines:
                self.lines.append(ScreenLine(-1, p.start, p.start))
            self.lines.extend(_wrap(text, p.start, p.end, self.width, p.index))
        self._starts = [ln.start if ln.paragraph >= 0 else -1 for ln in self.lines]
        self.sentence_lines: list[tuple[int, int]] = []
        line = 0
        for s in document.sentences:
            if s.paragraph in hidden:  # drawn nowhere: points at the next visible line
                while line < len(self.lines) and (
                    self.lines[line].paragraph < 0 or self.lines[line].end <= s.start
                ):
                    line += 1
                at = min(line, max(0, len(self.lines) - 1))
                self.sentence_lines.append((at, at))
                continue
            while line < len(self.lines) and (
                self.lines[line].paragraph < 0 or self.lines[line].end <= s.start
            ):
                line += 1
            first = min(line, len(self.lines) - 1)
            last = first
            while last + 1 < len(self.lines) and self.lines[last + 1].paragraph >= 0 and (
                self.lines[last + 1].start < s.end
            ):
                last += 1
            self.sentence_lines.append((first, last))
        self.line_sentences: list[list[int]] = [[] for _ in self.lines]
        for index, (first, last) in enumerate(self.sentence_lines):
            if document.sentences[index].paragraph in hidden:
                continue
            for y in range(first, last + 1):
                self.line_sentences[y].append(index)

    def __len__(self) -> int:
        return len(self.lines)

    def sentence_at(self, y: int, x: int) -> int | None:
        """The sentence drawn at line ``y``, cell ``x`` of the text area (a click)."""
        if not 0 <= y < len(self.lines) or not self.line_sentences[y]:
            return None
        line = self.lines[y]
        text = self.document.text
        hidden = self.document.hidden  # Markdown markup takes no cells on screen
        offset = line.start
        cells = 0
        while offset < line.end:
            if hidden and any(a <= offset < b for a, b in hidden):
                offset += 1
                continue
            if cells + cell_len(text[offset]) > x:
                break
            cells += cell_len(text[offset])
            offset += 1
        best = self.line_sentences[y][0]
        for index in self.line_sentences[y]:
            if self.document.sentences[index].start <= offset:
                best = index
        return best

    def line_of_offset(self, offset: int) -> int:
        """The screen line that shows character ``offset``."""
        y = bisect_right(self._starts, offset) - 1
        return max(0, y)


# Characters that are certainly one cell wide (ASCII, Latin, general punctuation such as curly
# quotes and dashes, and the whitespace the display maps to spaces): the common case.
_NARROW_ONLY = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e]")


def _wrap(text: str, start: int, end: int, width: int, paragraph: int) -> list[ScreenLine]:
    if not _NARROW_ONLY.search(text, start, end):
        return _wrap_narrow(text, start, end, width, paragraph)
    return _wrap_cells(text, start, end, width, paragraph)


def _wrap_narrow(text: str, start: int, end: int, width: int, paragraph: int) -> list[ScreenLine]:
    """Greedy wrap when every character is one cell wide (lengths are widths)."""
    lines: list[ScreenLine] = []
    line_start = line_end = -1
    for m in _CHUNK.finditer(text, start, end):
        word_start = m.start()
        word_end = word_start + len(m.group().rstrip())
        if line_start >= 0 and word_end - line_start <= width:
            line_end = word_end
            continue
        if line_start >= 0:
            lines.append(ScreenLine(paragraph, line_start, line_end))
        while word_end - word_start > width:  # a word longer than the line
            lines.append(ScreenLine(paragraph, word_start, word_start + width))
            word_start += width
        line_start, line_end = word_start, word_end
    if line_start >= 0:
        lines.append(ScreenLine(paragraph, line_start, line_end))
    return lines


def _wrap_cells(text: str, start: int, end: int, width: int, paragraph: int) -> list[ScreenLine]:
    """Greedy wrap measuring terminal cells (wide and zero-width characters)."""
    lines: list[ScreenLine] = []
    line_start = start
    line_end = start  # end of the last word on the line (no trailing space)
    cells = 0
    for m in _CHUNK.finditer(text, start, end):
        word_start = m.start()
        word = m.group().rstrip()
        word_end = word_start + len(word)
        w = cell_len(display_text(word))
        space = cell_len(display_text(text[line_end:word_start])) if line_end > line_start else 0
        if line_end > line_start and cells + space + w > width:
            lines.append(ScreenLine(paragraph, line_start, line_end))
            line_start, line_end, cells = word_start, word_start, 0
            space = 0
        if w > width:  # a word longer than the line: cut it by cells
            pos = word_start
            while pos < word_end:
                piece_end = pos
                piece_cells = 0
                while piece_end < word_end:
                    c = cell_len(display_text(text[piece_end]))
                    if piece_cells + c > width - (cells + space if line_end > line_start else 0):
                        break
                    piece_cells += c
                    piece_end += 1
                if piece_end == pos:
                    if line_end > line_start:
                        lines.append(ScreenLine(paragraph, line_start, line_end))
                        line_start, line_end, cells, space = pos, pos, 0, 0
                        continue
                    piece_end = pos + 1
                    piece_cells = cell_len(display_text(text[pos]))
                if line_end == line_start:
                    line_start = pos
                line_end = piece_end
                cells += space + piece_cells
                space = 0
                if piece_end < word_end:
                    lines.append(ScreenLine(paragraph, line_start, line_end))
                    line_start, line_end, cells = piece_end, piece_end, 0
                pos = piece_end
            continue
        if line_end == line_start:
            line_start = word_start
        line_end = word_end
        cells += space + w
    if line_end > line_start:
        lines.append(ScreenLine(paragraph, line_start, line_end))
    return lines
