"""Alignment quality on hand-labelled sets, and speed.

Usage:
  python benchmarks/alignment.py [EVAL_DIR] [--seeds] [--verbose] [--sweep]

* BASIL dev (default): same-event triplets of ../shared/eval/clusters/basil labelled by
  hand in benchmarks/labels/basil_dev.json (offsets only, no text). Tune on this.
* --seeds: the held-out set on the bundled seeds (benchmarks/labels/seeds_heldout.json). Final
  figures only.

A predicted link counts as correct when the pair is labelled same or related; pairs labelled
"either" are not counted; a link between a "never" pair is a look-alike error; a "unique"
sentence that gets any link is an error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from sidebyside import core  # noqa: E402
from sidebyside.core.align import SAME, align_documents  # noqa: E402

Ref = tuple[int, int]


def _find_by_offset(doc: core.Document, offset: int) -> int:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return s.index
    raise SystemExit(f"offset {offset} is in no sentence of {doc.path}")


def evaluate(alignment, same, related, either, never, unique, verbose=False, docs=None):
    def key(a: Ref, b: Ref) -> tuple[Ref, Ref]:
        return (a, b) if a <= b else (b, a)

    gold = {key(a, b) for a, b in same + related}
    skip = {key(a, b) for a, b in either}
    bad = {key(a, b) for a, b in never}
    predicted = {key(lk.a, lk.b): lk for lk in alignment.links}
    tp = len(gold & predicted.keys())
    fp_pairs = [p for p in predicted if p not in gold and p not in skip]
    judged = {r for pair in (*gold, *skip, *bad) for r in pair} | set(unique)
    # condensed: only links whose both sentences were judged (the labels are not exhaustive)
    fp_judged = [p for p in fp_pairs if p[0] in judged and p[1] in judged]
    fn_pairs = [p for p in gold if p not in predicted]
    lookalikes = [p for p in predicted if p in bad]
    linked = {r for lk in alignment.links for r in (lk.a, lk.b)}
    unique_broken = [u for u in unique if u in linked]
    same_ok = sum(
        1 for a, b in same if key(a, b) in predicted and predicted[key(a, b)].kind == SAME
    )
    if verbose and docs is not None:
        def show(r: Ref) -> str:
            return f"[{docs[r[0]].source[:10]}] {docs[r[0]].sentence_text(r[1])[:110]}"

        for p in lookalikes:
            link = predicted[p]
            print(f"  LOOK-ALIKE {link.kind} {link.score:.2f}")
            print(f"     {show(p[0])}\n     {show(p[1])}")
        for p in fp_pairs:
            link = predicted[p]
            print(f"  FP {link.kind} {link.score:.2f}\n     {show(p[0])}\n     {show(p[1])}")
        for p in fn_pairs:
            print(f"  FN\n     {show(p[0])}\n     {show(p[1])}")
    return {
        "tp": tp,
        "fp": len(fp_pairs),
        "fp_judged": len(fp_judged),
        "judged": len(judged),
        "sentences": sum(len(d.sentences) for d in docs) if docs is not None else 0,
        "fn": len(fn_pairs),
        "lookalikes": len(lookalikes),
        "unique_broken": len(unique_broken),
        "unique_total": len(unique),
        "same_ok": same_ok,
        "same_total": len(same),
    }


def report(name: str, r: dict[str, int]) -> None:
    p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 0.0
    rec = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    print(
        f"{name}: P {p:.3f} R {rec:.3f} F1 {f1:.3f} | look-alikes linked {r['lookalikes']} | "
        f"unique kept {r['unique_total'] - r['unique_broken']}/{r['unique_total']} | "
        f"verbatim quotes linked as same {r['same_ok']}/{r['same_total']}"
    )
    pj = r["tp"] / (r["tp"] + r["fp_judged"]) if r["tp"] + r["fp_judged"] else 0.0
    fj = 2 * pj * rec / (pj + rec) if pj + rec else 0.0
    print(
        f"  labels cover {r['judged']} of {r['sentences']} sentences; counting only links "
        f"between labelled sentences: P {pj:.3f} F1 {fj:.3f}"
    )


_BASIL_CACHE: dict[str, list[core.Document]] = {}


def basil_pairs(eval_dir: Path, names: list[str]):
    """(labels, feature matrix) of every cross-source sentence pair of the dev triplets, pairs
    labelled "either" left out: 1 for same/related, 0 otherwise."""
    import numpy as np
    from sidebyside.core.align import _Corpus

    labels = json.loads((ROOT / "benchmarks/labels/basil_dev.json").read_text())
    ys: list[int] = []
    rows = []
    for t in labels["triplets"]:
        folder = eval_dir / "clusters/basil" / t["triplet"]
        docs = [core.load(folder / f) for f in t["files"]]
        refs = [(d, s.index) for d, doc in enumerate(docs) for s in doc.sentences]

        def key(a: Ref, b: Ref) -> tuple[Ref, Ref]:
            return (a, b) if a <= b else (b, a)

        def ref(d: int, off: int, docs=docs) -> Ref:
            return (d, _find_by_offset(docs[d], off))

        pos = {key(ref(a, x), ref(b, y)) for a, x, b, y in t["same"] + t["related"]}
        skip = {key(ref(a, x), ref(b, y)) for a, x, b, y in t["either"]}
        texts = [docs[d].sentence_text(s) for d, s in refs]
        corpus = _Corpus.build(texts, [[] for _ in texts])
        left, right = [], []
        for i in range(len(refs)):
            for j in range(i + 1, len(refs)):
                k = key(refs[i], refs[j])
                if refs[i][0] != refs[j][0] and k not in skip:
                    left.append(i)
                    right.append(j)
                    ys.append(1 if k in pos else 0)
        f = corpus.features(np.asarray(left), np.asarray(right))
        rows.append(np.column_stack([f.value(n) for n in names]))
    return ys, np.vstack(rows)


def basil_f1(eval_dir: Path) -> float:
    """F1 on the BASIL dev set (for weight search)."""
    r = basil(eval_dir, False, None)
    p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 0.0
    rec = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 0.0
    return 2 * p * rec / (p + rec) if p + rec else 0.0


def basil(eval_dir: Path, verbose: bool, name: str | None = "BASIL dev") -> dict:
    labels = json.loads((ROOT / "benchmarks/labels/basil_dev.json").read_text())
    if name == "BASIL dev":
        name = f"BASIL dev ({len(labels['triplets'])} triplets)"
    total: dict[str, int] = {}
    for t in labels["triplets"]:
        folder = eval_dir / "clusters/basil" / t["triplet"]
        if t["triplet"] not in _BASIL_CACHE:
            _BASIL_CACHE[t["triplet"]] = [core.load(folder / f) for f in t["files"]]
        docs = _BASIL_CACHE[t["triplet"]]

        def ref(d: int, off: int, docs=docs) -> Ref:
            return (d, _find_by_offset(docs[d], off))

        def pairs(key: str, ref=ref, t=t) -> list[tuple[Ref, Ref]]:
            return [(ref(a, x), ref(b, y)) for a, x, b, y in t[key]]

        al = align_documents(docs)
        if verbose:
            print(f"-- {t['triplet'][:8]}")
        r = evaluate(
            al, pairs("same"), pairs("related"), pairs("either"), pairs("never"),
            [ref(d, o) for d, o in t["unique"]], verbose, docs,
        )
        for k, v in r.items():
            total[k] = total.get(k, 0) + v
    if name:
        report(name, total)
    return total


def seeds_labels(docs: list[core.Document], names: list[str]) -> dict:
    """The seeds' labels expanded into pair lists: clusters of one reported fact each, where two
    core sentences of different sources are `related` and a pair with a peripheral member may go
    either way; explicit `same` pairs win over both."""
    labels = json.loads((ROOT / "benchmarks/labels/seeds_heldout.json").read_text())
    index = {name: i for i, name in enumerate(names)}
    refs: dict[str, Ref] = {}
    for sid, (name, offset, prefix) in labels["sentences"].items():
        d = index[name]
        refs[sid] = (d, _find_by_offset(docs[d], offset))
        text = " ".join(docs[d].sentence_text(refs[sid][1]).split())
        if not text.startswith(prefix):
            raise SystemExit(f"label {sid}: the sentence at {name}:{offset} is now {text[:50]!r}")

    def key(a: Ref, b: Ref) -> tuple[Ref, Ref]:
        return (a, b) if a <= b else (b, a)

    same = {key(refs[a], refs[b]) for a, b in labels["same"]}
    related: set[tuple[Ref, Ref]] = set()
    either: set[tuple[Ref, Ref]] = set()
    for cluster in labels["clusters"]:
        core_refs = [refs[s] for s in cluster["core"]]
        members = core_refs + [refs[s] for s in cluster["peripheral"]]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a[0] != b[0]:
                    (related if a in core_refs and b in core_refs else either).add(key(a, b))
    related -= same
    either -= same | related
    never = {key(refs[a], refs[b]) for a, b in labels["never"]}
    clash = never & (same | related | either)
    if clash:
        raise SystemExit(f"labels both never and linked: {sorted(clash)}")
    return {
        "same": sorted(same), "related": sorted(related), "either": sorted(either),
        "never": sorted(never), "unique": [refs[s] for s in labels["unique"]],
    }


def seeds(verbose: bool) -> None:
    paths = core.seed_paths()
    docs = [core.load(p) for p in paths]
    lab = seeds_labels(docs, [Path(p).stem for p in paths])
    print(
        f"seeds labels: {len(lab['same'])} same, {len(lab['related'])} related, "
        f"{len(lab['either'])} either, {len(lab['never'])} never, {len(lab['unique'])} unique"
    )
    al = align_documents(docs)
    r = evaluate(
        al, lab["same"], lab["related"], lab["either"], lab["never"], lab["unique"], verbose, docs,
    )
    report("Seeds held-out (5 articles)", r)


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    verbose = "--verbose" in argv
    if "--sweep" in argv:
        from sidebyside.core import calibration

        for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
            calibration.THRESHOLDS[calibration.DEFAULT] = t
            basil(eval_dir, False, f"default threshold {t:.2f}")
        return
    basil(eval_dir, verbose)
    if "--seeds" in argv:
        seeds(verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
