"""Who said it: direct and partial quotations of a document, each with its speaker.

A quotation is the text between a pair of quotation marks (curly or straight; an inch mark
after a digit is not one). It is ``direct`` when it is a whole utterance (it opens a sentence, or
follows a colon, a comma after a speech verb, or a speech verb), ``partial`` when the article
weaves a fragment of speech into its own sentence (``called it a “huge win”``). Titles in title
case and scare quotes of one or two words are not speech unless a speech verb attributes them.

The speaker is found as a reader finds it: after the quotation (``,” said Kino Gabriel.``,
``,” the official said.``), before it (``Mustafa Bali … tweeted that “``), in an earlier
sentence of the paragraph (``Bali said. “…”``), or carried over from the previous quotation
when the paragraph goes on quoting. "He" and "she" resolve to the last person named before.
Measured on PolNeAR by ``benchmarks/quotes.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .document import Document
from .tokens import STOPWORDS

DIRECT, PARTIAL = "direct", "partial"

_VERBS = (
    # forms that are mostly nouns ("comments", "reports", "claims", "post") are left out
    "say says said saying tell tells told telling add adds added adding write writes wrote "
    "writing tweeted tweeting stated declare declares declared declaring announce announces "
    "announced announcing warn warns warned warning ask asks asked asking explain explains "
    "explained explaining noted argue argues argued arguing insist insists insisted insisting "
    "continued recall recalls recalled respond responds responded replied claimed acknowledge "
    "acknowledges acknowledged admit admits admitted quipped joked shouted chanted posted "
    "commented remarked suggest suggests suggested conclude concludes concluded testify "
    "testifies testified countered concede concedes conceded stressed observed predicted "
    "promised vowed cautioned urged urging thundered yelled screamed whispered mused boasted "
    "complained charged lamented agreed disagreed emphasized emphasised maintained affirmed "
    "confirmed denied repeated reiterated reported recounted pleaded begged demanded"
).split()
VERBS = frozenset(_VERBS)


def _alternation(words: frozenset[str]) -> str:
    """A regex matching any of ``words``, as a trie ("sa(?:y(?:s|ing)?|id)"). Words matching
    at one place are prefixes of each other and the trie tries the longest first, as the words
    joined longest first would; it does not try every word at every place (seven times
    faster)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + pattern(trie) + ")"


VERB = _alternation(VERBS)
_VERB_RE = re.compile(rf"\b{VERB}\b", re.IGNORECASE)

_TITLES = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Sir|Lord|Lady|St|Adm|Maj|Cpl|"
    r"Amb|Atty)\."
)
_WORD = (  # a capitalised word, an initial, an acronym (U.S., SDF), hyphenated parts
    r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]*[’']?[^\W\d_]+|[A-Z]\.|[A-Z]{2,})"
    r"(?:-[A-Z]?[^\W\d_A-Z]+)*"
)
_PARTICLE = r"(?:al-|el-|bin |ibn |de |del |van |von |der |da |di |la |le )"
PARTICLES = frozenset(re.findall(r"(\w+)[- ]", _PARTICLE))  # "al", "bin", "van"…
_NAME_RE = re.compile(  # words on one line: a name never runs over a line break; it starts
    # with a capital (the lookahead only makes the scan three times faster)
    rf"(?=[A-ZÀ-ÖØ-Þ])(?:{_TITLES}[^\S\n]+)?{_WORD}(?:[^\S\n]+(?:{_PARTICLE})?{_WORD}|[^\S\n]+{_PARTICLE}\w+)*")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
PRONOUNS = _PRONOUNS  # speakers that name nobody on their own
_PERSONAL = frozenset({"he", "she"})  # resolved to the last person named; "they" is not
_ORG_WORDS = {
    "forces", "party", "department", "house", "committee", "news", "times", "post", "journal",
    "foundation", "council", "office", "ministry", "army", "government", "agency", "union",
    "institute", "university", "center", "centre", "commission", "court", "campaign", "press",
    "network", "group", "organization", "association", "company", "corporation", "inc",
    "fund", "bank", "service", "services", "administration", "nations", "states", "republic",
    "media", "magazine", "channel", "radio", "television", "tv", "reuters", "twitter",
    "facebook", "cnn", "fox", "msnbc", "abc", "nbc", "cbs", "bbc", "street",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "state", "isis", "isil", "daesh", "sdf", "gop", "fbi", "cia",
}
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "u.s.", "u.n.", "u.k.", "e.u.",
}
_NOT_NAMES_BARE = frozenset(w.strip(".") for w in _NOT_NAMES)  # as ``_names`` compares them
_NON_SPACE = re.compile(r"\S+")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|on|of|for|to|into|near|across|outside|inside)\s+(?:the\s+)?|[(-])$",
                           re.IGNORECASE)
