"""The local glossary index: an SQLite file in the user cache, and the Glossary that reads it.

The file holds one row per entry (a marshal blob, read only when an entry is asked for) and, in a
meta table, the matching index every load needs: names per language already case-folded, so
that loading 8,000+ terms is one query and one ``marshal.loads``. Writers build a new file beside
the old one, check it, and ``os.replace`` it in, so readers and failed imports never see half a file.

Provenance (schema 2): a ``records`` table keeps what each source brought, one merged record per id
and source: ``import`` (every ``glossary import`` of local files, merged into each other),
``sync:en`` and ``sync:es`` (the last complete sync of that language) and ``legacy`` (the entries
of a schema-1 cache, whose source was not recorded; kept like imports). An entry is the merge of
its records, sources in the order they were last written (so on equal dates the newer write wins),
named by :func:`~simplify.glossary.model.named`; records stay as merged, so a glossifier record
keeps no made-up name that could displace a real one merged in later.
A sync of a language replaces that language's records wholesale, so a term NCI has withdrawn goes
with it unless an import (or the other language) still has it. Schema-1 files are read as they are
and migrated on the next write.

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
from dataclasses import dataclass, field
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
    cdr_id,
    fold,
    from_data,
    id_order,
    merge,
    merge_all,
    named,
    to_data,
)
from simplify.memo import Memo

Prefer = Literal["nci", "project"]
INDEX_FILE = f"glossary-v{DATA_VERSION}.sqlite"
# 1: entries and meta; 2: + the records table and the "layers" meta key (provenance).
INDEX_SCHEMA = 2
ENTRIES = 4096  # entries a process keeps read: a page's terms, many times over
IMPORT = "import"  # the source of `glossary import`
LEGACY = "legacy"  # the source of entries migrated from a schema-1 cache
SYNC = "sync:"  # + language: the source of `glossary sync`
# source -> (write order, ISO time of the last write, what was read: a path or an API address)
Layers = dict[str, tuple[int, str, str]]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


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
    removed: int = 0  # ids gone from the cache (a sync no longer served them and nothing else has them)
    withdrawn: int = 0  # (language, id) pairs an earlier sync brought that this sync no longer served


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
    # entries per source ("import", "sync:en", "sync:es", "legacy", "project"); an entry can have several
    sources: dict[str, int] = field(default_factory=dict)
    synced: dict[str, str] = field(default_factory=dict)  # language -> ISO time of its last complete sync
    imported: str | None = None  # ISO time of the last import


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
            self._db = self._connect()
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
            if marshal.loads(meta["version"]) != DATA_VERSION:
                raise ValueError("made by another version of simplify")
            self.schema: int = marshal.loads(meta["schema"]) if "schema" in meta else 1
            if self.schema > INDEX_SCHEMA:
                raise ValueError(f"schema {self.schema}, made by a newer version of simplify")
            self.ids: frozenset[str] = frozenset(marshal.loads(meta["ids"]))
            self.folded: _Folded = marshal.loads(meta["folded"])
            self.listed: _Listed = marshal.loads(meta["listed"])
            self.drugs: dict[str, str] = marshal.loads(meta["drugs"])
            self.stats: dict[str, Any] = marshal.loads(meta["stats"])
            self.built: str = marshal.loads(meta["built"])
            if self.schema >= 2:
                self.layers: Layers = marshal.loads(meta["layers"])
            else:  # everything in a schema-1 file is of unknown source
                self.layers = {LEGACY: (0, self.built, str(path))} if self.ids else {}
                self.stats = {**self.stats, "sources": {LEGACY: len(self.ids)} if self.ids else {}}
        except (sqlite3.Error, KeyError, ValueError, EOFError, TypeError) as exc:
            raise GlossaryError(
                f"{path}: the glossary cache is unreadable ({exc}); delete it and run `simplify glossary import`"
                " or `simplify glossary sync` again"
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        return sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    @property
    def db(self) -> sqlite3.Connection:
        """Return this process's connection: a worker forked from a batch opens its own (SQLite forbids sharing)."""
        if self._pid != os.getpid():
            self._inherited = self._db  # the parent's: never used or closed here
            self._db = self._connect()
        return self._db

    def get(self, term_id: str) -> Entry | None:
        if term_id not in self.ids:
            return None
        row = self.db.execute("SELECT data FROM entries WHERE id = ?", (term_id,)).fetchone()
        return from_data(marshal.loads(row[0])) if row else None

    def all(self) -> Iterator[Entry]:
        for (data,) in self.db.execute("SELECT data FROM entries"):
            yield from_data(marshal.loads(data))

    def records(self) -> dict[str, dict[str, Entry]]:
        """Return what each source brought: source -> id -> record (a schema-1 file: all ``legacy``)."""
        if self.schema < 2:
            return {LEGACY: {e.id: e for e in self.all()}} if self.ids else {}
        out: dict[str, dict[str, Entry]] = {name: {} for name in self.layers}
        try:
            for layer, data in self.db.execute("SELECT layer, data FROM records"):
                entry = from_data(marshal.loads(data))
                out.setdefault(layer, {})[entry.id] = entry
        except (sqlite3.Error, ValueError, EOFError, TypeError) as exc:
            raise GlossaryError(
                f"{self.path}: the glossary cache is unreadable ({exc}); delete it and run `simplify glossary import`"
                " or `simplify glossary sync` again"
            ) from exc
        return out

    def close(self) -> None:
        self._db.close()


