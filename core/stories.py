"""Stories: which of the articles given report the same event.

A folder of coverage mixes events. Sentence alignment across two events is noise ("what only
this source says" means nothing there), so the articles are first grouped into **stories**:
an article belongs to one story, a story may hold a single article, and the number of stories
is not fixed in advance.

How (``find_stories``):

1. Each article becomes a bag of terms: content words (stemmed), names (capitalised, not
   sentence-initial), numbers, and pairs of adjacent terms ("Supreme Court", "5,000 fighters").
   The headline and the lead (the first sentences, where a news story states its event) count
   ``LEAD_WEIGHT`` times; names count ``NAME_WEIGHT`` times.
2. Terms are weighed by how much they single an event out. With ``MIN_CORPUS`` articles or
   more, the collection itself tells: inverse document frequency, and a term found in one
   article only is left out (it cannot join two). Below that the collection is too small to
   tell rare from common, so general rarity weighs the terms instead (the rank of the word in
   the word-piece vocabulary, ``core.wordvec.rarity``), and every term counts.
3. Two articles' similarity is the cosine of their term vectors. A short article has few terms
   and a lower cosine with everything, so the cosine of a pair whose shorter article has fewer
   than ``SHORT`` terms is raised in proportion.
4. Average-linkage agglomerative clustering (SciPy) joins articles while the average
   similarity between two clusters reaches ``THRESHOLD``. Average linkage, unlike single
   linkage, does not chain two events through one article that mentions both.

Tuned on the 100 BASIL triplets (dev) and the ECB+ dev stories; see ``benchmarks/stories.py``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .document import Document
from .tokens import STOPWORDS, _stem, raw_tokens

if TYPE_CHECKING:
    from .align import Alignment

THRESHOLD = 0.26  # average similarity at which two clusters of articles are one story
SHORT = 100  # an article with fewer terms than this has its cosines raised (SHORT / terms)
MIN_CORPUS = 20  # from this many articles, the collection's own frequencies weigh the terms
LEAD_SENTENCES = 4  # the headline and the first sentences ...
LEAD_WEIGHT = 3.0  # ... count this many times
NAME_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Story:
    """One event's articles: ``documents`` are indices into the list given, in its order."""

    id: int
    title: str
    documents: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "documents": list(self.documents)}


def terms(doc: Document) -> Counter[str]:
    """The article's weighted terms: ``N`` + name, ``#`` + number, a stem, and ``"a b"`` for
    two adjacent terms."""
    out: Counter[str] = Counter()
    text = doc.text
    for k, s in enumerate(doc.sentences):
        weight = LEAD_WEIGHT if k < LEAD_SENTENCES else 1.0
        prev: str | None = None
        for tok in raw_tokens(text[s.start : s.end]):
            value = tok.value
            if value.lower() in STOPWORDS:
                prev = None
                continue
            if tok.number:
                key = "#" + value
            elif tok.name:
                key = "N" + value.lower()
            else:
                key = _stem(value.lower())
            out[key] += weight
            if prev is not None:
                out[prev + " " + key] += weight
            prev = key
    return out


def _word(term: str) -> str:
    return term[1:] if term[0] in "#N" else term


def _general_weight(term: str) -> float:
    from .wordvec import rarity

    if " " in term:
        a, b = term.split(" ", 1)
        return (_general_weight(a) + _general_weight(b)) / 2
    return rarity(_word(term))


