"""The bar on the real cancer.gov pages: our matcher against NCI's editors' glossary links and NCI's rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import need_shared

from simplify import articles
from simplify.jargon.evaluate import Measure, Page, ceiling, halves, measure, page
from simplify.jargon.matcher import TermMatcher
from simplify.jargon.nci import glossifier_names, project_names, xml_names

Measures = tuple[Measure, Measure]


Setup = tuple[list[Page], set[str], TermMatcher, TermMatcher]


@pytest.fixture(scope="module")
def setup(corpus: list[Path]) -> Setup:
    nci = glossifier_names(need_shared("glossary", "nci-glossifier-names", "glossifier_refresh.json"), "en")
    xml = xml_names(need_shared("glossary", "nci-glossary-xml-2016"), "en")
    pages: list[Page] = [page(articles.load(str(f))) for f in corpus]
    named = {term_id for _, term_id in [*nci, *xml]}
    baseline = TermMatcher.build(nci, "en", zipf_threshold=None, inflect=False, acronyms=False)
    ours = TermMatcher.build([*nci, *xml, *project_names("en")], "en")
    return pages, named, baseline, ours


@pytest.fixture(scope="module")
def measures(setup: Setup) -> Measures:
    pages, named, baseline, ours = setup
    return measure(baseline, pages, named), measure(ours, pages, named, repeat=2)


def test_no_everyday_word_is_matched(measures: Measures) -> None:
    base, ours = measures
    assert base.everyday_matches > 500  # NCI's rule matches "who", "will", "stage", "blood"
    assert ours.everyday_matches == 0


def test_recall_beats_nci_rule(measures: Measures) -> None:
    base, ours = measures
    assert ours.recall > base.recall
    assert ours.recall_plain > base.recall_plain + 0.02
    assert ours.recall_plain >= 0.93  # measured 93.5%: guard against regressions
    assert ours.recall >= 0.915  # measured 91.5%
    assert ours.extra_per_1k < base.extra_per_1k + 1.5


def test_recall_holds_on_both_halves(setup: Setup) -> None:
    """No rule is fitted to some pages: recall on each half of the corpus (by file-name hash) is alike."""
    pages, named, baseline, ours = setup
    parts = halves(pages)
    assert all(len(part) > len(pages) // 3 for part in parts)
    recalls = [measure(ours, part, named).recall for part in parts]
    assert abs(recalls[0] - recalls[1]) < 0.02
    assert all(r > measure(baseline, part, named).recall for r, part in zip(recalls, parts, strict=True))


def test_speed(measures: Measures) -> None:
    """Matching stays linear and near NCI's plain rule, measured side by side (benchmarks/jargon.py holds 2 ms).

    An absolute bound would fail on a busy shared machine; the ratio of two runs in one process does not.
    """
    assert measures[1].ms_per_1k <= 2 * measures[0].ms_per_1k


def test_no_matcher_of_the_names_could_reach_the_bar(setup: Setup, measures: Measures) -> None:
    """Why test_recall_bar fails: a name of theirs stands in their page for 93.4% of the linked terms only.

    The rest are linked on other words than any name of theirs (a fragment: "advanced" for "advanced
    cancer"; a synonym: "family health history"), or have no name in any list.
    """
    pages, _named, _baseline, ours = setup
    nci = glossifier_names(need_shared("glossary", "nci-glossifier-names", "glossifier_refresh.json"), "en")
    xml = xml_names(need_shared("glossary", "nci-glossary-xml-2016"), "en")
    top = ceiling(ours, pages, [*nci, *xml, *project_names("en")])
    assert measures[1].recall <= top < 0.97


@pytest.mark.xfail(
    strict=True,
    reason="the issue's 97% bar is above the 93.4% ceiling of any matcher of the glossary's names (see "
    "test_no_matcher_of_the_names_could_reach_the_bar): our matcher finds 91.5%, and finding more would take "
    "links that are not on a name of the term",
)
def test_recall_bar(measures: Measures) -> None:
    assert measures[1].recall >= 0.97


def test_the_ceiling_counts_names_in_any_case_and_plural_and_nothing_else() -> None:
    texts = ("Two Bone Marrow biopsies were done.", "The cancer was advanced. Its grade was low.")
    truth = frozenset({"1", "2", "3", "4", "5"})
    pages = [Page("p.md", texts, 10, truth, frozenset())]
    names = [("bone marrow biopsy", "1"), ("advanced cancer", "2"), ("biopsies were done the", "3"), ("done", "4")]
    names.append(("grades", "5"))  # a name in the plural, the page in the singular
    nothing = TermMatcher.build([], "en")
    # 1, 4 and 5; "advanced" is not "advanced cancer"; no name crosses blocks
    assert ceiling(nothing, pages, names) == 0.6
