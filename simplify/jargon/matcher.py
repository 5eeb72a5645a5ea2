"""Find glossary terms in text: longest whole-word match over a token trie, first occurrence per term.

The trie is keyed by word tokens, so matching walks each start token only as deep as some name
goes: linear in the text for any realistic glossary (names are at most a dozen words). Keys are
lower-cased, accent-folded and without a possessive "'s"; what must hold beyond the key (an
acronym's capitals, an everyday word's exclusion) is checked on the candidates a walk reaches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from simplify.jargon.inflect import plurals, singulars
from simplify.readability.rare import RareWords, common_words

# Words (inner apostrophes kept, a possessive "'s" folded into the word) and the punctuation that
# ends a phrase. Hyphens, slashes, quotes and spaces only separate words, so "X-linked" is "x linked";
# a period or parenthesis is a token, so "cancer. Cell" never matches "cancer cell". A colon is not:
# "Level of evidence: II" is how pages write the name "level of evidence II".
_TOKEN = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*(?:['’][sS]\b)?|[.,;!?()\[\]{}]")
# Acute, grave, circumflex and diaeresis vowels fold to the bare vowel ("ablacion" finds "ablación");
# "ñ" stays, since "año" and "ano" are different words.
_FOLD = str.maketrans(
    "áéíóúàèìòùâêîôûäëïöüÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄËÏÖÜ’",
    "aeiouaeiouaeiouaeiouAEIOUAEIOUAEIOUAEIOU'",
)
_SALTS = frozenset(
    [
        "hydrochloride",
        "hydrobromide",
        "bitartrate",
        "tartrate",
        "sulfate",
        "sulphate",
        "citrate",
        "mesylate",
        "besylate",
        "maleate",
        "fumarate",
        "succinate",
        "phosphate",
        "acetate",
        "sodium",
        "potassium",
        "calcium",
        "disodium",
        "dipropionate",
        "propionate",
        "hyclate",
        "tosylate",
        "lactate",
        "gluconate",
        "bromide",
        "chloride",
        "hcl",
        "clorhidrato",
    ]
)
_PUNCT = frozenset(".,;!?()[]{}")
_END = ""  # the trie key that holds a node's names: no token is empty

# One name reaching a trie node: its term id, the exact spellings it needs (None where any case
# does), and whether it is a single everyday word.
_Entry: TypeAlias = tuple[str, tuple[str | None, ...] | None, bool]
_Node: TypeAlias = dict[str, "_Node | list[_Entry]"]


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary term found in text: its id and the span it covers."""

    term_id: str
    start: int
    end: int
    text: str


def _without_salt(name: str) -> str | None:
    """Return a drug name without its salt or ester ("methadone hydrochloride" -> "methadone")."""
    words = name.split(" ")
    if len(words) >= 2 and words[-1].lower() in _SALTS:
        return " ".join(words[:-1])
    return None


def _key(token: str) -> str:
    """Return the trie key of a token: lower case, accents folded, possessive removed."""
    low = token.lower()
    if not low.isascii():
        low = low.translate(_FOLD)
    return low[:-2] if low.endswith("'s") else low


def _strip_possessive(token: str) -> str:
    return token[:-2] if token[-2:] in ("'s", "’s", "'S", "’S") else token


def _cased(token: str) -> bool:
    """Return True if a name token must match in its own case: an acronym ("ALL", "HER2") or "pH"."""
    upper = sum(c.isupper() for c in token)
    return upper >= 2 or (upper == 1 and not token[0].isupper())