def similarity(documents: Sequence[Document]) -> np.ndarray:
    """``m[i][j]``: how alike articles i and j are as reports of one event (see the module
    documentation); the diagonal is 1."""
    from scipy import sparse

    bags = [terms(d) for d in documents]
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    by_corpus = n >= MIN_CORPUS
    ids: dict[str, int] = {}
    weight: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, bag in enumerate(bags):
        for term, count in bag.items():
            if by_corpus and df[term] < 2:
                continue
            col = ids.get(term)
            if col is None:
                col = ids[term] = len(ids)
                w = (max(math.log((n + 1) / (df[term] + 0.5)), 0.05) if by_corpus
                     else _general_weight(term))
                weight.append(w * NAME_WEIGHT if term[0] == "N" and " " not in term else w)
            rows.append(i)
            cols.append(col)
            values.append((1.0 + math.log(count)) * weight[col])
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(ids), 1)),
                               dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    matrix = sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ matrix
    sim = np.asarray((matrix @ matrix.T).todense())
    counts = np.diff(matrix.indptr).astype(np.float64)
    shorter = np.maximum(np.minimum(counts[:, None], counts[None, :]), 1.0)
    sim = np.minimum(sim * np.maximum(1.0, SHORT / shorter), 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def _clusters(sim: np.ndarray, threshold: float) -> list[list[int]]:
    n = len(sim)
    if n < 2:
        return [list(range(n))]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    top = max(float(sim.max()), 1.0)
    distance = np.clip(top - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    labels = fcluster(tree, top - threshold, "distance")
    out: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        out.setdefault(int(label), []).append(i)
    return list(out.values())


def _title(documents: Sequence[Document], members: list[int], sim: np.ndarray) -> str:
    """The headline of the article most like the others of its story."""
    if len(members) == 1:
        return documents[members[0]].title
    sub = sim[np.ix_(members, members)]
    central = members[int(np.argmax(sub.sum(axis=1)))]
    return documents[central].title


def find_stories(documents: Sequence[Document], threshold: float = THRESHOLD) -> list[Story]:
    """The stories among ``documents``: biggest first, then in the order the articles were
    given; every article is in exactly one."""
    if not documents:
        return []
    sim = similarity(documents)
    clusters = sorted(_clusters(sim, threshold), key=lambda m: (-len(m), m[0]))
    return [Story(k, _title(documents, members, sim), tuple(members))
            for k, members in enumerate(clusters)]


def one_story(documents: Sequence[Document]) -> list[Story]:
    """Every article in one story (``--one-story``, or a single article)."""
    if not documents:
        return []
    return [Story(0, documents[0].title, tuple(range(len(documents))))]


def align_stories(
    documents: Sequence[Document],
    stories: Sequence[Story],
    progress: Callable[[float, str], None] | None = None,
    sensitivity: str | None = None,
) -> Alignment:
    """One alignment of all ``documents`` (their indices as given) in which links join only
    articles of the same story: each story is aligned on its own, and the results merged.
    ``progress(fraction, stage)`` follows the stories' sentences."""
    from . import calibration
    from .align import Alignment, Link, align_documents

    docs = list(documents)
    total = sum(len(d.sentences) for d in docs) or 1
    done = 0
    candidates: list[Link] = []
    furniture: list[list[bool]] = [[False] * len(d.sentences) for d in docs]
    repeat_of: list[list[int | None]] = [[None] * len(d.sentences) for d in docs]
    for story in stories:
        members = list(story.documents)
        size = sum(len(docs[d].sentences) for d in members)
        inner = None
        if progress is not None:
            base = done

            def inner(fraction: float, stage: str, base: int = base, size: int = size) -> None:
                progress((base + fraction * size) / total, stage)

        part = align_documents([docs[d] for d in members], inner)  # alone: its furniture
        for link in part.candidates:
            candidates.append(Link((members[link.a[0]], link.a[1]),
                                   (members[link.b[0]], link.b[1]), link.score, link.kind,
                                   link.by, link.clause))
        for k, d in enumerate(members):
            furniture[d] = part.furniture[k]
            repeat_of[d] = part.repeat_of[k]
        done += size
    candidates.sort(key=lambda lk: (lk.a, lk.b))
    if progress is not None:
        progress(1.0, "done")
    return Alignment(docs, candidates, furniture, repeat_of,
                     sensitivity or calibration.DEFAULT)