_DESCRIPTION = re.compile(
    r"^(?:the|a|an|one|another|his|her|their|its)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}$", re.IGNORECASE
)
_OPEN = "“«„"
_CLOSE = "”»"
_MARK = re.compile(r"[“«„”»\"]")
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[“\"A-Z])")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: ``start``/``end`` are offsets of the quoted text in ``Document.text``
    (marks excluded); the speaker as the article names it, and where (``None`` if unknown)."""

    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    score: float


@dataclass(slots=True)
class _Name:
    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=1024)
def find_quotations(doc: Document) -> tuple[Quotation, ...]:
    """Every quotation of ``doc`` in reading order, with its kind, speaker and a score. Read
    once per article while it is open (the suggestions, the report, divergences and citations
    all ask: 2 ms an article)."""
    return tuple(_find_quotations(doc))


def _find_quotations(doc: Document) -> list[Quotation]:
    text = doc.text
    masked = _mask(text)
    out: list[Quotation] = []
    last: Quotation | None = None
    last_paragraph = -2
    seen: dict[tuple[int, int], _Name | None] = {}  # names judged by _resolve
    for pi, p in enumerate(doc.paragraphs):
        spans = _marked_spans(text, p.start, p.end)
        for qi, (a, b, closed) in enumerate(spans):
            qa, qb = _trim(text, a, b)
            if qb <= qa:
                continue
            kind = _kind(text, p.start, a - 1, qa, qb)
            if kind is None:
                continue
            speaker = _speaker_after(text, masked, b + 1, p.end) if closed else None
            if speaker is None:
                speaker = _speaker_before(text, masked, p.start, a - 1, same_sentence=True)
            if speaker is None and last is not None and last.speaker is not None:
                continues = last_paragraph == pi or (
                    last_paragraph == pi - 1 and qi == 0 and a - 1 == p.start)
                if continues:
                    speaker = _Name(last.speaker, last.speaker_start or 0, last.speaker_end or 0)
            if speaker is None:
                speaker = _speaker_before(text, masked, p.start, a - 1, same_sentence=False)
            if speaker is not None and speaker.text.lower() in _PERSONAL:
                speaker = _resolve(text, speaker.start, seen) or speaker
            q = Quotation(
                qa, qb, kind,
                speaker.text if speaker else None,
                speaker.start if speaker else None,
                speaker.end if speaker else None,
                _score(kind, speaker),
            )
            out.append(q)
            last, last_paragraph = q, pi
    return out


_ABBREVIATION = re.compile(  # the lookahead only makes the scan faster
    r"\b(?=[A-Z])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|Adm|Maj|Cpl|Amb|"
    r"Atty|Fla|Calif|Ariz|Mass|Wash|Penn|Tenn|Mich|Wis|Minn|Conn|Ill|Ind|Ky|La|Md|Mo|Nev|Okla|"
    r"Ore|Va|Vt|Ala|Ark|Colo|Del|Ga|Kan|Miss|Mont|Neb|Wyo|Co|Corp|Inc|Ltd|U\.S|U\.K|U\.N|[A-Z])\."
)
_PARENS = re.compile(r"\([^()\n]{0,40}\)")


def _mask(text: str) -> str:
    """The text with the periods of abbreviations and initials and short parentheticals
    ("(R-Fla.)") blanked, same length, so clause patterns can run over names like
    "Rep. John D. Mica (R-Fla.)"."""
    out = _ABBREVIATION.sub(lambda m: m.group()[:-1] + "_", text)
    return _PARENS.sub(lambda m: " " * len(m.group()), out)


def _score(kind: str, speaker: _Name | None) -> float:
    base = 0.9 if kind == DIRECT else 0.6
    return base if speaker is not None else base - 0.15


def _marked_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``(open_mark, close_mark, closed)`` positions of the quotations of a paragraph; an unclosed
    quotation runs to the paragraph's end (news convention for a quote that goes on)."""
    spans = []
    inside = -1
    for m in _MARK.finditer(text, start, end):
        pos = m.start()
        c = m.group()
        if c == '"' and pos > start and (text[pos - 1].isdigit() or text[pos - 2 : pos] in
                                         ("1'", "2'", "3'", "4'", "5'", "6'", "7'", "8'", "9'")):
            continue  # 6'3" — an inch mark
        opening = c in _OPEN or (c == '"' and inside < 0)
        if inside < 0 and opening:
            inside = pos
        elif inside >= 0 and c not in _OPEN:
            spans.append((inside + 1, pos, True))
            inside = -1
    if inside >= 0:
        spans.append((inside + 1, end, False))
    return spans


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    chunk = text[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    return a + lead, a + len(chunk.rstrip())


_VERB_RIGHT_BEFORE = re.compile(rf"\b{VERB}(?:\s+\w+)?\s*[:,]?$", re.IGNORECASE)


def _kind(text: str, para_start: int, mark: int, qa: int, qb: int) -> str | None:
    quoted = text[qa:qb]
    words = quoted.split()
    before = text[para_start:mark].rstrip()
    prev = before[-1:]
    first = next((c for c in quoted if c.isalnum()), "")
    verb_before = _VERB_RE.search(before[-40:]) is not None
    # only the end of what precedes can match: searching the whole paragraph before every
    # quotation was quadratic in a long paragraph
    verb_right_before = _VERB_RIGHT_BEFORE.search(before[-80:])
    if _is_title(words, quoted) and not verb_right_before:
        return None
    sentence_start = not before or prev in ".!?…:;—–-\"”»(" or (
        prev == "," and verb_right_before is not None)
    if sentence_start and (first.isupper() or first.isdigit() or prev in ":" or not before):
        return DIRECT
    if verb_right_before and first.isupper():
        return DIRECT
    if len(words) <= 2 and not verb_before:
        return None  # scare quotes
    return PARTIAL


def _is_title(words: list[str], quoted: str) -> bool:
    if not words or len(words) > 6 or quoted.rstrip(",.").endswith(("!", "?")):
        return False
    content = [w for w in words if w.lower().strip(",") not in STOPWORDS]
    return bool(content) and all(w[:1].isupper() for w in content) and len(words) > 1


_SKIP_FIRST = STOPWORDS | {"but", "and", "in", "on", "at"}


def _names(text: str, start: int, end: int) -> list[_Name]:
    """Runs of capitalised words (names, titles, organisations) on one line, each with the
    exact text and offsets it has in ``text``."""
    out = []
    for m in _NAME_RE.finditer(text, start, end):
        name = _name_of(text, m)
        if name is not None:
            out.append(name)
    return out


def _name_of(text: str, m: re.Match[str]) -> _Name | None:
    """The name in one match of ``_NAME_RE``: leading small words and titles of office
    dropped; None for a date or a lone "U.S."."""
    group = m.group()
    words = [w.span() for w in _NON_SPACE.finditer(group)]
    while words and group[slice(*words[0])].lower() in _SKIP_FIRST:
        words = words[1:]
    if not words:
        return None
    lowered = [group[a:b].lower().strip(".’'") for a, b in words]
    if " ".join(lowered) in _NOT_NAMES_BARE:
        return None
    org = [k for k, w in enumerate(lowered) if w in _ORG_WORDS]
    if org and len(words) - org[-1] - 1 >= 2:  # "Secretary of State Mike Pompeo"
        words = words[org[-1] + 1 :]
    s, e = m.start() + words[0][0], m.start() + words[-1][1]
    return _Name(text[s:e], s, e)


def _personlike(name: _Name) -> bool:
    words = name.text.split()
    return not any(w.lower().strip(".’'") in _ORG_WORDS for w in words) and not (
        len(words) == 1 and (words[0].isupper() or "." in words[0]))


def _pick(names: list[_Name], near_end: bool) -> _Name | None:
    if not names:
        return None
    people = [n for n in names if _personlike(n)]
    pool = people or names
    return pool[-1] if near_end else pool[0]


def _who(text: str, start: int, end: int) -> _Name | None:
    """The speaker named in a short phrase: "MSNBC host Chris Matthews", "Rep. Jim Jordan",
    "the official", "he"."""
    phrase = text[start:end].strip()
    if not phrase:
        return None
    s = text.index(phrase, start)
    if phrase.lower() in _PRONOUNS:
        return _Name(phrase, s, s + len(phrase))
    names = [n for n in _names(text, start, end) if not n.text.endswith(("’s", "'s"))
             and not _PLACE_BEFORE.search(text[max(0, n.start - 12) : n.start])]
    found = _pick(names, near_end=True)  # said Rep. Jim Jordan; MSNBC host Chris Matthews
    if found is not None:
        return found
    m = _DESCRIPTION.match(phrase)
    if m:
        return _Name(phrase, s, s + len(phrase))
    return None


_CLAUSE = r"[^,.;:!?“”\"\n]"
_DETERMINER = re.compile(r"(?:the|a|an|one|another|his|her|their|its)\s", re.IGNORECASE)
_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,—–-]*(?:{VERB})\s+(?!that\b|to\b|in\b|on\b|of\b)({_CLAUSE}{{1,80}})", re.IGNORECASE)
_AFTER_WHO_FIRST = re.compile(
    rf"^[\s,—–-]*({_CLAUSE}{{1,60}}?)(,{_CLAUSE}{{1,160}},)?\s+"
    rf"(?:\w+ly\s+|also\s+|later\s+|then\s+|had\s+|has\s+|have\s+|would\s+)?{VERB}\b",
    re.IGNORECASE)
