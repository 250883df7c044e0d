"""The annotations store: SQLite in WAL mode, one transaction per action.

The file lives in ``platformdirs.user_data_dir("sidebyside")`` unless ``--data-dir`` or
``SIDEBYSIDE_DATA_DIR`` says otherwise. The schema carries a version, and migrations run in
order. A corrupt or unreadable file gives a one-line ``StoreError`` that names it and what to
do, and the file is never overwritten or deleted. A write that fails (full disk, read-only
folder) raises ``StoreWriteError``; the caller keeps the change in memory and retries.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .annotations import Annotation, absolute
from .judgements import VERDICTS, Judgement

FILE_NAME = "annotations.sqlite3"
SCHEMA_VERSION = 4

_MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            tag TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            path TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL
        );
        CREATE INDEX annotations_fingerprint ON annotations (fingerprint);
        CREATE INDEX annotations_path ON annotations (path);
    """,
    2: """
        CREATE TABLE rejections (
            fingerprint TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (fingerprint, start, "end", tag)
        );
    """,
    3: """
        CREATE TABLE IF NOT EXISTS link_judgements (
            key_a TEXT NOT NULL,
            key_b TEXT NOT NULL,
            verdict TEXT NOT NULL,
            text_a TEXT NOT NULL,
            text_b TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (key_a, key_b)
        );
    """,
    4: """
        ALTER TABLE annotations ADD COLUMN speaker TEXT NOT NULL DEFAULT ''
    """,
}

Rejection = tuple[str, int, int, str]  # fingerprint, start, end, tag of a rejected suggestion

_COLUMNS = (
    "id", "tag", "note", "created", "modified", "fingerprint", "path", "start", "end", "exact",
    "prefix", "suffix", "speaker",
)


def _execute_once(db: sqlite3.Connection, statement: str) -> None:
    """Run a migration statement; a column it adds that is already there is no error (a file
    brought back to an older version by hand, or by an older copy's restore)."""
    try:
        db.execute(statement)
    except sqlite3.OperationalError as exc:
        if not ("ADD COLUMN" in statement.upper() and "duplicate column" in str(exc)):
            raise


class StoreError(Exception):
    """The store cannot be opened (one line: the file, the problem, what to do)."""


class StoreUnavailable(StoreError):
    """The store cannot be opened or created (read-only or missing folder, permissions); the
    file, if any, is fine: tags can be kept in memory for the session."""


class StoreWriteError(StoreError):
    """A change could not be written (full disk, read-only folder); nothing was lost yet."""


def default_data_dir() -> Path:
    env = os.environ.get("SIDEBYSIDE_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sidebyside"))


APPLICATION_ID = 0x53627953  # "SbyS": marks the file as ours (PRAGMA application_id)


