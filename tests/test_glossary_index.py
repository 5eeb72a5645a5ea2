"""The index file's provenance: schema-1 caches are read and migrated, newer ones refused."""

from __future__ import annotations

import marshal
import sqlite3
from pathlib import Path

import pytest
from conftest import need_shared

from simplify.glossary import GlossaryError, import_path, load_glossary
from simplify.glossary.index import INDEX_FILE, INDEX_SCHEMA, LEGACY, write_index
from simplify.glossary.model import Entry, Names


def downgrade(path: Path) -> None:
    """Turn a schema-2 index into what simplify wrote before provenance: no records, no layers."""
    db = sqlite3.connect(path)
    try:
        db.execute("DROP TABLE records")
        db.execute("DELETE FROM meta WHERE key IN ('schema', 'layers')")
        stats = marshal.loads(db.execute("SELECT value FROM meta WHERE key = 'stats'").fetchone()[0])
        del stats["sources"]
        db.execute("UPDATE meta SET value = ? WHERE key = 'stats'", (marshal.dumps(stats),))
        db.commit()
    finally:
        db.close()


def _schema(path: Path) -> int | None:
    db = sqlite3.connect(path)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    finally:
        db.close()
    return marshal.loads(row[0]) if row else None


def test_a_schema_1_cache_reads_as_legacy_and_migrates_on_import(tmp_path: Path) -> None:
    xml = need_shared("glossary", "nci-glossary-xml-2016")
    import_path(xml / "CDR256537.xml", cache_dir=tmp_path)
    import_path(xml / "CDR44386.xml", cache_dir=tmp_path)
    downgrade(tmp_path / INDEX_FILE)
    assert _schema(tmp_path / INDEX_FILE) is None
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    before = {i: g.get(i) for i in g.ids()}
    s = g.stats()
    assert (s.sources, s.synced, s.imported, s.nci) == ({LEGACY: 2}, {}, None, 2)
    g.close()
    report = import_path(xml / "CDR44058.xml", cache_dir=tmp_path)
    assert (report.added, report.updated, report.total) == (1, 0, 3)
    assert _schema(tmp_path / INDEX_FILE) == INDEX_SCHEMA
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert {i: g.get(i) for i in before} == before  # the old entries, as they were
    assert g.stats().sources == {"import": 1, LEGACY: 2} and g.stats().imported is not None
    g.close()


def test_a_cache_from_a_newer_simplify_is_refused(tmp_path: Path) -> None:
    write_index(tmp_path / INDEX_FILE, {"1": Entry("1", (Names("en", "one"),))})
    db = sqlite3.connect(tmp_path / INDEX_FILE)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (marshal.dumps(INDEX_SCHEMA + 1),))
    db.commit()
    db.close()
    with pytest.raises(GlossaryError, match="newer version of simplify"):
        load_glossary(cache_dir=tmp_path, project_dir=None)


def test_write_index_without_sources_counts_everything_as_imported(tmp_path: Path) -> None:
    entries = {i: Entry(i, (Names("en", f"term {i}"),)) for i in ("1", "2")}
    write_index(tmp_path / INDEX_FILE, entries)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert g.stats().sources == {"import": 2} and [e.name() for e in g.find("term 2")] == ["term 2"]
    g.close()
