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
from .fetch import is_url

TAGS = ("quote", "claim", "boilerplate")
CONTEXT = 32
JSONLD_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def absolute(path: str) -> str:
    """Paths are stored absolute, so a tag finds its article from any working directory; a URL
    (and ``-``, standard input) is kept as given."""
    if path == "-" or is_url(path):
        return path
    return os.path.abspath(path)


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
    speaker: str = ""  # who said it, for a quotation (the reader's attribution, or the user)

    def with_note(self, note: str, speaker: str | None = None) -> Annotation:
        return replace(self, note=note, modified=now(),
                       speaker=self.speaker if speaker is None else speaker)

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
        extra: dict[str, object] = {}
        if self.speaker:  # the creator of the quoted words (README: JSON formats)
            extra["sidebyside:speaker"] = self.speaker
        return {
            "@context": JSONLD_CONTEXT,
            "id": f"urn:uuid:{self.id}",
            "type": "Annotation",
            "created": self.created,
            "modified": self.modified,
            "body": body,
            **extra,
            "target": {
                # a web article is its URL (W3C: the resource the passage is in); a file,
                # whose path means nothing elsewhere, is its content hash
                "source": self.path if is_url(self.path) else f"urn:sha256:{self.fingerprint}",
                "sidebyside:fingerprint": f"urn:sha256:{self.fingerprint}",
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
        """Read a W3C Web Annotation written by ``to_jsonld``: every field is checked
        (``problem``); raises ValueError with a short reason when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("an annotation is not an object")
        try:
            target = data["target"]
            if not isinstance(target, dict) or not isinstance(target.get("selector"), list):
                raise ValueError("the target has no list of selectors")
            selectors = {s.get("type"): s for s in target["selector"] if isinstance(s, dict)}
            position = selectors["TextPositionSelector"]
            quote = selectors["TextQuoteSelector"]
            bodies = data["body"]
            if not isinstance(bodies, list) or not all(isinstance(b, dict) for b in bodies):
                raise ValueError("the body is not a list of objects")
            tag = next(b["value"] for b in bodies if b.get("purpose") == "tagging")
            note = next((b["value"] for b in bodies if b.get("purpose") == "commenting"), "")
            source = target.get("sidebyside:fingerprint") or target["source"]
            if not isinstance(source, str):
                raise ValueError("the target's source is not a string")
            created = data["created"]
            made = cls(
                id=_text(data["id"], "id").removeprefix("urn:uuid:"),
                tag=_text(tag, "tag"),
                note=_text(note, "note"),
                created=_text(created, "created"),
                modified=_text(data.get("modified", created), "modified"),
                fingerprint=source.removeprefix("urn:sha256:"),
                path=_text(target.get("sidebyside:path", ""), "path"),
                start=_offset(position["start"], "start"),
                end=_offset(position["end"], "end"),
                exact=_text(quote["exact"], "exact"),
                prefix=_text(quote.get("prefix", ""), "prefix"),
                suffix=_text(quote.get("suffix", ""), "suffix"),
                speaker=_text(data.get("sidebyside:speaker", ""), "speaker"),
            )
        except (KeyError, TypeError, StopIteration, AttributeError) as exc:
            raise ValueError(f"not a Sidebyside web annotation (missing or wrong {exc})") from None
        reason = made.problem()
        if reason:
            raise ValueError(reason)
        return made

    def problem(self) -> str | None:
        """Why this annotation cannot be used (a tag name we do not know, offsets that do not
        fit its text, sizes beyond any article), or None when it is sound. Used on import and
        on every row read from the store."""
        if self.tag not in TAGS:
            return f"unknown tag {self.tag!r:.40} (one of {', '.join(TAGS)})"
        for name in ("id", "tag", "note", "created", "modified", "fingerprint", "path", "exact",
                     "prefix", "suffix", "speaker"):
            if not isinstance(getattr(self, name), str):
                return f"{name} is not text"
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (self.start, self.end)):
            return "offsets are not whole numbers"
        if not 0 <= self.start < self.end <= MAX_OFFSET:
            return f"offsets [{self.start}, {self.end}) do not make a passage"
        if len(self.exact) != self.end - self.start:
            return "the quoted text does not match the offsets"
        if len(self.note) > MAX_NOTE or max(len(self.prefix), len(self.suffix)) > 4 * CONTEXT \
                or len(self.speaker) > 1000:
            return "a note or a context is too long"
        if not self.id or len(self.id) > 200 or len(self.path) > 4096:
            return "the id or the path is empty or too long"
        if len(self.fingerprint) != 64 or self.fingerprint.strip("0123456789abcdef"):
            return "the document's fingerprint is not a SHA-256"
        return None


MAX_OFFSET = 25 * 1024 * 1024  # no article is longer (inputs stop at 20 MiB)
MAX_NOTE = 100_000


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    return value


def _offset(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} is not a whole number")
    return value


def make_annotation(
    document: Document, start: int, end: int, tag: str, note: str = "", speaker: str = ""
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
        speaker=speaker if tag == "quote" else "",
    )
