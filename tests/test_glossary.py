"""The glossary: loaders on NCI's real formats, the merge rule, the index, precedence and load speed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from conftest import ROOT, need_shared

from simplify.glossary import Entry, GlossaryError, GlossaryWarning, import_path, load_glossary
from simplify.glossary.index import INDEX_FILE, Glossary
from simplify.glossary.loaders import read_path, read_project
from simplify.glossary.model import (
    Definition,
    Names,
    Pronunciation,
    cdr_id,
    from_data,
    merge,
    merge_all,
    named,
    to_data,
)


@pytest.fixture(scope="session")
def xml_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a cache folder holding the index of the full NCI XML export plus the glossifier names."""
    folder = tmp_path_factory.mktemp("glossary-cache")
    import_path(need_shared("glossary", "nci-glossary-xml-2016"), cache_dir=folder)
    import_path(need_shared("glossary", "nci-glossifier-names", "glossifier_refresh.json"), cache_dir=folder)
    return folder


def _project(folder: Path, text: str, name: str = "terms.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# Our own words, in the project's format.
PROJECT_YAML = """\
'44058':
  en:
    name: metastatic
    also: [spread cancer]
    pronunciation: MET-uh-STAT-ik
    definition: Cancer that has moved to another part of the body.
  es: {name: metastásico, definition: Cáncer que pasó a otra parte del cuerpo.}
chemo-brain:
  en: {name: chemo brain, definition: Trouble thinking or remembering during or after cancer treatment.}
"""


# --- ids and the merge rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CDR0000044058", "44058"),
        ("44058", "44058"),
        (44058, "44058"),
        ("cdr44058", "44058"),
        ("0", None),
        ("x1", None),
        ("CDR9999999999", "9999999999"),
        ("CDR10000000000", None),  # NCI writes CDR ids with ten digits
        (10**10, None),
    ],
)
def test_cdr_id(raw: object, expected: str | None) -> None:
    assert cdr_id(raw) == expected


def _rec(date: str, name: str, text: str, aliases: tuple[str, ...] = (), inflections: tuple[str, ...] = ()) -> Entry:
    return Entry(
        "1",
        (Names("en", name, aliases, inflections),),
        (Definition("en", "Patient", "Cancer.gov", text),),
        (Pronunciation("en", f"({text})"),),
        date=date,
    )


def test_merge_later_date_wins_per_field_and_names_union() -> None:
    new = _rec("2020-01-01", "Tumour", "new", aliases=("growth",))
    old = _rec("2010-01-01", "tumor", "old", inflections=("tumors", "Tumour", "GROWTH"))
    merged = merge([new, old])  # read order does not matter across dates
    assert merged.name("en") == "Tumour"
    assert merged.names[0].aliases == ("growth", "tumor")
    assert merged.names[0].inflections == ("tumors",)  # an alias or the name is never also an inflection
    assert merged.definition("en").text == "new"  # type: ignore[union-attr]
    assert merged.pronunciation("en") == Pronunciation("en", "(new)")
    assert merged.date == "2020-01-01"


def test_merge_equal_dates_later_record_wins() -> None:
    a, b = _rec("2020-01-01", "a", "first"), _rec("2020-01-01", "b", "second")
    assert merge([a, b]).name("en") == "b"
    assert merge([b, a]).name("en") == "a"
    assert (merge([a, b]).names[0].aliases, merge([b, a]).names[0].aliases) == (("a",), ("b",))


NAMES_ONLY = Entry("7", (Names("en", "", inflections=("colostomies", "colostomy")),))


def test_names_only_records_lend_a_name_only_when_alone() -> None:
    assert merge([NAMES_ONLY]).name("en") == ""  # a merge of records lends no name ...
    assert named(merge([NAMES_ONLY])).name("en") == "colostomy"  # ... the finished entry takes the shortest form
    assert named(merge([NAMES_ONLY])).names[0].inflections == ("colostomies",)


@pytest.mark.parametrize("date", ["2003-01-01", ""])  # NCI's XML has terms without a date, like the glossifier list
@pytest.mark.parametrize("names_only_first", [True, False])
def test_names_only_records_never_displace_a_name(date: str, names_only_first: bool) -> None:
    full = Entry("7", (Names("en", "Colostomy"),), date=date)
    records = [NAMES_ONLY, full] if names_only_first else [full, NAMES_ONLY]
    merged = merge(records)
    assert (merged.name("en"), merged.names[0].aliases, merged.names[0].inflections) == (
        "Colostomy",
        (),
        ("colostomies",),
    )
    # Merged one at a time, as imports meet the cache, the result is the same.
    assert merge([merge(records[:1]), records[1]]) == merged


