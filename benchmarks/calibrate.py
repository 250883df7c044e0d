"""Calibrate the link score on human same-event labels (ECB+ dev), and print how well it holds.

Usage:
  python benchmarks/calibrate.py [EVAL_DIR] [--fit [--write]] [--holdout]

EVAL_DIR defaults to ../shared/eval. Two dev sets, nothing copied from either:

* ECB+ dev (``clusters/ecbplus_dev``, 16 stories, human same-event pairs), scored with its own
  scorer ``tools/ecbplus_score.py`` (gold mapping, precision, counterpart recall);
* the 7 BASIL dev triplets (``clusters/basil``) with the project's same-fact labels
  (``benchmarks/labels/basil_dev.json``).

* The engine's candidate pairs (each the best counterpart of one of its sentences in the
  other's article, not ``same``) are labelled by the gold: positive, negative, or not scored.
* The raw similarity is mapped to a probability by isotonic regression. Cross-validated by
  story (fit on 15 stories, apply to the 16th), the table shows, for each decile of predicted
  probability, the mean prediction and the observed share of positives.
* The sensitivity thresholds are the lowest probabilities at which the links (as the aligner
  makes them: best counterpart per article, plus ``same`` and headline links) keep precision
  >= 0.95 (low), >= 0.90 (default) and >= 0.80 (high) on both dev sets.
* ``--fit`` prints the knots and thresholds fitted on all 16 stories; ``--write`` also writes
  them into ``core/calibration.py``.
* ``--holdout`` scores the shipped engine once on ``holdout/ecbplus`` (final figures only:
  never tune on it).
* The story-wise cross-validation fits on 22 stories and applies to the 23rd.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core import calibration  # noqa: E402
from sidebyside.core.align import align_documents, score_candidates  # noqa: E402

TARGETS = {calibration.LOW: 0.95, calibration.DEFAULT: 0.90, calibration.HIGH: 0.80}


def scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("ecbplus_score",
                                                  eval_dir / "tools" / "ecbplus_score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{eval_dir}: tools/ecbplus_score.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_clusters(sc, root: Path):
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    out = []
    for entry in gold["clusters"]:
        cl = sc.Cluster(entry, str(root))
        docs = [core.load(str(Path(cl.dir) / f)) for f in cl.files]
        fake = {"documents": [
            {"path": f, "text": d.text,
             "sentences": [{"start": s.start, "end": s.end} for s in d.sentences]}
            for f, d in zip(cl.files, docs, strict=True)]}
        out.append((cl, docs, sc.map_sentences(cl, fake)))
    return out


def label(sc, cl, maps, a, b) -> str:
    best = "unscored"
    for x in maps[a[0]][a[1]]:
        for y in maps[b[0]][b[1]]:
            if x[0] != y[0]:
                lab = cl.label(x, y)
                if sc.RANK[lab] < sc.RANK[best]:
                    best = lab
    return best


def pav(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Isotonic regression (pool adjacent violators): knots (mean x of each block, its mean y)."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order].astype(float)
    blocks: list[list[float]] = []  # [sum_y, count, sum_x]
    for xv, yv in zip(xs, ys, strict=True):
        blocks.append([yv, 1.0, xv])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, c, sx = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][2] += sx
    kx = np.asarray([b[2] / b[1] for b in blocks])
    ky = np.asarray([b[0] / b[1] for b in blocks])
    return kx, ky


def knots(x: np.ndarray, y: np.ndarray, most: int = 12) -> list[tuple[float, float]]:
    """A compact monotone curve from the isotonic fit: at most ``most`` knots (blocks merged by
    quantile of raw score), ending at (1, 1); below the first knot the curve is flat."""
    kx, ky = pav(x, y)
    if len(kx) > most:
        edges = np.quantile(x, np.linspace(0, 1, most + 1))
        cx, cy = [], []
        for lo, hi in itertools.pairwise(edges):
            m = (kx >= lo) & (kx <= hi)
            if m.any():
                cx.append(float(kx[m].mean()))
                cy.append(float(ky[m].mean()))
        kx, ky = np.asarray(cx), np.maximum.accumulate(np.asarray(cy))
    pts = [(round(float(a), 4), round(float(b), 4)) for a, b in zip(kx, ky, strict=True)]
    pts.append((1.0, max(1.0, pts[-1][1])))
    out: list[tuple[float, float]] = []
    for p in pts:
        if out and p[0] <= out[-1][0]:
            continue
        out.append((p[0], max(p[1], out[-1][1] if out else 0.0)))
    return out


def platt_knots(x: np.ndarray, y: np.ndarray) -> list[tuple[float, float]]:
    """Platt scaling: a logistic curve in the raw score (fitted by Newton's method), sampled at
    knots. Smoother than isotonic regression where the dev data are thin or non-monotone."""
    a, b = 0.0, 0.0
    t = y.astype(float)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a * x + b)))
        w = p * (1 - p) + 1e-9
        g = np.array([np.sum((p - t) * x), np.sum(p - t)])
        h = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]])
        step = np.linalg.solve(h + 1e-6 * np.eye(2), g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-9:
            break
    grid = [0.0, *np.round(np.linspace(0.15, 0.9, 16), 4).tolist(), 1.0]
    out = []
    for gx in grid:
        gy = 1.0 / (1.0 + np.exp(-(a * gx + b)))
        out.append((float(gx), round(float(gy), 4)))
    out[-1] = (1.0, max(out[-1][1], out[-2][1]))
    return out


def links_at(scored, probability: np.ndarray, threshold: float, headline: float):
    """The links the aligner shows at ``threshold``; headline-rule links score ``headline``
    (the rate measured on dev) unless the engine is surer of them on its own."""
    keep = scored.is_same | (scored.best_either & (probability >= threshold))
    refs = scored.refs
    out = [(refs[i], refs[j], "x") for i, j in zip(scored.left[keep], scored.right[keep],
                                                    strict=True)]
    for lk in scored.headline:
        own = lk.score if lk.score > calibration.HEADLINE else 0.0
        if max(own, headline) >= threshold:
            out.append((lk.a, lk.b, "h"))
    return out


@dataclass
class Story:
    """One story of the dev data: the engine's candidates and their gold labels."""

    name: str
    source: str  # "ecb+" or "basil"
    scored: object  # core.align.Scored
    rows: np.ndarray  # candidate pairs (best counterpart either way, not same)
    labs: np.ndarray  # "pos", "neg", or anything else (not scored)
    head: list[str]  # labels of the headline-rule links
    count: Callable[[list[tuple]], object]  # links -> counts (scorer Counts or BasilCounts)


@dataclass
class BasilCounts:
    tp: int = 0
    fp: int = 0
    pos: int = 0
    links: int = 0

    def add(self, other: BasilCounts) -> BasilCounts:
        self.tp += other.tp
        self.fp += other.fp
        self.pos += other.pos
        self.links += other.links
        return self

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.pos if self.pos else 0.0
        return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "links": self.links}


