"""Sentence segmentation: accuracy on the Golden Rules / Pragmatic Segmenter cases and speed.

Usage: python benchmarks/segmentation.py [EVAL_DIR] [--compare] [--holdout] [--verbose]

EVAL_DIR defaults to ../shared/eval. --compare also runs pySBD (if installed) on the same data.
--holdout adds sentence-boundary F1 on the held-out GUM news documents (final figures only).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sidebyside.core.segment import segment

Segmenter = Callable[[str], list[tuple[int, int]]]


def ours(text: str) -> list[tuple[int, int]]:
    _, sentences = segment(text)
    return [(s.start, s.end) for s in sentences]


def pysbd_segmenter() -> Segmenter | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def run(text: str) -> list[tuple[int, int]]:
        out = []
        for span in seg.segment(text):
            chunk = text[span.start : span.end]
            lead = len(chunk) - len(chunk.lstrip())
            out.append((span.start + lead, span.start + len(chunk.rstrip())))
        return [(a, b) for a, b in out if b > a]

    return run


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def golden(path: Path, seg: Segmenter, verbose: bool) -> tuple[int, int]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    passed = 0
    for i, case in enumerate(cases):
        got = [_norm(case["text"][a:b]) for a, b in seg(case["text"])]
        want = [_norm(s) for s in case["sentences"]]
        if got == want:
            passed += 1
        elif verbose:
            print(f"  FAIL {path.name}#{i}: {got!r}\n       want {want!r}")
    return passed, len(cases)


def boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {b for _, b in spans[:-1]}


def gum_f1(path: Path, seg: Segmenter) -> tuple[float, float, float]:
    docs = json.loads(path.read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for doc in docs:
        gold = boundaries(doc["text"], [tuple(x) for x in doc["sentences"]])
        got = boundaries(doc["text"], seg(doc["text"]))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def speed(seg: Segmenter, texts: list[str], repeat: int = 5) -> tuple[float, int]:
    chars = sum(len(t) for t in texts)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            seg(t)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), chars


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "../shared/eval"
    verbose = "--verbose" in argv
    segs: dict[str, Segmenter] = {"sidebyside": ours}
    if "--compare" in argv:
        p = pysbd_segmenter()
        if p is None:
            print("pySBD not installed: skipping the comparison")
        else:
            segs["pysbd"] = p
    basil = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in basil]
    for name, seg in segs.items():
        g, gn = golden(eval_dir / "segmentation/golden_rules_en.json", seg, verbose)
        all_cases = verbose and "--all" in argv
        pr, pn = golden(eval_dir / "segmentation/pragmatic_en.json", seg, all_cases)
        print(f"{name:11s} golden rules {g}/{gn}   pragmatic cases {pr}/{pn}")
        if texts:
            reps = 3 if name == "pysbd" else 7
            t, chars = speed(seg, texts, repeat=reps)
            print(
                f"{name:11s} speed: {len(texts)} BASIL articles ({chars / 1e6:.2f} M chars) "
                f"in {t * 1000:.0f} ms median  ({chars / t / 1e6:.2f} M chars/s)"
            )
        if "--holdout" in argv:
            p_, r_, f_ = gum_f1(eval_dir / "holdout/gum_news.json", seg)
            print(f"{name:11s} GUM news (holdout) boundary P {p_:.3f} R {r_:.3f} F1 {f_:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