def test_entry_data_round_trip() -> None:
    entry = merge_all([_rec("2020-01-01", "x", "y", aliases=("z",))])["1"]
    assert from_data(to_data(entry)) == entry
    assert json.loads(json.dumps(entry.to_json()))["names"]["en"]["aliases"] == ["z"]


def test_definition_falls_back_across_audiences_and_dictionaries() -> None:
    entry = Entry("1", definitions=(Definition("en", "HealthProfessional", "Genetics", "hp"),))
    assert entry.definition("en", "Patient").text == "hp"  # type: ignore[union-attr]
    assert entry.definition("es") is None


# --- loaders on NCI's real data -----------------------------------------------------------------------


def test_xml_export() -> None:
    records, report = read_path(need_shared("glossary", "nci-glossary-xml-2016"))
    entries = merge_all(records)
    assert (report.entries, report.skipped, len(entries)) == (8092, 0, 8092)
    assert sum(1 for e in entries.values() if e.name("es")) == 7916
    assert sum(len(e.definitions) for e in entries.values()) == 16087  # TermDefinition + SpanishTermDefinition
    ashkenazi = entries["460127"]  # two English definitions: Genetics/HP and Cancer.gov/Patient
    assert [(d.lang, d.audience, d.dictionary) for d in ashkenazi.definitions] == [
        ("en", "HealthProfessional", "Genetics"),
        ("en", "Patient", "Cancer.gov"),
        ("es", "Patient", "Cancer.gov"),
    ]
    assert ashkenazi.name("es") == "judíos asquenazíes"
    assert ashkenazi.pronunciation("en") == Pronunciation(
        "en", "(ASH-keh-NAH-zee jooz)", "https://nci-media.cancer.gov/pdq/media/audio/736929.mp3"
    )
    fibromatosis = entries["256537"]  # audio in both languages, a respelling in English only
    assert fibromatosis.pronunciation("es") == Pronunciation(
        "es", None, "https://nci-media.cancer.gov/pdq/media/audio/709811.mp3"
    )
    assert fibromatosis.date == "2007-05-16"
    assert entries["335106"].dictionaries == ("NotSet",)  # a definition without <Dictionary>


def test_glossifier_names() -> None:
    records, report = read_path(need_shared("glossary", "nci-glossifier-names", "glossifier_refresh.json"))
    assert (len(records), report.skipped) == (9015, 0)
    assert len({i for e in records for n in e.names for i in n.inflections}) == 18776
    colostomy = named(merge([e for e in records if e.id == "46464"]))
    assert colostomy.name("en") == "colostomy"
    assert "colostomies" in colostomy.names_in("en").inflections  # type: ignore[union-attr]


def test_api_samples() -> None:
    with pytest.warns(GlossaryWarning, match="skipped 3 malformed") as caught:
        records, report = read_path(need_shared("glossary", "nci-api-samples"), date="2024-05-01")
    assert len(caught) == 1  # one warning per load, with the count
    # The three skipped are the API's own unit-test fixtures with a made-up term 1234 (language "EN",
    # dictionary "Dictionary"); autosuggest lists, counts and index mappings are ignored, not read.
    assert (report.entries, report.skipped, report.ignored) == (2932, 3, 490)
    entries = merge_all(records)
    assert len(entries) == 1835 and "1234" not in entries
    metastatic = entries["44058"]
    assert (metastatic.name("en"), metastatic.name("es")) == ("metastatic", "metastásico")
    assert metastatic.names_in("es").url_name == "metastasico"  # type: ignore[union-attr]
    assert metastatic.date == "2024-05-01"
    # The Elasticsearch documents behind the API (snake_case keys) read the same way.
    es_doc = need_shared(
        "glossary", "nci-api-samples", "glossary-api", "test", "NCI.OCPL.Api.Glossary.Tests", "TestData"
    ) / Path("ESTermsQueryData", "GetById", "44058_cancer.gov_en_patient.json")
    (single,), _ = read_path(es_doc)
    assert single.name("en") == "metastatic" and single.pronunciation("en").respelling == "(meh-tuh-STA-tik)"  # type: ignore[union-attr]


def test_autosuggest_is_ignored() -> None:
    folder = need_shared("glossary", "nci-api-samples", "glossary-app-mock-data", "Autosuggest")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records, report = read_path(folder)
    assert records == [] and report.ignored > 0 and report.skipped == 0