class Store:
    """Saved annotations. Every method that changes something is one transaction.

    A store that cannot be written (a read-only folder or file) is opened read-only:
    ``read_only`` is True, the tags can be read and exported, and a change raises
    ``StoreWriteError`` (the reader keeps it in memory). Any SQLite error, anywhere, becomes a
    one-line ``StoreError`` naming the file."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = folder / FILE_NAME
        self.read_only = False
        self.wal = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if not self.path.is_file():
                raise StoreUnavailable(
                    f"{folder}: cannot create the data folder ({exc.strerror})"
                ) from None
        self._check_ours()
        writable = os.access(folder, os.W_OK) and (
            not self.path.exists() or os.access(self.path, os.W_OK))
        try:
            if writable:
                self._open_writable()
            else:
                self._open_read_only()
        except sqlite3.OperationalError as exc:
            if self.path.is_file() and not self.read_only:
                try:  # the file is there but cannot be written: read it at least
                    self._open_read_only()
                    return
                except sqlite3.Error:
                    pass
            raise StoreUnavailable(f"{self.path}: cannot open the store ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._damaged(exc)) from None

    def _damaged(self, exc: object) -> str:
        return (f"{self.path}: not a readable annotations store ({exc}); it was left untouched: "
                f"move it away to start a fresh store, or use --data-dir DIR")

    def _check_ours(self) -> None:
        """Refuse another program's SQLite file (or anything else) named like ours, before
        SQLite touches it: an application id we do not know, or tables without our schema."""
        try:
            with open(self.path, "rb") as fh:
                header = fh.read(100)
        except FileNotFoundError:
            return
        except OSError:
            return  # unreadable: opening it says why
        if not header:
            return  # an empty file: a fresh store
        if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
            raise StoreError(self._damaged("not an SQLite database"))
        app_id = int.from_bytes(header[68:72], "big")
        user_version = int.from_bytes(header[60:64], "big")
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and user_version == 0 and
                                                 int.from_bytes(header[28:32], "big") > 1):
            raise StoreError(
                f"{self.path}: another program's database, not a Sidebyside store; it was left "
                "untouched: move it away, or use --data-dir DIR")

    def _open_writable(self) -> None:
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 10000")
        self._check_version()  # before anything writes to the file
        self._quick_check()
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        self.wal = str(mode).lower() == "wal"
        self._db.execute("PRAGMA synchronous = FULL")
        self._migrate()

    def _open_read_only(self) -> None:
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 10000")
        self._check_version()
        self._quick_check()
        self.read_only = True

    def _quick_check(self) -> None:
        """A damaged page inside a sound-looking file is found now, not at the first key."""
        rows = self._db.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            found = "; ".join(str(r[0]) for r in rows[:2])
            self._db.close()
            raise sqlite3.DatabaseError(f"damaged: {found}")

    def close(self) -> None:
        self._db.close()

    def _check_version(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"{self.path}: written by a newer Sidebyside (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); it was left untouched"
            )

    def _migrate(self) -> None:
        """Bring the schema up to date, one version per transaction; safe when several
        processes open a fresh store at once (each step re-reads the version inside its
        transaction, so a step another process made is not made twice)."""
        for target in range(1, SCHEMA_VERSION + 1):
            if self._db.execute("PRAGMA user_version").fetchone()[0] >= target:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute("PRAGMA user_version").fetchone()[0] >= target:
                    self._db.execute("ROLLBACK")
                    continue
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        _execute_once(self._db, statement)
                self._db.execute(f"PRAGMA user_version = {target}")
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._db.execute("COMMIT")
            except BaseException:
                _rollback(self._db)
                raise
        if self._db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # --- writing: one transaction per action ----------------------------------------------

    def _write(self, statements: Iterable[tuple[str, tuple[object, ...]]]) -> None:
        def work(db: sqlite3.Connection) -> None:
            for sql, params in statements:
                db.execute(sql, params)

        self._transaction(work)

    def _transaction(self, work: Callable[[sqlite3.Connection], None]) -> None:
        if self.read_only:
            raise StoreWriteError(f"{self.path}: read-only (the folder or the file cannot be "
                                  "written); nothing was saved")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                work(self._db)
                self._db.execute("COMMIT")
            except BaseException:
                _rollback(self._db)
                raise
        except sqlite3.DatabaseError as exc:  # disk full, locked, read-only, damaged
            raise StoreWriteError(f"{self.path}: cannot save ({_cause(exc)})") from None

    def save(self, *annotations: Annotation) -> None:
        """Insert or replace annotations, all in one transaction."""
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        marks = ", ".join("?" for _ in _COLUMNS)
        self._write(
            (f"INSERT OR REPLACE INTO annotations ({cols}) VALUES ({marks})",
             tuple(getattr(a, c) for c in _COLUMNS))
            for a in annotations
        )

    def delete(self, *ids: str) -> None:
        self._write(("DELETE FROM annotations WHERE id = ?", (i,)) for i in ids)

    def apply(
        self,
        save: Iterable[Annotation] = (),
        delete: Iterable[str] = (),
        reject: Iterable[Rejection] = (),
        unreject: Iterable[Rejection] = (),
        judge: Iterable[Judgement] = (),
        unjudge: Iterable[Judgement] = (),
        expected: Iterable[Annotation] = (),
    ) -> int:
        """Save some annotations and delete others, remember or forget rejected suggestions,
        and record or withdraw the user's link judgements, in one transaction (an action, its
        undo, its redo). Withdrawals run before records, so a judgement can replace another.

        ``expected`` are the versions of the changed or deleted annotations this session last
        saw. When another window changed or removed one since, nothing is overwritten: a
        deletion leaves their version in place, and an edit is saved beside theirs as a copy
        (both sides kept). A new tag on a passage that already holds the same tag from
        elsewhere is not saved twice. Returns how many such conflicts were met."""
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        marks = ", ".join("?" for _ in _COLUMNS)
        save, delete, expected = list(save), list(delete), list(expected)
        seen = {a.id: a.modified for a in expected}
        conflicts = 0

        def work(db: sqlite3.Connection) -> None:
            nonlocal conflicts
            changed: set[str] = set()
            for i, modified in seen.items():
                row = db.execute("SELECT modified FROM annotations WHERE id = ?", (i,)).fetchone()
                if row is None or row[0] != modified:
                    changed.add(i)
            for i in delete:
                if i in changed:
                    conflicts += 1  # changed elsewhere since: their version stays
                    continue
                db.execute("DELETE FROM annotations WHERE id = ?", (i,))
            for a in save:
                if a.id in changed:
                    conflicts += 1
                    a = replace(a, id=uuid.uuid4().hex)  # both sides kept
                elif a.id not in seen and db.execute(
                        'SELECT 1 FROM annotations WHERE fingerprint = ? AND start = ? AND '
                        '"end" = ? AND tag = ? AND note = ? AND id != ?',
                        (a.fingerprint, a.start, a.end, a.tag, a.note, a.id)).fetchone():
                    continue  # the same tag, saved by another window already
                db.execute(f"INSERT OR REPLACE INTO annotations ({cols}) VALUES ({marks})",
                           tuple(getattr(a, c) for c in _COLUMNS))
            for r in unreject:
                db.execute('DELETE FROM rejections WHERE fingerprint = ? AND start = ? AND '
                           '"end" = ? AND tag = ?', r)
            for r in reject:
                db.execute("INSERT OR IGNORE INTO rejections VALUES (?, ?, ?, ?)", r)
            for j in unjudge:
                db.execute("DELETE FROM link_judgements WHERE key_a = ? AND key_b = ? AND "
                           "verdict = ?", (j.key_a, j.key_b, j.verdict))
            for j in judge:
                db.execute("INSERT OR REPLACE INTO link_judgements VALUES (?, ?, ?, ?, ?, ?)",
                           (j.key_a, j.key_b, j.verdict, j.text_a, j.text_b, j.created))

        self._transaction(work)
        return conflicts

    # --- reading --------------------------------------------------------------------------

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._damaged(_cause(exc))) from None

    def _rows(self, where: str = "", params: tuple[object, ...] = ()) -> list[Annotation]:
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        sql = f"SELECT {cols} FROM annotations {where} ORDER BY created, rowid"
        return [Annotation(*row) for row in self._read(sql, params)]  # type: ignore[arg-type]

    def rejections(self, fingerprint: str) -> set[Rejection]:
        """The suggestions rejected on this content."""
        rows = self._read(
            'SELECT fingerprint, start, "end", tag FROM rejections WHERE fingerprint = ?',
            (fingerprint,))
        return {(f, a, b, t) for f, a, b, t in rows  # type: ignore[misc]
                if isinstance(a, int) and isinstance(b, int) and isinstance(t, str)}

    def judgements(self) -> list[Judgement]:
        """The user's link judgements (rows that are not well formed are skipped)."""
        rows = self._read(
            "SELECT key_a, key_b, verdict, text_a, text_b, created FROM link_judgements "
            "ORDER BY created, rowid")
        out = []
        for row in rows:
            if all(isinstance(v, str) for v in row) and row[2] in VERDICTS:
                out.append(Judgement(*row))
        return out

    def all(self) -> list[Annotation]:
        return self._rows()

    def outside(self, fingerprints: set[str], paths: set[str]) -> list[Annotation]:
        """Annotations made on none of these contents and at none of these paths (the
        annotations screen lists those whose article is not open): only their rows are read
        in full."""
        keys = self._read("SELECT rowid, fingerprint, path FROM annotations")
        wanted = [r for r, f, p in keys if f not in fingerprints and p not in paths]
        found: list[Annotation] = []
        for k in range(0, len(wanted), 500):
            chunk = wanted[k : k + 500]
            found += self._rows(f"WHERE rowid IN ({', '.join('?' * len(chunk))})",
                                tuple(chunk))
        found.sort(key=lambda a: a.created)
        return found

    def get(self, annotation_id: str) -> Annotation | None:
        rows = self._rows("WHERE id = ?", (annotation_id,))
        return rows[0] if rows else None

    def for_document(self, fingerprint: str, path: str) -> list[Annotation]:
        """Annotations made on this content (any path), or on this path (content may have
        changed since: re-anchor them)."""
        return self._rows(
            "WHERE fingerprint = ? OR path = ?", (fingerprint, absolute(path))
        ) if path != "-" else self._rows("WHERE fingerprint = ?", (fingerprint,))


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT may have ended it already:
    the error to report is the first one, not "no transaction is active")."""
    if getattr(db, "in_transaction", True):
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _cause(exc: BaseException) -> str:
    text = str(exc)
    if "full" in text.lower():
        return "the disk is full"
    if "readonly" in text.lower() or "read-only" in text.lower():
        return "the file or its folder is read-only"
    return text
