"""What English words can be, from LemmInflect's lexicon: read once, kept in the cache as plain word lists.

The lexicon itself takes 33 MB (and numpy) in every process that loads it; each list here is a few
hundred kilobytes, built from it once per LemmInflect version.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from simplify.cache import load_or_build, package_version


@functools.cache
def phrase_enders() -> frozenset[str]:
    """Return the words that end a noun phrase they follow.

    Those never a noun or an adjective ("envelops", "twice"), but not in "-ing", which often opens a
    compound modifier ("hormone producing cells"); and a verb's "-s" form, which after a singular noun
    is most often its verb ("the tumor damages", "chemotherapy targets").
    """
    return _words(
        "phrase-ends-2",
        lambda word, kinds: (
            (not kinds.keys() & {"NOUN", "PROPN", "ADJ"} and not word.endswith("ing"))
            or (word.endswith("s") and word not in kinds.get("VERB", (word,)))
        ),
    )


@functools.cache
def verb_forms() -> frozenset[str]:
    """Return the words that can be a verb or an auxiliary in some sentence ("is", "grows", "test")."""
    return _words("verbs-1", lambda word, kinds: bool(kinds.keys() & {"VERB", "AUX"}))


@functools.cache
def noun_modifiers() -> frozenset[str]:
    """Return the singular nouns that are never adjectives nor verbs: before another noun they name a kind of it
    ("fusion gene", "heart syndrome"), where an adjective only says how it is ("fetal testis") and a verb
    may take it as its object ("treat melanoma")."""
    return _words(
        "noun-modifiers-1", lambda word, kinds: word in kinds.get("NOUN", ()) and not kinds.keys() & {"ADJ", "VERB"}
    )


@functools.cache
def adjectives() -> frozenset[str]:
    """Return the words that can be an adjective ("fetal", "malignant", "primary")."""
    return _words("adjectives-1", lambda word, kinds: "ADJ" in kinds)


@functools.cache
def capitalised() -> frozenset[str]:
    """Return the words the lexicon spells with a capital: names ("Hodgkin", "Ewing", "Kaposi")."""
    return _words("capitalised-1", lambda word, kinds: word[:1].isupper())


def _words(name: str, keep: Callable[[str, Mapping[str, tuple[str, ...]]], bool]) -> frozenset[str]:
    def build() -> list[str]:
        from lemminflect import Lemmatizer

        lemmatizer = Lemmatizer()
        lemmatizer.getAllLemmas("a")  # loads its lexicon
        return sorted(word for word, kinds in lemmatizer.lemma_dict.items() if keep(word, kinds))

    return frozenset(load_or_build(f"lemminflect-{package_version('lemminflect')}-{name}.marshal", build))
