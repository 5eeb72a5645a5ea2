"""The local glossary index: an SQLite file in the user cache, and the Glossary that reads it.

The file holds one row per entry (a marshal blob, read only when an entry is asked for) and, in a
meta table, the matching index every load needs: names per language already case-folded, so
that loading 8,000+ terms is one query and one ``marshal.loads``. Writers build a new file beside
the old one, check it, and ``os.replace`` it in, so readers and failed imports never see half a file.

Precedence: official NCI entries (imported or synced) win over the project's own entries with the
same id, whole entry for whole entry; ``prefer="project"`` reverses that. Names from both sources
are matched either way (they name the same term).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import Any, Literal

from simplify.cache import cache_dir as default_cache_dir
from simplify.cache import load_or_build
from simplify.glossary.model import (
    DATA_VERSION,
    Entry,
    EntryData,
    GlossaryError,
    GlossaryWarning,
    fold,
    from_data,
    id_order,
    merge,
    merge_all,
    to_data,
)

Prefer = Literal["nci", "project"]
INDEX_FILE = f"glossary-v{DATA_VERSION}.sqlite"


def _project_dir() -> Path:
    """Return the folder of our own entries: in an installed wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "glossary_data"
    return packaged if packaged.is_dir() else package.parent / "glossary"


PROJECT_DIR = _project_dir()

