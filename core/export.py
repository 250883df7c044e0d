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
from .annotations import JSONLD_CONTEXT, Annotation, absolute
from .citation import display_path
from .document import Document
from .inert import csv_cell, md_inline
from .judgements import Judgement
from .judgements import from_jsonld as judgement_from_jsonld
from .judgements import to_jsonld as judgement_to_jsonld
from .quotes import in_quotes

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
        names = _source_names({a.path for a in annotations})
        return [Row(a, names.get(a.path) or Path(a.path).stem or a.path, None, a.exact)
                for a in annotations]
    out = []
    for doc in documents:
        path = absolute(doc.path) if doc.path != "-" else None
        mine = [a for a in annotations if a.fingerprint == doc.fingerprint or a.path == path]
        for a in mine:
            anchor = reanchor(a, doc.text)
            text = doc.text[anchor.start : anchor.end] if anchor.placed else a.exact
            out.append(Row(a, doc.source, anchor, text))
    return out


def _source_names(paths: set[str]) -> dict[str, str]:
    """The display name of each article that can still be read (as the reader names it:
    "Breitbart", not "breitbart"); an article that cannot be read keeps its file name."""
    from .errors import InputError
    from .ingest import load

    out: dict[str, str] = {}
    for path in paths:
        if path and os.path.isfile(path):
            try:
                out[path] = load(path).source
            except (InputError, OSError):
                continue
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
        writer.writerow(["source", "path", "tag", "start", "end", "text", "speaker", "note",
                         "created"])
        for r in rows:
            a = r.annotation
            start, end = (r.anchor.start, r.anchor.end) if r.anchor and r.anchor.placed else (
                a.start, a.end
            )
            writer.writerow([csv_cell(x) for x in
                             (r.source, display_path(a.path), a.tag, start, end, r.text,
                              a.speaker, a.note, a.created)])
        return buf.getvalue()
    if fmt == "md":
        lines = ["# Annotations", ""]
        by_source: dict[str, list[Row]] = {}
        for r in rows:
            by_source.setdefault(r.source, []).append(r)
        for source, group in by_source.items():
            lines.append(f"## {md_inline(source)}")
            lines.append("")
            for r in group:
                a = r.annotation
                text = md_inline(r.text)
                gone = r.anchor is not None and not r.anchor.placed
                orphan = " *(orphan: the passage changed)*" if gone else ""
                note = f" — {md_inline(a.note)}" if a.note else ""
                who = f" ({md_inline(a.speaker)})" if a.speaker else ""
                lines.append(f"- **{md_inline(a.tag)}**{who}: {in_quotes(text)}{note}{orphan} "
                             f"({md_inline(a.created[:10])})")
            lines.append("")
        if judgements:
            lines += ["## Links you judged", ""]
            for j in judgements:
                verb = "same fact" if j.verdict == "link" else "not the same fact"
                a_text, b_text = md_inline(j.text_a), md_inline(j.text_b)
                lines.append(f"- **{verb}**: {in_quotes(a_text)} / {in_quotes(b_text)} "
                             f"({j.created[:10]})")
            lines.append("")
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def _json(r: Row) -> dict[str, object]:
    data = r.annotation.as_dict()
    data["source"] = r.source
    data["path"] = display_path(r.annotation.path)
    if r.anchor is not None:
        data["anchor"] = {"start": r.anchor.start, "end": r.anchor.end, "method": r.anchor.method}
    return data


def parse_jsonld(text: str) -> list[Annotation]:
    """Annotations from a W3C Web Annotation collection, page, list or single annotation."""
    return parse_jsonld_all(text)[0]


MAX_IMPORT_ITEMS = 1_000_000


def parse_jsonld_all(text: str) -> tuple[list[Annotation], list[Judgement]]:
    """Tags and link judgements (motivation ``linking``) from a W3C Web Annotation collection,
    page, list or single annotation. Every item is checked; anything malformed raises
    ValueError with a one-line reason (never another exception), naming the item."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors write
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("not JSON-LD: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError("not a JSON-LD annotation export (as sidebyside export --format jsonld "
                         f"writes): not JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        first = data.get("first", {})
        items = first.get("items", []) if isinstance(first, dict) else None
    elif isinstance(data, dict) and data.get("type") == "AnnotationPage":
        items = data.get("items", [])
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        items = [data]
    else:
        items = None
    if not isinstance(items, list):
        raise ValueError("not a JSON-LD annotation export: no list of annotations found")
    if len(items) > MAX_IMPORT_ITEMS:
        raise ValueError(f"too many annotations ({len(items):,})")
    tags: list[Annotation] = []
    links: list[Judgement] = []
    for k, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise ValueError("not an object")
            if item.get("motivation") == "linking":
                links.append(judgement_from_jsonld(item))
            else:
                tags.append(Annotation.from_jsonld(item))
        except (ValueError, RecursionError) as exc:
            raise ValueError(f"annotation {k}: {exc}") from None
    return tags, links


def merge_incoming(existing: Sequence[Annotation], incoming: Sequence[Annotation]
                   ) -> tuple[list[Annotation], list[Annotation]]:
    """Which imported tags are new, and which saved tags gain a colleague's note: a tag
    already saved (same id, or same passage and tag) keeps its note, and an incoming note it
    does not hold yet is added below it, marked, never dropped. Returns (new, updated)."""
    by_id = {a.id: a for a in existing}
    by_place = {(a.fingerprint, a.start, a.end, a.tag): a for a in existing}
    new: list[Annotation] = []
    updated: dict[str, Annotation] = {}
    for a in incoming:
        old = by_id.get(a.id) or by_place.get((a.fingerprint, a.start, a.end, a.tag))
        if old is None:
            new.append(a)
            by_id[a.id] = a
            by_place[(a.fingerprint, a.start, a.end, a.tag)] = a
            continue
        old = updated.get(old.id, old)
        note = a.note.strip()
        if note and note not in old.note:
            merged = f"{old.note}\n\n[imported] {note}" if old.note else note
            updated[old.id] = old.with_note(merged)
    return new, list(updated.values())
