"""Tags on passages, in the W3C Web Annotation model.

An annotation targets a passage of one document with two selectors: a ``TextPositionSelector``
(start, end in ``Document.text``) and a ``TextQuoteSelector`` (the exact text with 32 characters
of context either side), plus the document's fingerprint and path. The quote lets a tag find its
passage again when the article changes (``core.anchoring``).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

from .document import Document

TAGS = ("quote", "claim", "boilerplate")
CONTEXT = 32
JSONLD_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def absolute(path: str) -> str:
    """Paths are stored absolute, so a tag finds its article from any working directory."""
    return path if path == "-" else os.path.abspath(path)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Annotation:
    id: str
    tag: str
    note: str
    created: str
    modified: str
    fingerprint: str
    path: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def with_note(self, note: str) -> Annotation:
        return replace(self, note=note, modified=now())

    def moved(self, start: int, end: int, text: str, fingerprint: str, path: str) -> Annotation:
        """The same annotation anchored at ``[start, end)`` of a (new version of the) text."""
        return replace(
            self,
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
            fingerprint=fingerprint,
            path=absolute(path),
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_jsonld(self) -> dict[str, object]:
        """This annotation as a W3C Web Annotation (JSON-LD)."""
        body: list[dict[str, object]] = [
            {"type": "TextualBody", "purpose": "tagging", "value": self.tag}
        ]
        if self.note:
            body.append({"type": "TextualBody", "purpose": "commenting", "value": self.note})
        return {
            "@context": JSONLD_CONTEXT,
            "id": f"urn:uuid:{self.id}",
            "type": "Annotation",
            "created": self.created,
            "modified": self.modified,
            "body": body,
            "target": {
                "source": f"urn:sha256:{self.fingerprint}",
                "sidebyside:path": self.path,
                "selector": [
                    {"type": "TextPositionSelector", "start": self.start, "end": self.end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": self.exact,
                        "prefix": self.prefix,
                        "suffix": self.suffix,
                    },
                ],
            },
        }

    @classmethod
    def from_jsonld(cls, data: dict[str, object]) -> Annotation:
        """Read a W3C Web Annotation written by ``to_jsonld`` (raises ValueError if it is not)."""
        try:
            target = data["target"]
            selectors = {s["type"]: s for s in target["selector"]}  # type: ignore[index]
            position = selectors["TextPositionSelector"]
            quote = selectors["TextQuoteSelector"]
            bodies = data["body"]
            tag = next(b["value"] for b in bodies if b.get("purpose") == "tagging")  # type: ignore[union-attr]
            note = next(
                (b["value"] for b in bodies if b.get("purpose") == "commenting"), ""  # type: ignore[union-attr]
            )
            source = str(target["source"])  # type: ignore[index]
            return cls(
                id=str(data["id"]).removeprefix("urn:uuid:"),
                tag=str(tag),
                note=str(note),
                created=str(data["created"]),
                modified=str(data.get("modified", data["created"])),
                fingerprint=source.removeprefix("urn:sha256:"),
                path=str(target.get("sidebyside:path", "")),  # type: ignore[union-attr]
                start=int(position["start"]),
                end=int(position["end"]),
                exact=str(quote["exact"]),
                prefix=str(quote.get("prefix", "")),
                suffix=str(quote.get("suffix", "")),
            )
        except (KeyError, TypeError, StopIteration, ValueError) as exc:
            raise ValueError(f"not a Sidebyside web annotation: {exc!r}") from None


def make_annotation(
    document: Document, start: int, end: int, tag: str, note: str = ""
) -> Annotation:
    """A new annotation of ``document.text[start:end]``."""
    if tag not in TAGS:
        raise ValueError(f"unknown tag {tag!r} (one of {', '.join(TAGS)})")
    if not 0 <= start < end <= len(document.text):
        raise ValueError(f"bad passage [{start}, {end}) for a text of {len(document.text)}")
    stamp = now()
    text = document.text
    return Annotation(
        id=uuid.uuid4().hex,
        tag=tag,
        note=note,
        created=stamp,
        modified=stamp,
        fingerprint=document.fingerprint,
        path=absolute(document.path),
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )
