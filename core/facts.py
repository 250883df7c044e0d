"""The part of a sentence that states its fact: attribution blanked out.

Two sentences do not report the same fact because both end in ", he added." or open with
"According to the AP,". Before sentences are compared, attribution phrases are replaced with
spaces of the same length, so every offset into the masked text is still an offset into the
sentence (evidence spans stay exact). What is blanked:

* a tail after a closing quotation mark or a comma: ``,” he added.``, ``,” said Kino Gabriel, a
  spokesman for the SDF.``, ``, the official told reporters on Saturday.``, ``, according to the
  AP.``, ``, The Sun claimed, citing …``;
* an opening attribution: ``According to X,``, ``The outlet reported that``, ``Officials said``
  when a clause follows;
* hedges that carry no fact: ``I think``, ``we believe`` between commas.

The speech verbs are those of ``core.attribution`` (one list for the project).
"""

from __future__ import annotations

import re

from .attribution import VERB, VERBS

_NAME = (  # capitalised words (case-sensitive inside the case-insensitive patterns)
    r"(?-i:[A-Z][\w’'.-]*(?:\s+(?:al-|bin\s|de\s|van\s|von\s)?[A-Z][\w’'.-]*){0,4})"
)
_SUBJECT = (
    r"(?:he|she|they|it|we|i|officials?|"
    r"(?:the|a|an|his|her|their|its)\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,4}|"
    rf"{_NAME})"
)
_VERB_PHRASE = (
    rf"(?:{VERB})(?:\s+(?:in\s+a\s+statement|on\s+twitter|reporters|in\s+an\s+interview))?"
)
_CLOSE = r"[”\"’']"
_WHEN = (r"(?:on|in|at|to|late|early|last|this|during|after|yesterday|today|tonight|monday|"
         r"tuesday|wednesday|thursday|friday|saturday|sunday)")
# a short adjunct after the verb: "on Saturday", "in a statement", "to reporters in Beirut"
_ADJUNCT = rf"(?:,?\s+{_WHEN}\b[^.?!;:“”\"]{{0,40}})?"
# ,” he added.  |  ,” said Kino Gabriel, a spokesman for the SDF.  |  , officials said Saturday.
_TAIL = re.compile(
    rf"(?:(?<=[,.?!…]){_CLOSE}|,{_CLOSE}?|(?<=\w){_CLOSE})\s*"
    rf"(?:(?:{_SUBJECT})\s+{_VERB_PHRASE}|{_VERB_PHRASE}\s+(?:{_SUBJECT})"
    r"(?:,\s+(?:a|an|the|who)\s[^.?!;:“”\"]{0,80})?)"
    rf"{_ADJUNCT}\s*[.?!]?\s*$",
    re.IGNORECASE,
)
_ACCORDING_TAIL = re.compile(
    r",\s*(?:according\s+to|citing|as\s+reported\s+by|per)\s+[^.?!;“”\"]{1,80}[.?!]?\s*$",
    re.IGNORECASE,
)
_ACCORDING_HEAD = re.compile(
    r"^\s*(?:according\s+to|citing|per)\s+[^,;“”\"]{1,80},\s*", re.IGNORECASE
)
# "The outlet reported that …", "Officials said Saturday that …"
_SAID_THAT_HEAD = re.compile(
    rf"^\s*(?:{_SUBJECT})\s+(?:also\s+|later\s+|previously\s+)?{_VERB_PHRASE}"
    r"(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|earlier|later))?\s+that\s+",
    re.IGNORECASE,
)
_HEDGE = re.compile(r"(?:^|,)\s*(?:i|we)\s+(?:think|believe|guess|suppose)(?:\s*,|\s+that\b)?",
                    re.IGNORECASE)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# a sentence with none of these words has no attribution to look for (a word-set lookup: the
# same test as a case-insensitive regex of whole words, ten times faster)
_CUE_WORDS = VERBS | {"according", "citing", "per", "think", "believe", "guess", "suppose"}
_WORDS = re.compile(r"\w+")


def fact_text(sentence: str) -> str:
    """The sentence with its attribution blanked (same length: offsets are unchanged)."""
    if _CUE_WORDS.isdisjoint(_WORDS.findall(sentence.casefold())):
        return sentence
    out = sentence
    for pattern in (_TAIL, _ACCORDING_TAIL):
        m = pattern.search(out)
        # keep at least a few words of fact: a sentence that is only attribution stays whole
        if m and len(out[: m.start()].split()) >= 3:
            out = _blank(out, m.start(), m.end())
    for pattern in (_ACCORDING_HEAD, _SAID_THAT_HEAD):
        m = pattern.search(out)
        if m and len(out[m.end() :].split()) >= 3:
            out = _blank(out, m.start(), m.end())
    for m in _HEDGE.finditer(out):
        out = _blank(out, m.start(), m.end())
    return out
