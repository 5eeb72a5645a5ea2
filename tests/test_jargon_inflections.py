"""Rules that widen what a glossary name matches: verb forms, spelling variants, salts, gene symbols, asides.

Every name and sentence here is made up for the test (no NCI text).
"""

from __future__ import annotations

import pytest

from simplify.jargon.evaluate import half, halves
from simplify.jargon.inflect import english_variants, english_verb_forms, english_verb_names
from simplify.jargon.matcher import TermMatcher

VERB_FORMS = [
    ("retch", ["retching", "retched"]),
    ("dilute", ["diluting", "diluted"]),  # silent "e" goes
    ("agree", ["agreeing", "agreed"]),  # "ee" stays
    ("untie", ["untying", "untied"]),  # "ie" -> "y"
    ("copy", ["copying", "copied"]),  # consonant + "y"
    ("delay", ["delaying", "delayed"]),  # vowel + "y"
    ("stop", ["stoping", "stoped", "stopping", "stopped"]),  # doubled consonant, and the plain form too
    ("flex", ["flexing", "flexed"]),  # no doubling after "x"
    ("sarcoma", []),  # Latin endings are not verbs
    ("tumors", []),  # nor plurals
    ("bleeding", []),  # nor "-ing" or "-ed" forms already
    ("ZQX", []),  # nor acronyms
    ("ab", []),  # nor two letters
    ("x-ray", []),  # nor hyphenated words
    ("zq9", []),  # nor words with digits
]


@pytest.mark.parametrize(("word", "expected"), VERB_FORMS)
def test_verb_forms(word: str, expected: list[str]) -> None:
    assert english_verb_forms(word) == expected


VERB_NAMES = [
    ("retch", ["retching", "retched"]),  # one word: both forms
    ("blorb test", ["blorb testing"]),  # a longer name: "-ing" of its head only
    ("flarn scan of the knee", ["flarn scaning of the knee", "flarn scanning of the knee"]),  # head before "of"
    ("blorb therapy", ["blorb therapying"]),  # a wrong form costs nothing: text never holds it
]


@pytest.mark.parametrize(("name", "expected"), VERB_NAMES)
def test_verb_names(name: str, expected: list[str]) -> None:
    assert english_verb_names(name) == expected


VARIANTS = [
    ("neurologic exam", ["neurological exam"]),
    ("zorbological grade", ["zorbologic grade"]),
    ("sonographic scan", ["sonographical scan"]),
    ("clinic visit", []),  # "-ic" alone is another word ("clinical")
    ("acute nonzorbic leukemia", ["acute non-zorbic leukemia"]),  # a joined prefix is also hyphenated
    ("post-flarn therapy", ["postflarn therapy"]),  # and a hyphenated one joined
    ("anti flarn agent", ["antiflarn agent"]),
    ("antigen", []),  # "anti" + three letters is a word of its own
    ("pretzel", ["pre-tzel"]),  # a wrong form costs nothing: text never holds it
]


@pytest.mark.parametrize(("name", "expected"), VARIANTS)
def test_variants(name: str, expected: list[str]) -> None:
    assert english_variants(name) == expected


NAMES = [
    ("blorb test", "1"),
    ("retch", "2"),
    ("neurologic exam", "3"),
    ("acute nonzorbic leukemia", "4"),
    ("flarnacin hydrochloride", "5"),
    ("quibotinib-s-malate", "6"),
    ("zentrazol", "7"),
    ("zentrazol sodium", "8"),  # its bare name is a term of its own
    ("ZQX1 gene", "9"),
    ("ZQY2 gene", "10"),
    ("ZQY2", "11"),  # the symbol is a term of its own
    ("central wobble system", "12"),
    ("central wobble system (CWS)", "12"),
    ("central wobble system prophylaxis", "13"),
    ("FLIB", "14"),  # an acronym whose lower-case copy is in the list too
    ("flib", "14"),
    ("grommet", "15"),
    ("grommeting", "16"),  # a verb form that is a name of its own stays that name's
    ("plonk", "17"),
    ("dorbix mesylate hydrate", "18"),
]