_ACCORDING = re.compile(rf"^[\s,—–-]*according to\s+({_CLAUSE}{{1,60}})", re.IGNORECASE)
_DASH = re.compile(rf"^[ \t]*[―—–]\s*({_CLAUSE}{{1,60}})")


_SUBJECT_PART = r"[^,;:!?“”\"\n]"  # a subject may hold abbreviations ("U.S.-backed")
_REPORTED = re.compile(
    rf"^\s*({_SUBJECT_PART}{{1,60}}?)(,{_CLAUSE}{{1,80}},)?\s+(?:also\s+|later\s+|then\s+)?"
    rf"{VERB}\b(?!,)",
    re.IGNORECASE)


def reporter(sentence: str) -> str | None:
    """Who reports a sentence's content in reported speech: "The White House, in a statement
    later Saturday, declared that …" → "White House"; "A spokesman for the SDF, Mustafa Bali,
    tweeted that …" → "Mustafa Bali"; "U.S.-backed Syrian force said …" → that phrase. None
    when the sentence is no report or names nobody (a pronoun)."""
    m = _REPORTED.match(sentence)
    if m is None:
        return None
    spans = [(m.start(2) + 1, m.end(2) - 1)] if m.group(2) else []
    spans.append((m.start(1), m.end(1)))
    for a, b in spans:  # the appositive names the person more often than the subject
        who = _who(sentence, a, b)
        if (who is not None and _personlike(who) and who.text[:1].isupper()
                and who.text.lower() not in _PRONOUNS
                and not _DESCRIPTION.match(who.text)):  # a name, not "a spokeswoman for …"
            return who.text
    phrase = sentence[m.start(1) : m.end(1)].strip()
    words = phrase.split()
    if not words or phrase.lower() in _PRONOUNS or len(words) > 6:
        return None
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or None


