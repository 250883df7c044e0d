"""A readable text summary of an alignment (``sidebyside align`` without ``--json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .inert import shortened
from .kinds import SAME

if TYPE_CHECKING:  # the reader imports this module (MATRIX_MAX) before its first frame
    from .align import Alignment
    from .stories import Story

MATRIX_MAX = 30  # sources shown in the similarity matrix


def summary(alignment: Alignment, stories: Sequence[Story] = (), width: int = 100) -> str:
    """The sources, how much they share, and the shared passages; with several stories, the
    stories first (only articles of one story are compared)."""
    docs = alignment.documents
    out: list[str] = []
    if len(stories) > 1:
        out.append(f"Stories ({len(stories)}; only articles of the same story are compared)")
        for story in stories:
            members = ",".join(str(d + 1) for d in story.documents)
            prefix = f"  {story.id + 1:>3}. [{members}] "
            out.append(prefix + shortened(story.title, max(width - len(prefix), 10)))
        out.append("")
    out.append("Sources")
    for i, d in enumerate(docs):
        shared = alignment.shared_fraction(i)
        out.append(
            f"  [{i + 1}] {shortened(d.source, 28):28s} {shared:4.0%} shared  "
            f"{len(d.sentences):4d} sentences  {shortened(d.title, width - 52)}"
        )
    out.append("")
    if len(docs) <= MATRIX_MAX:
        out.append("Similarity: share of the row source's sentences with a counterpart in the "
                   "column's")
        matrix = alignment.similarity_matrix()
        out.append("       " + "".join(f"{f'[{j + 1}]':>7s}" for j in range(len(docs))))
        for i, row in enumerate(matrix):
            cells = "".join("      ·" if i == j else f"{v:7.0%}" for j, v in enumerate(row))
            out.append(f"  [{i + 1}]".ljust(7) + cells)
    else:  # a square of N² cells says nothing readable past a few dozen sources
        out.append(f"Similarity matrix left out: {len(docs)} sources (it is shown up to "
                   f"{MATRIX_MAX}; 'align --json' and 'report' have every link)")
    out.append("")
    groups = sorted(
        alignment.groups,
        key=lambda g: (-len({d for d, _ in g.members}), g.id),
    )
    shared_groups = [g for g in groups if len({d for d, _ in g.members}) > 1]
    out.append(
        f"Shared passages ({len(shared_groups)} groups; = verbatim or same quote, ~ related)"
    )
    for g in shared_groups:
        sources = sorted({d for d, _ in g.members})
        inside = set(g.members)
        internal = {
            (d, s): [lk for lk in alignment.links_of(d, s) if lk.other((d, s)) in inside]
            for d, s in g.members
        }
        d0, s0 = max(g.members, key=lambda m: (len(internal[m]), -m[0], -m[1]))
        kinds = {lk.kind for lks in internal.values() for lk in lks}
        mark = "=" if SAME in kinds else "~"
        label = ",".join(str(d + 1) for d in sources)
        prefix = f"  {mark} [{label}] "
        out.append(prefix + shortened(docs[d0].sentence_text(s0), width - len(prefix)))
    return "\n".join(out) + "\n"
