"""Check-worthy claims: factual statements a fact-checker would pick (numbers, casualties,
dates, who did what, attributed assertions), as opposed to opinions, promises, questions and
pleasantries.

A logistic model over two kinds of evidence: the sentence's shape (figures, years, names, past
tense, comparisons, first-person opinion and future, questions) from hand-written patterns, and
its meaning as the mean of the distilled word vectors (``core.wordvec``), so that "troops were
killed" and "soldiers died" weigh alike. Weights were fitted on the ClaimBuster dev sample by
``benchmarks/claims.py --fit``; they live in ``data/claims.npz``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .tokens import STOPWORDS

_DATA = Path(__file__).resolve().parent / "data" / "claims.npz"

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|"
    r"millions|billion|billions|trillion|dozen|dozens|half|percent|per cent)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_MONEY = re.compile(r"[$€£]|\b(?:dollars?|budget|deficit|debt|taxe?s?|spending|spent|cost)\b",
                    re.IGNORECASE)
_PAST = re.compile(r"\b\w{3,}ed\b|\b(?:was|were|had|did|went|took|made|gave|lost|won|got|"
                   r"came|left|sent|led|fell|rose|grew|cut|paid|built|brought|began|became|"
                   r"killed|died|voted|signed|passed)\b", re.IGNORECASE)
_COMPARE = re.compile(r"\b(?:more|less|fewer|most|least|highest|lowest|largest|biggest|"
                      r"smallest|record|increase[ds]?|decrease[ds]?|doubled|tripled|rate|"
                      r"than|since|every|only|first|last)\b", re.IGNORECASE)
_OPINION = re.compile(r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|i will|i'll|"
                      r"we need|we must|we should|we have to|we've got to|we ought|we will|"
                      r"we're going to|let me|let's|i would|i'd|should|ought|must|believe|"
                      r"hope|want|wish|going to|will|would|could|might|maybe|perhaps)\b",
                      re.IGNORECASE)
_ADDRESS = re.compile(r"\b(?:thank you|thanks|good evening|good night|ladies and gentlemen|"
                      r"you know|well,|applause|laughter|crosstalk|question)\b", re.IGNORECASE)
_ATTRIBUTED = re.compile(r"\b(?:said|says|according to|reported|announced|told|confirmed|"
                         r"stated|claimed|estimated|found)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|we|us|our)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_TOPIC = re.compile(r"\b(?:jobs?|unemploy\w*|economy|economic|income|wages?|inflation|interest|"
                    r"growth|gdp|trade|deficits?|debt|taxe?s?|war|troops|soldiers|military|"
                    r"nuclear|weapons|missiles?|terror\w*|attacks?|killed|dead|deaths?|"
                    r"casualties|wounded|health|insurance|medicare|medicaid|social security|"
                    r"abortion|crime|prisons?|oil|energy|gas|coal|schools?|teachers|students|"
                    r"immigra\w+|border|refugees|law|bill|vote[ds]?|senate|congress|percent|"
                    r"population|poverty|budget|program|billion|million)\b", re.IGNORECASE)
_COPULA = re.compile(r"\b(?:is|are|was|were|has been|have been|had been|there is|there are|"
                     r"there was|there were)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|n't)\b|n't\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*")

SHAPE_FEATURES = (
    "number", "numbers", "year", "money", "past", "compare", "opinion", "address",
    "attributed", "first_person", "second_person", "names", "question", "length", "short",
    "topic", "copula", "negation", "stopwords",
)


def shape(text: str) -> list[float]:
    """The hand-written features of one sentence, in ``SHAPE_FEATURES`` order."""
    words = _WORDS.findall(text)
    n = max(len(words), 1)
    numbers = len(_NUMBER.findall(text))
    return [
        float(numbers > 0),
        min(numbers, 4) / 4,
        float(bool(_YEAR.search(text))),
        float(bool(_MONEY.search(text))),
        min(len(_PAST.findall(text)), 3) / 3,
        min(len(_COMPARE.findall(text)), 3) / 3,
        min(len(_OPINION.findall(text)), 3) / 3,
        float(bool(_ADDRESS.search(text))),
        float(bool(_ATTRIBUTED.search(text))),
        min(len(_FIRST_PERSON.findall(text)), 4) / 4,
        min(len(_SECOND_PERSON.findall(text)), 3) / 3,
        min(len(_CAPITAL.findall(text)), 4) / 4,
        float(text.rstrip().endswith("?")),
        math.log(n) / 4,
        float(n < 6),
        min(len(_TOPIC.findall(text)), 3) / 3,
        float(bool(_COPULA.search(text))),
        float(bool(_NEGATION.search(text))),
        sum(1 for w in words if w.lower() in STOPWORDS) / n,
    ]


def concrete(text: str) -> bool:
    """Something a fact-checker can look up: a figure, a year, an amount of money."""
    return bool(_NUMBER.search(text) or _YEAR.search(text) or _MONEY.search(text))


def features(texts: Sequence[str]) -> np.ndarray:
    """Shape features and the mean word vector of each text, one row per text."""
    from .wordvec import mean_vectors

    shapes = np.asarray([shape(t) for t in texts], dtype=np.float32).reshape(len(texts), -1)
    return np.hstack([shapes, mean_vectors(texts)])


@functools.cache
def _weights() -> tuple[np.ndarray, float]:
    with np.load(_DATA) as data:
        return data["weights"].astype(np.float32), float(data["bias"])


def claim_scores(texts: Sequence[str]) -> list[float]:
    """Check-worthiness in [0, 1] for each sentence (0.5 is the decision threshold)."""
    if not texts:
        return []
    weights, bias = _weights()
    z = features(texts) @ weights + bias
    return (1.0 / (1.0 + np.exp(-z))).astype(float).tolist()
