"""Paragraphs and sentences as exact offsets into the original text.

Rule-based, tuned for news: abbreviations that may or may not end a sentence (U.S., p.m., Fla.),
titles and initials, decimals, ellipses, lists, quotations (each sentence inside a quotation is a
sentence of its own; “…,” he said. stays one sentence), headlines and captions without a final
stop (a hard line break ends a sentence). Invariants, enforced by property tests:

* every sentence is ``text[start:end]`` with no leading or trailing whitespace;
* sentences are in order, do not overlap and never cross a paragraph break;
* together they cover every non-whitespace character of the text.
"""

from __future__ import annotations

import re

from .document import Paragraph, Sentence

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_TOKEN = re.compile(r"\S+")

_TERMINATORS = ".?!…"
_CLOSERS = "\"'”’»)]}›"
_OPENERS = "\"'“‘«([{‹¿¡"
_LINE_END_PUNCT = ".?!…:;\"'”’»)]}"



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that precede a name or a number: they practically never end a sentence.
_PREFIX_ABBREVIATIONS = _words(
    """
    mr mrs ms messrs dr prof gen sen rep reps gov lt col sgt capt cpl pvt adm cmdr maj pres
    hon supt det insp msgr fr rev st mt ft sens gens amb atty brig cmdr cdr ens gov no nos
    vol vols pp fig figs vs v op ch sec art par ed eds approx ca cf e.g i.e viz
    """
)

# Abbreviations that often end a sentence too: a boundary follows only when the next word is
# one that starts sentences (see _STARTERS) or a quotation opens.
_FINAL_ABBREVIATIONS = _words(
    """
    inc co corp ltd llc plc bros jr sr esq etc al dept univ assn ave blvd rd hwy mfg jan feb
    mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ala
    ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    """
)

# Capitalised words that start sentences rather than continue names ("in the U.S. How about you?"
# vs "the U.S. Government"). Not "Will", "May", "Can": names, months and headline verbs
# ("G.O.P. Will Lose House").
_STARTERS = _words(
    """
    a an the he she it they we i you his her its their our my your this that these those
    there here but and or so yet nor in on at for with after before when while if as though
    although because since until unless what who whom whose how why where which some many
    most all any each every both few several no not none one two three four five six seven
    eight nine ten to from by about during despite however meanwhile still then now also
    instead indeed thus hence later earlier today yesterday tomorrow last next such other
    another only even just let please mr mrs ms dr officials police authorities according
    under over millions thousands hundreds dozens did does do is are was were has have had
    could would should
    """
)

# Times: "at 6 p.m. Travelers who ..." -- a capitalised word after a.m./p.m. starts a sentence
# unless it continues the time ("6 p.m. ET", "10 a.m. Monday").
_TIME_ABBREVIATIONS = frozenset({"a.m", "p.m"})
_TIME_CONTINUATIONS = _words(
    """
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt bst utc cet eastern central pacific
    mountain local monday tuesday wednesday thursday friday saturday sunday
    """
)

_MULTI_PERIOD_ABBR = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_DOT_RUN_TOKEN = re.compile(r"^\.+[\"'”’»)\]}]*$")
_BRACKET_ELISION = re.compile(r"^[\[(](?:\.\.\.|…)[\])]?$")

