"""Translation memory: what a model made of each sentence, kept across runs in the user cache.

Keyed by engine, model, target language and the source sentence (with its placeholders, so the
same words around different numbers or links are one entry), a re-run translates only new or
changed sentences. Outputs are kept whether or not they passed validation, which runs again on
every use (a deterministic model would only fail the same way twice). SQLite in WAL mode, so
parallel workers can share one memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from simplify.cache import cache_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    engine TEXT NOT NULL, model TEXT NOT NULL, target TEXT NOT NULL, source TEXT NOT NULL,
    translation TEXT NOT NULL,
    PRIMARY KEY (engine, model, target, source)
) WITHOUT ROWID
"""


class Memory:
    """A persistent store of sentence translations."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "translation-memory.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(SCHEMA)

    def get(self, engine: str, model: str, target: str, sources: Sequence[str]) -> dict[str, str]:
        """Return {source: translation} for the sources the memory has."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, translation FROM memory WHERE engine = ? AND model = ? AND target = ? "
                f"AND source IN ({marks})",
                (engine, model, target, *chunk),
            )
            found.update(rows)
        return found

    def put(self, engine: str, model: str, target: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Store model outputs (a later one for the same source replaces the earlier)."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?)",
                [(engine, model, target, source, translation) for source, translation in pairs],
            )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM memory").fetchone()[0])

    def close(self) -> None:
        self._db.close()