def write_index(
    path: Path,
    entries: dict[str, Entry],
    records: dict[str, dict[str, Entry]] | None = None,
    layers: Layers | None = None,
) -> None:
    """Write ``entries`` as the index at ``path``: to a new file, checked, then swapped in atomically.

    ``records`` and ``layers`` are what each source brought and when it was written; without them
    every entry counts as imported.
    """
    if records is None:
        records, layers = {IMPORT: dict(entries)}, {IMPORT: (1, _now(), str(path))}
    layers = {name: layers[name] if layers and name in layers else (0, _now(), "") for name in records}
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
            db.execute(
                "CREATE TABLE records (layer TEXT NOT NULL, id TEXT NOT NULL, data BLOB NOT NULL,"
                " PRIMARY KEY (layer, id))"
            )
            db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?)",
                ((e.id, e.kind, marshal.dumps(to_data(e))) for e in entries.values()),
            )
            db.executemany(
                "INSERT INTO records VALUES (?, ?, ?)",
                ((name, e.id, marshal.dumps(to_data(e))) for name, got in records.items() for e in got.values()),
            )
            stats = _stats(entries.values())
            stats["sources"] = {name: len(got) for name, got in sorted(records.items()) if got}
            meta: dict[str, Any] = {
                "version": DATA_VERSION,
                "schema": INDEX_SCHEMA,
                "ids": tuple(entries),
                "folded": folded,
                "listed": listed,
                "drugs": drugs,
                "stats": stats,
                "built": _now(),
                "layers": layers,
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in meta.items()))
            db.commit()
        finally:
            db.close()
        check = _Store(tmp)  # a file that does not read back must never replace a good one
        try:
            if len(check.ids) != len(entries):
                raise GlossaryError(f"{tmp}: wrote {len(entries)} entries but read back {len(check.ids)}")
            back = dict(check._db.execute("SELECT layer, count(*) FROM records GROUP BY layer"))
            if back != {k: len(v) for k, v in records.items() if v} or set(check.layers) != set(records):
                raise GlossaryError(f"{tmp}: the records of each source did not read back as written")
        finally:
            check.close()
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _layered(records: dict[str, dict[str, Entry]], layers: Layers, term_id: str) -> Entry | None:
    """Return the entry ``term_id`` as its sources' records merge, oldest write first; None if none has it."""
    parts = [records[name][term_id] for name in _write_order(layers) if term_id in records.get(name, {})]
    if not parts:
        return None
    # A stored record is already merged, so one alone is the entry as it is, but for the name that only
    # the finished entry lends (records keep glossifier names nameless, so import order cannot matter).
    return named(parts[0] if len(parts) == 1 else merge(parts))


def _write_order(layers: Layers) -> list[str]:
    return sorted(layers, key=lambda name: (layers[name][0], name))


