"""Sentence similarity, computed in batch for many pairs at once.

Features of a pair (vectorised with numpy, or rapidfuzz batch functions):

* ``dice``: weighted Dice overlap of content tokens, ``2·w(A∩B) / (w(A) + w(B))``, weights from
  the corpus (see ``core.tokens``). The denominator holds *both* sentences, so a short line
  never scores high against a long sentence just because its words are a subset.
* ``chars``, ``partial``, ``words``, ``content``: rapidfuzz batch scores (``process.cpdist``) of
  the normalised texts, their word sequences and content-token sequences.

``combine`` turns them into one score in [0, 1]; its weights were fitted on the dev pairs
(``benchmarks/pairs.py``), never on test data.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .wordvec import cosine_pairs


@dataclass
class TokenSets:
    """Unique content token ids per sentence, flattened (CSR layout), with weight totals."""

    flat: np.ndarray  # int64 token ids, sentence after sentence, each sentence's ids sorted
    offsets: np.ndarray  # start of each sentence in ``flat``; len = n + 1
    totals: np.ndarray  # sum of weights per sentence

    @classmethod
    def build(cls, encoded: Sequence[Sequence[int]], weights: np.ndarray) -> TokenSets:
        n = len(encoded)
        sizes = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=n)
        tokens = np.fromiter(itertools.chain.from_iterable(encoded), dtype=np.int64,
                             count=int(sizes.sum()))
        span = np.int64(len(weights) + 1)
        # one sort for all sentences: by sentence, then token, repeats dropped
        keys = np.unique(np.repeat(np.arange(n, dtype=np.int64), sizes) * span + tokens)
        owner, flat = keys // span, keys % span
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner, minlength=n), out=offsets[1:])
        totals = np.bincount(owner, weights=weights[flat], minlength=n).astype(np.float64)
        return cls(flat=flat, offsets=offsets, totals=totals)

    def extend(self, encoded: Sequence[Sequence[int]], weights: np.ndarray) -> TokenSets:
        """These sets followed by the sets of more sentences."""
        more = TokenSets.build(encoded, weights)
        return TokenSets(
            flat=np.concatenate([self.flat, more.flat]),
            offsets=np.concatenate([self.offsets, more.offsets[1:] + self.offsets[-1]]),
            totals=np.concatenate([self.totals, more.totals]),
        )

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of ``rows`` concatenated, and for each the position of its row in ``rows``."""
        starts = self.offsets[rows]
        lengths = self.offsets[rows + 1] - starts
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        first = np.repeat(np.cumsum(lengths) - lengths, lengths)
        idx = np.repeat(starts, lengths) + (np.arange(total, dtype=np.int64) - first)
        return self.flat[idx], owner


OVERLAP_CHUNK = 8192  # pairs at a time: small arrays stay in cache and reuse their memory


