"""How well articles are grouped into stories (``core.stories.find_stories``).

    python benchmarks/stories.py [EVAL_DIR] [--holdout]

Collections, each with its true stories:

- BASIL (dev): the 300 articles of the 100 same-event triplets pooled (Fox, HuffPost, NYT);
  the triplets are the true stories. Tuned here.
- ECB+ dev: the 183 articles of the 16 dev stories pooled; each folder is one true story.
- small BASIL collections (dev), 200 draws each: two articles of different triplets (must be
  two stories), two of the same triplet (one story), four whole triplets (12 articles), ten
  triplets (30 articles), twenty (60: the collection's own frequencies take over); the share
  of draws grouped exactly right.
- each ECB+ dev story alone (5 to 21 articles of one event): is it kept as one story?
- with ``--holdout``: the 16 ECB+ held-out stories (183 articles) pooled, a mix nobody tuned
  on. Run it once, at the end.

Prints the adjusted Rand index (ARI), purity (share of articles whose story's majority is
their true story), inverse purity (the same the other way: how little true stories are split),
and the number of stories found against the true number.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sidebyside.core import Document, load
from sidebyside.core.stories import find_stories


def _pairs(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand(truth: Sequence[object], found: Sequence[object]) -> float:
    n = len(truth)
    both = sum(_pairs(v) for v in Counter(zip(truth, found, strict=True)).values())
    a = sum(_pairs(v) for v in Counter(truth).values())
    b = sum(_pairs(v) for v in Counter(found).values())
    expected = a * b / _pairs(n) if n > 1 else 0.0
    top = (a + b) / 2
    if top == expected:
        return 1.0 if both == top else 0.0
    return (both - expected) / (top - expected)


def purity(truth: Sequence[object], found: Sequence[object]) -> float:
    by: dict[object, Counter[object]] = {}
    for t, f in zip(truth, found, strict=True):
        by.setdefault(f, Counter())[t] += 1
    return sum(c.most_common(1)[0][1] for c in by.values()) / len(truth)


def labels(docs: Sequence[Document]) -> list[int]:
    out = [0] * len(docs)
    for story in find_stories(docs):
        for d in story.documents:
            out[d] = story.id
    return out


def basil(root: Path) -> tuple[list[Document], list[int]]:
    docs, truth = [], []
    for k, entry in enumerate(json.loads((root / "clusters/basil/index.json").read_text())):
        for f in entry["files"]:
            docs.append(load(root / f))
            truth.append(k)
    return docs, truth


def ecb(folder: Path) -> tuple[list[Document], list[str]]:
    docs, truth = [], []
    for story in sorted(p for p in folder.iterdir() if p.is_dir()):
        for f in sorted(story.glob("*.txt")):
            docs.append(load(f))
            truth.append(story.name)
    return docs, truth


def report(name: str, docs: list[Document], truth: Sequence[object]) -> None:
    start = time.perf_counter()
    found = labels(docs)
    took = time.perf_counter() - start
    print(f"{name:<22} ARI {adjusted_rand(truth, found):.3f}  purity "
          f"{purity(truth, found):.3f}  inverse purity {purity(found, truth):.3f}  stories "
          f"{len(set(found))} (true {len(set(truth))})  {took:.2f} s")


def small(docs: list[Document], truth: list[int], draws: int = 200) -> None:
    rng = random.Random(7)
    triplets: dict[int, list[int]] = {}
    for i, t in enumerate(truth):
        triplets.setdefault(t, []).append(i)
    keys = sorted(triplets)

    def exact(idx: list[int]) -> bool:
        return adjusted_rand([truth[i] for i in idx], labels([docs[i] for i in idx])) > 0.999

    def one(idx: list[int]) -> bool:
        return len(set(labels([docs[i] for i in idx]))) == 1

    rows = {
        "2 articles, 2 events": lambda: not one(
            [triplets[a][0] for a in rng.sample(keys, 2)]),
        "2 articles, 1 event": lambda: one(rng.sample(triplets[rng.choice(keys)], 2)),
        "4 triplets (12)": lambda: exact(
            [i for t in rng.sample(keys, 4) for i in triplets[t]]),
        "10 triplets (30)": lambda: exact(
            [i for t in rng.sample(keys, 10) for i in triplets[t]]),
        "20 triplets (60)": lambda: exact(
            [i for t in rng.sample(keys, 20) for i in triplets[t]]),
    }
    for name, draw in rows.items():
        right = sum(draw() for _ in range(draws))
        print(f"{name:<22} grouped exactly right in {right / draws:.1%} of {draws} draws")


def whole(folder: Path) -> None:
    """Each story alone: a collection about one event must stay one story."""
    kept, sizes = 0, []
    stories = sorted(p for p in folder.iterdir() if p.is_dir())
    for story in stories:
        docs = [load(f) for f in sorted(story.glob("*.txt"))]
        found = find_stories(docs)
        kept += len(found) == 1
        if len(found) > 1:
            sizes.append(f"{story.name}: {len(docs)} as {[len(s.documents) for s in found]}")
    print(f"{'one event alone':<22} kept as one story in {kept}/{len(stories)} ECB+ dev "
          f"stories; split: {'; '.join(sizes) or 'none'}")


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0] if args else "../shared/eval")
    docs, truth = basil(root)
    report("BASIL 300 (dev)", docs, truth)
    report("ECB+ dev 183", *ecb(root / "clusters/ecbplus_dev/clusters"))
    small(docs, truth)
    whole(root / "clusters/ecbplus_dev/clusters")
    if "--holdout" in argv:
        report("ECB+ held-out 183", *ecb(root / "holdout/ecbplus/clusters"))


if __name__ == "__main__":
    main(sys.argv[1:])
