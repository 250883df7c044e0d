"""Sidebyside core: pure logic (no Textual). Public API:

``load(path) -> Document``, ``align_documents(documents) -> Alignment``,
``core.align.score_pairs(pairs) -> scores``, ``core.diff.word_diff(a, b) -> spans``.
"""

from .document import Document, Paragraph, Sentence
from .errors import InputError
from .ingest import MAX_BYTES, expand_paths, from_text, load, load_many
from .samples import seed_paths
from .segment import segment

_LAZY = {"Alignment", "Group", "Link", "align_documents"}


def __getattr__(name: str) -> object:
    """The aligner (numpy, rapidfuzz) is imported on first use, so that reading and segmenting
    articles, and the reader's first paint, do not wait for it."""
    if name in _LAZY:
        from . import align

        return getattr(align, name)
    raise AttributeError(f"module 'sidebyside.core' has no attribute {name!r}")


__all__ = [
    "MAX_BYTES",
    "Alignment",
    "Document",
    "Group",
    "InputError",
    "Link",
    "Paragraph",
    "Sentence",
    "align_documents",
    "expand_paths",
    "from_text",
    "load",
    "load_many",
    "seed_paths",
    "segment",
]
