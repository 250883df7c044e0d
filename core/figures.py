"""Figures in a sentence: numbers (in digits or in words), with what they count and how they
are hedged, and years and days of the week. Used to find where sources disagree
(``core.divergence``).

``figures(text)`` reads "more than 4,000 militants", "four thousand", "4k", "1.5 million",
"58 percent", "a four-year operation", "nearly five years" as ``Figure(value, unit,
qualifier)`` with the span of the words that state it; a year ("in 2014") and a weekday
("Saturday") are figures of their own kinds. "Four years ago" or "two weeks later" place a
moment in time: they are not durations, and not read as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import _stem

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
                "b": 1_000_000_000}
# hedges: what the figure is said to be at least ("over"), at most ("under") or about
QUALIFIERS = {
    "more than": "over", "over": "over", "at least": "over", "upwards of": "over",
    "in excess of": "over", "nearly": "under", "almost": "under", "fewer than": "under",
    "less than": "under", "under": "under", "up to": "under", "just under": "under",
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
    "as much as": "under", "as many as": "under", "as high as": "under",
    "as few as": "over", "as little as": "over", "as low as": "over",
}
# count nouns news uses for one another when counting the same people
SAME_UNIT = {"fighter": "fighter", "militant": "fighter", "jihadist": "fighter",
             "insurgent": "fighter", "combatant": "fighter", "person": "peopl",
             "yr": "year", "dollar": "$", "usd": "$"}
CURRENCY = {"$": "$", "£": "£", "€": "€"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")

_WORD_NUMBER = "|".join([*UNITS, *TENS, *SCALES])
# "one hundred and two" is one number, "two and three" is two
_AND_AFTER_SCALE = "(?:(?:" + "|".join(f"(?<={scale} )" for scale in SCALES) + r")and[\s-]+)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.,/])(?:(?P<digits>{_DIGITS})(?![\d/])(?:[\s-]*(?P<scale>{'|'.join(SCALES)})\b"
    rf"|(?P<short>k|m|mn|bn|b)\b)?"
    rf"|(?P<words>(?:(?:{_WORD_NUMBER})(?:[\s-]+{_AND_AFTER_SCALE}(?=(?:{_WORD_NUMBER})\b))?)+)\b)"
    r"(?P<percent>\s*(?:%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    rf"\b(?P<q>{'|'.join(sorted(QUALIFIERS, key=len, reverse=True))})\s+$", re.IGNORECASE)
_UNIT = re.compile(r"[\s-]*(?:(?:[A-Z][\w.]*|of)\s+){0,2}(?P<unit>[a-z][a-z-]*)")
_YEAR = re.compile(r"(?<![\d,.$£€])(?P<year>1[89]\d\d|20\d\d)\b(?!,\d|\.\d|%|-|s\b)")
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{'|'.join(MONTHS)}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+"
    r"(?P<day>[12]?\d|3[01])\b(?!,\d|\.\d|:)", re.IGNORECASE)
_YEAR_BEFORE = re.compile(  # the words a year follows ("in 2014", "the 2016 election")
    r"(?:\b(?:in|since|by|of|until|till|from|during|before|after|to|through|the|early|late|"
    rf"mid|year|fiscal|and|or|{'|'.join(MONTHS)}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
    r"\.?\s+|,\s*|[(\-–]\s*)$", re.IGNORECASE)
_COUNTED = re.compile(r"[\s-]+[a-z]")  # "1800 boats": a number followed by what it counts
_AGO = re.compile(r"\s+(?P<word>ago|earlier|before|later)\b", re.IGNORECASE)
# a year placed from the day of writing: "a year ago", "last year" ("N years ago" is read
# with the other numbers)
_YEAR_AGO = re.compile(r"\b(?:(?:a|one)\s+year\s+ago|last\s+year)\b", re.IGNORECASE)
# the low end of a range the figure closes: "2 to 3 inches", "40-60 hours", "between two and three"
_RANGE = re.compile(
    rf"(?:\b(?P<between>between)\s+)?(?<![\w.,/])(?P<low>{_DIGITS}|(?:{_WORD_NUMBER})"
    rf"(?:[\s-]+(?:{_WORD_NUMBER}))*)-?\s*(?:to|-|–|(?P<and>and))\s*[$£€]?$", re.IGNORECASE)
_RANK = re.compile(r"\b(?:no|number|nos)\.?\s*$", re.IGNORECASE)  # "No. 2": a rank
_WEEKDAY = re.compile(rf"\b(?P<day>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_NOT_COUNTS = frozenset({"of", "and", "or", "to", "a", "the", "in", "on", "at", "for", "p",
                         "a.m", "pm", "am", "th", "st", "nd", "rd"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A number, year or weekday stated in a text: ``start``/``end`` are offsets into it
    (the qualifier, the number and the word that says what it counts)."""

    kind: str  # "number", "year", "day" (month * 100 + day), "weekday", or "ago": a year
    # counted back from the day of writing (value: how many years; "last year" is 1)
    value: float
    unit: str  # what it counts (stemmed: "militant", "year", "percent"), "" when unsaid
    qualifier: str  # "over", "under", "about", "range" (from ``low`` to ``value``) or "" (exact)
    start: int
    end: int
    low: float = 0.0  # where a range starts ("2 to 3 inches": 2, and the value is 3)


