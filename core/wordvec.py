"""Static word-piece vectors (distilled from all-MiniLM-L6-v2) and sentence vectors from them.

Words in other words ("hoisted its flag" ~ "raised flags", "killed" ~ "died") are invisible to
string similarity. These vectors give the aligner a cheap sense of meaning: a sentence vector is
the idf-weighted mean of its word pieces' vectors, so rare content words dominate as they do in
the lexical score. See benchmarks/make_word_vectors.py for how the table was built.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_DATA = Path(__file__).resolve().parent / "data" / "wordvectors.npz"
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_BASIC = re.compile(r"[^\W_]+|[^\w\s]|_")


class WordPieces:
    """BERT uncased tokenisation (basic split + greedy longest-match word pieces)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.ids.get("[UNK]", 0)
        self._cache: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def basic(text: str) -> list[str]:
        text = text.lower()
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFD", text))
        return _BASIC.findall(text)

    def word(self, word: str) -> tuple[int, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        pieces: list[int] = []
        start = 0
        n = len(word)
        if n > 64:
            result: tuple[int, ...] = (self.unk,)
        else:
            while start < n:
                end = n
                found = -1
                while end > start:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    found = self.ids.get(piece, -1)
                    if found >= 0:
                        break
                    end -= 1
                if found < 0:
                    pieces = [self.unk]
                    break
                pieces.append(found)
                start = end
            result = tuple(pieces)
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def encode(self, text: str) -> list[int]:
        out: list[int] = []
        known = self._cache.get
        for w in self.basic(text):
            pieces = known(w)
            out.extend(self.word(w) if pieces is None else pieces)
        return out


@functools.cache
def _table() -> tuple[np.ndarray, WordPieces]:
    with np.load(_DATA) as data:
        vectors = data["vectors"].astype(np.float32) * data["scale"][:, None]
        vocab = str(data["vocab"]).split("\n")
    return vectors, WordPieces(vocab)


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors, one per text; idf weights are estimated from ``texts``."""
    return sentence_vectors_idf(texts)[0]


def sentence_vectors_idf(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``sentence_vectors`` and the word-piece idf weights it used (for ``vectors_with``)."""
    vectors, pieces = _table()
    encoded = [pieces.encode(t) for t in texts]
    n = len(texts)
    sizes = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=n)
    flat = np.fromiter(itertools.chain.from_iterable(encoded), dtype=np.int64,
                       count=int(sizes.sum()))
    span = np.int64(len(vectors))
    present = np.unique(np.repeat(np.arange(n, dtype=np.int64), sizes) * span + flat) % span
    df = np.bincount(present, minlength=len(vectors)).astype(np.float64)
    idf = np.log((n + 1) / (df + 0.5)).astype(np.float32)
    idf = np.maximum(idf, 0.05)
    idf[pieces.unk] = 0.0
    return _weighted_means(encoded, idf), idf


def vectors_with(texts: Sequence[str], idf: np.ndarray) -> np.ndarray:
    """Unit-length vectors of more texts with the idf weights of an earlier corpus."""
    _vectors, pieces = _table()
    return _weighted_means([pieces.encode(t) for t in texts], idf)


def _weighted_means(encoded: Sequence[Sequence[int]], idf: np.ndarray) -> np.ndarray:
    vectors, _pieces = _table()
    out = np.zeros((len(encoded), vectors.shape[1]), dtype=np.float32)
    for i, e in enumerate(encoded):
        if not e:
            continue
        ids = np.asarray(e)
        w = idf[ids]
        v = (vectors[ids] * w[:, None]).sum(axis=0)
        norm = float(np.linalg.norm(v))
        if norm > 0:
            out[i] = v / norm
    return out


def cosine_pairs(vecs: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row-wise cosine of ``vecs[left]`` and ``vecs[right]`` (vectors are unit length)."""
    if len(left) == 0:
        return np.zeros(0)
    return np.einsum("ij,ij->i", vecs[left], vecs[right]).astype(np.float64)


def mean_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit-length plain means of the word-piece vectors of each text (no corpus statistics,
    so a text's vector does not depend on the others)."""
    vectors, pieces = _table()
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for i, text in enumerate(texts):
        ids = [p for p in pieces.encode(text) if p != pieces.unk]
        if ids:
            v = vectors[np.asarray(ids)].mean(axis=0)
            norm = float(np.linalg.norm(v))
            if norm > 0:
                out[i] = v / norm
    return out


@functools.cache
def _ranks() -> dict[str, int]:
    _vectors, pieces = _table()
    return pieces.ids


_FIRST_WORD = 1996  # the vocabulary's words start here ("the"), roughly most frequent first


def rarity(word: str) -> float:
    """How rare a lower-case word is in general English, from 0 to 1: the log of its rank in
    the word-piece vocabulary (ordered roughly by frequency); a word the vocabulary does not
    hold whole (most names, rare words) is rarest."""
    rank = _ranks().get(word)
    top = math.log(len(_ranks()))
    if rank is None:
        return 1.0
    return min(math.log(max(rank - _FIRST_WORD, 2)) / top, 1.0)