def update(
    folder: Path | None,
    where: str,
    started: float,
    changes: dict[str, list[Entry]],
    *,
    replace: bool,
    skipped: int = 0,
    ignored: int = 0,
) -> ImportReport:
    """Write ``changes`` (source -> records) into the index in ``folder`` and swap the new index in.

    ``replace=False`` merges the records into what each source brought before (an import: the
    cached record goes first, so a record with the same date wins, the rule's tie-break);
    ``replace=True`` makes them all each source has (a sync: what it no longer serves is dropped).
    The other sources are kept as they are. Only entries with an id the change touches are merged again.
    """
    path = (folder or default_cache_dir()) / INDEX_FILE
    old: dict[str, Entry] = {}
    records: dict[str, dict[str, Entry]] = {}
    layers: Layers = {}
    if path.exists():
        store = _Store(path)
        try:
            old = {e.id: e for e in store.all()}
            records = store.records()
            layers = dict(store.layers)
        finally:
            store.close()
    touched: set[str] = set()
    withdrawn = 0
    seq = max((s for s, _, _ in layers.values()), default=0)
    for name in sorted(changes):
        before = records.get(name, {})
        new = merge_all(changes[name])
        if replace:
            withdrawn += len(before.keys() - new.keys())
            after = new
        else:
            after = dict(before)
            for term_id, entry in new.items():
                after[term_id] = merge([before[term_id], entry]) if term_id in before else entry
        touched |= before.keys() | new.keys()
        records[name] = after
        seq += 1
        layers[name] = (seq, _now(), where)
    merged = dict(old)
    added = updated = removed = 0
    for term_id in touched:
        now = _layered(records, layers, term_id)
        if now is None:
            removed += term_id in merged
            merged.pop(term_id, None)
        else:
            added += term_id not in old
            updated += term_id in old and now != old[term_id]
            merged[term_id] = now
    ordered = {k: merged[k] for k in sorted(merged, key=id_order)}
    records = {name: {k: got[k] for k in sorted(got, key=id_order)} for name, got in records.items() if got}
    layers = {name: layers[name] for name in records}
    write_index(path, ordered, records, layers)
    return ImportReport(
        where,
        sum(len(r) for r in changes.values()),
        added,
        updated,
        len(ordered),
        skipped=skipped,
        ignored=ignored,
        seconds=time.perf_counter() - started,
        removed=removed,
        withdrawn=withdrawn,
    )


def commit(records: list[Entry], folder: Path | None, where: str, started: float, **counts: int) -> ImportReport:
    """Merge imported ``records`` into the index in ``folder`` (what earlier imports brought is kept)."""
    return update(folder, where, started, {IMPORT: records}, replace=False, **counts)


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
        # The entries read lately: a page asks for each of its terms several times. Bounded, so that a
        # worker of a long build does not end up holding the whole dictionary.
        self._entries: Memo[str, Entry | None] = Memo(self._read, ENTRIES)
        self._names: dict[str, tuple[tuple[str, str], ...]] = {}

    def _pindex(self) -> tuple[_Folded, _Listed, dict[str, str]]:
        if self._project_index is None:
            self._project_index = _folded(self._project.values())
        return self._project_index

    def get(self, term_id: str) -> Entry | None:
        """Return the entry with CDR id ``term_id`` ("44058" or "CDR0000044058"), or None."""
        return self._entries[cdr_id(term_id) or term_id]

    def project_entry(self, term_id: str) -> Entry | None:
        """Return the project's own entry with id ``term_id``, whichever source :meth:`get` prefers, or None."""
        return self._project.get(cdr_id(term_id) or term_id)

    def _read(self, key: str) -> Entry | None:
        return self._pick(self._store.get(key) if self._store else None, self._project.get(key))

    def _pick(self, nci: Entry | None, project: Entry | None) -> Entry | None:
        first, second = (nci, project) if self.prefer == "nci" else (project, nci)
        return first or second

    def entries(self) -> Iterator[Entry]:
        """Yield every entry in id order, as :meth:`get` returns it, reading the cache once for all of them.

        For whoever needs the whole dictionary: one query instead of one per id.
        """
        nci = {e.id: e for e in self._store.all()} if self._store else {}
        for term_id in self.ids():
            entry = self._pick(nci.get(term_id), self._project.get(term_id))
            if entry is not None:
                yield entry

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
        layers: Layers = self._store.layers if self._store else {}
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
            sources=dict(
                sorted(
                    {**base.get("sources", {}), **({"project": len(self._project)} if self._project else {})}.items()
                )
            ),
            synced={
                name.removeprefix(SYNC): when for name, (_, when, _) in sorted(layers.items()) if name.startswith(SYNC)
            },
            imported=layers[IMPORT][1] if IMPORT in layers else None,
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