def test_drug_samples() -> None:
    records, report = read_path(need_shared("glossary", "nci-drug-api-samples"))
    entries = merge_all(records)
    assert (report.entries, report.skipped, len(entries)) == (677, 0, 594)
    assert all(e.kind == "drug" for e in entries.values())
    avelumab = next(e for e in entries.values() if e.name("en") == "avelumab")
    names = avelumab.names_in("en")
    assert names is not None and names.url_name == "avelumab" and names.brands == ("Bavencio",)
    assert {"Bavencio", "MSB0010718C"} <= set(names.aliases)
    assert avelumab.dictionaries == ("Drug",)


def test_jsonl_and_malformed_lines(tmp_path: Path) -> None:
    term = {"termId": 99, "language": "en", "dictionary": "Cancer.gov", "audience": "Patient", "termName": "zz"}
    lines = [json.dumps(term), "{not json", json.dumps({**term, "termId": "x"}), json.dumps({**term, "language": "fr"})]
    path = tmp_path / "terms.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(GlossaryWarning, match="skipped 3 malformed") as caught:
        records, report = read_path(path)
    assert len(caught) == 1 and [r.id for r in records] == ["99"] and report.skipped == 3


# Our own made-up term, in each shape a broken or hostile file can take.
_XML_TERM = '<GlossaryTerm id="CDR0000000007"><TermName>{}</TermName></GlossaryTerm>'


@pytest.mark.parametrize(
    "data",
    [
        # Entities are never expanded: an export declares none, and they are how a file bombs (a few kB
        # that expand to gigabytes) or reads other files.
        b'<!DOCTYPE GlossaryTerm [<!ENTITY n "inserted">]>' + _XML_TERM.format("&n;").encode(),
        b'<!DOCTYPE GlossaryTerm [<!ENTITY a "' + b"x" * 1000 + b'">]>' + _XML_TERM.format("&a;" * 1000).encode(),
        b'<!DOCTYPE GlossaryTerm [<!ENTITY f SYSTEM "file:///etc/hostname">]>' + _XML_TERM.format("&f;").encode(),
        b'<!DOCTYPE GlossaryTerm [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>'
        + _XML_TERM.format("x").encode(),
        b'<?xml version="1.0" encoding="no-such-codec"?>' + _XML_TERM.format("x").encode(),
        _XML_TERM.format("x").encode()[:30],
        b"",
    ],
)
def test_hostile_xml_is_skipped(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "CDR7.xml").write_bytes(data)
    (tmp_path / "CDR8.xml").write_bytes(b"\xef\xbb\xbf" + _XML_TERM.format("fine").replace("7", "8").encode())
    with pytest.warns(GlossaryWarning, match=r"skipped 1 malformed .*CDR7\.xml: unreadable XML") as caught:
        records, report = read_path(tmp_path)
    assert len(caught) == 1 and [(r.id, r.name("en")) for r in records] == [("8", "fine")]


_TERM = {"termId": 9, "language": "en", "dictionary": "Cancer.gov", "audience": "Patient", "termName": "zz"}


