"""The comparison report: how much the sources overlap, which quotations several of them carry,
what only one of them says, and the tags. ``build_report`` makes one JSON-ready dict (schema in
the README); Markdown and HTML are rendered from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .align import MIN_QUOTE_WORDS, QUOTE_SAME, Alignment, _norm_quote, _quote_similarity
from .annotations import TAGS
from .attribution import find_quotations
from .diff import word_diff
from .divergence import Divergence, divergences
from .document import Document
from .inert import md_inline
from .kinds import SAME, UNIQUE
from .quotes import quote_spans
from .stories import Story


def build_report(
    alignment: Alignment, tag_counts: Sequence[dict[str, int]] | None = None,
    disagreements: Sequence[Divergence] | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> dict[str, object]:
    """The report of one alignment; ``disagreements``: its divergences when already known
    (the reader has them); ``progress(fraction, stage)`` as each part is done."""

    def told(fraction: float, stage: str) -> None:
        if progress is not None:
            progress(fraction, stage)

    told(0.0, "sources")
    docs = alignment.documents
    sources = []
    for i, d in enumerate(docs):
        counted = [s for s, f in enumerate(alignment.furniture[i]) if not f]
        unique = [s for s in counted if alignment.status[i][s] == UNIQUE]
        sources.append(
            {
                "index": i,
                "source": d.source,
                "title": d.title,
                "path": d.path,
                "fingerprint": d.fingerprint,
                "url": d.provenance.url,
                "site": d.provenance.site,
                "authors": list(d.provenance.authors),
                "published": d.provenance.published,
                "sentences": len(d.sentences),
                "shared_fraction": round(alignment.shared_fraction(i), 4),
                "unique": len(unique),
                "tags": dict(tag_counts[i]) if tag_counts else dict.fromkeys(TAGS, 0),
            }
        )
    by_pair: dict[tuple[int, int], list[dict[str, object]]] = {}  # the links grouped once
    for lk in alignment.links:
        if lk.a[0] < lk.b[0]:
            by_pair.setdefault((lk.a[0], lk.b[0]), []).append(
                {"a": lk.a[1], "b": lk.b[1], "kind": lk.kind, "score": round(lk.score, 4)})
    pairs = [{"a": i, "b": j, "links": by_pair[(i, j)]} for i, j in sorted(by_pair)]
    documents = []
    for i, d in enumerate(docs):
        documents.append(
            {
                "source": d.source,
                "text": d.text,
                "paragraphs": [{"start": p.start, "end": p.end} for p in d.paragraphs],
                "sentences": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "paragraph": s.paragraph,
                        "status": alignment.status[i][s.index],
                        "group": alignment.group_of[i][s.index],
                        "furniture": alignment.furniture[i][s.index],
                    }
                    for s in d.sentences
                ],
            }
        )
    told(0.2, "how much the sources share")
    matrix = [[round(v, 4) for v in row] for row in alignment.similarity_matrix()]
    told(0.3, "quotations carried by several sources")
    quotations = _shared_quotations(alignment)
    told(0.8, "where the sources disagree")
    found = divergences(alignment) if disagreements is None else disagreements
    disagree = [
        {**d.to_json(), "a_source": docs[d.a[0]].source, "b_source": docs[d.b[0]].source,
         "a_sentence": " ".join(docs[d.a[0]].sentence_text(d.a[1]).split()),
         "b_sentence": " ".join(docs[d.b[0]].sentence_text(d.b[1]).split()),
         "label": d.label()}
        for d in found
    ]
    told(0.9, "what only one source says")
    report = {
        "sources": sources,
        "documents": documents,
        "matrix": matrix,
        "pairs": pairs,
        "quotations": quotations,
        "divergences": disagree,
        "unique": [
            {
                "doc": i,
                "source": d.source,
                "sentences": [
                    {"sentence": s, "text": " ".join(d.sentence_text(s).split())}
                    for s in range(len(d.sentences))
                    if alignment.status[i][s] == UNIQUE and not alignment.furniture[i][s]
                ],
            }
            for i, d in enumerate(docs)
        ],
    }
    told(1.0, "done")
    return report


def _shared_quotations(alignment: Alignment) -> list[dict[str, object]]:
    docs = alignment.documents
    units: list[tuple[int, int, int, int]] = []  # doc, sentence, start, end
    by_sentence: dict[tuple[int, int], list[int]] = {}
    norms: list[str] = []
    for d, doc in enumerate(docs):
        for s, spans in enumerate(quote_spans(doc)):
            for a, b in spans:
                norm = _norm_quote(doc.text[a:b])
                if len(norm.split()) >= MIN_QUOTE_WORDS:
                    by_sentence.setdefault((d, s), []).append(len(units))
                    units.append((d, s, a, b))
                    norms.append(norm)
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in alignment.links:
        if link.kind != SAME:
            continue
        for ua in by_sentence.get(link.a, []):
            for ub in by_sentence.get(link.b, []):
                if _quote_similarity([norms[ua]], [norms[ub]]) >= QUOTE_SAME:
                    ra, rb = find(ua), find(ub)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for u in range(len(units)):
        groups.setdefault(find(u), []).append(u)
    speakers: dict[int, list] = {}  # the attribution of the documents that carry one (only)
    out = []
    for members in groups.values():
        if len({units[u][0] for u in members}) < 2:
            continue
        members.sort()
        reference = max(members, key=lambda u: (len(norms[u]), -u))
        rd, _rs, ra, rb = units[reference]
        ref_text = docs[rd].text[ra:rb]
        speaker = None
        carried = []
        for u in members:
            d, s, a, b = units[u]
            doc = docs[d]
            text = doc.text[a:b]
            if d not in speakers:
                speakers[d] = find_quotations(doc)
            found = next((q.speaker for q in speakers[d] if q.start <= a < max(q.end, a + 1)),
                         None)
            speaker = speaker or found
            carried.append(
                {
                    "doc": d,
                    "source": doc.source,
                    "sentence": s,
                    "start": a,
                    "end": b,
                    "text": text,
                    "speaker": found,
                    "diff": [list(span) for span in word_diff(ref_text, text)],
                }
            )
        out.append(
            {
                "text": " ".join(ref_text.split()),
                "speaker": speaker,
                "sources": sorted({c["source"] for c in carried}),
                "carried_by": carried,
                "first": first_carrier(docs, [c["doc"] for c in carried]),
            }
        )
    out.sort(key=lambda q: (q["carried_by"][0]["doc"], q["carried_by"][0]["start"]))  # type: ignore[index]
    out = _merge_continuations(out, alignment)
    out.sort(key=lambda q: (-len(q["sources"]), q["carried_by"][0]["doc"],  # type: ignore[index]
                            q["carried_by"][0]["start"]))  # type: ignore[index]
    return out


def _merge_continuations(
    quotations: list[dict[str, object]], alignment: Alignment
) -> list[dict[str, object]]:
    """One statement quoted over consecutive sentences of a paragraph, carried by the same
    sources, is one quotation."""
    docs = alignment.documents
    merged: list[dict[str, object]] = []
    for q in quotations:
        prev = merged[-1] if merged else None
        if prev is not None and _continues(prev, q, docs):
            for a, b in zip(prev["carried_by"], q["carried_by"], strict=True):  # type: ignore[arg-type]
                a["text"] += " … " + b["text"]
                a["end"] = b["end"]
                a["sentence_last"] = b["sentence"]
                a["diff"] = a["diff"] + [["equal", " … "]] + b["diff"]
                a["speaker"] = a["speaker"] or b["speaker"]
            prev["text"] = f"{prev['text']} … {q['text']}"
            prev["speaker"] = prev["speaker"] or q["speaker"]
        else:
            merged.append(q)
    return merged


def _continues(prev: dict[str, object], nxt: dict[str, object], docs) -> bool:
    a_items, b_items = prev["carried_by"], nxt["carried_by"]
    if [c["doc"] for c in a_items] != [c["doc"] for c in b_items]:  # type: ignore[union-attr]
        return False
    for a, b in zip(a_items, b_items, strict=True):  # type: ignore[arg-type]
        doc = docs[a["doc"]]
        last = a.get("sentence_last", a["sentence"])
        if b["sentence"] != last + 1:
            return False
        if doc.sentences[b["sentence"]].paragraph != doc.sentences[last].paragraph:
            return False
    return True


def first_carrier(docs, carriers: Sequence[int]) -> dict[str, object] | None:  # type: ignore[no-untyped-def]
    """The outlet that published a passage first, by the publication dates the pages declare:
    ``{"source", "published"}``, or ``None`` when fewer than two carriers have a date or the
    earliest date is shared (nobody was first as far as the dates tell)."""
    dated = sorted({(docs[d].provenance.published, docs[d].source) for d in set(carriers)
                    if docs[d].provenance.published})
    if len(dated) < 2 or dated[0][0] == dated[1][0]:
        return None
    return {"source": dated[0][1], "published": dated[0][0]}


def stories_report(documents: Sequence[Document], stories: Sequence[Story],
                   reports: Sequence[dict[str, object]]) -> dict[str, object]:
    """The report over several stories: an index, and each story's own report (its sources
    numbered within the story; ``documents`` gives their places in the list given)."""
    return {
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "documents": list(story.documents),
                "sources": [documents[d].source for d in story.documents],
                "report": report,
            }
            for story, report in zip(stories, reports, strict=True)
        ]
    }


def story_heading(story: dict[str, object]) -> str:
    n = len(story["documents"])  # type: ignore[arg-type]
    return f"Story {story['id'] + 1}: {story['title']} ({n} article{'s' * (n != 1)})"  # type: ignore[operator]


def render_markdown(report: dict[str, object]) -> str:
    if "stories" in report:
        return _stories_markdown(report["stories"])  # type: ignore[arg-type]
    return _markdown(report, 1)


def _stories_markdown(stories: list[dict[str, object]]) -> str:
    lines = ["# Comparison report", "",
             f"{len(stories)} stories: only articles of the same story are compared.", "",
             "## Stories", ""]
    for story in stories:
        lines.append(f"{story['id'] + 1}. [{_md(story['title'])}](#story-{story['id'] + 1}) "  # type: ignore[operator]
                     f"— {_md(', '.join(story['sources']))}")  # type: ignore[arg-type]
    for story in stories:
        lines += ["", f'<a id="story-{story["id"] + 1}"></a>', ""]  # type: ignore[operator]
        body = _markdown(story["report"], 2)  # type: ignore[arg-type]
        lines.append(body.replace("## Comparison report", "## " + _md(story_heading(story)), 1))
    return "\n".join(lines)


def _markdown(report: dict[str, object], level: int) -> str:
    h = "#" * level
    sources = report["sources"]  # type: ignore[assignment]
    lines = [f"{h} Comparison report", "", f"{h}# Sources", ""]
    lines.append(
        "| # | source | title | sentences | shared | only here | quote | claim | boilerplate |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for s in sources:  # type: ignore[union-attr]
        t = s["tags"]
        lines.append(
            f"| {s['index'] + 1} | {_md(s['source'])} | {_md(s['title'])} | {s['sentences']} | "
            f"{s['shared_fraction']:.0%} | {s['unique']} | {t['quote']} | {t['claim']} | "
            f"{t['boilerplate']} |"
        )
    lines += ["", f"{h}# How much each source shares with each other", "",
              "Share of the row source's sentences with a counterpart in the column source.", ""]
    header = "| | " + " | ".join(f"{s['index'] + 1}" for s in sources) + " |"  # type: ignore[union-attr]
    lines += [header, "|---" * (len(sources) + 1) + "|"]  # type: ignore[arg-type]
    for s, row in zip(sources, report["matrix"], strict=True):  # type: ignore[arg-type]
        cells = " | ".join("·" if j == s["index"] else f"{v:.0%}" for j, v in enumerate(row))
        lines.append(f"| {s['index'] + 1} {_md(s['source'])} | {cells} |")
    quotations = report["quotations"]
    lines += ["", f"{h}# Quotations carried by two or more sources ({len(quotations)})", ""]  # type: ignore[arg-type]
    for q in quotations:  # type: ignore[union-attr]
        speaker = f" — {_md(q['speaker'])}" if q["speaker"] else ""
        lines.append(f"> {_md(q['text'])}{speaker}")
        first = q.get("first")
        earliest = (f" · first: {_md(first['source'])} ({_md(first['published'])})"
                    if first else "")
        lines.append(f"> carried by: {_md(', '.join(q['sources']))}{earliest}")
        lines.append("")
        for c in q["carried_by"]:
            rendered = "".join(
                _md(t) if op == "equal" else f"**{_md(t)}**" if op == "insert" else f"~~{_md(t)}~~"
                for op, t in c["diff"]
            )
            lines.append(f"- {_md(c['source'])}: {' '.join(rendered.split())}")
        lines.append("")
    disagree = report.get("divergences", [])
    lines += [f"{h}# Where the sources disagree ({len(disagree)})", ""]  # type: ignore[arg-type]
    if not disagree:
        lines += ["No figure, date, quotation or speaker differs between linked sentences.", ""]
    for d in disagree:  # type: ignore[union-attr]
        note = f" ({_md(d['note'])})" if d.get("note") else ""
        lines.append(f"- **{_md(d['kind'])}**: {_md(d['a_text'])} ≠ {_md(d['b_text'])}{note}")
        lines.append(f"  - {_md(d['a_source'])}: {_md(d['a_sentence'])}")
        lines.append(f"  - {_md(d['b_source'])}: {_md(d['b_sentence'])}")
    if disagree:
        lines.append("")
    lines += [f"{h}# What only one source reports", ""]
    for u in report["unique"]:  # type: ignore[union-attr]
        lines.append(f"{h}## {_md(u['source'])} ({len(u['sentences'])} sentences)")
        lines.append("")
        lines += [f"- {_md(s['text'])}" for s in u["sentences"]]
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return md_inline(text)
