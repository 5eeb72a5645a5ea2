"""glossary.unknown-id: ids that are no CDR number always, CDR numbers NCI lacks only after an import."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import need_shared

from simplify import articles
from simplify.glossary import import_path, load_glossary
from simplify.jargon.analysis import UNKNOWN_ID, JargonTools
from simplify.jargon.report import MISSING_ID

POPUP = "/Common/PopUps/popDefinition.aspx?id="
ARTICLE = """---
title: Links
language: en
url: https://www.cancer.gov/example/links
---

# Links

We read about a [term]({href}) today.
"""

# href, message without NCI's dictionary (None: no finding), message with it imported.
CASES = [
    (
        POPUP + "99999999999999999999999999",
        "glossary link to id 99999999999999999999999999 ('term') is not a CDR number (1 to 10 digits)",
        "glossary link to id 99999999999999999999999999 ('term') is not a CDR number (1 to 10 digits)",
    ),
    (
        POPUP + "CDR0000000000",
        "glossary link to id 0 ('term') is not a CDR number (1 to 10 digits)",
        "glossary link to id 0 ('term') is not a CDR number (1 to 10 digits)",
    ),
    # An id that is not digits at all is no CDR number either (a link with no id is glossary.missing-id, below).
    (
        POPUP + "abc&version=Patient",
        "glossary link to id abc ('term') is not a CDR number (1 to 10 digits)",
        "glossary link to id abc ('term') is not a CDR number (1 to 10 digits)",
    ),
    # A real-looking CDR number: most of NCI's are not among our own entries, so only NCI's dictionary can tell.
    (POPUP + "CDR0999999999", None, "glossary link to CDR 999999999 ('term') names no term of the glossary"),
    (POPUP + "CDR0000044058", None, None),
    ("/publications/dictionaries/cancer-terms/def/metastatic", None, None),  # names the term instead
]


@pytest.fixture(scope="module")
def nci_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a cache folder with one NCI term imported (CDR 44058), which is enough to know NCI is there."""
    folder = tmp_path_factory.mktemp("nci")
    import_path(need_shared("glossary", "nci-glossary-xml-2016", "CDR44058.xml"), cache_dir=folder)
    return folder


@pytest.mark.parametrize(
    ("href", "fresh", "imported"), CASES, ids=["26 digits", "zero", "not digits", "unknown CDR", "known CDR", "by name"]
)
def test_unknown_ids(tmp_path: Path, nci_cache: Path, href: str, fresh: str | None, imported: str | None) -> None:
    article = articles.parse(ARTICLE.format(href=href), path="links.md")
    for cache, expected in ((tmp_path / "none", fresh), (nci_cache, imported)):
        _, findings = JargonTools(load_glossary(cache_dir=cache)).analyze(article)
        found = [(f.message, f.line) for f in findings if f.rule == UNKNOWN_ID]
        assert found == ([(expected, 9)] if expected else []), cache


@pytest.mark.parametrize("query", ["version=Patient", "id=&version=Patient", "id=%20"])
def test_a_popup_with_no_id_is_a_missing_id(tmp_path: Path, query: str) -> None:
    href = f"/Common/PopUps/popDefinition.aspx?{query}"
    article = articles.parse(ARTICLE.format(href=href), path="links.md")
    _, findings = JargonTools(load_glossary(cache_dir=tmp_path)).analyze(article)
    assert [(f.rule, f.line) for f in findings if f.rule.startswith("glossary.")] == [(MISSING_ID, 9)]


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999999999", "CDR0000000000"])
def test_an_id_that_is_no_cdr_number_is_no_term_of_the_score(tmp_path: Path, bad: str) -> None:
    from simplify.jargon.analysis import summary

    article = articles.parse(ARTICLE.format(href=POPUP + bad), path="links.md")
    tools = JargonTools(load_glossary(cache_dir=tmp_path))
    report, _ = tools.analyze(article)
    assert summary(report, tools.glossary, 20)["terms"] == []
