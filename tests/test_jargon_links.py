"""Linked terms: every glossary and drug link form resolves to its entry, and one concept is one term.

The glossary here is our own: made-up terms in the project's YAML and made-up drugs in the shape of
NCI's Drug Dictionary API. The last tests read the real NCI data under ../shared at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import need_shared

from simplify.articles import parse
from simplify.expand import plan
from simplify.glossary.index import Glossary, import_path, load_glossary
from simplify.jargon.analysis import UNKNOWN_ID, JargonTools
from simplify.jargon.report import MISSING_ID
from simplify.jargon.resolve import slug
from simplify.model import Article

PROJECT = """
"900200":
  en:
    name: zorbumab
    definition: A made-up medicine that a patient can read about.
  es:
    name: zorbumab
    definition: Un medicamento inventado para las pruebas.
"900201":
  en:
    name: Zorbix
    definition: A brand name of zorbumab, made up.
"900300":
  en:
    name: quibble-free survival
    definition: How long a made-up patient lives without quibbles.
  es:
    name: supervivencia sin recaída
    definition: Tiempo inventado sin recaída.
"900400":
  en:
    name: quibble event
    also: [quibble]
    definition: A made-up worry, also called a quibble.
"900401":
  en:
    name: quibble
    definition: Another made-up worry.
"""

# The Drug Dictionary API's shape, our own words: zorbumab is also a glossary term, flarnitib is not.
DRUGS = {
    "meta": {"totalResults": 2, "from": 0},
    "results": [
        {
            "termId": 900100,
            "name": "zorbumab",
            "type": "DrugTerm",
            "prettyUrlName": "zorbumab",
            "drugInfoSummaryLink": {"uri": "https://www.cancer.gov/about-cancer/treatment/drugs/zorbumab"},
            "aliases": [{"type": "USBrandName", "name": "Zorbix"}],
            "definition": {"text": "A made-up antibody, described for doctors."},
            "nciConceptId": "C0",
        },
        {
            "termId": 900101,
            "name": "flarnitib",
            "type": "DrugTerm",
            "prettyUrlName": "flarnitib",
            "drugInfoSummaryLink": {"uri": "https://www.cancer.gov/about-cancer/treatment/drugs/flarnitib"},
            "aliases": [{"type": "USBrandName", "name": "Flarnix"}],
            "definition": {"text": "A made-up kinase blocker, described for doctors."},
            "nciConceptId": "C1",
        },
    ],
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    root = tmp_path_factory.mktemp("glossary")
    (root / "project").mkdir()
    (root / "project" / "terms.yaml").write_text(PROJECT, encoding="utf-8")
    (root / "drugs.json").write_text(json.dumps(DRUGS), encoding="utf-8")
    import_path(root / "drugs.json", cache_dir=root / "cache", date="2024-01-01")
    return load_glossary(cache_dir=root / "cache", project_dir=root / "project")


@pytest.fixture(scope="module")
def tools(glossary: Glossary) -> JargonTools:
    return JargonTools(glossary)


def article(body: str, lang: str = "en") -> Article:
    return parse(f"---\ntitle: T\nlanguage: {lang}\n---\n\n{body}\n", path="page.md")


LINKED = [
    # (link, the id it resolves to)
    ("[zorbumab](/about-cancer/treatment/drugs/zorbumab)", "900200"),  # a drug page: the patient term
    ("[flarnitib](/about-cancer/treatment/drugs/flarnitib)", "900101"),  # no term: the drug itself
    ("[flarnitib](https://www.cancer.gov/publications/dictionaries/cancer-drug/def/900101)", "900101"),
    ("[the drug](/publications/dictionaries/cancer-drug/def/flarnitib)", "900101"),
    ("[Flarnix](/about-cancer/treatment/drugs/flarnix)", "900101"),  # a brand name
    ("[Zorbix](/espanol/cancer/tratamiento/medicamentos/zorbix)", "900200"),
    ("[QFS](/publications/dictionaries/cancer-terms/def/quibble-free-survival)", "900300"),  # by name
    ("[QFS](/publications/dictionaries/cancer-terms/def/900300)", "900300"),
    ("[SSR](/espanol/publicaciones/diccionarios/diccionario-cancer/def/supervivencia-sin-recaida)", "900300"),
    ("[QFS](/Common/PopUps/popDefinition.aspx?id=CDR0000900300&version=Patient&language=English)", "900300"),
]


@pytest.mark.parametrize(("link", "term_id"), LINKED)
def test_links_resolve_to_their_entry(tools: JargonTools, link: str, term_id: str) -> None:
    report, findings = tools.analyze(article(f"Patients got {link} daily."))
    assert [u.term_id for u in report.linked] == [term_id]
    assert report.unlinked == () and report.unknown == () and findings == ()


def test_linked_drugs_are_explained(tools: JargonTools) -> None:
    """A drug link reaches the word list: by the patient term of the same name, else by the drug's own entry."""
    page = article(
        "Some got [zorbumab](/about-cancer/treatment/drugs/zorbumab),\n"
        "some [Flarnix](/about-cancer/treatment/drugs/flarnix)."
    )
    report, _ = tools.analyze(page)
    words = [(e.term_id, e.name, e.definition, e.linked) for e in plan(page, report, tools.glossary)]
    assert words == [
        ("900200", "zorbumab", "A made-up medicine that a patient can read about.", True),
        (
            "900101",
            "flarnitib",
            "A made-up kinase blocker, described for doctors.",
            True,
        ),
    ]


