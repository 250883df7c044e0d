"""Direct quotations (and their speakers) against PolNeAR attribution annotations.

Usage: python benchmarks/quotes.py [EVAL_DIR] [--holdout] [--verbose]

Gold: Content spans of quotes/polnear_dev that lie wholly inside quotation marks. A found
quotation counts when it overlaps a gold one by at least 80% (intersection over union, marks
aside). Speaker accuracy: over matched quotations whose gold source is a name, the share where
our speaker (core.report's heuristic) has the gold source's last name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import core  # noqa: E402
from core.quotes import quotations  # noqa: E402
from core.report import _speaker_in  # noqa: E402

OPEN = '“"«'
CLOSE = '”"»'
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def gold_quotes(text: str, ann: str) -> list[tuple[int, int, str | None]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, info, _ = line.split("\t", 2)
            kind, offsets = info.split(" ", 1)
            frags = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
            spans[tid] = (kind, frags)  # type: ignore[assignment]
        elif line.startswith("E"):
            relations.append(dict(arg.split(":") for arg in line.split("\t")[1].split()))
    out = []
    for rel in relations:
        content = rel.get("Content")
        if content not in spans:
            continue
        frags = spans[content][1]
        start, end = frags[0][0], frags[-1][1]
        inner = text[start:end].strip()
        a = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        b = a + len(inner)
        # wholly inside quotation marks: opened just before (or at) the start, closed at the end
        opened = (a > 0 and text[a - 1] in OPEN) or (inner[:1] in OPEN)
        tail = inner.rstrip(".,;:!?")
        closed = tail[-1:] in CLOSE or text[b : b + 1] in CLOSE or text[b + 1 : b + 2] in CLOSE
        if not (opened and closed):
            continue
        body = inner.strip(OPEN + CLOSE + " .,;:")
        if any(c in body for c in OPEN + CLOSE):
            continue
        qa = text.index(body, a)
        source = None
        if rel.get("Source") in spans:
            sf = spans[rel["Source"]][1]
            source = text[sf[0][0] : sf[-1][1]]
        out.append((qa, qa + len(body), source))
    return out


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def last_name(name: str) -> str:
    words = re.findall(r"[A-Z][\w’'-]+", name)
    return words[-1].lower() if words else ""


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    folder = eval_dir / ("holdout/polnear_test" if "--holdout" in argv else "quotes/polnear_dev")
    tp = fp = fn = 0
    named = right = 0
    for ann_path in sorted((folder / "attributions").glob("*.ann")):
        article = ann_path.name.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{article}.txt"
        text = text_path.read_text(encoding="utf-8")
        doc = core.from_text(text, str(text_path))
        gold = gold_quotes(text, ann_path.read_text(encoding="utf-8"))
        found = quotations(doc)
        used: set[int] = set()
        for g in gold:
            match = next((k for k, f in enumerate(found)
                          if k not in used and iou(f, g[:2]) >= 0.8), None)
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            source = g[2]
            if source and last_name(source) and source.split()[0].lower() not in PRONOUNS:
                named += 1
                s = next(x for x in doc.sentences if x.start <= found[match][0] < x.end)
                ours = _speaker_in(text[s.start : s.end], found[match][1] + 1 - s.start)
                if ours is None:
                    i = s.index - 1
                    while ours is None and i >= 0 and doc.sentences[i].paragraph == s.paragraph:
                        prev = doc.sentences[i]
                        ours = _speaker_in(text[prev.start : prev.end], None)
                        i -= 1
                if ours and last_name(ours) == last_name(source):
                    right += 1
        fp += len(found) - len(used)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"direct quotations: P {p:.3f} R {r:.3f} F1 {f1:.3f} (80% overlap; {tp + fn} gold)")
    print(f"speaker accuracy where the source is named: {right}/{named} = "
          f"{right / named if named else 0:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