@pytest.mark.parametrize(
    ("doc", "kept"),
    [
        ({**_TERM, "otherLanguages": 5}, ["9"]),  # a list expected: read as none
        ({**_TERM, "otherLanguages": None, "definition": None, "pronunciation": None}, ["9"]),
        ({"termId": 9, "type": "DrugTerm", "name": "zz", "aliases": 7}, ["9"]),
        ([_TERM, {**_TERM, "termId": 9.5}, {**_TERM, "termId": -9}, {**_TERM, "termId": 10**30}], ["9"]),
    ],
)
def test_json_of_the_wrong_shape(tmp_path: Path, doc: object, kept: list[str]) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GlossaryWarning)
        records, _ = read_path(path)
    assert [r.id for r in records] == kept


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        # json reads an escaped lone surrogate, but no page, terminal or PDF can print it.
        ('[{"termName": "z\\ud800"}]', "lone surrogate"),
    ],
)
def test_json_that_json_reads_but_we_cannot_is_skipped(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.warns(GlossaryWarning, match=f"skipped 1 malformed .*odd.json: not JSON .*{why}"):
        assert read_path(path)[0] == []


def test_jsonl_lines_end_only_at_newlines(tmp_path: Path) -> None:
    # JSON strings may hold U+2028, U+0085 and the like raw: str.splitlines() would cut the record there.
    lines = [json.dumps({**_TERM, "termName": f"a{sep}b"}, ensure_ascii=False) for sep in ("\u2028", "\x85", "\x1c")]
    path = tmp_path / "terms.jsonl"
    path.write_text("\r\n".join(lines) + "\n\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records, report = read_path(path)
    assert report.skipped == 0 and [r.name("en") for r in records] == ["a b"] * 3


def test_unknown_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file"):
        read_path(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        read_path(tmp_path / "notes.txt")


# --- the project's YAML -------------------------------------------------------------------------------


def test_project_yaml(tmp_path: Path) -> None:
    records, report = read_project(_project(tmp_path, PROJECT_YAML))
    assert (report.entries, report.skipped) == (2, 0)
    metastatic = records[0]
    assert (metastatic.id, metastatic.source, metastatic.names[0].aliases) == ("44058", "project", ("spread cancer",))
    assert metastatic.definition("es").audience == "Patient"  # type: ignore[union-attr]
    # Written bare, shown in parentheses like NCI's respellings; none in Spanish.
    assert metastatic.pronunciations == (Pronunciation("en", "(MET-uh-STAT-ik)"),)
    assert records[1].id == "chemo-brain"  # a project-local id for a term NCI does not have


@pytest.mark.parametrize(
    "bad",
    [
        "'Not An Id': {en: {name: x}}",
        "'12': [not, a, mapping]",
        "'13': {en: {definition: no name}}",
        "'14': {en: {name: x, also: not-a-list}}",
        "'15': {en: {name: x, definition: [1, 2]}}",
        "'16': {en: {name: x, pronunciation: (EKS)}}",  # the parentheses are the loader's to add
        "'17': {en: {name: x, pronunciation: Eks-ray}}",  # a syllable is stressed or not, all of it
        "'18': {en: {name: x, pronunciation: [EKS]}}",
    ],
)
def test_project_yaml_malformed(tmp_path: Path, bad: str) -> None:
    folder = _project(tmp_path, PROJECT_YAML + bad + "\n")
    with pytest.warns(GlossaryWarning, match="skipped 1 malformed") as caught:
        records, report = read_project(folder)
    assert len(caught) == 1 and report.skipped == 1 and len(records) == 2


def test_repository_glossary_reads_cleanly() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records, report = read_project(ROOT / "glossary")
    assert report.skipped == 0 and all(r.source == "project" for r in records)


# --- the index ----------------------------------------------------------------------------------------


def test_index_of_the_full_export(xml_cache: Path) -> None:
    g = load_glossary(cache_dir=xml_cache, project_dir=None)
    assert len(g) == 9201  # 8,092 XML terms and 1,109 more ids named only in the glossifier list
    assert g.get("CDR0000460127") == g.get("460127")
    assert g.get("460127").name("es") == "judíos asquenazíes"  # type: ignore[union-attr]
    assert [e.id for e in g.find("ASHKENAZI  jews")] == ["460127"]
    assert [e.id for e in g.find("colostomies")] == ["46464"]  # an inflection from the glossifier
    assert [e.id for e in g.find("colostomía", "es")] == ["46464"]
    assert g.find("no such term") == [] and g.get("1") is None
    en = list(g.names("en"))
    assert ("colostomies", "46464") in en and len(en) == len(set(en))
    stats = g.stats()
    assert (stats.entries, stats.nci, stats.project) == (9201, 9201, 0)
    assert stats.definitions["en/Patient/Cancer.gov"] > 7000
    g.close()


def test_import_order_does_not_change_the_glossary(xml_cache: Path, tmp_path: Path) -> None:
    """The glossifier names before the XML export, after it (xml_cache) or read with it give one glossary."""
    xml = need_shared("glossary", "nci-glossary-xml-2016")
    glossifier = need_shared("glossary", "nci-glossifier-names", "glossifier_refresh.json")
    import_path(glossifier, cache_dir=tmp_path)
    import_path(xml, cache_dir=tmp_path)
    after, before = (
        load_glossary(cache_dir=xml_cache, project_dir=None),
        load_glossary(cache_dir=tmp_path, project_dir=None),
    )
    together = {i: named(e) for i, e in merge_all([*read_path(xml)[0], *read_path(glossifier)[0]]).items()}
    assert after.ids() == before.ids() == list(together)
    differ = [i for i in together if not after.get(i) == before.get(i) == together[i]]
    assert differ == []
    # Terms the XML export names, and that the glossifier list also matches in other forms, keep NCI's name.
    randomized = after.get("45858")
    assert randomized is not None and randomized.name("en") == "randomized clinical trial"
    assert randomized.names_in("en").inflections  # type: ignore[union-attr]
    after.close()
    before.close()


def test_import_merges_into_the_cache(tmp_path: Path) -> None:
    xml = need_shared("glossary", "nci-glossary-xml-2016")
    files = sorted(xml.glob("CDR25653*.xml"))
    first = import_path(files[0], cache_dir=tmp_path)
    assert (first.read, first.added, first.total) == (1, 1, 1)
    again = import_path(files[0], cache_dir=tmp_path)
    assert (again.added, again.updated, again.total) == (0, 0, 1)
    api = need_shared("glossary", "nci-api-samples", "glossary-app-mock-data", "Terms", "Cancer.gov", "Patient")
    report = import_path(api, cache_dir=tmp_path, date="2024-01-01")
    assert report.added > 0 and report.total == 1 + report.added


def test_import_of_nothing_keeps_the_cache(tmp_path: Path) -> None:
    import_path(need_shared("glossary", "nci-glossary-xml-2016", "CDR256537.xml"), cache_dir=tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(GlossaryError, match="no glossary terms found"):
        import_path(empty, cache_dir=tmp_path)
    assert (tmp_path / INDEX_FILE).read_bytes() == before


def test_corrupt_cache_is_an_error(tmp_path: Path) -> None:
    (tmp_path / INDEX_FILE).write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(GlossaryError, match="unreadable"):
        load_glossary(cache_dir=tmp_path, project_dir=None)


def test_no_cache_is_an_empty_nci_part(tmp_path: Path) -> None:
    g = load_glossary(cache_dir=tmp_path / "none", project_dir=_project(tmp_path / "p", PROJECT_YAML))
    assert len(g) == 2 and g.get("44058").source == "project"  # type: ignore[union-attr]
    assert g.stats().index is None


@pytest.mark.parametrize(("prefer", "source"), [("nci", "nci"), ("project", "project")])
def test_precedence(xml_cache: Path, tmp_path: Path, prefer: str, source: str) -> None:
    project = _project(tmp_path / "project", PROJECT_YAML)
    g = load_glossary(cache_dir=xml_cache, prefer=prefer, project_dir=project)  # type: ignore[arg-type]
    assert g.get("44058").source == source  # type: ignore[union-attr]
    assert g.get("chemo-brain").source == "project"  # type: ignore[union-attr]
    assert [e.source for e in g.find("spread cancer")] == [source]  # project aliases match either way
    assert len(g) == 9202


def test_prefer_must_be_known() -> None:
    with pytest.raises(GlossaryError, match="prefer"):
        Glossary(None, {}, prefer="both")  # type: ignore[arg-type]


def test_project_warning_repeats_from_cache(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", PROJECT_YAML + "'13': {en: {definition: no name}}\n")
    for _ in range(2):  # the second load reads the parsed project from the cache and still warns once
        with pytest.warns(GlossaryWarning, match="skipped 1 malformed") as caught:
            load_glossary(cache_dir=tmp_path / "cache", project_dir=project)
        assert len(caught) == 1


# A cold process: import simplify.glossary, open the cache and list every name (a names-only load), then
# read every entry's definition (the full load). Prints both, in ms from the import, and the count defined.
LOAD = """
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from simplify.glossary import load_glossary
g = load_glossary(cache_dir=Path(sys.argv[1]), project_dir=None)
names = sum(1 for lang in ("en", "es") for _ in g.names(lang))
t1 = time.perf_counter()
defined = sum(1 for e in g.entries() if e.definition("en"))
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t0) * 1000, defined)
"""


def test_load_is_fast(xml_cache: Path) -> None:
    runs = [
        subprocess.run(
            [sys.executable, "-c", LOAD, str(xml_cache)], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(3)
    ]
    assert {r[2] for r in runs} == {"8092"}
    names_ms, full_ms = (min(float(r[i]) for r in runs) for i in (0, 1))
    # The bar, a full load under 200 ms, is the benchmark's (benchmarks/glossary_load.py: ~145 ms on two shared
    # cores). A test on a busy machine holds what does not depend on its speed: the full load takes under five
    # times the names-only load it starts with (~3.6 times now, ~6.5 when each entry was a query of its own),
    # and, at worst, 2.5 times the bar.
    assert full_ms < 5 * names_ms and full_ms < 500, (names_ms, full_ms)
    started = time.perf_counter()
    load_glossary(cache_dir=xml_cache, project_dir=None)
    assert time.perf_counter() - started < 0.5


def test_entries_are_what_get_returns(xml_cache: Path, tmp_path: Path) -> None:
    for prefer in ("nci", "project"):
        g = load_glossary(cache_dir=xml_cache, prefer=prefer, project_dir=_project(tmp_path, PROJECT_YAML))  # type: ignore[arg-type]
        assert list(g.entries()) == [g.get(i) for i in g.ids()]
        g.close()
