"""Direct quotations (and their speakers) against PolNeAR attribution annotations.

Usage: python benchmarks/quotes.py [EVAL_DIR] [--holdout] [--verbose]

Gold: Content spans of quotes/polnear_dev that lie wholly inside quotation marks. A found
quotation counts when it overlaps a gold one by at least 80% (intersection over union, marks
aside). Speaker accuracy: over matched quotations whose gold source is a name, the share where
our speaker's (core.attribution) last name is a name in the head of the gold source phrase
("Rep. Jim Jordan (R-Ohio), an oversight panel member" -> Rep, Jim, Jordan).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core.attribution import DIRECT, find_quotations  # noqa: E402

OPEN = '“"«'
CLOSE = '”"»'
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def gold_quotes(text: str, ann: str) -> list[tuple[int, int, str | None]]:
    """Direct quotations: Content spans each of whose fragments lies wholly inside quotation
    marks ("X," she said. "Y." is one Content of two fragments, X and Y; each is a quotation)."""
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
        bodies = [_quoted(text, a, b) for a, b in spans[content][1]]
        if not bodies or any(body is None for body in bodies):
            continue
        source = None
        if rel.get("Source") in spans:
            sf = spans[rel["Source"]][1]
            source = text[sf[0][0] : sf[-1][1]]
        out.extend((a, b, source) for a, b in bodies)  # type: ignore[misc]
    return out


def _quoted(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The fragment's text without marks and edge punctuation if it is wholly quoted."""
    chunk = text[start:end]
    a = start + len(chunk) - len(chunk.lstrip())
    b = start + len(chunk.rstrip())
    inner = text[a:b]
    opened = (a > 0 and text[a - 1] in OPEN) or inner[:1] in OPEN
    tail = inner.rstrip(".,;:!?")
    closed = tail[-1:] in CLOSE or text[b : b + 1] in CLOSE or text[b + 1 : b + 2] in CLOSE
    if not (opened and closed):
        return None
    body = inner.strip(OPEN + CLOSE + " .,;:")
    if not body or any(c in body for c in OPEN + CLOSE):
        return None
    qa = text.index(body, a)
    return qa, qa + len(body)


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def last_name(name: str) -> str:
    words = re.findall(r"[A-Z][\w’'-]+", name)
    return words[-1].lower() if words else ""


def head_names(source: str) -> set[str]:
    """The capitalised words of a source phrase's head: "Rep. Jim Jordan (R-Ohio), an
    oversight panel member" -> {jim, jordan}; titles are not names)."""
    head = re.sub(r"\([^)]*\)", " ", source).split(",")[0]
    words = {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", head)}
    return words - TITLES


TITLES = {"mr", "mrs", "ms", "dr", "rep", "sen", "del", "gov", "gen", "president", "senator",
          "representative", "governor", "chairman", "secretary", "the"}


def _edges(text: str, a: int, b: int) -> tuple[int, int]:
    """A found quotation without edge punctuation (the gold spans have none)."""
    while a < b and text[a] in " .,;:":
        a += 1
    while b > a and text[b - 1] in " .,;:":
        b -= 1
    return a, b


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    folder = eval_dir / ("holdout/polnear_test" if "--holdout" in argv else "quotes/polnear_dev")
    verbose = "--verbose" in argv
    tp = fp = fn = 0
    named = right = 0
    for ann_path in sorted((folder / "attributions").glob("*.ann")):
        article = ann_path.name.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{article}.txt"
        text = text_path.read_text(encoding="utf-8")
        doc = core.from_text(text, str(text_path))
        gold = gold_quotes(text, ann_path.read_text(encoding="utf-8"))
        found = [q for q in find_quotations(doc) if q.kind == DIRECT]
        spans = [_edges(text, q.start, q.end) for q in found]
        used: set[int] = set()
        for g in gold:
            match = next((k for k, f in enumerate(spans)
                          if k not in used and iou(f, g[:2]) >= 0.8), None)
            if match is None:
                fn += 1
                if verbose:
                    print("MISS", repr(text[max(0, g[0] - 50) : g[1] + 30]))
                continue
            used.add(match)
            tp += 1
            source = g[2]
            if source and last_name(source) and source.split()[0].lower() not in PRONOUNS:
                named += 1
                ours = found[match].speaker
                if ours and last_name(ours) in head_names(source):
                    right += 1
                elif verbose:
                    print(f"SPEAKER {ours!r} vs {source!r}:",
                          repr(text[max(0, g[0] - 80) : g[1] + 60]))
        for k, f in enumerate(spans):
            if k not in used:
                fp += 1
                if verbose:
                    print("EXTRA", repr(text[max(0, f[0] - 50) : f[1] + 30]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"direct quotations: P {p:.3f} R {r:.3f} F1 {f1:.3f} (80% overlap; {tp + fn} gold)")
    print(f"speaker accuracy where the source is named: {right}/{named} = "
          f"{right / named if named else 0:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
