"""Check-worthy claims against ClaimBuster sentence labels.

Usage:
  python benchmarks/claims.py [EVAL_DIR]            precision, recall, F1 on the dev sample
                                                    (5-fold cross-validated figures with --fit)
  python benchmarks/claims.py [EVAL_DIR] --fit      fit the weights on the dev sample and write
                                                    core/data/claims.npz
  python benchmarks/claims.py [EVAL_DIR] --holdout  the final figure on the held-out test split

Only the fitted weights (one per feature, no text) are written into the package.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from sidebyside.core.claims import _DATA, claim_scores, features  # noqa: E402

L2 = 0.3  # ridge penalty (per feature); chosen by 5-fold cross-validation on dev
POSITIVE_WEIGHT = 2.5  # labels are 1:3; a fact-checker prefers recall (cross-validated)


def fit(x: np.ndarray, y: np.ndarray, steps: int = 400) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton's method."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))]).astype(np.float64)
    sample = np.where(y > 0, POSITIVE_WEIGHT, 1.0)
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, L2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (sample * (p - y)) + penalty * w
        hess = (xb * (sample * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1], float(w[-1])


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float(((pred == 1) & (y == 1)).sum())
    p = tp / max(pred.sum(), 1)
    r = tp / max(y.sum(), 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path) -> tuple[list[str], np.ndarray]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [r["text"] for r in rows], np.asarray([r["label"] for r in rows], dtype=np.float64)


def measure(texts: list[str], y: np.ndarray, label: str) -> None:
    """Precision, recall and F1 of the shipped model at threshold 0.5, and its time."""
    t0 = time.perf_counter()
    scores = np.asarray(claim_scores(texts))
    took = time.perf_counter() - t0
    p, r, f = prf(y, (scores >= 0.5).astype(int))
    print(f"{label}, {len(texts)} sentences: P {p:.3f} R {r:.3f} F1 {f:.3f}; "
          f"{took * 1000:.0f} ms")


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    if "--holdout" in argv:
        measure(*load(eval_dir / "holdout/claimbuster_test.json"), "held-out")
        return
    texts, y = load(eval_dir / "claims/claimbuster_train.json")
    if "--fit" in argv:
        x = features(texts)
        folds = np.arange(len(texts)) % 5
        pred = np.zeros(len(texts))
        for k in range(5):
            w, b = fit(x[folds != k], y[folds != k])
            pred[folds == k] = (x[folds == k] @ w + b) >= 0
        p, r, f = prf(y, pred.astype(int))
        print(f"dev, 5-fold cross-validated: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        w, b = fit(x, y)
        np.savez_compressed(_DATA, weights=w.astype(np.float32), bias=np.float32(b))
        print(f"wrote {_DATA.relative_to(ROOT)} ({x.shape[1]} weights)")
        return
    measure(texts, y, "dev (the fitting set: optimistic)")


if __name__ == "__main__":
    main(sys.argv[1:])