def _acronym_use(token: str) -> bool:
    """Return True if a text token is written as an acronym: two or more letters, all capitals."""
    return token.isupper() and sum(c.isalpha() for c in token) >= 2


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Return the (start, end, token) word and phrase-punctuation tokens of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class TermMatcher:
    """Find glossary names in text, the way NCI's glossifier does and stricter about everyday words."""

    def __init__(self, root: _Node, lang: str, size: int) -> None:
        self._root = root
        self.lang = lang
        self.size = size  # names in the trie, generated inflections included

    @classmethod
    def build(
        cls,
        names: Iterable[tuple[str, str]],
        lang: str,
        *,
        zipf_threshold: float | None = 5.0,
        inflect: bool = True,
        acronyms: bool = True,
    ) -> TermMatcher:
        """Build a matcher from (surface name, term id) pairs of one language.

        ``zipf_threshold``: a one-word name this common (wordfreq Zipf) is an everyday word and only
        matches written as an acronym ("ALL", never "all"); None matches everyday words too.
        ``inflect``: add generated plurals of every name. ``acronyms``: a name written in capitals
        ("WHO") matches only in capitals; off, every name matches in any case (NCI's rule).
        """
        common: dict[str, int] = {}
        if zipf_threshold is not None:
            rare = RareWords(lang)
            if rare.supported:
                common = common_words(rare.code, zipf_threshold)
        english = lang.split("-")[0].lower() == "en"
        # (keys, term id) -> the case patterns its names need; a name in capitals wins over the same
        # name in lower case (NCI's list lower-cases "ALL"), so the acronym keeps its capitals.
        found: dict[tuple[tuple[str, ...], str], tuple[set[tuple[str | None, ...] | None], bool]] = {}
        pairs = [(name.strip(), term_id) for name, term_id in names if name.strip()]
        given = {tuple(_key(t) for _, _, t in tokens(name)) for name, _ in pairs}
        for base, term_id in pairs:
            forms = [base]
            if inflect:
                forms += plurals(base, lang)
                bare = _without_salt(base)
                # Pages name a drug without its salt ("epirubicin" for "epirubicin hydrochloride"),
                # unless the bare name is a term of its own.
                if bare and tuple(_key(t) for _, _, t in tokens(bare)) not in given:
                    forms.append(bare)
            base_everyday = False
            for i, form in enumerate(forms):
                toks = [_strip_possessive(t) for _, _, t in tokens(form)]
                if not toks:
                    continue
                keys = tuple(_key(t) for t in toks)
                pattern = tuple(t if _cased(t) else None for t in toks) if acronyms else None
                if pattern is not None and not any(pattern):
                    pattern = None
                everyday = False
                if len(keys) == 1 and common and pattern is None:
                    word = keys[0]
                    everyday = word in common or (english and any(s in common for s in singulars(word)))
                    if i == 0:
                        base_everyday = everyday
                    everyday = everyday or base_everyday  # the plural of an everyday word is everyday too
                patterns, was_everyday = found.get((keys, term_id), (set(), False))
                patterns.add(pattern)
                found[(keys, term_id)] = (patterns, was_everyday or everyday)
        root: _Node = {}
        for (keys, term_id), (patterns, everyday) in found.items():
            if len(patterns) > 1:
                patterns.discard(None)
            node = root
            for key in keys:
                node = node.setdefault(key, {})  # type: ignore[assignment]
            entries = node.setdefault(_END, [])
            assert isinstance(entries, list)
            entries.extend((term_id, p, everyday) for p in sorted(patterns, key=str))
        return cls(root, lang, len(found))

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, longest match first and each term id only at its first occurrence."""
        return self._scan(text, set())

    def find_all(self, texts: Sequence[str]) -> list[list[Match]]:
        """Return the terms in each of ``texts`` (an article's blocks), each term id once across all of them."""
        seen: set[str] = set()
        return [self._scan(text, seen) for text in texts]

    def _scan(self, text: str, seen: set[str]) -> list[Match]:
        toks = tokens(text)
        keys = [_key(t) for _, _, t in toks]
        shouting = text.isupper()  # an all-capitals heading: its "WHO" is the word, not the acronym
        root = self._root
        out: list[Match] = []
        n = len(keys)
        i = 0
        while i < n:
            node = root.get(keys[i])
            if node is None:
                i += 1
                continue
            best_end = 0
            best: list[str] = []
            j = i
            while True:
                assert isinstance(node, dict)
                entries = node.get(_END)
                if entries is not None:
                    assert isinstance(entries, list)
                    ids = [e[0] for e in entries if self._fits(e, toks, i, shouting)]
                    if ids:
                        best_end, best = j + 1, ids
                j += 1
                if j < n and keys[j] == "(" and "(" not in node:
                    # An aside inside a term, "computed tomography (CT) scan", "trial(s)": read past it.
                    close = next((k for k in range(j + 2, min(j + 5, n)) if keys[k] == ")"), 0)
                    if close and all(keys[k] not in _PUNCT for k in range(j + 1, close)):
                        j = close + 1
                if j >= n:
                    break
                node = node.get(keys[j])
                if node is None:
                    break
            if not best:
                i += 1
                continue
            start, end = toks[i][0], toks[best_end - 1][1]
            for term_id in dict.fromkeys(best):
                if term_id not in seen:
                    seen.add(term_id)
                    out.append(Match(term_id, start, end, text[start:end]))
            i = best_end  # a later occurrence still covers its words: no shorter term inside it
        return out

    @staticmethod
    def _fits(entry: _Entry, toks: list[tuple[int, int, str]], i: int, shouting: bool) -> bool:
        _, pattern, everyday = entry
        if everyday:
            return not shouting and _acronym_use(toks[i][2])
        if pattern is None:
            return True
        return all(p is None or _strip_possessive(toks[i + k][2]) == p for k, p in enumerate(pattern))
