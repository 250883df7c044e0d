"""Boilerplate on real news pages: character-level F1 of the article text that survives once the
suggested boilerplate is removed, against the true article body.

Usage: python benchmarks/boilerplate.py [EVAL_DIR] [--holdout] [--verbose]
       python benchmarks/boilerplate.py --seeds    sentence-level F1 on the seeds' furniture

Pages: ../shared/eval/boilerplate/<id>.txt with <id>.labels.json (every line labelled body or
boilerplate). Printed beside the naive rule "a short line without a full stop is boilerplate".
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core.boilerplate import classify_lines  # noqa: E402
from sidebyside.core.suggest import suggest  # noqa: E402


def naive(text: str, start: int, end: int) -> bool:
    line = text[start:end].strip()
    return len(line.split()) >= 8 or line.endswith((".", "!", "?", "”", '"'))


def suggested_boilerplate(text: str) -> list[tuple[int, int]]:
    doc = core.from_text(text, "page.txt")
    return [(x.start, x.end) for x in suggest([doc], claims=False) if x.tag == "boilerplate"]


def covered(spans: list[tuple[int, int]], a: int, b: int) -> float:
    inside = sum(max(0, min(b, e) - max(a, s)) for s, e in spans)
    return inside / max(b - a, 1)


def score(folder: Path, verbose: bool) -> None:
    pages = sorted(folder.glob("*.labels.json"))
    results: dict[str, list[tuple[int, int, int]]] = {
        "lines only": [], "suggestions": [], "naive": []}
    for labels_path in pages:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        text = (folder / labels_path.name.replace(".labels.json", ".txt")).read_text(
            encoding="utf-8"
        )
        truth = {(a, b): kind == "body" for a, b, kind in labels["lines"]}
        ours = {(ln.start, ln.end): ln.body for ln in classify_lines(text)}
        removed = suggested_boilerplate(text)
        predictions = {
            "lines only": {key: ours.get(key, False) for key in truth},
            "suggestions": {(a, b): covered(removed, a, b) < 0.5 for a, b in truth},
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
            tp, fp, fn = results["suggestions"][-1]
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            print(f"  {f1:.3f} {labels['url'][:90]}")
    for name, rows in results.items():
        per_page = [2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0 for tp, fp, fn in rows]
        tp, fp, fn = (sum(r[i] for r in rows) for i in range(3))
        micro = 2 * tp / (2 * tp + fp + fn)
        print(f"{name:11s} {len(rows)} pages: char F1 macro {statistics.mean(per_page):.3f} "
              f"(median {statistics.median(per_page):.3f}), micro {micro:.3f}")


def seeds() -> None:
    """Sentence-level F1 of the boilerplate suggestions on the seeds (with the alignment, as in
    the reader) against benchmarks/labels/seeds_furniture.json."""
    from sidebyside.core.samples import seed_paths

    labels = json.loads((ROOT / "benchmarks/labels/seeds_furniture.json").read_text())
    docs = core.load_many(seed_paths())
    found = suggest(docs, core.align_documents(docs), claims=False)
    tp = fp = fn = 0
    for d, (path, doc) in enumerate(zip(seed_paths(), docs, strict=True)):
        gold = labels["furniture"][Path(path).name]
        ours = [(x.start, x.end) for x in found if x.doc == d and x.tag == "boilerplate"]
        for sentence in doc.sentences:
            truth = covered(gold, sentence.start, sentence.end) >= 0.5
            got = covered(ours, sentence.start, sentence.end) >= 0.5
            tp += truth and got
            fp += got and not truth
            fn += truth and not got
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"seeds furniture, sentence level: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} "
          f"({tp + fn} furniture sentences)")


def main(argv: list[str]) -> None:
    if "--seeds" in argv:
        seeds()
        return
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    folder = eval_dir / ("holdout/boilerplate" if "--holdout" in argv else "boilerplate")
    score(folder, "--verbose" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
