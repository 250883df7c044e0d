"""Boilerplate on real news pages: character-level F1 of the article text that survives once the
suggested boilerplate is removed, against the true article body.

Usage: python benchmarks/boilerplate.py [EVAL_DIR] [--holdout] [--verbose]

Pages: ../shared/eval/boilerplate/<id>.txt with <id>.labels.json (every line labelled body or
boilerplate). Printed beside the naive rule "a short line without a full stop is boilerplate".
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.boilerplate import classify_lines  # noqa: E402


def naive(text: str, start: int, end: int) -> bool:
    line = text[start:end].strip()
    return len(line.split()) >= 8 or line.endswith((".", "!", "?", "”", '"'))


def score(folder: Path, verbose: bool) -> None:
    pages = sorted(folder.glob("*.labels.json"))
    results: dict[str, list[tuple[int, int, int]]] = {"sidebyside": [], "naive": []}
    for labels_path in pages:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        text = (folder / labels_path.name.replace(".labels.json", ".txt")).read_text(
            encoding="utf-8"
        )
        truth = {(a, b): kind == "body" for a, b, kind in labels["lines"]}
        ours = {(ln.start, ln.end): ln.body for ln in classify_lines(text)}
        predictions = {
            "sidebyside": {key: ours.get(key, False) for key in truth},
            "naive": {(a, b): naive(text, a, b) for a, b in truth},
        }
        for name, predicted in predictions.items():
            tp = fp = fn = 0
            for (a, b), body in truth.items():
                got = predicted[(a, b)]
                size = b - a
                tp += size if got and body else 0
                fp += size if got and not body else 0
                fn += size if body and not got else 0
            results[name].append((tp, fp, fn))
        if verbose:
            tp, fp, fn = results["sidebyside"][-1]
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            print(f"  {f1:.3f} {labels['url'][:90]}")
    for name, rows in results.items():
        per_page = [2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0 for tp, fp, fn in rows]
        tp, fp, fn = (sum(r[i] for r in rows) for i in range(3))
        micro = 2 * tp / (2 * tp + fp + fn)
        print(f"{name:11s} {len(rows)} pages: char F1 macro {statistics.mean(per_page):.3f} "
              f"(median {statistics.median(per_page):.3f}), micro {micro:.3f}")


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    folder = eval_dir / ("holdout/boilerplate" if "--holdout" in argv else "boilerplate")
    score(folder, "--verbose" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