def word_value(words: str) -> float | None:
    """The value of a number in words ("four thousand", "twenty-five", "one hundred and
    two"), None when it is not one."""
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if not word or word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _value(match: re.Match[str]) -> float | None:
    digits = match.group("digits")
    if digits is not None:
        value = float(digits.replace(",", ""))
        scale = match.group("scale")
        short = match.group("short")
        if scale:
            value *= SCALES[scale.lower()]
        elif short:
            value *= SHORT_SCALES[short.lower()]
        return value
    return word_value(match.group("words") or "")


def figures(text: str) -> list[Figure]:
    """Every number, year and weekday of ``text``, in order."""
    out: list[Figure] = []
    years: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        if not _YEAR_BEFORE.search(text, 0, m.start()) and _COUNTED.match(text, m.end()):
            continue  # "1800 boats": a count
        years.append(m.span("year"))
        out.append(Figure("year", float(m.group("year")), "", "", *m.span("year")))
    days: list[tuple[int, int]] = []
    for m in _MONTH_DAY.finditer(text):
        month = m.group("month").lower()[:3]
        number = [x[:3] for x in MONTHS].index(month) + 1
        days.append(m.span("day"))
        out.append(Figure("day", float(number * 100 + int(m.group("day"))), "", "",
                          *m.span()))
    for m in _WEEKDAY.finditer(text):
        out.append(Figure("weekday", float(WEEKDAYS.index(m.group("day").lower())), "", "",
                          *m.span("day")))
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or any(a <= start < b for a, b in years + days):
            continue
        if _RANK.search(text, 0, start):
            continue
        value = _value(m)
        if value is None:
            continue
        if m.group("words") and m.group("words").lower() == "one":
            continue  # "one of", "no one": rarely a count
        currency = text[start - 1] if start and text[start - 1] in CURRENCY else ""
        if currency:
            start -= 1  # "$3.6 billion": an amount of dollars, whatever word follows
        before = _QUALIFIER.search(text, 0, start)
        qualifier = QUALIFIERS[before.group("q").lower()] if before else ""
        q_start = before.start("q") if before else start
        low = 0.0
        rng = _RANGE.search(text, 0, start)
        if rng and (rng.group("and") is None or rng.group("between")):
            low_text = rng.group("low")
            low_value = (float(low_text.replace(",", "")) if low_text[0].isdigit()
                         else word_value(low_text))
            if low_value is not None and low_value < value:
                qualifier, low, q_start = "range", low_value, rng.start()
        if m.group("percent"):
            unit, u_end = "percent", end
        elif currency:
            unit, u_end = CURRENCY[currency], end
        else:
            um = _UNIT.match(text, end)
            word = um.group("unit").lower() if um else ""
            if word.startswith("-"):
                word = word[1:]
            if um is None or word in _NOT_COUNTS or word in MONTHS:
                unit, u_end = "", end
            else:
                unit = "-".join(_stem(part) for part in word.split("-") if part)
                unit, u_end = SAME_UNIT.get(unit, unit), um.end("unit")
        if m.group("digits") is None and not unit:
            continue  # "three" alone is too often "the three of them"
        ago = _AGO.match(text, u_end)
        if ago:  # "four years ago" dates something, it is no duration
            if ago.group("word").lower() == "ago" and unit == "year" and not qualifier:
                out.append(Figure("ago", value, "year", "", q_start, ago.end()))
            continue
        if qualifier == "range":  # the low end is no figure of its own
            out = [f for f in out if not q_start <= f.start < u_end]
        out.append(Figure("number", value, unit, qualifier, q_start, u_end, low))
    for m in _YEAR_AGO.finditer(text):
        out.append(Figure("ago", 1.0, "year", "", *m.span()))
    out.sort(key=lambda f: f.start)
    return out
