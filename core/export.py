"""Saved annotations as JSON, W3C Web Annotation JSON-LD, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .anchoring import Anchor, reanchor
from .annotations import JSONLD_CONTEXT, Annotation
from .document import Document
from .judgements import Judgement
from .judgements import from_jsonld as judgement_from_jsonld
from .judgements import to_jsonld as judgement_to_jsonld

FORMATS = ("json", "jsonld", "csv", "md")


@dataclass(frozen=True)
class Row:
    annotation: Annotation
    source: str
    anchor: Anchor | None  # None: not checked against a current text
    text: str


def rows_for(annotations: Sequence[Annotation], documents: Sequence[Document] = ()) -> list[Row]:
    """Annotations with their source; with documents given, only theirs, re-anchored against
    the current text (orphans included, marked)."""
    if not documents:
        return [Row(a, Path(a.path).stem or a.path, None, a.exact) for a in annotations]
    out = []
    for doc in documents:
        path = os.path.abspath(doc.path) if doc.path != "-" else None
        mine = [a for a in annotations if a.fingerprint == doc.fingerprint or a.path == path]
        for a in mine:
            anchor = reanchor(a, doc.text)
            text = doc.text[anchor.start : anchor.end] if anchor.placed else a.exact
            out.append(Row(a, doc.source, anchor, text))
    return out


def render(rows: Sequence[Row], fmt: str, judgements: Sequence[Judgement] = ()) -> str:
    """The rows in a format; ``jsonld`` and ``md`` also carry the user's link judgements."""
    if fmt == "json":
        return json.dumps([_json(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonld":
        items = []
        for r in rows:
            item = r.annotation.to_jsonld()
            item.pop("@context", None)
            items.append(item)
        items += [judgement_to_jsonld(j) for j in judgements]
        return json.dumps(
            {
                "@context": JSONLD_CONTEXT,
                "type": "AnnotationCollection",
                "label": "Sidebyside annotations",
                "total": len(items),
                "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
            },
            ensure_ascii=False,
            indent=2,
        ) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["source", "path", "tag", "start", "end", "text", "note", "created"])
        for r in rows:
            a = r.annotation
            start, end = (r.anchor.start, r.anchor.end) if r.anchor and r.anchor.placed else (
                a.start, a.end
            )
            writer.writerow([r.source, a.path, a.tag, start, end, r.text, a.note, a.created])
        return buf.getvalue()
    if fmt == "md":
        lines = ["# Annotations", ""]
        by_source: dict[str, list[Row]] = {}
        for r in rows:
            by_source.setdefault(r.source, []).append(r)
        for source, group in by_source.items():
            lines.append(f"## {source}")
            lines.append("")
            for r in group:
                a = r.annotation
                text = " ".join(r.text.split())
                gone = r.anchor is not None and not r.anchor.placed
                orphan = " *(orphan: the passage changed)*" if gone else ""
                note = f" — {a.note}" if a.note else ""
                lines.append(f"- **{a.tag}**: “{text}”{note}{orphan} ({a.created[:10]})")
            lines.append("")
        if judgements:
            lines += ["## Links you judged", ""]
            for j in judgements:
                verb = "same fact" if j.verdict == "link" else "not the same fact"
                a_text, b_text = " ".join(j.text_a.split()), " ".join(j.text_b.split())
                lines.append(f"- **{verb}**: “{a_text}” / “{b_text}” ({j.created[:10]})")
            lines.append("")
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def _json(r: Row) -> dict[str, object]:
    data = r.annotation.as_dict()
    data["source"] = r.source
    if r.anchor is not None:
        data["anchor"] = {"start": r.anchor.start, "end": r.anchor.end, "method": r.anchor.method}
    return data


def parse_jsonld(text: str) -> list[Annotation]:
    """Annotations from a W3C Web Annotation collection, page, list or single annotation."""
    return parse_jsonld_all(text)[0]


def parse_jsonld_all(text: str) -> tuple[list[Annotation], list[Judgement]]:
    """Tags and link judgements (motivation ``linking``) from a W3C Web Annotation collection,
    page, list or single annotation."""
    data = json.loads(text)
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        items = data.get("first", {}).get("items", [])
    elif isinstance(data, dict) and data.get("type") == "AnnotationPage":
        items = data.get("items", [])
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    if not isinstance(items, list):
        raise ValueError("the annotations are not a list")
    tags: list[Annotation] = []
    links: list[Judgement] = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("an annotation is not an object")
        if item.get("motivation") == "linking":
            links.append(judgement_from_jsonld(item))
        else:
            tags.append(Annotation.from_jsonld(item))
    return tags, links