def test_one_concept_is_one_term(tools: JargonTools) -> None:
    """A drug in both dictionaries, and its brand name (a term of its own too), are one term: the patient glossary's."""
    page = article("Zorbumab helps. Later, zorbumab and Zorbix again.")
    report, _ = tools.analyze(page)
    assert [(u.term_id, u.text) for u in report.unlinked] == [("900200", "Zorbumab")]
    assert [e.term_id for e in plan(page, report, tools.glossary)] == ["900200"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A quibble came.", [("900401", "quibble")]),  # its own name, not another term's other name
        ("Two quibbles came.", [("900401", "quibbles")]),  # ... or its plural
        ("A quibble event came.", [("900400", "quibble event")]),
    ],
)
def test_words_naming_several_entries_explain_one(
    tools: JargonTools, body: str, expected: list[tuple[str, str]]
) -> None:
    report, _ = tools.analyze(article(body))
    assert [(u.term_id, u.text) for u in report.unlinked] == expected


def test_words_of_a_drug_page_the_glossary_lacks_still_name_terms(tools: JargonTools) -> None:
    page = article("See [drugs for quibble](/about-cancer/treatment/drugs/quibble-drugs) here.")
    report, findings = tools.analyze(page)
    assert report.linked == () and findings == ()
    assert [(u.term_id, u.text) for u in report.unlinked] == [("900401", "quibble")]


def test_unknown_and_missing_links_are_reported(tools: JargonTools) -> None:
    page = article(
        "A [worry](/publications/dictionaries/cancer-terms/def/made-up-worry) and\n"
        "a [fret](/Common/PopUps/popDefinition.aspx?id=999999999&version=Patient) and\n"
        "a [bother](/Common/PopUps/popDefinition.aspx?version=Patient&language=English) and\n"
        "a [worry](/publications/dictionaries/cancer-terms/def/made-up-worry) again."
    )
    report, findings = tools.analyze(page)
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (UNKNOWN_ID, 6, "glossary link to 'made up worry' ('worry') names no term of the glossary"),
        (UNKNOWN_ID, 7, "glossary link to CDR 999999999 ('fret') names no term of the glossary"),
        (MISSING_ID, 8, "glossary link 'bother' gives no term id or name; link the term's dictionary page"),
    ]
    assert [u.term_id for u in report.linked] == ["999999999"]  # the editor's term, though unknown


def test_unknown_names_need_an_nci_glossary(tmp_path: Path) -> None:
    """Only an imported NCI glossary can say a term does not exist; a missing id is always wrong."""
    tools = JargonTools(load_glossary(cache_dir=tmp_path))
    _, findings = tools.analyze(
        article(
            "A [worry](/publications/dictionaries/cancer-terms/def/made-up-worry) and a\n"
            "[bother](/Common/PopUps/popDefinition.aspx?version=Patient)."
        )
    )
    assert [f.rule for f in findings] == [MISSING_ID]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("progression-free survival", "progression free survival"),
        ("progression-free-survival", "progression free survival"),
        ("Supervivencia sin progresión", "supervivencia sin progresion"),
        ("Hodgkin's lymphoma", "hodgkins lymphoma"),
        ("non-small cell lung cancer (NSCLC)", "non small cell lung cancer nsclc"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.fixture(scope="module")
def nci(tmp_path_factory: pytest.TempPathFactory) -> JargonTools:
    """The NCI glossary XML export and the Drug Dictionary API samples, imported."""
    cache = tmp_path_factory.mktemp("nci-cache")
    for part in ("nci-glossary-xml-2016", "nci-drug-api-samples"):
        import_path(need_shared("glossary", part), cache_dir=cache, date="2024-01-01")
    return JargonTools(load_glossary(cache_dir=cache))


def test_real_drug_links_resolve(nci: JargonTools) -> None:
    """The Drug Dictionary samples resolve drug pages; a drug the 2016 glossary has is its patient term."""
    page = article(
        "They got [avelumab](/about-cancer/treatment/drugs/avelumab) or\n"
        "[nivolumab](/about-cancer/treatment/drugs/nivolumab), then nivolumab and Opdivo alone."
    )
    report, findings = nci.analyze(page)
    entries = [nci.glossary.get(u.term_id) for u in report.linked]
    assert [(e.name("en"), e.kind) for e in entries if e] == [("avelumab", "drug"), ("nivolumab", "term")]
    assert report.unlinked == () and findings == ()
    words = plan(page, report, nci.glossary)
    assert [w.name for w in words] == ["avelumab", "nivolumab"]
    nivolumab = nci.glossary.get(words[1].term_id)
    assert nivolumab is not None and words[1].definition == nivolumab.definition("en", "Patient").text  # type: ignore[union-attr]


def test_real_unlinked_drug_is_one_word(nci: JargonTools) -> None:
    """A drug in both dictionaries is found once, as the patient glossary's term ("Words to know" lists it once)."""
    page = article("Doctors gave nivolumab.")
    report, _ = nci.analyze(page)
    assert [u.text for u in report.unlinked] == ["nivolumab"]
    entry = nci.glossary.get(report.unlinked[0].term_id)
    assert entry is not None and entry.kind == "term" and entry.definition("en", "Patient") is not None
    assert [w.name for w in plan(page, report, nci.glossary)] == ["nivolumab"]


def test_real_name_links_resolve(nci: JargonTools) -> None:
    page = article(
        "Longer [PFS](/publications/dictionaries/cancer-terms/def/progression-free-survival) and\n"
        "[SSE](/espanol/publicaciones/diccionarios/diccionario-cancer/def/supervivencia-sin-evolucion)."
    )
    report, findings = nci.analyze(page)
    assert findings == ()
    names = [(nci.glossary.get(u.term_id).name("en"), nci.glossary.get(u.term_id).name("es")) for u in report.linked]  # type: ignore[union-attr]
    assert names == [("progression-free survival", "supervivencia sin evolución")]