# lang -> folded name -> ids, and lang -> [(name, id)] sorted; what matching needs, loaded in one read.
_Folded = dict[str, dict[str, tuple[str, ...]]]
_Listed = dict[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import or sync did to the cache."""

    path: str  # what was read: a file, a folder or an API address
    read: int  # records read (before merging duplicate ids)
    added: int  # ids new to the cache
    updated: int  # ids already there whose entry changed
    total: int  # NCI entries in the cache afterwards
    skipped: int = 0  # malformed records skipped
    ignored: int = 0  # documents that are not glossary terms
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class GlossaryStats:
    """Counts for ``simplify glossary stats``."""

    entries: int
    nci: int
    project: int
    drugs: int
    names: dict[str, int]  # names, aliases and inflections per language
    definitions: dict[str, int]  # "lang/audience/dictionary" -> count
    prefer: Prefer
    index: str | None  # the cache file, None when nothing was imported
    built: str | None  # when the cache file was written (ISO time)


def _folded(entries: Iterable[Entry]) -> tuple[_Folded, _Listed, dict[str, str]]:
    folded: dict[str, dict[str, list[str]]] = {}
    listed: dict[str, set[tuple[str, str]]] = {}
    drugs: dict[str, str] = {}
    for e in entries:
        for n in e.names:
            for name in n.all():
                ids = folded.setdefault(n.lang, {}).setdefault(fold(name), [])
                if e.id not in ids:
                    ids.append(e.id)
                listed.setdefault(n.lang, set()).add((name, e.id))
            if e.kind == "drug" and n.url_name:
                drugs.setdefault(n.url_name.lower(), e.id)
    return (
        {lang: {k: tuple(sorted(v, key=id_order)) for k, v in m.items()} for lang, m in folded.items()},
        {lang: tuple(sorted(s, key=lambda p: (p[0].casefold(), p[0], id_order(p[1])))) for lang, s in listed.items()},
        drugs,
    )


def _stats(entries: Iterable[Entry]) -> dict[str, Any]:
    names: dict[str, int] = {}
    definitions: dict[str, int] = {}
    drugs = 0
    for e in entries:
        drugs += e.kind == "drug"
        for n in e.names:
            names[n.lang] = names.get(n.lang, 0) + len(n.all())
        for d in e.definitions:
            key = f"{d.lang}/{d.audience}/{d.dictionary}"
            definitions[key] = definitions.get(key, 0) + 1
    return {"drugs": drugs, "names": names, "definitions": definitions}


class _Store:
    """A read-only view of one index file: the matching tables now, entries on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
            if marshal.loads(meta["version"]) != DATA_VERSION:
                raise ValueError("made by another version of simplify")
            self.ids: frozenset[str] = frozenset(marshal.loads(meta["ids"]))
            self.folded: _Folded = marshal.loads(meta["folded"])
            self.listed: _Listed = marshal.loads(meta["listed"])
            self.drugs: dict[str, str] = marshal.loads(meta["drugs"])
            self.stats: dict[str, Any] = marshal.loads(meta["stats"])
            self.built: str = marshal.loads(meta["built"])
        except (sqlite3.Error, KeyError, ValueError, EOFError, TypeError) as exc:
            raise GlossaryError(
                f"{path}: the glossary cache is unreadable ({exc}); delete it and run `simplify glossary import`"
                " or `simplify glossary sync` again"
            ) from exc

    def get(self, term_id: str) -> Entry | None:
        if term_id not in self.ids:
            return None
        row = self._db.execute("SELECT data FROM entries WHERE id = ?", (term_id,)).fetchone()
        return from_data(marshal.loads(row[0])) if row else None

    def all(self) -> Iterator[Entry]:
        for (data,) in self._db.execute("SELECT data FROM entries"):
            yield from_data(marshal.loads(data))

    def close(self) -> None:
        self._db.close()


def write_index(path: Path, entries: dict[str, Entry]) -> None:
    """Write ``entries`` as the index at ``path``: to a new file, checked, then swapped in atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        folded, listed, drugs = _folded(entries.values())
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE entries (id TEXT PRIMARY KEY, kind TEXT NOT NULL, data BLOB NOT NULL)")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?)",
                ((e.id, e.kind, marshal.dumps(to_data(e))) for e in entries.values()),
            )
            meta: dict[str, Any] = {
                "version": DATA_VERSION,
                "ids": tuple(entries),
                "folded": folded,
                "listed": listed,
                "drugs": drugs,
                "stats": _stats(entries.values()),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in meta.items()))
            db.commit()
        finally:
            db.close()
        check = _Store(tmp)  # a file that does not read back must never replace a good one
        try:
            if len(check.ids) != len(entries):
                raise GlossaryError(f"{tmp}: wrote {len(entries)} entries but read back {len(check.ids)}")
        finally:
            check.close()
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def commit(records: list[Entry], folder: Path | None, where: str, started: float, **counts: int) -> ImportReport:
    """Merge ``records`` into the NCI entries of the index in ``folder`` and swap the new index in."""
    path = (folder or default_cache_dir()) / INDEX_FILE
    old: dict[str, Entry] = {}
    if path.exists():
        store = _Store(path)
        try:
            old = {e.id: e for e in store.all()}
        finally:
            store.close()
    new = merge_all(records)
    merged = dict(old)
    added = updated = 0
    for term_id, entry in new.items():
        if term_id in old:
            # The cached entry goes first, so an import with the same date wins (the rule's tie-break).
            entry = merge([old[term_id], entry])
            updated += entry != old[term_id]
        else:
            added += 1
        merged[term_id] = entry
    ordered = {k: merged[k] for k in sorted(merged, key=id_order)}
    write_index(path, ordered)
    return ImportReport(
        where, len(records), added, updated, len(ordered), seconds=time.perf_counter() - started, **counts
    )


def import_path(path: str | Path, cache_dir: Path | None = None, date: str | None = None) -> ImportReport:
    """Import NCI glossary data (XML export folder, API JSON files or folders, JSONL, glossifier list).

    ``date`` stamps records that carry none (API JSON; default today) for the merge rule.
    """
    from simplify.glossary.loaders import read_path

    started = time.perf_counter()
    records, report = read_path(Path(path), date)
    if not records:
        raise GlossaryError(
            f"{path}: no glossary terms found ({report.skipped} malformed, {report.ignored} other documents);"
            " pass the NCI XML export folder, API JSON files or a JSON Lines file of API term objects"
        )
    return commit(records, cache_dir, str(path), started, skipped=report.skipped, ignored=report.ignored)


def _project_entries(folder: Path, cache: Path) -> dict[str, Entry]:
    """Return the project's entries, parsed once per change of its YAML files and cached."""
    from simplify.glossary.loaders import read_project

    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        return {}
    stamp = sha1(str(folder.resolve()).encode())
    for f in files:
        st = f.stat()
        stamp.update(f"{f.name}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())

    def build() -> tuple[tuple[EntryData, ...], int, tuple[str, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the cached report warns on every load instead, below
            records, report = read_project(folder)
        return tuple(to_data(e) for e in merge_all(records).values()), report.skipped, report.reasons

    data, skipped, reasons = load_or_build(
        f"glossary-project-v{DATA_VERSION}-{stamp.hexdigest()}.marshal", build, cache
    )
    if skipped:
        more = "" if skipped <= len(reasons) else "; ..."
        warnings.warn(
            f"{folder}: skipped {skipped} malformed glossary record(s): {'; '.join(reasons)}{more}",
            GlossaryWarning,
            stacklevel=3,
        )
    return {d[0]: from_data(d) for d in data}


class Glossary:
    """The glossary: NCI entries from the cache and the project's own, by id or by any name."""

    def __init__(self, store: _Store | None, project: dict[str, Entry], prefer: Prefer = "nci") -> None:
        if prefer not in ("nci", "project"):
            raise GlossaryError(f"prefer must be 'nci' or 'project', not {prefer!r}")
        self.prefer: Prefer = prefer
        self._store = store
        self._project = project
        self._project_index: tuple[_Folded, _Listed, dict[str, str]] | None = None
        self._entries: dict[str, Entry | None] = {}
        self._names: dict[str, tuple[tuple[str, str], ...]] = {}

    def _pindex(self) -> tuple[_Folded, _Listed, dict[str, str]]:
        if self._project_index is None:
            self._project_index = _folded(self._project.values())
        return self._project_index

    def get(self, term_id: str) -> Entry | None:
        """Return the entry with CDR id ``term_id`` ("44058" or "CDR0000044058"), or None."""
        from simplify.glossary.loaders import cdr_id

        key = cdr_id(term_id) or term_id
        if key not in self._entries:
            nci = self._store.get(key) if self._store else None
            project = self._project.get(key)
            first, second = (nci, project) if self.prefer == "nci" else (project, nci)
            self._entries[key] = first or second
        return self._entries[key]

    def find(self, name: str, lang: str = "en") -> list[Entry]:
        """Return the entries with ``name`` (any case) as a name, alias or inflection in ``lang``."""
        key = fold(name)
        ids = set(self._store.folded.get(lang, {}).get(key, ())) if self._store else set()
        ids.update(self._pindex()[0].get(lang, {}).get(key, ()))
        found = (self.get(i) for i in sorted(ids, key=id_order))
        return [e for e in found if e is not None]

    def drug(self, url_name: str) -> Entry | None:
        """Return the drug whose cancer.gov page is /about-cancer/treatment/drugs/``url_name``, or None."""
        key = url_name.strip("/").lower()
        term_id = (self._store.drugs.get(key) if self._store else None) or self._pindex()[2].get(key)
        return self.get(term_id) if term_id else None

    def names(self, lang: str = "en") -> Iterator[tuple[str, str]]:
        """Yield (name, term id) for every name, alias and inflection in ``lang``, for jargon matchers."""
        if lang not in self._names:
            nci = self._store.listed.get(lang, ()) if self._store else ()
            project = self._pindex()[1].get(lang, ())
            if project:
                both = set(nci) | set(project)
                self._names[lang] = tuple(sorted(both, key=lambda p: (p[0].casefold(), p[0], id_order(p[1]))))
            else:
                self._names[lang] = nci
        return iter(self._names[lang])

    def ids(self) -> list[str]:
        """Return every term id, in numeric order."""
        nci = self._store.ids if self._store else frozenset()
        return sorted(nci | self._project.keys(), key=id_order)

    def __len__(self) -> int:
        nci = self._store.ids if self._store else frozenset()
        return len(nci | self._project.keys())

    def __contains__(self, term_id: object) -> bool:
        return isinstance(term_id, str) and self.get(term_id) is not None

    def stats(self) -> GlossaryStats:
        """Return counts of entries, names and definitions."""
        base: dict[str, Any] = self._store.stats if self._store else {"drugs": 0, "names": {}, "definitions": {}}
        extra = _stats(self._project.values())
        names = dict(base["names"])
        definitions = dict(base["definitions"])
        for k, v in extra["names"].items():
            names[k] = names.get(k, 0) + v
        for k, v in extra["definitions"].items():
            definitions[k] = definitions.get(k, 0) + v
        return GlossaryStats(
            entries=len(self),
            nci=len(self._store.ids) if self._store else 0,
            project=len(self._project),
            drugs=base["drugs"] + extra["drugs"],
            names=dict(sorted(names.items())),
            definitions=dict(sorted(definitions.items())),
            prefer=self.prefer,
            index=str(self._store.path) if self._store else None,
            built=self._store.built if self._store else None,
        )

    def close(self) -> None:
        """Close the cache file."""
        if self._store:
            self._store.close()


def load_glossary(
    cache_dir: Path | None = None, prefer: Prefer = "nci", project_dir: Path | None = PROJECT_DIR
) -> Glossary:
    """Return the glossary: the NCI cache in ``cache_dir`` (default: simplify's) and the project's YAML.

    ``project_dir=None`` leaves the project's entries out. A missing cache is an empty NCI part.
    """
    folder = cache_dir or default_cache_dir()
    path = folder / INDEX_FILE
    store = _Store(path) if path.exists() else None
    project = _project_entries(project_dir, folder) if project_dir is not None else {}
    return Glossary(store, project, prefer)
