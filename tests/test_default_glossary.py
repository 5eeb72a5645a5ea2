"""The project's own glossary (glossary/*.yaml): coverage of the terms articles link, in plain words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SEED

from simplify import articles
from simplify.model import LinkKind
from simplify.readability.languages import grade_of
from simplify.readability.score import score_text

MAX_WORDS = 25
MAX_GRADE = 8
TOP = 300


def own_glossary() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "glossary").glob("*.yaml")):
        for cdr, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            assert cdr not in entries, f"{cdr} is defined twice ({path.name})"
            entries[str(cdr)] = entry
    return entries


ENTRIES = own_glossary()
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