@pytest.fixture(scope="module")
def en() -> TermMatcher:
    return TermMatcher.build(NAMES, "en")


MATCHES = [
    ("Blorb testing was done.", [("1", "Blorb testing")]),  # "-ing" of a longer name's head
    ("She retched twice.", [("2", "retched")]),  # a one-word name's verb forms
    ("A neurological exam.", [("3", "neurological exam")]),  # "-ologic" / "-ological"
    ("Acute non-zorbic leukemia.", [("4", "Acute non-zorbic leukemia")]),  # hyphenated prefix
    ("Flarnacin helps.", [("5", "Flarnacin")]),  # a drug without its salt
    ("Quibotinib helps.", [("6", "Quibotinib")]),  # ... and without a stereo descriptor before it
    ("Dorbix helps.", [("18", "Dorbix")]),  # ... and without two salts
    ("Zentrazol helps.", [("7", "Zentrazol")]),  # the bare name keeps its own term
    ("ZQX1 variants.", [("9", "ZQX1")]),  # a gene by its symbol
    ("ZQY2 variants.", [("11", "ZQY2")]),  # ... unless the symbol is a term of its own
    ("The central wobble system (CWS) prophylaxis.", [("13", "central wobble system (CWS) prophylaxis")]),
    ("The central wobble system (CWS) is big.", [("12", "central wobble system (CWS)")]),
    ("Flibbing and flibbed.", []),  # no verb forms of an acronym's lower-case copy
    ("Grommeting is done.", [("16", "Grommeting")]),
    ("He plonked it; plonking.", [("17", "plonked")]),  # first occurrence only
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_matches(en: TermMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    found = en.find(text)
    assert [(m.term_id, m.text) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


def test_everyday_verb_forms_stay_everyday() -> None:
    """The verb forms of an everyday word are everyday too: "change" finds neither "changed" nor "changing"."""
    matcher = TermMatcher.build([("change", "1")], "en")
    assert matcher.find("It changed; changing; the change.") == []


def test_forms_that_mean_another_thing_are_not_made() -> None:
    """A name's forms that are another word than the term explained are no match of it; the name itself is."""
    matcher = TermMatcher.build([("extract", "1"), ("condition", "2"), ("observation", "3")], "en")
    text = "Oils extracted from bark; extracting data; conditioning before the graft; these observations."
    assert matcher.find(text) == []
    found = matcher.find("Bark extracts help this condition. Observation comes first.")
    assert [(m.term_id, m.text) for m in found] == [("1", "extracts"), ("2", "condition"), ("3", "Observation")]


def test_no_new_forms_without_inflect() -> None:
    matcher = TermMatcher.build([("retch", "1"), ("flarnacin hydrochloride", "2")], "en", inflect=False)
    assert matcher.find("She retched. Flarnacin helps.") == []


def test_spanish_names_get_no_english_forms() -> None:
    matcher = TermMatcher.build([("neurologic", "1"), ("retch", "2")], "es")
    assert matcher.find("neurological retching") == []


HALVES = ["a.md", "b.md", "dir/c.md", "other/dir/c.md"]


def test_halves_depend_on_the_file_name_only() -> None:
    assert half("dir/c.md") == half("other/dir/c.md") == half("c.md")
    assert {half(f"page-{n}.md") for n in range(20)} == {0, 1}


def test_halves_split_pages() -> None:
    from simplify.jargon.evaluate import Page

    pages = [Page(path, (), 0, frozenset(), frozenset()) for path in HALVES]
    first, second = halves(pages)
    assert sorted(p.path for p in [*first, *second]) == sorted(HALVES)
    assert all(half(p.path) == 0 for p in first) and all(half(p.path) == 1 for p in second)