def same_speaker(a: str, b: str) -> bool:
    """Do two speaker names name the same speaker? People by surname ("Bali" ~ "Mustafa
    Bali"); organisations by any shared word, or an acronym meeting the other's initials."""
    wa = [w.lower().strip(".’'()") for w in a.split()]
    wb = [w.lower().strip(".’'()") for w in b.split()]
    if wa[-1] == wb[-1] or set(wa) & set(wb) - STOPWORDS:
        return True
    for x, y in ((a, wb), (b, wa)):
        acronym = x.replace(".", "").strip()
        initials = "".join(w[0] for w in y if w and w not in STOPWORDS)
        if acronym.isupper() and acronym.lower() == initials:
            return True
    return False


def _speaker_after(text: str, masked: str, pos: int, para_end: int) -> _Name | None:
    """An attribution right after the closing mark: ``,” said X``, ``,” X said``, ``” ― X``."""
    tail = masked[pos : min(para_end, pos + 300)]
    m = _AFTER_VERB_FIRST.match(tail)
    if m:
        who = _who(text, pos + m.start(1), pos + m.end(1))
        if who is not None:
            return who
    m = _AFTER_WHO_FIRST.match(tail)
    if m:
        raw = text[pos + m.start(1) : pos + m.end(1)]
        phrase = raw.strip()
        if _DETERMINER.match(phrase):  # "a fighter from Baghuz, identifying himself as X, said"
            if m.group(2):
                inner = _pick(_names(text, pos + m.start(2), pos + m.end(2)), near_end=False)
                if inner is not None and _personlike(inner):
                    return inner
            if len(phrase.split()) <= 6:
                s = pos + m.start(1) + len(raw) - len(raw.lstrip())
                return _Name(phrase, s, s + len(phrase))
        who = _who(text, pos + m.start(1), pos + m.end(1))
        if who is not None:
            return who
    for pattern in (_ACCORDING, _DASH):
        m = pattern.match(tail)
        if m:  # the name comes first: "according to Ahmed Saleh, a diplomat"
            names = _names(text, pos + m.start(1), pos + m.end(1))
            return names[0] if names else _who(text, pos + m.start(1), pos + m.end(1))
    return None


