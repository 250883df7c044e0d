"""Where the sources disagree (``core.divergence``): precision and recall per kind on the BASIL
dev triplets, against hand labels kept outside the project, and the time it adds.

    python benchmarks/divergences.py [EVAL_DIR] [--labels FILE] [--seeds FILE]
    python benchmarks/divergences.py [EVAL_DIR] --read-ecbplus
    python benchmarks/divergences.py [EVAL_DIR] --msrp [--msrp-labels FILE]

EVAL_DIR defaults to ../shared/eval; FILE to ../labels/divergences_basil_dev.json (beside the
repository, never inside it: it quotes the articles).

Labelling guidelines (what the labels mean):

* A flagged divergence is **correct** when both sentences report the same fact (or carry the
  same quotation of the same speaker) and the marked words fill the same slot differently:
  - number: a count, amount, share or duration of the same thing, the same period, stated as
    different figures (not a rounding: "$43 million" and "$43,885,310" agree);
  - date: the same event dated differently;
  - quote: the same utterance with words added, dropped or changed (punctuation, case,
    quotation marks, contractions and bracketed insertions do not count; neither does a
    quotation cut shorter, nor an ellipsis; a name spelt the outlet's way, "Qaddafi" and
    "Gadhafi", is house style, not a misquote). The marked words must be the ones that differ;
  - name: the same quotation credited to different people.
* Recall: every linked pair of sentences in which each side states a figure or a year the other
  does not (all of them), and a random 40 of the linked pairs whose shared quotations differ in
  their words, were read, and each real divergence the tool missed was noted. For quotations the
  misses found in the sample are scaled to all such pairs.

``--msrp``: precision per kind on the MSRP train pairs (dev), each pair compared as if surely
linked, against hand labels (default ../labels/divergences_msrp_dev.json): every number flag
the code of 212562e raised there, and every quote and name flag of the code that added the
house-style rules, judged by the guidelines above, with one more for numbers: the same time
or period, so a share price quoted in the morning and at the close, or two sessions' moves, are
two facts. Prints flags, judged, precision, and the share of the labelled right flags still
raised (a recall within what was ever flagged, not a full recall).

Prints, per kind: divergences found, labelled ones, precision, misses and recall; and the time
divergences add to the alignment of the 100 triplets.

The samples (``--seeds``, default ../labels/divergences_seeds.json): the examples the issue
names and pairs that agree, each with the divergence expected (or none); prints for each
whether the aligner links the two sentences and what is flagged, and every divergence flagged
on the samples that no label expects.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sidebyside.core import load
from sidebyside.core.align import align_documents
from sidebyside.core.divergence import KINDS, divergences

ROOT = Path(__file__).resolve().parent.parent


def seeds(path: Path) -> None:
    from sidebyside.core import seed_paths

    if not path.exists():
        print(f"{path}: no labels for the samples")
        return
    docs = [load(p) for p in seed_paths()]
    names = [d.source for d in docs]
    alignment = align_documents(docs)
    flagged = divergences(alignment)

    def find(source: str, prefix: str) -> tuple[int, int]:
        d = names.index(source)
        return d, next(s.index for s in docs[d].sentences
                       if docs[d].sentence_text(s.index).startswith(prefix))

    expected = set()
    print("samples:")
    for pair in json.loads(path.read_text(encoding="utf-8"))["pairs"]:
        a, b = find(*pair["a"]), find(*pair["b"])
        linked = any({link.a, link.b} == {a, b} for link in alignment.links)
        kinds = sorted(x.kind for x in flagged if {x.a, x.b} == {a, b})
        expected.add(frozenset({a, b}))
        ok = kinds == ([pair["expected"]] if pair["expected"] else [])
        print(f"  {'right' if ok else 'WRONG'}: expected {pair['expected'] or 'nothing'}, "
              f"flagged {kinds or 'nothing'}, linked: {'yes' if linked else 'no'} "
              f"({pair['why']})")
    extra = [x for x in flagged if frozenset({x.a, x.b}) not in expected]
    print(f"  divergences flagged on the samples that no label expects: {len(extra)}")


def dated(doc, published: str | None):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    if not published:
        return doc
    return replace(doc, provenance=replace(doc.provenance, published=published))


def read_ecbplus(eval_dir: Path) -> None:
    """Every divergence on the ECB+ dev stories with both sentences, to be read (there are no
    labels for them), and the counts per kind."""
    from collections import Counter

    root = eval_dir / "clusters/ecbplus_dev/clusters"
    counts: Counter[str] = Counter()
    for story in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = [load(p) for p in sorted(story.glob("*.txt"))]
        for d in divergences(align_documents(docs)):
            counts[d.kind] += 1
            print(f"{story.name} {d.label()}")
            for ref in (d.a, d.b):
                print("   ", " ".join(docs[ref[0]].sentence_text(ref[1]).split()))
    print("ECB+ dev divergences:", dict(counts))


def msrp(eval_dir: Path, labels_path: Path) -> None:
    from sidebyside.core.divergence import pair_divergences
    from sidebyside.core.ingest import from_text

    if not labels_path.exists():
        raise SystemExit(f"{labels_path}: no labels (see the guidelines in this script)")
    items = json.loads(labels_path.read_text(encoding="utf-8"))["items"]
    judged = {(i["kind"], i["flag"], i["a_sentence"], i["b_sentence"]): i["correct"]
              for i in items}
    found: dict[str, list[bool | None]] = {kind: [] for kind in KINDS}
    lines = (eval_dir / "pairs/msrp_train.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        _label, s1, s2 = line.split("\t")
        a, b = from_text(s1, "a"), from_text(s2, "b")
        if len(a.sentences) != 1 or len(b.sentences) != 1:
            continue
        for d in pair_divergences([a, b], (0, 0), (1, 0)):
            said = d.label().rsplit(" · ", 1)[0]
            found[d.kind].append(judged.get((d.kind, said, s1, s2)))
            if found[d.kind][-1] is None:
                print(f"unlabelled {d.kind}: {said}\n    {s1}\n    {s2}")
    print("MSRP train pairs (dev), each compared as if surely linked:")
    for kind, marks in found.items():
        judged_marks = [m for m in marks if m is not None]
        right = sum(judged_marks)
        every_right = sum(i["correct"] for i in items if i["kind"] == kind and not i.get("note"))
        precision = f"{right / len(judged_marks):.2f}" if judged_marks else "-"
        print(f"  {kind:<7} {len(marks):>4} flags, {len(judged_marks):>4} judged, precision "
              f"{precision}, labelled right ones still flagged {right}/{every_right}")


def main(argv: list[str]) -> None:
    seeds_path = Path(argv[argv.index("--seeds") + 1]) if "--seeds" in argv else (
        ROOT.parent / "labels" / "divergences_seeds.json")
    labels_path = Path(argv[argv.index("--labels") + 1]) if "--labels" in argv else (
        ROOT.parent / "labels" / "divergences_basil_dev.json")
    skip = {argv.index(o) + 1 for o in ("--labels", "--seeds", "--msrp-labels") if o in argv}
    args = [a for k, a in enumerate(argv) if not a.startswith("--") and k not in skip]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared" / "eval"
    if "--read-ecbplus" in argv:
        read_ecbplus(eval_dir)
        return
    if "--msrp" in argv:
        msrp(eval_dir, Path(argv[argv.index("--msrp-labels") + 1]) if "--msrp-labels" in argv
             else ROOT.parent / "labels" / "divergences_msrp_dev.json")
        return
    if not labels_path.exists():
        raise SystemExit(f"{labels_path}: no labels (see the guidelines in this script)")
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    judged = {(f["kind"], f["a_text"], f["b_text"]): f["correct"] for f in labels["found"]}
    found: list[tuple[str, str, tuple[int, int], tuple[int, int], str, str]] = []
    align_time = diverge_time = 0.0
    for entry in json.loads((eval_dir / "clusters/basil/index.json").read_text()):
        # each article's date, as a web page's metadata gives it ("four years ago" is read
        # from it)
        dates = {a["file"]: a.get("date") for a in entry.get("articles", [])}
        docs = [dated(load(eval_dir / f), dates.get(f)) for f in entry["files"]]
        start = time.perf_counter()
        alignment = align_documents(docs)
        middle = time.perf_counter()
        items = divergences(alignment)
        align_time += middle - start
        diverge_time += time.perf_counter() - middle
        found += [(entry["triplet"], d.kind, d.a, d.b, d.a_text, d.b_text) for d in items]
    where = {(t, k, tuple(a), tuple(b)) for t, k, a, b, _x, _y in found}
    print(f"{'kind':<8} {'found':>5} {'labelled':>8} {'precision':>9} {'misses':>7} {'recall':>7}")
    for kind in KINDS:
        mine = [f for f in found if f[1] == kind]
        marks = [judged[(kind, a_text, b_text)] for _t, _k, _a, _b, a_text, b_text in mine
                 if (kind, a_text, b_text) in judged]
        correct = sum(marks)
        missed = [c for c in labels["candidates"] if c["divergence"] == kind
                  and (c["triplet"], kind, tuple(c["a"]), tuple(c["b"])) not in where]
        scale = 1.0
        if kind == "quote":
            scale = (labels["candidate_population"]["quote"]
                     / max(labels["candidate_sampled"]["quote"], 1))
        misses = len(missed) * scale
        precision = f"{correct / len(marks):.2f}" if marks else "-"
        recall = f"{correct / (correct + misses):.2f}" if correct + misses else "-"
        print(f"{kind:<8} {len(mine):>5} {len(marks):>8} {precision:>9} {misses:>7.1f} "
              f"{recall:>7}")
    unlabelled = sum((k, a, b) not in judged for _t, k, _x, _y, a, b in found)
    print(f"unlabelled divergences: {unlabelled} (label them before quoting the figures)")
    print(f"time: alignment {align_time:.2f} s, divergences {diverge_time:.2f} s "
          f"(+{diverge_time / align_time:.0%})")
    seeds(seeds_path)


if __name__ == "__main__":
    main(sys.argv[1:])
