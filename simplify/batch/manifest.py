"""The build manifest: what each output was made from, so a re-run redoes only what changed.

It is a SQLite database, OUT/.simplify/manifest.sqlite, one row per article: its key, the hash of
its inputs, and the Result of its last build (as JSON). Each finished article is committed at
once, so an interrupted build loses nothing it finished and the next run goes on from there. The
rows are read one at a time (to check freshness, remove gone outputs, write the report), so the
build's memory does not grow with the site. A manifest that cannot be read means a full rebuild,
with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from simplify.errors import SimplifyError

SCHEMA = "simplify.manifest/2"
STATE = ".simplify"
_VERSION = 2  # PRAGMA user_version of a manifest of this SCHEMA


class Manifest:
    """Per article key: the inputs hash and the Result (as a dict) of its last build."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE
        self.path = self.folder / "manifest.sqlite"
        self.warning: str | None = None
        self._db: sqlite3.Connection | None = None

    def load(self) -> Manifest:
        """Open the manifest; one that cannot be read is set aside (a full rebuild), with a warning."""
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            self.warning = f"{self.path} is unreadable ({exc}): rebuilding everything"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._db = self._open()
        return self

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and (version != _VERSION or "articles" not in tables):
                raise sqlite3.DatabaseError(f"not a {SCHEMA} manifest")
            db.execute("PRAGMA journal_mode = WAL")  # a commit per article, without a full sync each time
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, inputs TEXT NOT NULL, "
                "failed INTEGER NOT NULL, result TEXT NOT NULL)"
            )
            db.execute(f"PRAGMA user_version = {_VERSION}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the manifest is not open: call load() first")
        return self._db

    def fresh(self, key: str, inputs: str) -> bool:
        """Return True if ``key`` was built from these inputs, without error, and its outputs are all there."""
        row = self.db.execute("SELECT inputs, failed, result FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] != inputs or row[1]:
            return False
        out = self.folder.parent
        return all((out / o).is_file() for o in json.loads(row[2]).get("outputs", []))

    def outputs(self, key: str) -> list[str]:
        """Return the outputs (relative to OUT) of ``key``'s last build, none if it has not been built."""
        row = self.db.execute("SELECT result FROM articles WHERE key = ?", (key,)).fetchone()
        return list(json.loads(row[0]).get("outputs", [])) if row else []

    def record(self, entry: dict[str, Any]) -> None:
        """Keep one article's result, committed at once (an interrupt keeps it)."""
        self.db.execute(
            "INSERT OR REPLACE INTO articles (key, inputs, failed, result) VALUES (?, ?, ?, ?)",
            (entry["key"], entry["inputs"], 1 if entry.get("error") else 0, json.dumps(entry, ensure_ascii=False)),
        )

    def entries(self) -> Iterator[dict[str, Any]]:
        """Yield every article's last Result as a dict, in key order, one row at a time."""
        for (result,) in self.db.execute("SELECT result FROM articles ORDER BY key"):
            yield json.loads(result)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget every article not in ``keys``."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS present (key TEXT PRIMARY KEY)")
        db.execute("BEGIN")
        db.execute("DELETE FROM present")
        db.executemany("INSERT OR IGNORE INTO present VALUES (?)", ((k,) for k in keys))
        db.execute("DELETE FROM articles WHERE key NOT IN (SELECT key FROM present)")
        db.execute("COMMIT")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold OUT's build lock for the block: a second build on the same OUT stops with an error."""
    import fcntl

    folder = out / STATE
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SimplifyError(f"another build is writing {out} (it holds {folder / 'lock'})") from None
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def digest(*parts: bytes | str) -> str:
    """Return a short hash of ``parts``."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:24]


def folder_digest(folders: Iterable[Path]) -> str:
    """Return a hash of every file's name and bytes under ``folders`` (the templates, say)."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:24]
