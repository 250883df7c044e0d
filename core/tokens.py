"""Content tokens of sentences, and the corpus statistics that weight them.

A token is a normalised word: lower case, light stem ("flags" -> "flag", "declared" ->
"declar"), numbers without thousands separators ("100,000" -> "100000"), acronyms kept apart from
ordinary words ("IS" vs "is", "U.S." -> "US"). Over a corpus (the sentences being compared):

* acronyms meet their expansions: "Syrian Democratic Forces" becomes the token "SDF" when "SDF"
  occurs in the corpus;
* spelling variants of names merge ("Baghuz" / "Baghouz"), by rapidfuzz over the vocabulary;
* each token gets an inverse sentence frequency weight: names, numbers and rare words weigh more
  than the words every sentence about the event shares.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from .normalize import normalize

_POSSESSIVE = re.compile(r"'s?$")
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can could did didn't do does doing don't
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is isn't it it's its itself just let me more most my myself
    no nor not now of off on once only or other ought our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up upon very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say
    saying told according mr mrs ms also however would could may might must shall one s t
    """.split()
)

_ACRONYM_SKIP = frozenset({"of", "for", "the", "and", "&", "on", "in"})


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 6:
        word = word[:-3]
    elif (word.endswith("ed") and len(word) > 5) or (word.endswith("ly") and len(word) > 5):
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


class RawToken(NamedTuple):  # a tuple: built for every word of every sentence
    value: str  # normalised form (acronyms upper case)
    name: bool  # capitalised in the source, not sentence-initial: a name
    number: bool


def _token(word: str, first: bool) -> RawToken:
    low = normalize(word)
    if word[0].isdigit():
        return RawToken(low.replace(",", ""), False, True)
    if "." in word:  # U.S., D.C.
        return RawToken(word.replace(".", "").upper(), True, False)
    if word.isupper() and 2 <= len(word) <= 7 and "'" not in word and "’" not in word:
        return RawToken(word, True, False)  # an acronym: "IS" is not "is"
    if "'" in low:  # possessives and contractions: "group's" -> "group"
        low = _POSSESSIVE.sub("", low)
    return RawToken(low, word[0].isupper() and not first, False)


_TOKENS: dict[str, RawToken] = {}  # a word's token anywhere but first in its sentence
_TOKENS_MAX = 200_000


def raw_tokens(text: str) -> list[RawToken]:
    """Word tokens of one sentence, normalised; stopwords are kept (acronym detection needs
    them), stems are applied later. A word's token depends only on the word and on whether it
    opens the sentence, so tokens are remembered by word."""
    words = _WORD.findall(text)
    if not words:
        return []
    out = [_token(words[0], True)]
    append = out.append
    known = _TOKENS.get
    for word in words[1:]:
        token = known(word)
        if token is None:
            token = _token(word, False)
            if len(_TOKENS) < _TOKENS_MAX:
                _TOKENS[word] = token
        append(token)
    return out


@dataclass
class Vocabulary:
    """Token ids, weights and the corpus rules (acronyms, spelling variants) of one corpus."""

    ids: dict[str, int]
    weights: np.ndarray
    canonical: dict[str, str]
    expansions: dict[str, list[tuple[tuple[str, ...], str]]]
    forms: dict[RawToken, str | None] = field(default_factory=dict)  # see _content_values

    def encode(self, raw: Sequence[RawToken]) -> list[int]:
        return [self.ids[t] for t in self._values(raw)]

    def encode_known(self, raw: Sequence[RawToken]) -> list[int]:
        """``encode``, leaving out tokens the corpus never saw."""
        ids = self.ids
        return [ids[t] for t in self._values(raw) if t in ids]

    def _values(self, raw: Sequence[RawToken]) -> list[str]:
        return _content_values(raw, self.expansions, self.canonical, self.forms)


def _content_values(
    raw: Sequence[RawToken],
    expansions: dict[str, list[tuple[tuple[str, ...], str]]],
    canonical: dict[str, str],
    forms: dict[RawToken, str | None] | None = None,
) -> list[str]:
    """The content values of a sentence's tokens: stopwords dropped, words stemmed or made
    canonical, an acronym's expansion replaced by the acronym. ``forms``: each token's value
    already worked out under the same ``canonical`` (None for a stopword)."""
    if forms is None:
        forms = {}
    values = [t.value for t in raw]
    out: list[str] = []
    i = 0
    n = len(values)
    while i < n:
        if values[i] in expansions:
            found = _expansion_at(values, i, expansions)
            if found is not None:
                out.append(found[0])
                i += found[1]
                continue
        token = raw[i]
        i += 1
        form = forms.get(token, "")
        if form == "":
            form = forms[token] = _form(token, canonical)
        if form is not None:
            out.append(form)
    return out


