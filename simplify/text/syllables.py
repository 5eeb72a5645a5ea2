"""Count the syllables of words: from CMUdict, then NCI respellings, then rules made for medical words.

English words are looked up in the CMU Pronouncing Dictionary first (as textstat does, but from the
``cmudict`` package and a compact cached table, see ``syllables_cmu``), then in the respellings the
caller passes (NCI glossary pronunciations, see ``respell``), and only then counted by spelling rules
(``syllables_en``). Spanish is counted by its spelling rules (``syllables_es``); other languages by
pyphen's hyphenation, as textstat does.

What a word is: surrounding punctuation is dropped and case is ignored. A hyphenated word counts as
the sum of its parts ("non-small-cell" 3) unless the whole is in a dictionary; a run of digits
counts one syllable, as in textstat ("2016" 1, "covid-19" 3); a word with a letter never counts 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from typing import Literal

from simplify.lang import lang_root
from simplify.memo import Memo
from simplify.text.syllables_cmu import cmu_syllables
from simplify.text.syllables_en import count_english
from simplify.text.syllables_es import count_spanish

Source = Literal["cmudict", "glossary", "rule"]

# A composite word is only as trustworthy as its least trustworthy part.
_TRUST: dict[Source, int] = {"rule": 0, "glossary": 1, "cmudict": 2}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# Letters with inner apostrophes ("don't", "o'clock"), or digits.
_PART = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+")
_ANY_VOWEL = re.compile(r"[aeiouy]+")
_NUMBER = re.compile(r"^\d[\d.,]*%?$")
# Roman numerals as medical text uses them ("phase III", "stage IV"), said as the number.
_ROMAN = {"II": 1, "III": 1, "IV": 1, "VI": 1, "VII": 2, "VIII": 1, "IX": 1, "XI": 3, "XII": 1}
# A short acronym CMUdict lacks is spelled out ("NCI", "mRNA"): a letter is a syllable, but W is three.
# Longer ones with vowels are mostly said as words ("COVID"), so the rules count them.
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]*$")


def _spoken_english(written: str) -> int:
    """Return the syllables of a roman numeral or spelled-out acronym, or 0 if ``written`` is neither."""
    if written in _ROMAN:
        return _ROMAN[written]
    if (
        _ACRONYM.match(written)
        and sum(c.islower() for c in written) <= 1
        and (len(written) <= 4 or not _ANY_VOWEL.search(written.lower()))
    ):
        return len(written) + 2 * written.upper().count("W")
    return 0


class SyllableCounter:
    """Count syllables of words in one language, from dictionaries, then rules."""

    def __init__(
        self, lang: str = "en", *, dictionaries: bool = True, respellings: Mapping[str, int] | None = None
    ) -> None:
        self.lang = lang
        self.dictionaries = dictionaries
        self.respellings = {_normalize(word): n for word, n in (respellings or {}).items() if n > 0}
        root = lang_root(lang)
        # Only English has dictionaries: CMUdict, and NCI respellings of English pronunciation.
        self._english_dictionaries = dictionaries and root == "en"
        self._english = root == "en"
        self._rules = _rules_for(root, lang)
        self._cache: Memo[str, tuple[int, Source]] = Memo(self._first_sight)

    def prepare(self) -> None:
        """Load the dictionaries counting needs (CMUdict for English) now, not on the first word."""
        if self._english_dictionaries:
            cmu_syllables()

    def explain(self, word: str) -> tuple[int, str]:
        """Return the syllable count of ``word`` and its source: cmudict, glossary or rule."""
        return self._lookup(word)

    def count(self, word: str) -> int:
        """Return the syllable count of ``word``."""
        return self._cache[word][0]  # the hot path of scoring: a dict lookup

    def _lookup(self, word: str) -> tuple[int, Source]:
        """Return the count and source of ``word``, memoized."""
        return self._cache[word]

    def _first_sight(self, word: str) -> tuple[int, Source]:
        written = _EDGES.sub("", unicodedata.normalize("NFC", word).translate(_APOSTROPHES))
        return self._explain(written.lower(), written)

    def _explain(self, key: str, written: str) -> tuple[int, Source]:
        """Count a normalized word (``written`` keeps its case): whole in a dictionary, else part by part."""
        if _NUMBER.match(key):
            return 1, "rule"  # one number, one syllable: textstat's convention, whatever its digits
        if self._english_dictionaries:
            n = cmu_syllables().get(key)
            if n is not None:
                return max(n, 1), "cmudict"  # CMUdict has "hmm" and "shh" without a vowel
            n = self.respellings.get(key)
            if n is not None:
                return n, "glossary"
        parts = _PART.findall(key)
        if not parts:
            return 0, "rule"
        if len(parts) == 1 and parts[0] == key:
            if self._english:
                spoken = _spoken_english(written)
                if spoken:
                    return spoken, "rule"
            return (1 if key.isdigit() else self._rules(key)), "rule"
        pieces = _PART.findall(written)
        if len(pieces) != len(parts):
            pieces = parts  # lowering split the word ("İ" is "i" and a combining dot): read it as lowered
        counted = [self._lookup(part) for part in pieces]
        return sum(n for n, _ in counted), min((source for _, source in counted), key=_TRUST.__getitem__)


def count_syllables(word: str, lang: str = "en", dictionaries: bool = True) -> int:
    """Return the number of syllables in ``word``."""
    return _shared_counter(lang, dictionaries).count(word)


@cache
def _shared_counter(lang: str, dictionaries: bool) -> SyllableCounter:
    return SyllableCounter(lang, dictionaries=dictionaries)


def _normalize(word: str) -> str:
    """Return ``word`` in lower case, composed, with one apostrophe and no surrounding punctuation."""
    return _EDGES.sub("", unicodedata.normalize("NFC", word).lower().translate(_APOSTROPHES))


@cache
def _rules_for(root: str, lang: str) -> Callable[[str], int]:
    """Return the rule-based counter for a language: ours, else pyphen's, else vowel groups."""
    if root == "en":
        return count_english
    if root == "es":
        return count_spanish
    import pyphen

    if pyphen.language_fallback(lang) is None:
        return _count_vowel_groups
    positions = pyphen.Pyphen(lang=lang).positions

    def count_hyphenation(word: str) -> int:
        """Return one more syllable than pyphen has hyphenation points, as textstat does."""
        return len(positions(word)) + 1

    return count_hyphenation


def _count_vowel_groups(word: str) -> int:
    """Return the groups of Latin vowels in ``word``, at least one: a last resort for any language."""
    return max(1, len(_ANY_VOWEL.findall(unicodedata.normalize("NFD", word))))
