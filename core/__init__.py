"""Sidebyside core: pure logic (no Textual). Public API:

``load(path) -> Document``, ``align_documents(documents) -> Alignment``,
``core.align.score_pairs(pairs) -> scores``, ``core.diff.word_diff(a, b) -> spans``.
"""

from .align import Alignment, Group, Link, align_documents
from .document import Document, Paragraph, Sentence
from .errors import InputError
from .ingest import MAX_BYTES, expand_paths, from_text, load, load_many
from .samples import seed_paths
from .segment import segment

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
