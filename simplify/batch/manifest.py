"""The build manifest: what each output was made from, so a re-run redoes only what changed.

It lives in OUT/.simplify/: ``manifest.json`` (written whole at the end of a build) and
``journal.jsonl`` (one line appended and flushed per finished article). An interrupted build loses
nothing it finished: the next run reads the manifest, replays the journal (a torn last line is
ignored), and goes on. A manifest that cannot be read means a full rebuild, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from simplify.errors import SimplifyError
from simplify.files import atomic_write

SCHEMA = "simplify.manifest/1"
STATE = ".simplify"


class Manifest:
    """Per article key: the inputs hash and the Result (as a dict) of its last build."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE
        self.entries: dict[str, dict[str, Any]] = {}
        self.warning: str | None = None
        self._journal: IO[str] | None = None

    def load(self) -> Manifest:
        """Read the manifest and replay the journal; on a corrupt manifest, start empty and say so."""
        path = self.folder / "manifest.json"
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("schema") != SCHEMA or not isinstance(data.get("articles"), dict):
                    raise ValueError(f"not a {SCHEMA} manifest")
                self.entries = data["articles"]
            except (OSError, ValueError, AttributeError) as exc:
                self.warning = f"{path} is unreadable ({exc}): rebuilding everything"
                self.entries = {}
        journal = self.folder / "journal.jsonl"
        if journal.exists() and self.warning is None:
            for line in journal.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self.entries[entry["key"]] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # the line a killed build was writing
        return self

    def fresh(self, key: str, inputs: str) -> bool:
        """Return True if ``key`` was built from these inputs, without error, and its outputs are all there."""
        entry = self.entries.get(key)
        if entry is None or entry.get("inputs") != inputs or entry.get("error"):
            return False
        out = self.folder.parent
        return all((out / o).is_file() for o in entry.get("outputs", []))

    def record(self, entry: dict[str, Any]) -> None:
        """Keep one article's result, and append it to the journal at once (an interrupt keeps it)."""
        self.entries[entry["key"]] = entry
        if self._journal is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._journal = (self.folder / "journal.jsonl").open("a", encoding="utf-8")
        self._journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._journal.flush()

    def save(self, keep: Iterable[str]) -> None:
        """Write the manifest whole (only the articles in ``keep``) and start a new journal."""
        wanted = set(keep)
        self.entries = {k: v for k, v in self.entries.items() if k in wanted}
        data = {"schema": SCHEMA, "articles": dict(sorted(self.entries.items()))}
        atomic_write(self.folder / "manifest.json", json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data))
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        (self.folder / "journal.jsonl").unlink(missing_ok=True)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


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