def weighted_overlap(
    sets: TokenSets, weights: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """``w(A∩B)`` for each pair ``(left[k], right[k])``, without a Python loop over pairs."""
    out = np.zeros(len(left))
    vocab = np.int64(len(weights) + 1)
    for lo in range(0, len(left), OVERLAP_CHUNK):
        hi = min(lo + OVERLAP_CHUNK, len(left))
        tok_l, own_l = sets.gather(left[lo:hi])
        tok_r, own_r = sets.gather(right[lo:hi])
        keys = np.concatenate([own_l * vocab + tok_l, own_r * vocab + tok_r])
        keys.sort()  # plain integers: any sort gives the same order
        dup = keys[1:][keys[1:] == keys[:-1]]
        out[lo:hi] = np.bincount(dup // vocab, weights=weights[dup % vocab], minlength=hi - lo)
    return out


def _seq_strings(seqs: Sequence[Sequence[int]]) -> list[str]:
    """Token id sequences as strings (one character per token) for rapidfuzz batch scoring."""
    return ["".join(chr(0x100 + t) for t in seq) for seq in seqs]


@dataclass
class PairFeatures:
    dice: np.ndarray  # weighted Dice overlap of content tokens
    covmin: np.ndarray  # weighted overlap / the larger sentence's weight
    asym: np.ndarray  # containment asymmetry: overlap / smaller weight - overlap / larger weight
    chars: np.ndarray  # character similarity of the normalised texts
    partial: np.ndarray  # best partial (substring) alignment of the normalised texts
    words: np.ndarray  # word-sequence similarity (all words, in order)
    content: np.ndarray  # content-token-sequence similarity (in order)
    length: np.ndarray  # shorter / longer normalised text
    meaning: np.ndarray  # cosine of the sentences' distilled word-piece vectors (core.wordvec)

    def __len__(self) -> int:
        return len(self.dice)

    def value(self, name: str) -> np.ndarray:
        """A feature, or a product of features named "a*b"."""
        if "*" in name:
            a, b = name.split("*", 1)
            return self.value(a) * self.value(b)
        return getattr(self, name)


def _ordered(seqs: Sequence[str], left: np.ndarray, right: np.ndarray
             ) -> tuple[list[str], list[str]]:
    """Each pair's two texts in canonical order (shorter first, then by text), which keeps
    every score symmetric."""
    lengths = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
    ll, lr = lengths[left], lengths[right]
    swap = lr < ll
    for k in np.nonzero(ll == lr)[0].tolist():  # equal lengths: by text
        swap[k] = seqs[right[k]] < seqs[left[k]]
    first = np.where(swap, right, left).tolist()
    second = np.where(swap, left, right).tolist()
    return [seqs[i] for i in first], [seqs[i] for i in second]


def _cpdist(scorer, first: list[str], second: list[str]) -> np.ndarray:
    return process.cpdist(
        first, second, scorer=scorer, dtype=np.float32, workers=-1
    ).astype(np.float64) / 100.0


def _batch(scorer, seqs: Sequence[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``scorer`` over the pairs ``(seqs[left[k]], seqs[right[k]])``, in [0, 1]."""
    if len(left) == 0:
        return np.zeros(0)
    return _cpdist(scorer, *_ordered(seqs, left, right))


def features(
    sets: TokenSets,
    weights: np.ndarray,
    norm_texts: Sequence[str],
    word_seqs: Sequence[str],
    content_seqs: Sequence[str],
    vectors: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    partial: bool = True,
    overlap: np.ndarray | None = None,
    chars: np.ndarray | None = None,
) -> PairFeatures:
    """Features of the pairs ``(left[k], right[k])``, all in [0, 1]. With ``partial=False``
    the costly partial alignment is left at 0 (``add_partial`` fills it in where needed);
    ``overlap`` and ``chars``: the pairs' ``weighted_overlap`` and ``char_similarity`` when the
    caller has them."""
    if overlap is None:
        overlap = weighted_overlap(sets, weights, left, right)
    wl, wr = sets.totals[left], sets.totals[right]
    denom = wl + wr
    dice = np.divide(2 * overlap, denom, out=np.zeros_like(overlap), where=denom > 0)
    big, small = np.maximum(wl, wr), np.minimum(wl, wr)
    covmin = np.divide(overlap, big, out=np.zeros_like(overlap), where=big > 0)
    covmax = np.divide(overlap, small, out=np.zeros_like(overlap), where=small > 0)
    lengths = np.asarray([len(t) for t in norm_texts], dtype=np.float64)
    ll, lr = lengths[left], lengths[right]
    longest = np.maximum(ll, lr)
    length = np.divide(np.minimum(ll, lr), longest, out=np.zeros_like(ll), where=longest > 0)
    return PairFeatures(
        dice=dice,
        covmin=covmin,
        asym=np.clip(covmax - covmin, 0.0, 1.0),
        chars=char_similarity(norm_texts, left, right) if chars is None else chars,
        partial=(_batch(fuzz.partial_ratio, norm_texts, left, right) if partial
                 else np.zeros(len(left))),
        words=_batch(fuzz.ratio, word_seqs, left, right),
        content=_batch(fuzz.ratio, content_seqs, left, right),
        length=length,
        meaning=np.clip(cosine_pairs(vectors, left, right), 0.0, 1.0),
    )


def char_similarity(norm_texts: Sequence[str], left: np.ndarray, right: np.ndarray
                    ) -> np.ndarray:
    """The ``chars`` feature: character similarity of the normalised texts."""
    return _batch(fuzz.ratio, norm_texts, left, right)


def add_partial(f: PairFeatures, norm_texts: Sequence[str], left: np.ndarray,
                right: np.ndarray, where: np.ndarray) -> None:
    """Fill in the partial alignment of the pairs ``where`` says (features computed with
    ``partial=False``)."""
    rows = np.nonzero(where)[0]
    f.partial[rows] = _batch(fuzz.partial_ratio, norm_texts, left[rows], right[rows])


def partial_floor(chars: np.ndarray, norm_texts: Sequence[str], left: np.ndarray,
                  right: np.ndarray) -> np.ndarray:
    """A lower bound of each pair's partial alignment from its character similarity.

    For texts of lengths m <= n sharing L characters in order, ``chars`` is 2L / (m + n).
    Windows of length m tile the longer text ceil(n / m) times, so one of them holds at
    least L / ceil(n / m) of those characters, and ``partial`` (the best window) is at least
    that over m."""
    lengths = np.asarray([len(t) for t in norm_texts], dtype=np.float64)
    a, b = lengths[left], lengths[right]
    m, n = np.minimum(a, b), np.maximum(a, b)
    tiles = 2 * m * np.ceil(np.divide(n, m, out=np.ones_like(n), where=m > 0))
    bound = np.divide(chars * (m + n), tiles, out=np.zeros_like(chars), where=m > 0)
    return np.clip(bound - 1e-4, 0.0, 1.0)  # scores are float32


def _window_floor(norm_texts: Sequence[str], left: np.ndarray, right: np.ndarray
                  ) -> np.ndarray:
    """A lower bound of each pair's partial alignment: the best character similarity of the
    shorter text with three windows of its length in the longer (its start, middle and end).
    ``partial`` is the best over every window; three cost a fifth of it."""
    short, long = _ordered(norm_texts, left, right)
    windows: list[list[str]] = [[], [], []]
    for a, b in zip(short, long, strict=True):
        m, n = len(a), len(b)
        middle = (n - m) // 2
        windows[0].append(b[:m])
        windows[1].append(b[middle : middle + m])
        windows[2].append(b[n - m :])
    return np.maximum.reduce([_cpdist(fuzz.ratio, short, w) for w in windows])


def bounded_similarity(f: PairFeatures, floor: float, norm_texts: Sequence[str],
                       left: np.ndarray, right: np.ndarray, exact: np.ndarray | None = None
                       ) -> np.ndarray:
    """``combine`` of features computed with ``partial=False``, exact for every pair that can
    reach ``floor`` and every pair ``exact`` marks. Partial alignment only lowers the score
    (its weight is negative), so the score with a lower bound of partial is an upper bound: a
    pair whose bound is under ``floor`` keeps it, and its partial alignment, the costliest
    feature, is never computed. The bounds: ``partial_floor`` for every pair, then
    ``_window_floor`` for those still in doubt (at 300 articles, 8,200 pairs of 47,900 are left
    to align in full)."""
    f.partial = partial_floor(f.chars, norm_texts, left, right)
    doubt = combine(f) >= floor
    if doubt.any():
        rows = np.nonzero(doubt)[0]
        window = _window_floor(norm_texts, left[rows], right[rows]) - 1e-4  # float32 scores
        f.partial[rows] = np.maximum(f.partial[rows], window)
    bound = combine(f)
    need = bound >= floor
    if exact is not None:
        need |= exact
    if not need.any():
        return bound
    add_partial(f, norm_texts, left, right, need)
    return np.where(need, combine(f), bound)


# Weights fitted on dev data only (benchmarks/pairs.py --fit): the best average precision on the
# cross-source pairs of the hand-labelled BASIL dev triplets, keeping MSRP-train ROC-AUC >= 0.806
# and STS-B news dev Spearman >= 0.756. Paraphrase data rewards penalising asymmetry (one
# sentence says more); alignment needs partial overlaps to stay similar. The interaction terms
# ("a*b") let one score serve both.
WEIGHTS = {
    "dice": 1.0,
    "covmin": 2.09,
    "asym": 1.17,
    "chars": 1.2,
    "partial": -1.08,
    "words": 0.63,
    "content": -1.09,
    "length": -0.04,
    "meaning": 0.45,
    "dice*chars": 0.44,
    "dice*dice": -1.27,
    "asym*chars": -0.71,
}


def _identical_value() -> float:
    """The weighted sum for two identical sentences (every feature 1, asymmetry 0)."""
    total = 0.0
    for name, w in WEIGHTS.items():
        parts = name.split("*")
        total += w * (0.0 if "asym" in parts else 1.0)
    return total


_SHARPNESS = 8.0
assert WEIGHTS["partial"] < 0  # bounded_similarity relies on it


def combine(f: PairFeatures) -> np.ndarray:
    """One similarity in [0, 1]: 1 for identical sentences, near 0 for unrelated ones.

    The weighted sum is divided by its value for identical sentences and passed through a
    normalised softplus, which is monotone: it keeps the order of all pairs (negative sums
    included) while mapping into [0, 1].
    """
    raw = sum(w * f.value(name) for name, w in WEIGHTS.items()) / _identical_value()
    return np.clip(np.logaddexp(0.0, _SHARPNESS * raw) / np.logaddexp(0.0, _SHARPNESS), 0.0, 1.0)
