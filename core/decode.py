"""Bytes to text: UTF-8 first, byte-order marks, Western single-byte text, then a detector."""

from __future__ import annotations

import codecs

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, line feed, vertical tab, form feed, carriage return and the
# information separators used as line breaks; DEL.
_BAD_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\v\f\r\x1c\x1d\x1e")
_BAD_CONTROLS = _BAD_CONTROLS | {"\x7f"}


class DecodeError(ValueError):
    """The bytes are not text (the message is the reason, for a one-line error)."""


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for c in text if c in _BAD_CONTROLS)
    return bad > max(8, len(text) // 200)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding)``.

    Order: a byte-order mark (UTF-8/16/32); the charset the server or the page declares
    (``declared``), when the bytes decode with it; strict UTF-8; Windows-1252 when the result
    reads as Western text (Latin-1 files are Windows-1252 in practice, and a detector guesses
    badly on short Western text: it reads "café" as UTF-16); else charset-normalizer's best
    guess.
    Refuses NUL bytes outside UTF-16/32 and text full of control characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark") from exc
            if _looks_binary(text):
                raise DecodeError("binary data (control characters), not text")
            return text, encoding
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text")
    if declared:
        import codecs

        try:
            name = codecs.lookup(declared).name
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: detect as for a file
        else:
            if not _looks_binary(text):
                return text, name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
        encoding = ""
    else:
        encoding = "utf-8"
    if not encoding:
        western = _western(data)
        if western is not None:
            text, encoding = western, "cp1252"
        else:
            text, encoding = _detect(data)
    if _looks_binary(text):
        raise DecodeError("binary data (control characters), not text")
    return text, encoding


def _western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    # Western European prose has a few accented letters; Cyrillic or Greek read as cp1252 is
    # nearly all "accented" letters.
    return text if non_ascii <= 2 or non_ascii / len(letters) < 0.2 else None


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no text encoding fits")
    return str(best), best.encoding