# List markers: "1.", "1)", "1.)", "a.", "•", "⁃9." at the start of a paragraph, and their
# successors later in the same paragraph.
_NUM_MARKER = re.compile(r"^(?P<bullet>[•⁃◦▪‣-]?)(?P<num>\d{1,3})(?P<suffix>\.\)|\)|\.)$")
_ALPHA_MARKER = re.compile(r"^(?P<letter>[a-z])(?P<suffix>\.\)|\)|\.)$")
_BULLETS = "•⁃◦▪‣"


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (trimmed of whitespace).

    Blank lines separate paragraphs. A single line break is a *hard* break (new paragraph: a
    headline, a caption, a list line) unless it is a soft wrap inside running text: the line
    before does not end in punctuation and the next line starts with a lower-case letter.
    """
    spans: list[tuple[int, int]] = []
    cur_start = -1
    cur_end = -1
    prev_line_text = ""
    pos = 0
    n = len(text)
    breaks = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)]
    breaks.append((n, n))
    for b_start, b_end in breaks:
        line_start, line_end = pos, b_start
        pos = b_end
        line = text[line_start:line_end]
        stripped = line.strip()
        if not stripped:
            if cur_start >= 0:
                spans.append((cur_start, cur_end))
                cur_start = -1
            prev_line_text = ""
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        s, e = line_start + lead, line_start + trail
        if cur_start >= 0 and _is_soft_wrap(prev_line_text, stripped):
            cur_end = e
        else:
            if cur_start >= 0:
                spans.append((cur_start, cur_end))
            cur_start, cur_end = s, e
        prev_line_text = stripped
        if b_end == n and b_start == n:
            break
    if cur_start >= 0:
        spans.append((cur_start, cur_end))
    return spans


def _is_soft_wrap(prev: str, nxt: str) -> bool:
    if not prev or prev[-1] in _LINE_END_PUNCT:
        return False
    first = nxt[0]
    return first.islower()


def _strip_closers(token: str) -> str:
    return token.rstrip(_CLOSERS)


def _strip_openers(token: str) -> str:
    return token.lstrip(_OPENERS)


def _first_alpha_case(token: str) -> str:
    """'upper', 'lower', 'digit' or 'other' for the first meaningful character of a token."""
    core = _strip_openers(token)
    if not core:
        return "other"
    c = core[0]
    if c.isupper() or (c.isalpha() and not c.islower()):
        return "upper"
    if c.islower():
        return "lower"
    if c.isdigit():
        return "digit"
    if c in "…." and len(core) > 1:
        rest = core.lstrip("….")
        if rest and rest[0].isupper():
            return "upper"
    return "other"


def _word_key(token: str) -> str:
    core = _strip_openers(_strip_closers(token))
    core = re.split(r"['’]", core, maxsplit=1)[0]  # "I'm" -> "i", "It’s" -> "it"
    return core.rstrip(".,;:!?…").lower()


def _is_starter(next_token: str) -> bool:
    core = _strip_openers(next_token)
    if not core or not core[0].isupper():
        return False
    return _word_key(next_token) in _STARTERS


def _opens_quotation(next_token: str) -> bool:
    if not next_token or next_token[0] not in "\"“‘«'":
        return False
    rest = next_token.lstrip("\"“‘«'")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def _list_marker(token: str) -> tuple[str, int] | None:
    """(kind, value) for a list marker token, else None."""
    m = _NUM_MARKER.match(token)
    if m:
        return ("num" + m.group("suffix"), int(m.group("num")))
    m = _ALPHA_MARKER.match(token)
    if m:
        return ("alpha" + m.group("suffix"), ord(m.group("letter")) - ord("a") + 1)
    return None


def _boundary_after_period(prev: str, nxt: str) -> bool:
    """Is there a sentence boundary between ``prev`` (ending in '.') and ``nxt``?"""
    case = _first_alpha_case(nxt)
    if case == "lower":
        return False
    core = _strip_closers(prev)
    if _BRACKET_ELISION.match(core) or _BRACKET_ELISION.match(prev):
        return False
    stem = _strip_openers(core)
    if stem.endswith("..") or stem.endswith("…"):
        # an ellipsis ends a sentence when a capitalised word follows
        return case == "upper"
    word = stem[:-1]
    if not word:
        return case == "upper"
    closed = core != prev  # '.' followed by a closing quote/bracket: the quotation ended
    lower = word.lower()
    is_single_letter = len(word) == 1 and word.isalpha()
    if closed:
        return case in ("upper", "digit", "other")
    if lower in _PREFIX_ABBREVIATIONS or (is_single_letter and word.islower()):
        return case == "upper" and _is_starter(nxt) and lower not in ("mr", "mrs", "ms", "dr")
    if lower in _TIME_ABBREVIATIONS:
        return case == "upper" and _word_key(nxt) not in _TIME_CONTINUATIONS
    if (
        lower in _FINAL_ABBREVIATIONS
        or is_single_letter
        or _MULTI_PERIOD_ABBR.match(word)
        or not any(c.isalnum() for c in word[-1:])
    ):
        if case == "digit":
            return False
        return _is_starter(nxt) or _opens_quotation(nxt)
    return case in ("upper", "digit", "other")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph ``text[start:end]`` (already trimmed)."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    if not tokens:
        return []
    words = [text[a:b] for a, b in tokens]
    n = len(tokens)
    boundary_before = [False] * n  # boundary between token i-1 and token i

    # Lists: a paragraph that starts with a marker splits before each next marker in sequence.
    forced: set[int] = set()
    marker_tokens: set[int] = set()
    first = 0
    bullet_list = bool(words[0]) and words[0][0] in _BULLETS
    if bullet_list:
        for i in range(1, n):
            if words[i][0] in _BULLETS:
                forced.add(i)
        marker_tokens.update(i for i in range(n) if words[i] in _BULLETS)
        if words[0] in _BULLETS and n > 1:
            first = 1
    marker = _list_marker(words[first].lstrip(_BULLETS)) if n > first else None
    if marker is not None:
        kind, value = marker
        marker_tokens.add(first)
        expected = value + 1
        for i in range(first + 1, n):
            m = _list_marker(words[i].lstrip(_BULLETS))
            if m is not None and m[0] == kind and m[1] == expected:
                if words[i - 1] not in _BULLETS:
                    forced.add(i)
                marker_tokens.add(i)
                expected += 1

    i = 0
    while i < n - 1:
        prev, nxt = words[i], words[i + 1]
        if i + 1 in forced:
            boundary_before[i + 1] = True
            i += 1
            continue
        if i in marker_tokens:
            i += 1
            continue
        # Spaced ellipsis ". . ." as separate tokens.
        if _DOT_RUN_TOKEN.match(nxt):
            j = i + 1
            while j < n and _DOT_RUN_TOKEN.match(words[j]):
                j += 1
            run = j - (i + 1)
            after = words[j] if j < n else ""
            attached = _strip_closers(prev).endswith(".") and not _DOT_RUN_TOKEN.match(prev)
            if run >= 3 and after and _first_alpha_case(after) == "upper":
                if attached:
                    boundary_before[i + 1] = True  # "compounds. . . . The" -> split before
                elif run >= 4:
                    boundary_before[j] = True  # "period . . . . Next" -> split after
            i = j
            continue
        core = _strip_closers(prev)
        if core and core[-1] in "?!":
            boundary_before[i + 1] = _first_alpha_case(nxt) != "lower"
        elif core and core[-1] in ".…":
            boundary_before[i + 1] = _boundary_after_period(prev, nxt)
        i += 1

    spans: list[tuple[int, int]] = []
    sent_start = tokens[0][0]
    for k in range(1, n):
        if boundary_before[k]:
            spans.append((sent_start, tokens[k - 1][1]))
            sent_start = tokens[k][0]
    spans.append((sent_start, tokens[-1][1]))
    return spans


def segment(text: str) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """Paragraphs and sentences of ``text`` (offsets into ``text`` exactly)."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        paragraphs.append(Paragraph(p_start, p_end, p_index))
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentences.append(Sentence(s_start, s_end, len(sentences), p_index))
    return tuple(paragraphs), tuple(sentences)


def sentences_of(text: str) -> list[str]:
    """Convenience: the sentence strings of ``text``."""
    _, sentences = segment(text)
    return [text[s.start : s.end] for s in sentences]
