"""Time to suggest tags (boilerplate, quotes with speakers, claims) for many articles.

Usage: python benchmarks/suggest_speed.py [EVAL_DIR] [--runs N]

Loads the 300 BASIL articles (clusters/basil) and prints the median of N runs of
core.suggest.suggest over all of them (the alignment is not included: the reader computes it
anyway), with the count of each suggested tag; then align + suggest once against reading
both back from the cache (core.cache).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core import cache  # noqa: E402
from sidebyside.core.suggest import suggest  # noqa: E402


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    if "--runs" in argv:
        args.remove(str(runs))
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    docs = core.load_many([str(eval_dir / "clusters/basil")])
    times = []
    found: list = []
    for _ in range(runs):
        t0 = time.perf_counter()
        found = suggest(docs)
        times.append(time.perf_counter() - t0)
    sentences = sum(len(d.sentences) for d in docs)
    print(f"{len(docs)} articles, {sentences} sentences: suggestions in "
          f"{statistics.median(times):.2f} s (median of {runs}); "
          f"{dict(Counter(x.tag for x in found))}")
    # the cache: what reopening the same articles costs instead of aligning and suggesting
    t0 = time.perf_counter()
    alignment = core.align_documents(docs)
    found = suggest(docs, alignment)
    cold = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as folder:
        cache.save(alignment, found, Path(folder))
        warm = []
        for _ in range(runs):
            t0 = time.perf_counter()
            assert cache.load(docs, Path(folder)) is not None
            warm.append(time.perf_counter() - t0)
    print(f"align + suggest {cold:.2f} s; reopened from the cache in "
          f"{statistics.median(warm):.2f} s ({cold / statistics.median(warm):.0f}x faster)")


if __name__ == "__main__":
    main(sys.argv[1:])
