"""Sidebyside core: pure logic (no Textual). Public API:

``load(path) -> Document``, ``align_documents(documents) -> Alignment``,
``core.align.score_pairs(pairs) -> scores``, ``core.diff.word_diff(a, b) -> spans``.
"""

from .document import Document, Paragraph, Sentence
from .errors import InputError
from .ingest import MAX_BYTES, expand_paths, from_text, load, load_many
from .samples import seed_paths
from .segment import segment

__all__ = [
    "MAX_BYTES",
    "Document",
    "InputError",
    "Paragraph",
    "Sentence",
    "expand_paths",
    "from_text",
    "load",
    "load_many",
    "seed_paths",
    "segment",
]
