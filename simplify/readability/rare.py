"""Rare words: how often a word is used, from wordfreq, as a measure of jargon.

A rare-word rate agrees with people's ratings of how hard medical sentences are far
better than grade formulas do (MedReadMe, 2024), so scores report both.
"""

from __future__ import annotations

from functools import cache

from simplify.lang import lang_root

DEFAULT_ZIPF = 3.0  # Zipf 3 = once per million words: the usual line for "rare" in readability work

# wordfreq names a few languages differently from our codes.
_WORDFREQ_CODES = {"tl": "fil", "zh": "zh", "nb": "nb"}


@cache
def _frequencies(code: str) -> dict[str, float] | None:
    import wordfreq  # ~0.1 s to import and 0.1 s per language list: only when rare words are asked for

    if code not in wordfreq.available_languages():
        return None
    return wordfreq.get_frequency_dict(code)


class RareWords:
    """Decide whether words of one language are rare (Zipf frequency below a threshold)."""

    def __init__(self, lang: str, zipf_threshold: float = DEFAULT_ZIPF) -> None:
        root = lang_root(lang)
        self.code = _WORDFREQ_CODES.get(root, root)
        self.threshold = zipf_threshold
        self._min_freq = 10 ** (zipf_threshold - 9)  # Zipf = log10(frequency per billion words)
        self._cache: dict[str, bool] = {}

    @property
    def supported(self) -> bool:
        """Return True if wordfreq has a word list for this language."""
        return _frequencies(self.code) is not None

    def zipf(self, word: str) -> float:
        """Return the Zipf frequency of ``word`` (0 when unknown)."""
        import wordfreq

        return float(wordfreq.zipf_frequency(word, self.code))

    def is_rare(self, word: str) -> bool:
        """Return True if ``word`` is a rare word of the language; numbers never are."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        freqs = _frequencies(self.code)
        if freqs is None or any(c.isdigit() for c in word):
            rare = False
        else:
            key = word.lower().replace("’", "'")
            if key.endswith("'s"):
                key = key[:-2]  # "drug's" is as common as "drug"
            if key.isalpha():
                rare = freqs.get(key, 0.0) < self._min_freq
            else:
                # Hyphens and apostrophes: let wordfreq combine the parts' frequencies its own way.
                rare = self.zipf(key) < self.threshold
        self._cache[word] = rare
        return rare
