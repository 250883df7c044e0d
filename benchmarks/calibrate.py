"""Calibrate the link score on human same-event labels (ECB+ dev), and print how well it holds.

Usage:
  python benchmarks/calibrate.py [EVAL_DIR] [--fit] [--holdout]

EVAL_DIR defaults to ../shared/eval. Reads ``clusters/ecbplus_dev`` (16 stories) and the scorer
``tools/ecbplus_score.py`` (for its gold mapping and figures); nothing is copied.

* The engine's candidate pairs (each the best counterpart of one of its sentences in the
  other's article, not ``same``) are labelled by the gold: positive, negative, or not scored.
* The raw similarity is mapped to a probability by isotonic regression. Cross-validated by
  story (fit on 15 stories, apply to the 16th), the table shows, for each decile of predicted
  probability, the mean prediction and the observed share of positives.
* The sensitivity thresholds are the lowest probabilities at which the links (as the aligner
  makes them: best counterpart per article, plus ``same`` and headline links) keep precision
  >= 0.95 (low), >= 0.90 (default) and >= 0.80 (high) on dev, with counterpart recall.
* ``--fit`` prints the knots and thresholds fitted on all 16 stories; ``--write`` also writes
  them into ``core/calibration.py``.
* ``--holdout`` scores the shipped engine once on ``holdout/ecbplus`` (final figures only:
  never tune on it).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import core  # noqa: E402
from core import calibration  # noqa: E402
from core.align import align_documents, score_candidates  # noqa: E402

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


def links_at(scored, probability: np.ndarray, threshold: float):
    keep = scored.is_same | (scored.best_either & (probability >= threshold))
    refs = scored.refs
    out = [(refs[i], refs[j], "x") for i, j in zip(scored.left[keep], scored.right[keep],
                                                    strict=True)]
    out += [(lk.a, lk.b, "h") for lk in scored.headline if lk.score >= threshold]
    return out


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0] if args else ROOT.parent / "shared" / "eval").resolve()
    sc = scorer(eval_dir)
    clusters = load_clusters(sc, eval_dir / "clusters" / "ecbplus_dev")
    t0 = time.perf_counter()
    per_story = []
    for cl, docs, maps in clusters:
        scored = score_candidates(docs)
        refs = scored.refs
        rows = np.nonzero(scored.best_either & ~scored.is_same)[0]
        labs = [label(sc, cl, maps, refs[scored.left[k]], refs[scored.right[k]]) for k in rows]
        head = [label(sc, cl, maps, lk.a, lk.b) for lk in scored.headline]
        per_story.append((cl, maps, scored, rows, np.asarray(labs), head))
    print(f"ECB+ dev: {len(clusters)} stories, engine scored in {time.perf_counter() - t0:.1f} s")

    def fit_on(stories) -> list[tuple[float, float]]:
        xs = np.concatenate([s[2].raw[s[3]][np.isin(s[4], ["pos", "neg"])] for s in stories])
        ys = np.concatenate([(s[4][np.isin(s[4], ["pos", "neg"])] == "pos") for s in stories])
        return platt_knots(xs, ys) if "--isotonic" not in argv else knots(xs, ys)

    # cross-validated probabilities, by story
    cv_prob = []
    for k, story in enumerate(per_story):
        curve = fit_on([s for j, s in enumerate(per_story) if j != k])
        kx = np.asarray([p[0] for p in curve])
        ky = np.asarray([p[1] for p in curve])
        scored = story[2]
        prob = np.interp(scored.raw, kx, ky)
        cv_prob.append(np.where(scored.is_same, scored.probability, prob))

    def table(title: str, floor: float | None) -> None:
        preds, obs = [], []
        for (_cl, _maps, _scored, rows, labs, _head), prob in zip(per_story, cv_prob,
                                                                 strict=True):
            m = np.isin(labs, ["pos", "neg"])
            if floor is not None:
                m &= prob[rows] >= floor
            preds.append(prob[rows][m])
            obs.append(labs[m] == "pos")
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

    head_labs = [h for s in per_story for h in s[5]]
    scored_heads = [h for h in head_labs if h in ("pos", "neg")]
    rate = (sum(h == "pos" for h in scored_heads) / len(scored_heads)) if scored_heads else 0.0
    print(f"\nHeadline rule: {len(head_labs)} links, {len(scored_heads)} scored, "
          f"{rate:.3f} positive")

    def figures(threshold: float, probs) -> dict:
        total = sc.Counts()
        for (cl, maps, scored, *_rest), prob in zip(per_story, probs, strict=True):
            links = links_at(scored, prob, threshold)
            total.add(sc.count(cl, [(maps[a[0]][a[1]], maps[b[0]][b[1]], kind)
                                    for a, b, kind in links]))
        return total.figures()

    print("\nThresholds (cross-validated probabilities):")
    chosen = {}
    grid = np.round(np.arange(0.30, 0.99, 0.01), 2)
    curve_rows = [(t, figures(t, cv_prob)) for t in grid]
    for name, target in TARGETS.items():
        ok = [(t, f) for t, f in curve_rows if f["P"] >= target]
        if ok:
            t, f = ok[0]
            chosen[name] = float(t)
            print(f"  {name:8s} P >= {target:.2f}: threshold {t:.2f}  P {f['P']:.3f} "
                  f"R_cp {f['R_cp']:.3f} R {f['R']:.3f} F1 {f['F1']:.3f} links {f['links']}")
        else:
            print(f"  {name:8s} P >= {target:.2f}: not reached at any threshold")
    shipped = {name: figures(calibration.THRESHOLDS[name], cv_prob) for name in TARGETS}
    print("\nShipped thresholds on dev (cross-validated probabilities):")
    for name, f in shipped.items():
        print(f"  {name:8s} {calibration.THRESHOLDS[name]:.2f}  P {f['P']:.3f} "
              f"R_cp {f['R_cp']:.3f} R {f['R']:.3f} F1 {f['F1']:.3f} "
              f"F1_cp {f['F1_cp']:.3f} links {f['links']}")

    if "--fit" in argv:
        curve = fit_on(per_story)
        print("\n# paste into core/calibration.py")
        print("KNOTS: tuple[tuple[float, float], ...] = (")
        for x, y in curve:
            print(f"    ({x}, {y}),")
        print(")")
        print(f"THRESHOLDS = {chosen}")
        print(f"HEADLINE = {round(rate, 2)}")
        if "--write" in argv:
            write(curve, chosen, round(rate, 2))

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