def ecb_stories(sc, eval_dir: Path) -> list[Story]:
    out = []
    for cl, docs, maps in load_clusters(sc, eval_dir / "clusters" / "ecbplus_dev"):
        scored = score_candidates(docs, exact=True)
        refs = scored.refs
        rows = np.nonzero(scored.best_either & ~scored.is_same)[0]
        labs = [label(sc, cl, maps, refs[scored.left[k]], refs[scored.right[k]]) for k in rows]
        head = [label(sc, cl, maps, lk.a, lk.b) for lk in scored.headline]

        def count(links, cl=cl, maps=maps):
            return sc.count(cl, [(maps[a[0]][a[1]], maps[b[0]][b[1]], k) for a, b, k in links])

        out.append(Story(cl.id, "ecb+", scored, rows, np.asarray(labs), head, count))
    return out


def basil_stories(eval_dir: Path) -> list[Story]:
    """The BASIL dev triplets with the project's same-fact labels (benchmarks/labels)."""
    labels = json.loads((ROOT / "benchmarks/labels/basil_dev.json").read_text(encoding="utf-8"))
    out = []
    for t in labels["triplets"]:
        docs = [core.load(eval_dir / "clusters/basil" / t["triplet"] / f) for f in t["files"]]

        def ref(d: int, offset: int, docs=docs) -> tuple[int, int]:
            return d, next(s.index for s in docs[d].sentences if s.start <= offset < s.end)

        def key(a, b):
            return (a, b) if a <= b else (b, a)

        pos = {key(ref(a, x), ref(b, y)) for a, x, b, y in t["same"] + t["related"]}
        skip = {key(ref(a, x), ref(b, y)) for a, x, b, y in t["either"]}
        scored = score_candidates(docs, exact=True)
        refs = scored.refs

        def lab(a, b, pos=pos, skip=skip) -> str:
            k = key(a, b)
            return "pos" if k in pos else ("skip" if k in skip else "neg")

        rows = np.nonzero(scored.best_either & ~scored.is_same)[0]
        labs = [lab(refs[scored.left[k]], refs[scored.right[k]]) for k in rows]
        head = [lab(lk.a, lk.b) for lk in scored.headline]

        def count(links, pos=pos, skip=skip) -> BasilCounts:
            found = {key(a, b) for a, b, _k in links}
            return BasilCounts(tp=len(found & pos), fp=len(found - pos - skip), pos=len(pos),
                               links=len(found))

        out.append(Story(t["triplet"][:8], "basil", scored, rows, np.asarray(labs), head, count))
    return out


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0] if args else ROOT.parent / "shared" / "eval").resolve()
    sc = scorer(eval_dir)
    t0 = time.perf_counter()
    stories = ecb_stories(sc, eval_dir) + basil_stories(eval_dir)
    n_ecb = sum(1 for s in stories if s.source == "ecb+")
    print(f"dev: {n_ecb} ECB+ stories and {len(stories) - n_ecb} BASIL triplets (same-fact "
          f"labels), engine scored in {time.perf_counter() - t0:.1f} s")

    def fit_on(chosen: list[Story]) -> list[tuple[float, float]]:
        xs = np.concatenate([s.scored.raw[s.rows][np.isin(s.labs, ["pos", "neg"])]
                             for s in chosen])
        ys = np.concatenate([(s.labs[np.isin(s.labs, ["pos", "neg"])] == "pos") for s in chosen])
        return platt_knots(xs, ys) if "--isotonic" not in argv else knots(xs, ys)

    # cross-validated probabilities, by story
    cv_prob = []
    for k, story in enumerate(stories):
        curve = fit_on([s for j, s in enumerate(stories) if j != k])
        kx = np.asarray([p[0] for p in curve])
        ky = np.asarray([p[1] for p in curve])
        prob = np.interp(story.scored.raw, kx, ky)
        cv_prob.append(np.where(story.scored.is_same, story.scored.probability, prob))

    def table(title: str, floor: float | None) -> None:
        preds, obs = [], []
        for story, prob in zip(stories, cv_prob, strict=True):
            m = np.isin(story.labs, ["pos", "neg"])
            if floor is not None:
                m &= prob[story.rows] >= floor
            preds.append(prob[story.rows][m])
            obs.append(story.labs[m] == "pos")
        p_all, o_all = np.concatenate(preds), np.concatenate(obs)
        print(f"\n{title}")
        print("  decile  pairs  mean score  observed  |diff|")
        edges = np.quantile(p_all, np.linspace(0, 1, 11))
        worst = 0.0
        for d in range(10):
            lo, hi = edges[d], edges[d + 1]
            m = (p_all >= lo) & ((p_all < hi) if d < 9 else (p_all <= hi))
            if not m.any():
                continue
            diff = abs(p_all[m].mean() - o_all[m].mean())
            worst = max(worst, diff)
            print(f"  {d + 1:>6}  {m.sum():>5}  {p_all[m].mean():>10.3f}  "
                  f"{o_all[m].mean():>8.3f}  {diff:.3f}")
        print(f"  largest deviation {worst:.3f} (target <= 0.1)")

    high = calibration.THRESHOLDS[calibration.HIGH]
    table(f"Calibration of the links (score >= {high}, the most sensitive setting; scored pairs; "
          "cross-validated by story):", high)
    table("Calibration of every candidate (best counterpart either way, shown or not):", None)

    head_labs = [h for s in stories for h in s.head]
    scored_heads = [h for h in head_labs if h in ("pos", "neg")]
    rate = (sum(h == "pos" for h in scored_heads) / len(scored_heads)) if scored_heads else 0.0
    print(f"\nHeadline rule: {len(head_labs)} links, {len(scored_heads)} scored, "
          f"{rate:.3f} positive")
    rate = round(rate, 2)

    def figures(threshold: float, probs, source: str, headline: float = rate) -> dict:
        total = sc.Counts() if source == "ecb+" else BasilCounts()
        for story, prob in zip(stories, probs, strict=True):
            if story.source == source:
                total.add(story.count(links_at(story.scored, prob, threshold, headline)))
        return total.figures()

    def line(f_ecb: dict, f_basil: dict) -> str:
        return (f"ECB+ P {f_ecb['P']:.3f} R_cp {f_ecb['R_cp']:.3f} R {f_ecb['R']:.3f} "
                f"F1_cp {f_ecb['F1_cp']:.3f} | BASIL P {f_basil['P']:.3f} R {f_basil['R']:.3f} "
                f"F1 {f_basil['F1']:.3f}")

    print("\nThresholds (cross-validated probabilities; precision held on both dev sets):")
    chosen = {}
    grid = np.round(np.arange(0.30, 0.99, 0.01), 2)
    curve_rows = [(t, figures(t, cv_prob, "ecb+"), figures(t, cv_prob, "basil")) for t in grid]
    for name, target in TARGETS.items():
        ok = [row for row in curve_rows if row[1]["P"] >= target and row[2]["P"] >= target]
        if ok:
            t, f_ecb, f_basil = ok[0]
            chosen[name] = float(t)
            print(f"  {name:8s} P >= {target:.2f}: threshold {t:.2f}  {line(f_ecb, f_basil)}")
        else:
            print(f"  {name:8s} P >= {target:.2f}: not reached at any threshold")
    print("\nShipped thresholds on dev (cross-validated probabilities):")
    for name in TARGETS:
        t, h = calibration.THRESHOLDS[name], calibration.HEADLINE
        print(f"  {name:8s} {t:.2f}  "
              f"{line(figures(t, cv_prob, 'ecb+', h), figures(t, cv_prob, 'basil', h))}")

    if "--fit" in argv:
        curve = fit_on(stories)
        print("\n# fitted on every dev story")
        print("KNOTS: tuple[tuple[float, float], ...] = (")
        for x, y in curve:
            print(f"    ({x}, {y}),")
        print(")")
        print(f"THRESHOLDS = {chosen}")
        print(f"HEADLINE = {rate}")
        if "--write" in argv and len(chosen) == len(TARGETS):
            write(curve, chosen, rate)

    if "--holdout" in argv:
        holdout(sc, eval_dir)


