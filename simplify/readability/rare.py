"""Rare words: how often a word is used, from wordfreq, as a measure of jargon.

A rare-word rate agrees with people's ratings of how hard medical sentences are far
better than grade formulas do (MedReadMe, 2024), so scores report both.
"""

from __future__ import annotations

import re
from functools import cache

from simplify.cache import load_or_build, package_version
from simplify.lang import lang_root
from simplify.memo import Memo

DEFAULT_ZIPF = 3.0  # Zipf 3 = once per million words: the usual line for "rare" in readability work

# wordfreq names a few languages differently from our codes.
_WORDFREQ_CODES = {"tl": "fil"}
_FORMAT = 1
_POSSESSIVE = re.compile(r"'s$")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # wordfreq's tokens: letters, inner apostrophes


@cache
def _supported() -> frozenset[str]:
    def build() -> list[str]:
        import wordfreq  # ~0.1 s to import: only when the cache is first built

        return sorted(wordfreq.available_languages())

    return frozenset(load_or_build(f"wordfreq-{package_version('wordfreq')}-languages.marshal", build))


@cache
def common_words(code: str, zipf_threshold: float) -> dict[str, int]:
    """Return {word: centibels} for the words of a language at or above ``zipf_threshold``.

    wordfreq keeps its words in buckets of one centibel (bucket i holds frequency 10^(-i/100),
    Zipf 9 - i/100). Loading its whole list costs ~0.6 s and ~80 MB a process; the common part
    (~30,000 English words) is all a rare-word test needs, cached on disk per wordfreq version.
    """
    last = round((9 - zipf_threshold) * 100)

    def build() -> dict[str, int]:
        import wordfreq

        table: dict[str, int] = {}
        for cb, bucket in enumerate(wordfreq.get_frequency_list(code)[: last + 1]):
            for word in bucket:
                table.setdefault(word, cb)
        return table

    name = f"wordfreq-{package_version('wordfreq')}-{code}-zipf{zipf_threshold:g}-v{_FORMAT}.marshal"
    return load_or_build(name, build)


class RareWords:
    """Decide whether words of one language are rare (Zipf frequency below a threshold)."""

    def __init__(self, lang: str, zipf_threshold: float = DEFAULT_ZIPF) -> None:
        root = lang_root(lang)
        self.code = _WORDFREQ_CODES.get(root, root)
        self.threshold = zipf_threshold
        self._last = round((9 - zipf_threshold) * 100)
        self._cache: Memo[str, bool] = Memo(self._rare)

    @property
    def supported(self) -> bool:
        """Return True if wordfreq has a word list for this language."""
        return self.code in _supported()

    def prepare(self) -> None:
        """Load the language's table of common words now, not on the first word."""
        if self.supported:
            common_words(self.code, self.threshold)

    def is_rare(self, word: str) -> bool:
        """Return True if ``word`` is a rare word of the language; numbers never are."""
        return self._cache[word]

    def _rare(self, word: str) -> bool:
        if not self.supported or any(c.isdigit() for c in word):
            return False
        common = common_words(self.code, self.threshold)
        key = _POSSESSIVE.sub("", word.lower().replace("’", "'"))  # "drug's" is as common as "drug"
        if key in common:
            return False
        parts = _TOKEN.findall(key)
        if len(parts) == 1 or not all(p in common for p in parts):
            return bool(parts)
        # As wordfreq rates a word it splits ("progression-free"): 1 / sum(1 / each part's frequency).
        return sum(10 ** (common[p] / 100) for p in parts) > 10 ** (self._last / 100)
