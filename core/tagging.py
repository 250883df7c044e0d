"""The tags of the open documents during a session: toggling, notes, undo/redo, saving.

Every action is saved at once, as one store transaction. If a write fails (full disk, read-only
folder), the change stays in memory as *pending*: it is retried before the next action and by
``retry()``, and nothing typed is lost while the program runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .anchoring import ORPHAN, Anchor, reanchor  # rapidfuzz/diff-match-patch load lazily
from .annotations import TAGS, Annotation, absolute, make_annotation
from .document import Document
from .judgements import LINK, Judgement, make_judgement, placed_pairs, sentence_keys
from .store import Rejection, Store, StoreError, StoreWriteError

_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,})[”\"»]")


@dataclass
class Placed:
    """An annotation and where it sits in the open document (or that it is an orphan)."""

    annotation: Annotation
    doc: int
    anchor: Anchor

    @property
    def start(self) -> int:
        return self.anchor.start

    @property
    def end(self) -> int:
        return self.anchor.end

    @property
    def orphan(self) -> bool:
        return self.anchor.method == ORPHAN


@dataclass
class Change:
    """One undoable action: what it saved and what it removed."""

    added: list[Annotation] = field(default_factory=list)
    removed: list[Annotation] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)  # suggestions turned down
    unrejected: list[Rejection] = field(default_factory=list)
    judged: list[Judgement] = field(default_factory=list)  # links drawn or rejected
    unjudged: list[Judgement] = field(default_factory=list)

    def inverse(self) -> Change:
        return Change(added=list(self.removed), removed=list(self.added),
                      rejected=list(self.unrejected), unrejected=list(self.rejected),
                      judged=list(self.unjudged), unjudged=list(self.judged))


class TagBook:
    def __init__(self, documents: Sequence[Document], store: Store | None) -> None:
        self.documents = list(documents)
        self.store = store
        self.placed: dict[str, Placed] = {}
        self._by_doc: dict[int, dict[str, Placed]] = {}  # placed tags, indexed by document
        self._sorted: dict[int, list[Placed]] = {}  # for_doc's answer, until doc changes
        self._all: list[Placed] | None = None  # all()'s answer, until a tag changes
        self._doc_index = {doc.fingerprint: d for d, doc in enumerate(self.documents)}
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.pending: list[Change] = []
        self.last_error: str | None = None
        self.rejected: set[Rejection] = set()
        self.judgements: dict[tuple[str, str], Judgement] = {}
        self.skipped = 0  # rows of the store that could not be used
        self.conflicts = 0  # tags changed in another window meanwhile (both versions kept)
        self._lost: list[Annotation] | None = None
        self.read_problem: str | None = None  # the store could not be read (damaged)
        try:
            self._load(store)
        except StoreError as exc:  # a damaged page found while reading: say so, keep going
            self.read_problem = str(exc)

    def _load(self, store: Store | None) -> None:
        if store is not None:
            for doc in self.documents:
                self.rejected |= store.rejections(doc.fingerprint)
            here = sentence_keys(self.documents)
            for j in store.judgements():
                if j.key_a in here and j.key_b in here:
                    self.judgements[j.pair] = j
            for d, doc in enumerate(self.documents):
                for a in store.for_document(doc.fingerprint, doc.path):
                    if a.problem() is not None:  # a damaged or foreign row: skipped, counted
                        self.skipped += 1
                        continue
                    if a.id in self.placed and not self.placed[a.id].orphan:
                        continue
                    self._put(Placed(a, d, reanchor(a, doc.text)))

    # --- queries ---------------------------------------------------------------------------

    @property
    def lost(self) -> list[Annotation]:
        """Saved tags whose article is neither open nor where it was (edited and renamed,
        moved): read from the store when first asked (the annotations screen), not at start."""
        if self._lost is None:
            self._lost = []
            if self.store is not None:
                try:
                    self._lost = _lost(self.store.outside(*_open(self.documents)),
                                       self.documents)
                except StoreError as exc:
                    self.read_problem = str(exc)
        return self._lost

    def _put(self, placed: Placed) -> None:
        old = self.placed.get(placed.annotation.id)
        if old is not None:
            self._drop(old.annotation.id)
        self.placed[placed.annotation.id] = placed
        self._by_doc.setdefault(placed.doc, {})[placed.annotation.id] = placed
        self._sorted.pop(placed.doc, None)
        self._all = None

    def _drop(self, annotation_id: str) -> None:
        old = self.placed.pop(annotation_id, None)
        if old is not None:
            self._by_doc.get(old.doc, {}).pop(annotation_id, None)
            self._sorted.pop(old.doc, None)
            self._all = None

    def for_doc(self, doc: int) -> list[Placed]:
        """The placed (not orphaned) tags of a document, in text order: from an index by
        document, sorted again only after that document's tags changed."""
        found = self._sorted.get(doc)
        if found is None:
            found = sorted((p for p in self._by_doc.get(doc, {}).values() if not p.orphan),
                           key=lambda p: (p.start, p.end))
            self._sorted[doc] = found
        return list(found)

    def at(self, doc: int, start: int, end: int) -> list[Placed]:
        """Tags overlapping ``[start, end)`` of a document."""
        return [p for p in self.for_doc(doc) if p.start < end and start < p.end]

    def counts(self) -> list[dict[str, int]]:
        """Placed tags per document, by tag."""
        out = []
        for d in range(len(self.documents)):
            tags = [p.annotation.tag for p in self.for_doc(d)]
            out.append({t: tags.count(t) for t in TAGS})
        return out

    def orphans(self) -> list[Placed]:
        return [p for p in self.placed.values() if p.orphan]

    def all(self) -> list[Placed]:
        """Every placed tag, by document and position (sorted once per change)."""
        if self._all is None:
            self._all = sorted(self.placed.values(), key=lambda p: (p.doc, p.start, p.end))
        return list(self._all)

    # --- actions ---------------------------------------------------------------------------

    def toggle(self, doc: int, start: int, end: int, tag: str, speaker: str = "") -> Change:
        """Tag ``[start, end)``; if exactly that passage already has this tag, remove it. A
        quote keeps its ``speaker``."""
        same = [p for p in self.at(doc, start, end) if p.annotation.tag == tag
                and p.start == start and p.end == end]
        if same:
            change = Change(removed=[p.annotation for p in same])
        else:
            change = Change(added=[make_annotation(self.documents[doc], start, end, tag,
                                                   speaker=speaker)])
        self._do(change)
        return change

    def add(self, doc: int, start: int, end: int, tag: str, note: str = "") -> Change:
        """Tag ``[start, end)`` with a note, as one change (one undo)."""
        change = Change(added=[make_annotation(self.documents[doc], start, end, tag, note=note)])
        self._do(change)
        return change

    def is_rejected(self, doc: int, start: int, end: int, tag: str) -> bool:
        return (self.documents[doc].fingerprint, start, end, tag) in self.rejected

    def accept(self, doc: int, spans: Sequence[tuple[int, int, str]],
               speakers: Sequence[str | None] = ()) -> Change:
        """Suggestions ``(start, end, tag)`` become tags of the user's, in one undoable step
        (a quotation with its speaker, when given)."""
        who = list(speakers) + [None] * (len(spans) - len(speakers))
        change = Change(added=[make_annotation(self.documents[doc], a, b, tag,
                                               speaker=w or "")
                               for (a, b, tag), w in zip(spans, who, strict=True)])
        self._do(change)
        return change

    def reject(self, doc: int, start: int, end: int, tag: str) -> Change:
        """Turn a suggestion down: remembered for this document's content (undoable)."""
        change = Change(rejected=[(self.documents[doc].fingerprint, start, end, tag)])
        self._do(change)
        return change

    def remove(self, doc: int, start: int, end: int) -> Change:
        change = Change(removed=[p.annotation for p in self.at(doc, start, end)])
        if change.removed:
            self._do(change)
        return change

    def remove_ids(self, ids: Sequence[str]) -> Change:
        change = Change(removed=[self.placed[i].annotation for i in ids if i in self.placed])
        if change.removed:
            self._do(change)
        return change

    def set_note(self, annotation_id: str, note: str, speaker: str | None = None) -> Change:
        """A new note (and, for a quote, a new speaker when given)."""
        old = self.placed[annotation_id].annotation
        change = Change(added=[old.with_note(note, speaker)], removed=[old])
        self._do(change)
        return change

    def narrow(self, annotation_id: str, part: str) -> Change | None:
        """Narrow a tag to ``part`` of its passage (the first occurrence inside it, whitespace
        compared loosely); None if ``part`` is not in the passage."""
        placed = self.placed[annotation_id]
        doc = self.documents[placed.doc]
        passage = doc.text[placed.start : placed.end]
        wanted = " ".join(part.split())
        if not wanted:
            return None
        offset = _loose_find(passage, wanted)
        if offset is None:
            return None
        return self.narrow_to(annotation_id, *offset)

    def narrow_to(self, annotation_id: str, start: int, end: int) -> Change | None:
        """Narrow a tag to ``[start, end)`` of its passage (offsets inside the passage); None
        when that is no part of it."""
        placed = self.placed[annotation_id]
        doc = self.documents[placed.doc]
        passage = doc.text[placed.start : placed.end]
        while start < end and passage[start].isspace():  # a selection's spaces at its edges
            start += 1
        while end > start and passage[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(passage):
            return None
        start, end = placed.start + start, placed.start + end
        old = placed.annotation
        new = make_annotation(doc, start, end, old.tag, old.note, old.speaker)
        change = Change(added=[new], removed=[old])
        self._do(change)
        return change

    def link_pairs(self) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]],
                                  set[tuple[tuple[int, int], tuple[int, int]]]]:
        """The user's links and rejected pairs on the open documents."""
        return placed_pairs(self.judgements.values(), self.documents)

    def judgement(self, a: tuple[int, int], b: tuple[int, int]) -> Judgement | None:
        """The user's judgement on two sentences, if any."""
        probe = self._judge(a, b, LINK)
        return self.judgements.get(probe.pair)

    def judge_link(self, a: tuple[int, int], b: tuple[int, int], verdict: str) -> Change:
        """Draw (``LINK``) or reject (``REJECT``) the link between two sentences of different
        documents: saved at once, keyed by the sentences' content, undoable."""
        if a[0] == b[0]:
            raise ValueError("a link joins sentences of two different articles")
        new = self._judge(a, b, verdict)
        old = self.judgements.get(new.pair)
        change = Change(judged=[new], unjudged=[old] if old is not None else [])
        self._do(change)
        return change

    def _judge(self, a: tuple[int, int], b: tuple[int, int], verdict: str) -> Judgement:
        from .annotations import now

        text_a = self.documents[a[0]].sentence_text(a[1])
        text_b = self.documents[b[0]].sentence_text(b[1])
        return make_judgement(text_a, text_b, verdict, now())

    def undo(self) -> Change | None:
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self._apply(change.inverse())
        self.redo_stack.append(change)
        return change

    def redo(self) -> Change | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self._apply(change)
        self.undo_stack.append(change)
        return change

    def retry(self) -> bool:
        """Write pending changes; True when nothing is pending any more."""
        while self.pending:
            try:
                self._write(self.pending[0])
            except StoreWriteError as exc:
                self.last_error = str(exc)
                return False
            self.pending.pop(0)
        self.last_error = None
        return True

    # --- internals -------------------------------------------------------------------------

    def _do(self, change: Change) -> None:
        self._apply(change)
        self.undo_stack.append(change)
        self.redo_stack.clear()

    def _apply(self, change: Change) -> None:
        for a in change.removed:
            self._drop(a.id)
        for a in change.added:
            doc = self._doc_of(a)
            self._put(Placed(a, doc, reanchor(a, self.documents[doc].text)))
        self.rejected.difference_update(change.unrejected)
        self.rejected.update(change.rejected)
        for j in change.unjudged:
            if self.judgements.get(j.pair) == j:
                del self.judgements[j.pair]
        for j in change.judged:
            self.judgements[j.pair] = j
        self.pending.append(change)
        self.retry()

    def _write(self, change: Change) -> None:
        if self.store is None:
            return
        added = {a.id for a in change.added}
        conflicts = self.store.apply(
            save=change.added, delete=[a.id for a in change.removed if a.id not in added],
            reject=change.rejected, unreject=change.unrejected,
            judge=change.judged, unjudge=change.unjudged, expected=change.removed)
        if conflicts:
            self.conflicts += conflicts

    def _doc_of(self, a: Annotation) -> int:
        found = self._doc_index.get(a.fingerprint)
        if found is not None:
            return found
        for d, doc in enumerate(self.documents):
            if doc.path != "-" and a.path == absolute(doc.path):
                return d
        return 0


