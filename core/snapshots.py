"""Snapshots of fetched pages, kept in the user data folder.

A URL is read once; afterwards the snapshot is what is read, so tags stay anchored to exactly
the text that was tagged, and the article opens offline. Each snapshot is two files in
``<data dir>/snapshots/``, named by a hash of the URL as given:

* ``<key>.raw``: the bytes the server sent (decompressed), kept as evidence;
* ``<key>.json``: the URL, where its redirects ended, the response's type and charset, when it
  was fetched, the provenance, the SHA-256 of the raw bytes and the extracted text (the text
  the reader shows, and that every offset points into).

Both are written atomically (a temporary file, flushed, then renamed), the raw bytes first: a
crash leaves the previous snapshot or the new one, never a mix (the JSON names the hash of the
raw bytes it belongs to).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .provenance import Provenance

FOLDER = "snapshots"
VERSION = 1


def key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Snapshot:
    url: str
    text: str  # the extracted article text
    provenance: Provenance
    content_type: str
    charset: str | None
    raw_sha256: str
    raw_size: int
    path: Path  # the .json file

    @property
    def fetched_at(self) -> str | None:
        return self.provenance.fetched_at


class SnapshotError(Exception):
    pass


class Snapshots:
    """The snapshot folder of one data directory."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.folder = Path(data_dir) / FOLDER

    def _paths(self, url: str) -> tuple[Path, Path]:
        k = key(url)
        return self.folder / f"{k}.json", self.folder / f"{k}.raw"

    def get(self, url: str) -> Snapshot | None:
        meta, _raw = self._paths(url)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{meta}: unreadable snapshot ({exc}); delete it with "
                                f"`sidebyside snapshots --delete {url}`") from None
        snap = _from_json(data, meta)
        if snap is None or snap.url != url:
            return None
        return snap

    def put(self, url: str, raw: bytes, text: str, provenance: Provenance, content_type: str,
            charset: str | None) -> Snapshot:
        meta, raw_path = self._paths(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(raw).hexdigest()
        _write_atomic(raw_path, raw)
        data = {
            "version": VERSION, "url": url, "content_type": content_type, "charset": charset,
            "raw_sha256": digest, "raw_size": len(raw), "provenance": provenance.to_json(),
            "text": text,
        }
        _write_atomic(meta, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        return Snapshot(url=url, text=text, provenance=provenance, content_type=content_type,
                        charset=charset, raw_sha256=digest, raw_size=len(raw), path=meta)

    def __iter__(self) -> Iterator[Snapshot]:
        if not self.folder.is_dir():
            return
        for meta in sorted(self.folder.glob("*.json")):
            try:
                snap = _from_json(json.loads(meta.read_text(encoding="utf-8")), meta)
            except (OSError, ValueError):
                continue
            if snap is not None:
                yield snap

    def delete(self, url: str) -> bool:
        """Remove the snapshot of ``url``; False when there was none."""
        meta, raw = self._paths(url)
        found = meta.exists()
        for path in (meta, raw):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return found


def _from_json(data: object, meta: Path) -> Snapshot | None:
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return None
    text = data.get("text")
    prov = data.get("provenance")
    if not isinstance(text, str) or not isinstance(prov, dict):
        return None
    charset = data.get("charset")
    return Snapshot(
        url=data["url"], text=text, provenance=Provenance.from_json(prov),
        content_type=str(data.get("content_type") or "text/html"),
        charset=charset if isinstance(charset, str) else None,
        raw_sha256=str(data.get("raw_sha256") or ""), raw_size=int(data.get("raw_size") or 0),
        path=meta,
    )


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
