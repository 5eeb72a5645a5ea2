"""Link classification over every form real cancer.gov pages use."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from simplify.links import classify, term_id
from simplify.model import LinkKind

GLOSSARY = [
    # (href, term id, term name, language, audience, dictionary)
    (
        "/Common/PopUps/popDefinition.aspx?id=CDR0000044782&version=Patient&language=English",
        "44782",
        None,
        "en",
        "patient",
        None,
    ),
    (
        "/Common/PopUps/popDefinition.aspx?id=44782&version=patient&language=English&dictionary=Cancer.gov",
        "44782",
        None,
        "en",
        "patient",
        "Cancer.gov",
    ),
    (
        "/common/popups/popdefinition.aspx?LANGUAGE=english&dictionary=genetic&Version=HealthProfessional&ID=46066",
        "46066",
        None,
        "en",
        "health professional",
        "Genetics",
    ),
    (
        "/Common/PopUps/popDefinition.aspx?version=healthprofessional&id=CDR45361&language=en&dictionary=NotSet",
        "45361",
        None,
        "en",
        "health professional",
        "NotSet",
    ),
    (
        "/Common/PopUps/popDefinition.aspx?id=CDR0000045365&version=Patient&language=Spanish",
        "45365",
        None,
        "es",
        "patient",
        None,
    ),
    ("https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id=655245", "655245", None, None, None, None),
    ("/publications/dictionaries/cancer-terms/def/44782", "44782", None, "en", None, "Cancer.gov"),
    (
        "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/progression-free-survival/",
        None,
        "progression free survival",
        "en",
        None,
        "Cancer.gov",
    ),
    (
        "/publications/dictionaries/genetics-dictionary/def/germline-variant",
        None,
        "germline variant",
        "en",
        None,
        "Genetics",
    ),
    ("/espanol/publicaciones/diccionarios/diccionario-cancer/def/45866", "45866", None, "es", None, "Cancer.gov"),
    # Older pages give the id in the query of the dictionary's page.
    ("http://www.cancer.gov/dictionary?CdrID=44782", "44782", None, "en", None, "Cancer.gov"),
    (
        "https://www.cancer.gov/publications/dictionaries/cancer-terms/?cdrid=CDR0000044782",
        "44782",
        None,
        "en",
        None,
        "Cancer.gov",
    ),
    ("/publications/dictionaries/genetics-dictionary?cdrid=46066", "46066", None, "en", None, "Genetics"),
    ("/espanol/publicaciones/diccionarios/diccionario-cancer?cdrid=45866", "45866", None, "es", None, "Cancer.gov"),
    (
        "/espanol/publicaciones/diccionarios/diccionario-cancer/def/supervivencia-sin-progresion",
        None,
        "supervivencia sin progresion",
        "es",
        None,
        "Cancer.gov",
    ),
]


@pytest.mark.parametrize(("href", "cdr", "name", "lang", "audience", "dictionary"), GLOSSARY)
def test_glossary_links(
    href: str, cdr: str | None, name: str | None, lang: str | None, audience: str | None, dictionary: str | None
) -> None:
    link = classify(href, "term", 3)
    assert (link.kind, link.term_id, link.term_name, link.lang, link.audience, link.dictionary) == (
        LinkKind.GLOSSARY,
        cdr,
        name,
        lang,
        audience,
        dictionary,
    )
    assert link.line == 3


@pytest.mark.parametrize(
    ("href", "kind", "drug"),
    [
        ("/about-cancer/treatment/drugs/daratumumab", LinkKind.DRUG, "daratumumab"),
        ("https://www.cancer.gov/about-cancer/treatment/drugs/Lenalidomide/", LinkKind.DRUG, "lenalidomide"),
        ("https://www.cancer.gov/publications/dictionaries/cancer-drug/def/792683", LinkKind.DRUG, "792683"),
        ("/espanol/cancer/tratamiento/medicamentos/daratumumab", LinkKind.DRUG, "daratumumab"),
        ("http://www.cancer.gov/drugdictionary?CdrID=539733", LinkKind.DRUG, "539733"),
        ("https://www.cancer.gov/publications/dictionaries/cancer-drug?cdrid=689330", LinkKind.DRUG, "689330"),
        ("https://www.cancer.gov/publications/dictionaries/cancer-drug", LinkKind.INTERNAL, None),  # the search page
        ("/publications/dictionaries/cancer-terms?expand=A", LinkKind.INTERNAL, None),
        ("/types/myeloma", LinkKind.INTERNAL, None),
        ("https://www.cancer.gov/types/myeloma/research", LinkKind.INTERNAL, None),
        ("/about-cancer/treatment/drugs", LinkKind.INTERNAL, None),  # the list page, not one drug
        ("#cit/section_1.2", LinkKind.ANCHOR, None),
        ("https://clinicaltrials.gov/show/NCT02076009", LinkKind.EXTERNAL, None),
        ("http://www.fda.gov/NewsEvents/Newsroom/PressAnnouncements/ucm472875.htm", LinkKind.EXTERNAL, None),
        ("mailto:someone@example.org", LinkKind.EXTERNAL, None),
        ("https://cancer.gov.example.com/def/1", LinkKind.EXTERNAL, None),
    ],
)
def test_other_links(href: str, kind: LinkKind, drug: str | None) -> None:
    link = classify(href)
    assert (link.kind, link.drug) == (kind, drug)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CDR0000044782", "44782"),
        ("44782", "44782"),
        ("cdr44782", "44782"),
        (" 0044782 ", "44782"),
        ("", None),
        ("abc", None),
        ("CDR-1", None),
    ],
)
def test_term_id(value: str, expected: str | None) -> None:
    assert term_id(value) == expected


def test_every_glossary_link_form_in_the_corpus_resolves(corpus: list[Path]) -> None:
    """Every popDefinition / dictionary link of the 414 real pages gives an id or a name."""
    pattern = re.compile(r"\]\((\S*(?:popDefinition|/def/|cdrid=)\S*?)\)", re.IGNORECASE)
    kinds: Counter[str] = Counter()
    for page in corpus:
        for href in pattern.findall(page.read_text(encoding="utf-8")):
            link = classify(href)
            if "cancer-drug" in href or "drugdictionary" in href:
                assert link.kind is LinkKind.DRUG, href
                continue
            assert link.kind is LinkKind.GLOSSARY, href
            assert link.term_id or link.term_name, href
            kinds["id" if link.term_id else "name"] += 1
    assert kinds["id"] > 10_000  # the corpus links its jargon thousands of times
