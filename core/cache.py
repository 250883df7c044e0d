"""A cache of alignments and suggestions, keyed by the documents' fingerprints.

Reopening the same set of articles (same contents, same order) reads the alignment and the
suggested tags from ``platformdirs.user_cache_dir("sidebyside")`` (or ``SIDEBYSIDE_CACHE_DIR``)
instead of computing them again. The key also covers the source of the modules that compute
them, so a new version never reads a stale entry. The cache is safe to delete: a missing,
unreadable, corrupt or foreign file is a miss, and the entry is rebuilt. Writes are atomic
(a temporary file renamed into place); a cache that cannot be written is skipped silently,
because nothing in it is user data.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Document

if TYPE_CHECKING:
    from .align import Alignment
    from .suggest import Suggestion

FORMAT = 2
_ENGINE = ("align.py", "similarity.py", "tokens.py", "quotes.py", "wordvec.py", "normalize.py",
           "facts.py", "clauses.py", "calibration.py", "evidence.py", "kinds.py",
           "boilerplate.py", "suggest.py", "attribution.py", "claims.py", "segment.py",
           "data/wordvectors.npz", "data/claims.npz")


def cache_dir() -> Path:
    env = os.environ.get("SIDEBYSIDE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sidebyside"))


@functools.cache
def _engine_hash() -> str:
    h = hashlib.sha256(f"format {FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for name in _ENGINE:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()


def key(documents: Sequence[Document]) -> str:
    h = hashlib.sha256(_engine_hash().encode())
    for d in documents:
        h.update(d.fingerprint.encode())
    return h.hexdigest()[:40]


def _path(documents: Sequence[Document], folder: Path | None) -> Path:
    return (folder or cache_dir()) / f"{key(documents)}.json.gz"


def load(documents: Sequence[Document], folder: Path | None = None
         ) -> tuple[Alignment, list[Suggestion]] | None:
    """The cached alignment and suggestions of these documents, or None (a miss)."""
    from .align import Alignment, Link
    from .suggest import Suggestion

    path = _path(documents, folder)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        if data.get("key") != key(documents):
            return None
        links = [Link((a, sa), (b, sb), float(score), kind,
                      clause=tuple(clause) if clause else None)  # type: ignore[arg-type]
                 for a, sa, b, sb, score, kind, clause in data["links"]]
        furniture, repeat_of = data["furniture"], data["repeat_of"]
        if len(furniture) != len(documents) or len(repeat_of) != len(documents) or any(
                len(fu) != len(doc.sentences) or len(rp) != len(doc.sentences)
                for fu, rp, doc in zip(furniture, repeat_of, documents, strict=True)):
            return None
        n_sentences = [len(doc.sentences) for doc in documents]
        for lk in links:
            for d, s in (lk.a, lk.b):
                if not (0 <= d < len(documents) and 0 <= s < n_sentences[d]):
                    return None
        alignment = Alignment(list(documents), links,
                              [[bool(x) for x in fu] for fu in furniture],
                              [[None if x is None else int(x) for x in rp] for rp in repeat_of])
        suggestions = [Suggestion(int(d), int(a), int(b), tag, float(score), speaker)
                       for d, a, b, tag, score, speaker in data["suggestions"]]
        if not _sound(alignment, suggestions):
            return None
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError,
            json.JSONDecodeError):
        return None  # missing, truncated, corrupt or foreign: rebuilt by the caller
    return alignment, suggestions


def _sound(alignment: Alignment, suggestions: Sequence[Suggestion]) -> bool:
    """An entry with the right key but the wrong shape (a link to sentence 9999, a repeat of a
    sentence that is not there, an unknown tag) is a miss, never a crash later."""
    from .align import RELATED, SAME
    from .annotations import TAGS

    docs = alignment.documents
    for lk in alignment.candidates:
        if lk.kind not in (SAME, RELATED) or not 0.0 <= lk.score <= 1.0 or lk.a[0] == lk.b[0]:
            return False
        if lk.clause is not None and (len(lk.clause) != 4 or not all(
                isinstance(x, int) and x >= 0 for x in lk.clause)):
            return False
    for d, repeats in enumerate(alignment.repeat_of):
        if any(r is not None and not 0 <= r < len(docs[d].sentences) for r in repeats):
            return False
    for x in suggestions:
        if x.tag not in TAGS or not 0 <= x.doc < len(docs) or not (
                0 <= x.start < x.end <= len(docs[x.doc].text)):
            return False
        if x.speaker is not None and not isinstance(x.speaker, str):
            return False
    return True


def save(alignment: Alignment, suggestions: Sequence[Suggestion],
         folder: Path | None = None) -> bool:
    """Store an entry atomically; False (and nothing written) when the cache is not writable."""
    documents = alignment.documents
    data = {
        "key": key(documents),
        "links": [[lk.a[0], lk.a[1], lk.b[0], lk.b[1], lk.score, lk.kind,
                   list(lk.clause) if lk.clause else None]
                  for lk in alignment.candidates if lk.by == "engine"],
        "furniture": alignment.furniture,
        "repeat_of": alignment.repeat_of,
        "suggestions": [[x.doc, x.start, x.end, x.tag, x.score, x.speaker] for x in suggestions],
    }
    path = _path(documents, folder)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json.gz")
        with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as f:
            json.dump(data, f, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True
