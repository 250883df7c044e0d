"""Alignment speed: the five seeds against CollateX, and growth from 30 to 300 BASIL articles.

Usage: python benchmarks/align_speed.py [EVAL_DIR] [--collatex PYTHON]

--collatex PYTHON: a Python interpreter with the `collatex` package installed (kept out of the
project's environment, e.g. `python3 -m venv /tmp/cx && /tmp/cx/bin/pip install collatex`); the
seeds are aligned there, sentence by sentence as witnesses, and both times are printed.
Medians over repeated runs; figures are from a shared, noisy machine: compare ratios.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core.align import align_documents  # noqa: E402

COLLATEX_SCRIPT = r"""
import json, sys, time
from collatex import Collation, collate
texts = json.load(sys.stdin)
times = []
for _ in range(int(sys.argv[1])):
    t0 = time.perf_counter()
    c = Collation()
    for i, t in enumerate(texts):
        c.add_plain_witness(f"w{i}", t)
    collate(c, output="json", segmentation=True)
    times.append(time.perf_counter() - t0)
print(json.dumps(sorted(times)[len(times) // 2]))
"""


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    if "--collatex" in argv:
        args = [a for a in args if a != argv[argv.index("--collatex") + 1]]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    seeds = core.load_many(core.seed_paths())
    align_documents(seeds)  # warm-up: word vectors load once per process
    ours = median_time(lambda: align_documents(seeds), 15)
    print(f"five seeds: sidebyside align_documents {ours * 1000:.1f} ms (median of 15)")
    if "--collatex" in argv:
        python = argv[argv.index("--collatex") + 1]
        texts = [d.text for d in seeds]
        out = subprocess.run(
            [python, "-c", COLLATEX_SCRIPT, "3"], input=json.dumps(texts), capture_output=True,
            text=True, check=True,
        )
        cx = float(out.stdout.strip())
        ratio = cx / ours
        print(f"five seeds: CollateX {cx:.2f} s (median of 3): sidebyside is {ratio:.0f}x faster")

    files = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))
    if not files:
        print(f"no BASIL articles under {eval_dir}: skipping the growth figures")
        return
    docs = [core.load(f) for f in files]
    results = {}
    for n in (30, 100, 300):
        subset = docs[:n]
        t = median_time(lambda subset=subset: align_documents(subset), 3 if n < 300 else 2)
        tracemalloc.start()
        alignment = align_documents(subset)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[n] = t
        n_sent = sum(len(d.sentences) for d in subset)
        print(
            f"{n:3d} BASIL articles ({n_sent} sentences): {t:.2f} s median, "
            f"peak traced memory {peak / 1e6:.0f} MB, {len(alignment.links)} links"
        )
    print(f"growth 30 -> 300 articles: {results[300] / results[30]:.1f}x the time (target <= 15x)")


if __name__ == "__main__":
    main(sys.argv[1:])
