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
from typing import TYPE_CHECKING, Any

import numpy as np

from .document import Document
from .tokens import STOPWORDS, _stem, raw_tokens

if TYPE_CHECKING:
    from .align import Alignment, Link
    from .evidence import Evidence

THRESHOLD = 0.26  # average similarity at which two clusters of articles are one story
SHORT = 100  # an article with fewer terms than this has its cosines raised (SHORT / terms)
CHUNK = 512  # articles compared with all others at a time, when finding the blocks
MIN_CORPUS = 40  # from this many articles, the collection's own frequencies weigh the terms
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


def _weight(term: str, df: int, n: int) -> float:
    w = (max(math.log((n + 1) / (df + 0.5)), 0.05) if n >= MIN_CORPUS
         else _general_weight(term))
    return w * NAME_WEIGHT if term[0] == "N" and " " not in term else w


def _vectors(documents: Sequence[Document]) -> tuple[Any, np.ndarray]:
    """Each article's unit-length term vector (a SciPy CSR matrix, one row per article) and
    its number of terms."""
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
                weight.append(_weight(term, df[term], n))
            rows.append(i)
            cols.append(col)
            values.append((1.0 + math.log(count)) * weight[col])
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(ids), 1)),
                               dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    matrix = (sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ matrix).tocsr()
    return matrix, np.diff(matrix.indptr).astype(np.float64)


def _between(matrix: Any, counts: np.ndarray, left: np.ndarray,
             right: np.ndarray) -> np.ndarray:
    """Similarities of the articles ``left`` (rows) with the articles ``right`` (columns)."""
    sim = np.asarray((matrix[left] @ matrix[right].T).todense())
    shorter = np.maximum(np.minimum(counts[left][:, None], counts[right][None, :]), 1.0)
    sim = np.minimum(sim * np.maximum(1.0, SHORT / shorter), 1.0)
    sim[left[:, None] == right[None, :]] = 1.0
    return sim


def similarity(documents: Sequence[Document]) -> np.ndarray:
    """``m[i][j]``: how alike articles i and j are as reports of one event (see the module
    documentation); the diagonal is 1."""
    matrix, counts = _vectors(documents)
    everything = np.arange(len(documents))
    return _between(matrix, counts, everything, everything)


def _blocks(matrix: Any, counts: np.ndarray, threshold: float) -> list[np.ndarray]:
    """The connected components of the graph of pairs at least ``threshold`` alike, found
    ``CHUNK`` articles at a time (memory: ``CHUNK`` rows, never the whole square). Average
    linkage never joins two of them (every pair across has a lower similarity), so each is
    clustered on its own."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = matrix.shape[0]
    everything = np.arange(n)
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for start in range(0, n, CHUNK):
        rows = everything[start : start + CHUNK]
        i, j = np.nonzero(_between(matrix, counts, rows, everything) >= threshold)
        left.append(rows[i])
        right.append(j)
    a, b = np.concatenate(left), np.concatenate(right)
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.cumsum(np.bincount(labels, minlength=count))[:-1])


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
    """The headline of the article most like the others of its story (``sim``: the
    similarities among ``members``)."""
    return documents[members[int(np.argmax(sim.sum(axis=1)))]].title


def find_stories(documents: Sequence[Document], threshold: float = THRESHOLD) -> list[Story]:
    """The stories among ``documents``: biggest first, then in the order the articles were
    given; every article is in exactly one."""
    if not documents:
        return []
    matrix, counts = _vectors(documents)
    found: list[tuple[list[int], str]] = []
    for block in _blocks(matrix, counts, threshold):
        sim = _between(matrix, counts, block, block)
        for cluster in _clusters(sim, threshold):
            members = sorted(int(block[k]) for k in cluster)
            found.append((members, _title(documents, [int(block[k]) for k in cluster],
                                          sim[np.ix_(cluster, cluster)])))
    found.sort(key=lambda x: (-len(x[0]), x[0][0]))
    return [Story(k, title, tuple(members)) for k, (members, title) in enumerate(found)]


def one_story(documents: Sequence[Document]) -> list[Story]:
    """Every article in one story (``--one-story``, or a single article)."""
    if not documents:
        return []
    return [Story(0, documents[0].title, tuple(range(len(documents))))]


_Part = tuple[list["Link"], list[list[bool]], list[list["int | None"]],
              dict[tuple[tuple[int, int], tuple[int, int]], list["Evidence"]]]


def _align_part(documents: list[Document], sensitivity: str) -> _Part:
    """One story's alignment, as a worker process returns it, with the evidence of the links
    shown at ``sensitivity`` (the slowest part of writing them out, done here in parallel)."""
    from .align import align_documents

    part = align_documents(documents, sensitivity=sensitivity)
    evidence = {(link.a, link.b): part.evidence(link) for link in part.links}
    return part.candidates, part.furniture, part.repeat_of, evidence


def align_stories(
    documents: Sequence[Document],
    stories: Sequence[Story],
    progress: Callable[[float, str], None] | None = None,
    sensitivity: str | None = None,
    workers: int = 1,
) -> Alignment:
    """One alignment of all ``documents`` (their indices as given) in which links join only
    articles of the same story: each story is aligned on its own, and the results merged.
    With ``workers`` > 1, stories are aligned in that many processes at once, biggest first.
    ``progress(fraction, stage)`` follows the stories' sentences."""
    from . import calibration
    from .align import Alignment, Link

    docs = list(documents)
    total = sum(len(d.sentences) for d in docs) or 1
    done = 0
    candidates: list[Link] = []
    furniture: list[list[bool]] = [[False] * len(d.sentences) for d in docs]
    repeat_of: list[list[int | None]] = [[None] * len(d.sentences) for d in docs]

    known: dict[tuple[tuple[int, int], tuple[int, int]], list[Evidence]] = {}

    def merge(story: Story, part: _Part) -> None:
        members = story.documents
        links, part_furniture, part_repeats, evidence = part
        for (a, b), found in evidence.items():
            known[((members[a[0]], a[1]), (members[b[0]], b[1]))] = found
        for link in links:
            candidates.append(Link((members[link.a[0]], link.a[1]),
                                   (members[link.b[0]], link.b[1]), link.score, link.kind,
                                   link.by, link.clause))
        for k, d in enumerate(members):
            furniture[d] = part_furniture[k]
            repeat_of[d] = part_repeats[k]

    def size(story: Story) -> int:
        return sum(len(docs[d].sentences) for d in story.documents)

    if workers > 1 and len(stories) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=workers) as pool:
            shown = sensitivity or calibration.DEFAULT
            running = {pool.submit(_align_part, [docs[d] for d in story.documents], shown): story
                       for story in sorted(stories, key=size, reverse=True)}
            for finished, future in enumerate(as_completed(running), 1):
                story = running[future]
                merge(story, future.result())
                done += size(story)
                if progress is not None:
                    progress(done / total, f"aligned {finished:,} of {len(stories):,} stories")
    else:
        from .align import align_documents

        for story in stories:
            inner = None
            if progress is not None:
                base, length = done, size(story)

                def inner(fraction: float, stage: str, base: int = base,
                          length: int = length) -> None:
                    progress((base + fraction * length) / total, stage)

            part = align_documents([docs[d] for d in story.documents], inner)  # alone: furniture
            merge(story, (part.candidates, part.furniture, part.repeat_of, {}))
            done += size(story)
    candidates.sort(key=lambda lk: (lk.a, lk.b))
    if progress is not None:
        progress(1.0, "done")
    merged = Alignment(docs, candidates, furniture, repeat_of,
                       sensitivity or calibration.DEFAULT)
    merged.know_evidence(known)
    return merged