def write(curve: list[tuple[float, float]], chosen: dict[str, float], headline: float) -> None:
    """Put the fitted curve, thresholds and headline rate into core/calibration.py."""
    path = ROOT / "core" / "calibration.py"
    text = path.read_text(encoding="utf-8")
    start = text.index("KNOTS: tuple")
    end = text.index("\n\nLOW, DEFAULT, HIGH")
    lines = ["KNOTS: tuple[tuple[float, float], ...] = ("]
    lines += [f"    ({x}, {y})," for x, y in curve]
    lines.append(")")
    text = text[:start] + "\n".join(lines) + text[end:]
    text = re.sub(r"THRESHOLDS: dict\[str, float\] = \{.*\}",
                  f"THRESHOLDS: dict[str, float] = {{LOW: {chosen['low']}, "
                  f"DEFAULT: {chosen['default']}, HIGH: {chosen['high']}}}", text)
    text = re.sub(r"HEADLINE = [0-9.]+", f"HEADLINE = {headline}", text)
    path.write_text(text, encoding="utf-8")
    print(f"written to {path}")


def holdout(sc, eval_dir: Path) -> None:
    """The shipped engine at each sensitivity on the held-out stories (final figures)."""
    clusters = load_clusters(sc, eval_dir / "holdout" / "ecbplus")
    print(f"\nECB+ holdout ({len(clusters)} stories), shipped engine:")
    for name in (calibration.LOW, calibration.DEFAULT, calibration.HIGH):
        total = sc.Counts()
        for cl, docs, maps in clusters:
            al = align_documents(docs, sensitivity=name)
            total.add(sc.count(cl, [(maps[lk.a[0]][lk.a[1]], maps[lk.b[0]][lk.b[1]], lk.kind)
                                    for lk in al.links]))
        f = total.figures()
        print(f"  {name:8s} P {f['P']:.3f} R_cp {f['R_cp']:.3f} R {f['R']:.3f} "
              f"F1_cp {f['F1_cp']:.3f} P_touch {f['P_touch']:.3f} links {f['links']}")


if __name__ == "__main__":
    main(sys.argv[1:])