def _expansion_at(values: list[str], i: int,
                  expansions: dict[str, list[tuple[tuple[str, ...], str]]]
                  ) -> tuple[str, int] | None:
    """The acronym whose expansion starts at ``values[i]``, and the expansion's length."""
    n = len(values)
    for words, acronym in expansions[values[i]]:  # two words or more; the second tells most
        k = len(words)
        if i + k <= n and values[i + 1] == words[1] and tuple(values[i : i + k]) == words:
            return acronym, k
    return None


def _form(token: RawToken, canonical: dict[str, str]) -> str | None:
    v = token.value
    if v in STOPWORDS:
        return None
    if token.number or v.isupper():
        return v
    return canonical[v] if v in canonical else _stem(v)


def _find_expansions(
    sentences_raw: Sequence[Sequence[RawToken]],
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Capitalised word sequences whose initials spell an acronym that occurs in the corpus."""
    acronyms = {
        t.value
        for raw in sentences_raw
        for t in raw
        if t.value.isupper() and 2 <= len(t.value) <= 6
    }
    if not acronyms:
        return {}
    found: dict[tuple[str, ...], str] = {}
    for raw in sentences_raw:
        n = len(raw)
        # an expansion starts at a name, or at the sentence's first word
        starts = [i for i, t in enumerate(raw) if t.name]
        if n and not raw[0].name and raw[0].value[:1].isalpha():
            starts.insert(0, 0)
        for i in starts:
            initials = ""
            words: list[str] = []
            for j in range(i, min(n, i + 8)):
                t = raw[j]
                if t.value in _ACRONYM_SKIP and words:
                    words.append(t.value)
                    continue
                if not t.value[:1].isalpha() or t.value.isupper():
                    break
                if not (t.name or j == 0):
                    break
                initials += t.value[0].upper()
                words.append(t.value)
                if len(initials) >= 2 and initials in acronyms and words[-1] not in _ACRONYM_SKIP:
                    found[tuple(words)] = initials
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for words, acronym in found.items():
        by_first[words[0]].append((words, acronym))
    for v in by_first.values():
        v.sort(key=lambda x: -len(x[0]))
    return dict(by_first)


def _spelling_variants(names: Counter[str]) -> dict[str, str]:
    """Merge near-identical names (edit distance ~1): "baghuz" -> "baghouz"."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for word in names:
        if len(word) >= 6:
            buckets[word[:2]].append(word)
    canonical: dict[str, str] = {}
    for words in buckets.values():
        if len(words) < 2:
            continue
        words.sort(key=lambda w: (-names[w], w))
        scores = process.cdist(words, words, scorer=fuzz.ratio, score_cutoff=88, dtype=np.uint8)
        for i in range(len(words)):
            if words[i] in canonical:
                continue
            for j in np.nonzero(scores[i, i + 1 :])[0]:
                other = words[i + 1 + int(j)]
                canonical.setdefault(other, words[i])
    return canonical


def build_vocabulary(
    sentences_raw: Sequence[Sequence[RawToken]],
) -> tuple[Vocabulary, list[list[int]]]:
    """Corpus rules and weights for these sentences; returns the vocabulary and each sentence's
    content token ids (in order, with repeats)."""
    expansions = _find_expansions(sentences_raw)
    names: Counter[str] = Counter(
        t.value for raw in sentences_raw for t in raw if t.name and not t.value.isupper()
    )
    canonical = {k: _stem(v) for k, v in _spelling_variants(names).items()}
    forms: dict[RawToken, str | None] = {}
    values = [_content_values(raw, expansions, canonical, forms) for raw in sentences_raw]
    ids: dict[str, int] = {}
    encoded: list[list[int]] = []
    for vals in values:
        encoded.append([ids.setdefault(v, len(ids)) for v in vals])
    sizes = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    flat = np.fromiter(itertools.chain.from_iterable(encoded), dtype=np.int64,
                       count=int(sizes.sum()))
    span = np.int64(len(ids) + 1)
    present = np.unique(np.repeat(np.arange(len(encoded), dtype=np.int64), sizes) * span + flat)
    df = np.bincount(present % span, minlength=len(ids)).astype(np.float64)
    n = max(len(encoded), 1)
    weights = np.log((n + 1) / (df + 0.5))
    weights = np.maximum(weights, 0.05)
    # numbers and acronyms carry facts: weigh them up a little
    for v, i in ids.items():
        if v[:1].isdigit() or v.isupper():
            weights[i] *= 1.3
    vocab = Vocabulary(ids=ids, weights=weights, canonical=canonical, expansions=expansions,
                       forms=forms)
    return vocab, encoded
