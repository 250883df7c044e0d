"""Alignment of the 300 BASIL articles as one story, cold, against an earlier commit.

Usage: python benchmarks/align_hotspots.py [EVAL_DIR] [--against REV] [--runs N]

Each run clears what an article's first alignment would not have (its quotations, its
tokens), so the figure is what a reader pays on opening the articles, not a warm repeat.
Prints the median time, the time by stage of the last run, and a digest of the links at every
sensitivity (with their clauses and scores): two commits with the same digest drew the same
links.

--against REV: also times commit REV of this repository in the same run, alternating the two
(REV is checked out in a temporary git worktree and imported in place of this tree), and prints
the ratio of the medians. The machines are shared and noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _clear_caches() -> None:
    """Forget what earlier runs learned about these articles (names differ across commits)."""
    from sidebyside.core import align, attribution, tokens

    for module, name in ((attribution, "find_quotations"), (align, "_quote_spans_cached"),
                         (align, "_quote_words"), (tokens, "_stem")):
        cached = getattr(module, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    remembered = getattr(tokens, "_TOKENS", None)
    if isinstance(remembered, dict):
        remembered.clear()


def single(eval_dir: Path, runs: int) -> dict[str, object]:
    """Time this process's ``sidebyside`` on the 300 articles; returns the figures."""
    from sidebyside import core
    from sidebyside.core.align import align_documents

    files = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))[:300]
    docs = [core.load(f) for f in files]
    align_documents(docs[:5])  # word vectors load once per process
    times: list[float] = []
    stages: list[tuple[str, float]] = []
    alignment = None
    for _ in range(runs):
        _clear_caches()
        marks: list[tuple[str, float]] = []
        t0 = time.perf_counter()

        def progress(_fraction: float, stage: str, t0: float = t0,
                     marks: list[tuple[str, float]] = marks) -> None:
            marks.append((stage, time.perf_counter() - t0))

        alignment = align_documents(docs, progress=progress)
        times.append(time.perf_counter() - t0)
        stages = marks
    assert alignment is not None
    digest = hashlib.sha256()
    for sensitivity in ("low", "default", "high"):
        for link in alignment.at(sensitivity).links:
            digest.update(json.dumps([link.a, link.b, round(link.score, 9), link.kind,
                                      link.clause]).encode())
    return {"median": statistics.median(times), "times": times, "stages": stages,
            "links": len(alignment.links), "digest": digest.hexdigest()[:16]}


def _shim(tree: Path, where: Path) -> Path:
    """A folder importing ``sidebyside`` from ``tree`` laid out as the installed package."""
    package = where / "sidebyside"
    shutil.copytree(tree / "tui/_package", package)
    for name, target in (("core", "core"), ("tui", "tui"), ("seeds", "seeds")):
        (package / name).symlink_to(tree / target)
    return where


def _run(pythonpath: Path | None, eval_dir: Path, runs: int) -> dict[str, object]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    out = subprocess.run(
        [sys.executable, __file__, str(eval_dir), "--single", "--runs", str(runs)],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    against = argv[argv.index("--against") + 1] if "--against" in argv else None
    skip = {runs and str(runs), against}
    args = [a for a in argv if not a.startswith("--") and a not in skip]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    if "--single" in argv:
        print(json.dumps(single(eval_dir, runs)))
        return
    if not (eval_dir / "clusters/basil").is_dir():
        sys.exit(f"no BASIL articles under {eval_dir}")
    if against is None:
        now = single(eval_dir, runs)
        _print("this tree", now)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                        against], check=True)
        try:
            shim = _shim(tree, Path(tmp) / "shim")
            mine: list[dict[str, object]] = []
            theirs: list[dict[str, object]] = []
            for _ in range(3):  # alternate, so both see the same load
                theirs.append(_run(shim, eval_dir, runs))
                mine.append(_run(None, eval_dir, runs))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False)
    old = statistics.median(float(r["median"]) for r in theirs)  # type: ignore[arg-type]
    new = statistics.median(float(r["median"]) for r in mine)  # type: ignore[arg-type]
    _print(against, theirs[-1], old)
    _print("this tree", mine[-1], new)
    same = {r["digest"] for r in mine} == {r["digest"] for r in theirs}
    print(f"{old / new:.2f}x faster than {against}; links "
          f"{'the same' if same else 'DIFFERENT'} at every sensitivity")


def _print(label: str, result: dict[str, object], median: float | None = None) -> None:
    value = float(result["median"]) if median is None else median  # type: ignore[arg-type]
    print(f"{label}: {value:.2f} s median, {result['links']} links, digest {result['digest']}")
    stages = result["stages"]
    assert isinstance(stages, list)
    for stage, at in stages:
        print(f"  from {at:5.2f} s: {stage}")


if __name__ == "__main__":
    main(sys.argv[1:])