def _open(documents: Sequence[Document]) -> tuple[set[str], set[str]]:
    """The contents and the paths of the open documents."""
    return ({d.fingerprint for d in documents},
            {absolute(d.path) for d in documents if d.path != "-"})


def _lost(saved: Sequence[Annotation], documents: Sequence[Document]) -> list[Annotation]:
    """Saved tags whose article can be found nowhere: not among the open documents (by content
    or path) and no longer at their path. They are listed, with their quote and old path, so
    that no tag is ever out of sight."""
    fingerprints, paths = _open(documents)
    return [a for a in saved if a.fingerprint not in fingerprints and a.path not in paths
            and a.problem() is None and not os.path.exists(a.path)]  # cheapest tests first


def _loose_find(passage: str, wanted: str) -> tuple[int, int] | None:
    """Where ``wanted`` (single-spaced) occurs in ``passage`` with any whitespace between its
    words: (start, end) offsets into ``passage``."""
    pattern = r"\s+".join(re.escape(w) for w in wanted.split())
    m = re.search(pattern, passage)
    return (m.start(), m.end()) if m else None


def quotation_in(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quoted passage inside ``text[start:end]`` (quotation marks included), if any: a
    quote tag is narrowed to it, since a quote is often only part of a sentence."""
    m = _QUOTED.search(text, start, end)
    if m is None:
        return None
    return m.start(), m.end()