def personlike(text: str) -> bool:
    """Could this name be a person's (not an organisation's: "the State Department")?"""
    return _personlike(_Name(text, 0, len(text)))


def _personlike_strict(name: _Name) -> bool:
    return name.text[:1].isupper() and _personlike(name) and name.text.lower() not in _PRONOUNS


def _speaker_before(
    text: str, masked: str, para_start: int, mark: int, same_sentence: bool
) -> _Name | None:
    """An attribution before the opening mark: the subject of the last speech verb in the
    quotation's sentence (``Mustafa Bali, an SDF official, told Reuters that “``, ``he said:
    “``), or with ``same_sentence=False`` in an earlier sentence of the paragraph."""
    lo = max(para_start, mark - 500)
    window = masked[lo:mark]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    closes = [m.end() for m in re.finditer(r"[”»\"]", window)]
    sentence_start = max([0, *ends, *closes])
    if same_sentence:
        verbs = list(_VERB_RE.finditer(window, sentence_start))
    else:
        verbs = list(_VERB_RE.finditer(window, 0, sentence_start))
    for v in reversed(verbs):
        starts = [e for e in [0, *ends, *closes] if e <= v.start()]
        clause = lo + max(starts)
        name = _subject(text, clause, lo + v.start(), participle=v.group().endswith("ing"))
        if name is not None:
            return name
    return None


def _subject(text: str, start: int, verb: int, participle: bool) -> _Name | None:
    """Who the speech verb at ``verb`` belongs to, in the clause from ``start``: a pronoun or
    name right before it ("Bali said", "Bali, an SDF official, told"), else the clause's first
    person ("Dean … poked at Trump's sniffing, tweeting")."""
    subject = text[start:verb]
    words = subject.split()
    if words and words[-1].lower() in _PRONOUNS and not participle:
        s = start + subject.rindex(words[-1])
        return _Name(words[-1], s, s + len(words[-1]))
    names = [n for n in _names(text, start, verb) if not n.text.endswith(("’s", "'s"))
             and not _PLACE_BEFORE.search(text[max(0, n.start - 12) : n.start])]
    people = [n for n in names if _personlike(n)]
    if not participle and names:
        gap = text[names[-1].end : verb]
        if len(gap.split()) <= 2 or re.fullmatch(r",[^,]{1,120},\s*", gap):
            near = names[-1]
            if _personlike(near) or not people:
                return near
    if people:
        return people[0]
    m = re.search(r"\b(?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}\s*,?\s*$", subject,
                  re.IGNORECASE)
    if m and not participle:
        phrase = m.group().rstrip(" ,")
        s = start + m.start()
        return _Name(phrase, s, s + len(phrase))
    if names:
        return names[0] if participle else names[-1]
    return None


def _resolve(text: str, pos: int, seen: dict[tuple[int, int], _Name | None]) -> _Name | None:
    """The last person named before ``pos`` (for "he"/"she"): a full name, or a surname that
    repeats a full name of the 3,000 characters before ``pos``. ``seen``: the people named in
    this text, by the span of their match (None: not a person), kept from one pronoun to the
    next (their windows overlap); names are judged from the last back, as far as needed."""
    spans = list(_NAME_RE.finditer(text, max(0, pos - 3000), pos))

    def person(m: re.Match[str]) -> _Name | None:
        span = m.span()
        if span not in seen:
            n = _name_of(text, m)
            ok = n is not None and _personlike(n) and not _PLACE_BEFORE.search(
                text[max(0, n.start - 12) : n.start])
            seen[span] = n if ok else None
        return seen[span]

    surnames: set[str] | None = None  # of the full names in the window, when first needed
    for m in reversed(spans):
        n = person(m)
        if n is None:
            continue
        words = n.text.split()
        if len(words) >= 2 and not n.text.startswith(("The ", "A ")):
            return n
        if len(words) == 1:
            if surnames is None:
                named = (person(x) for x in spans)
                surnames = {x.text.split()[-1] for x in named
                            if x is not None and len(x.text.split()) >= 2}
            if words[0] in surnames:
                return n
    return None
