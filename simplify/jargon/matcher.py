"""Find glossary terms in text: longest whole-word match over a token trie, first occurrence per term.

The trie is keyed by word tokens, so matching walks each start token only as deep as some name
goes: linear in the text for any realistic glossary (names are at most a dozen words). Keys are
lower-cased, accent-folded and without a possessive "'s"; what must hold beyond the key (an
acronym's capitals, an everyday word's exclusion) is checked on the candidates a walk reaches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice, zip_longest
from typing import TypeAlias

from simplify.jargon.inflect import english_variants, english_verb_names, plurals, singulars
from simplify.memo import Memo
from simplify.readability.rare import RareWords, common_words

# Words (inner apostrophes kept, a possessive "'s" folded into the word) and the punctuation that
# ends a phrase. Hyphens, slashes, quotes and spaces only separate words, so "X-linked" is "x linked";
# a period or parenthesis is a token, so "cancer. Cell" never matches "cancer cell". A colon is not:
# "Level of evidence: II" is how pages write the name "level of evidence II". A sign after a word is a
# token too, as it is part of the name: "ER+" and "ER-" are other terms than "ER".
_TOKEN = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*(?:['’][sS]\b)?|[.,;!?()\[\]{}+]|(?<=[^\W_])-(?![^\W_])")
# Acute, grave, circumflex and diaeresis vowels fold to the bare vowel ("ablacion" finds "ablación");
# "ñ" stays, since "año" and "ano" are different words.
_FOLD = str.maketrans(
    "áéíóúàèìòùâêîôûäëïöüÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄËÏÖÜ’",
    "aeiouaeiouaeiouaeiouAEIOUAEIOUAEIOUAEIOU'",
)
# English names whose forms the matcher does not make, as those forms mean another thing than the term
# explained: "extracted from a plant" and "extracting data" are no extract, a transplant's "conditioning"
# no health condition. Where editors link such a form, the link still holds.
_VERB_IS_ANOTHER_SENSE = frozenset(["extract", "condition"])
# English names of terms that are mass nouns: counted, they are another thing. "Observation" is watching a
# person's health with checkups; "observations", "this observation" and "an observation" are findings. The
# matcher makes no plural of them, and a counted use is no use (simplify.jargon.report).
MASS_NOUNS = frozenset(["observation"])
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
        "malate",
        "hydrate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
        "sesquihydrate",
        "anhydrous",
        "dihydrochloride",
        "ditosylate",
        "dimesylate",
        "mesilate",
        "esylate",
        "bisulfate",
        "nitrate",
        "oxalate",
        "pamoate",
        "meglumine",
        "tromethamine",
        "hemifumarate",
    ]
)
# A stereo descriptor written before a salt: "-s-malate", "-l-lysine".
_STEREO = frozenset(["s", "r", "l", "d", "dl"])
# The word after a gene symbol in a gene's name: "XYZ1 gene" is written "XYZ1" as often as not.
_GENE = frozenset(["gene", "genes"])
_PUNCT = frozenset(".,;!?()[]{}")
ROMAN = re.compile(r"[IVXLCDM]+")  # a Roman numeral ("stage II"), not an acronym
_END = ""  # the trie key that holds a node's names: no token is empty

# One name reaching a trie node: its term id, the exact spellings it needs (None where any case
# does), and whether it is a single everyday word (then it matches only written as an acronym, and
# never in a text all in capitals).
_Entry: TypeAlias = tuple[str, tuple[str | None, ...] | None, bool]
# A node's names: their ids where every one matches in any case (no check needed), and the entries.
_Names: TypeAlias = tuple[tuple[str, ...] | None, tuple[_Entry, ...]]
_Node: TypeAlias = dict[str, "_Node | list[_Entry] | _Names"]


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary term found in text: its id and the span it covers."""

    term_id: str
    start: int
    end: int
    text: str
    tentative: bool = False  # maybe no use of the term (``find_all``'s ``tentative`` said so): a later match may follow


def _without_salt(name: str) -> str | None:
    """Return a drug name without its salts or esters ("methadone hydrochloride" -> "methadone").

    Several may follow one another ("X mesylate hydrate") and a stereo descriptor may stand before
    one, hyphenated into the name ("X-s-malate" -> "X").
    """
    toks = tokens(name)
    end = len(toks)
    while end > 1 and toks[end - 1][2].lower() in _SALTS:
        end -= 1
    if end == len(toks):
        return None
    if end > 1 and toks[end - 1][2].lower() in _STEREO:
        end -= 1
    if any(t in _PUNCT for _, _, t in toks[:end]):
        return None
    return name[: toks[end - 1][1]]


def _gene_symbol(name: str) -> str | None:
    """Return the symbol of a gene's name ("XYZ1 gene" -> "XYZ1"): one token of letters and digits."""
    toks = [t for _, _, t in tokens(name)]
    if len(toks) != 2 or toks[1].lower() not in _GENE:
        return None
    symbol = toks[0]
    if len(symbol) < 3 or not (any(c.isdigit() for c in symbol) and any(c.isalpha() for c in symbol)):
        return None
    return symbol


def _key(token: str) -> str:
    """Return the trie key of a token: lower case, accents folded, possessive removed."""
    low = token.lower()
    if not low.isascii():
        low = low.translate(_FOLD)
    return low[:-2] if low.endswith("'s") else low


# Text is read token by token with C-level helpers: the words split off (or found by the regex), and
# keys from a cache (a text's words are mostly words already seen).
_token_findall = _TOKEN.findall  # the regex has no group: its words, as finditer would find them
_MARKS = frozenset(".,;!?()[]{}+-")  # the marks _TOKEN gives as tokens of their own (after a word, "-")


def _tokens_of(text: str) -> list[str]:
    """Return ``_TOKEN.findall(text)``, a few times faster on prose.

    No token crosses white space, and most words stand alone or with one mark after them ("cancer,"),
    which is one token or two; only the other pieces go to the regex.
    """
    out: list[str] = []
    append, extend = out.append, out.extend
    for piece in text.split():
        if piece.isalnum():
            append(piece)
            continue
        last = piece[-1]
        if last in _MARKS and piece[:-1].isalnum():
            append(piece[:-1])
            append(last)
        else:
            extend(_token_findall(piece))
    return out


_cached_key = Memo(_key).__getitem__


def strip_possessive(token: str) -> str:
    """Return ``token`` without an owner's "'s" ("NCI's" -> "NCI"): the words the matcher reads."""
    return token[:-2] if token[-2:] in ("'s", "’s", "'S", "’S") else token


def _cased(token: str) -> bool:
    """Return True if a name token must match in its own case: an acronym ("ALL", "HER2") or "pH"."""
    if token.islower() or not token.isalpha() and not any(c.isupper() for c in token):
        return False
    upper = sum(c.isupper() for c in token)
    return upper >= 2 or (upper == 1 and not token[0].isupper())


def cased(text: str) -> bool:
    """Return True if ``text`` means what it means only in its own case: a word of it is an acronym ("ALL") or "pH"."""
    return any(_cased(strip_possessive(token)) for _, _, token in tokens(text))


def _acronym(token: str) -> bool:
    """Return True if a name token is an acronym: capitals (and digits), not a Roman numeral ("stage II")."""
    return token.isupper() and _cased(token) and not ROMAN.fullmatch(token)


def _recased(name: str, acronyms: dict[str, str]) -> str:
    """Return ``name`` with each word that is one of ``acronyms`` (key -> spelling) spelled as the acronym."""
    out = []
    at = 0
    for start, _, token in tokens(name):
        spelled = acronyms.get(_key(token))
        if spelled is not None and not token.startswith(spelled):
            out += [name[at:start], spelled]
            at = start + len(strip_possessive(token))
    return "".join(out) + name[at:] if out else name


def _acronym_use(token: str) -> bool:
    """Return True if a text token is written as an acronym: two or more letters, all capitals."""
    return token.isupper() and sum(c.isalpha() for c in token) >= 2


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Return the (start, end, token) word and phrase-punctuation tokens of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _places(text: str, words: Sequence[str]) -> Iterator[int]:
    """Yield where each of ``words``, the ``_TOKEN`` matches of ``text`` in order, starts in it.

    Between two matches there is nothing a match may begin with (a letter, a digit or one of the
    punctuation marks), so each word starts where its text is next found: one ``str.find`` per word,
    and no match object for every word of every block.
    """
    cursor = 0
    find = text.find
    for word in words:
        cursor = find(word, cursor)
        yield cursor
        cursor += len(word)


def _freeze(root: _Node) -> None:
    """Turn each node's entry list into its ``_Names``, so a walk checks only names that need checking."""
    stack = [root]
    while stack:
        node = stack.pop()
        for key, value in node.items():
            if key != _END:
                assert isinstance(value, dict)
                stack.append(value)
        entries = node.get(_END)
        if isinstance(entries, list):
            free = all(pattern is None and not everyday for _, pattern, everyday in entries)
            node[_END] = (tuple(e[0] for e in entries) if free else None, tuple(entries))


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
        ``inflect``: add generated plurals of every name and, in English, its spelling variants and verb
        forms, drug names without their salt and gene symbols without "gene"; a derived form that is a
        name of its own is left to that name's term. ``acronyms``: a name written in capitals
        ("WHO") matches only in capitals, and so does a word of any name that is an acronym in another
        name of its term ("pet" of "PET scan"); off, every name matches in any case (NCI's rule).
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
        # A name without a letter is a code (a drug's IND, NSC or CAS number: "7921"), never words a
        # reader meets: matched, it would explain a number of the text ("7921 patients") as a drug.
        pairs = [(name.strip(), term_id) for name, term_id in names if any(c.isalpha() for c in name)]
        parsed: dict[str, tuple[list[str], tuple[str, ...]]] = {}

        def parse(form: str) -> tuple[list[str], tuple[str, ...]]:
            """Return a form's tokens (possessive removed) and trie keys, once per distinct form."""
            got = parsed.get(form)
            if got is None:
                toks = [strip_possessive(t) for _, _, t in tokens(form)]
                got = parsed[form] = (toks, tuple(_key(t) for t in toks))
            return got

        if acronyms:
            # A term's acronyms, each by its key ("pet" -> "PET" of "PET scan"): NCI's list lower-cases
            # names ("pet", "malt lymphoma"), and a lower-case copy must match only as the acronym does.
            acronyms_of: dict[str, dict[str, str]] = {}
            for name, term_id in pairs:
                for token, key in zip(*parse(name), strict=True):
                    if _acronym(token):
                        acronyms_of.setdefault(term_id, {}).setdefault(key, token)
            pairs = [(_recased(n, acronyms_of[t]) if t in acronyms_of else n, t) for n, t in pairs]
        given = {parse(name)[1] for name, _ in pairs}
        # Names that are acronyms somewhere ("FIT", "LIN"): their lower-case copies are not words to
        # inflect as verbs ("fitting", "lining").
        acronym_keys = {parse(name)[1] for name, _ in pairs if any(_cased(t) for t in parse(name)[0])}
        for base, term_id in pairs:
            forms = [base]
            if inflect:
                spellings = [base, *english_variants(base)] if english else [base]
                derived = spellings[1:]
                # Forms that mean another thing than the term are not made (English names alone are listed).
                with_plurals = not english or base.casefold() not in MASS_NOUNS
                with_verbs = english and base.casefold() not in _VERB_IS_ANOTHER_SENSE
                for spelling in spellings:
                    if with_plurals:
                        forms += plurals(spelling, lang)
                    if with_verbs and parse(spelling)[1] not in acronym_keys:
                        derived += english_verb_names(spelling)
                # Pages name a drug without its salt ("epirubicin" for "epirubicin hydrochloride") and
                # a gene by its symbol alone, unless the bare name is a term of its own.
                derived += [bare for bare in (_without_salt(base), _gene_symbol(base)) if bare]
                forms += [f for f in dict.fromkeys(derived) if parse(f)[1] not in given]
            base_everyday = False
            for i, form in enumerate(forms):
                toks, keys = parse(form)
                if not toks:
                    continue
                pattern = tuple(t if _cased(t) else None for t in toks) if acronyms else None
                if pattern is not None and not any(pattern):
                    pattern = None
                everyday = False
                # An acronym that is an everyday word too ("ALL", "WHO") is one only where capitals mean something.
                if len(keys) == 1 and common:
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
        _freeze(root)
        return cls(root, lang, len(found))

    def begins_a_name(self, word: str) -> bool:
        """Return True if some name of the glossary begins with ``word`` (a token, as the matcher reads text)."""
        return _cached_key(word) in self._root

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, longest match first and each term id only at its first occurrence."""
        return self._scan(text, set(), None)

    def find_all(
        self, texts: Sequence[str], *, tentative: Sequence[Callable[[int, int], bool] | None] = ()
    ) -> list[list[Match]]:
        """Return the terms in each of ``texts`` (an article's blocks), each term id once across all of them.

        ``tentative``, one for each text (or None), says of a match's (start, end) whether it may be no use of
        its terms (words of a name): such a match is given, marked ``tentative``, and so are the terms' later
        matches.
        """
        seen: set[str] = set()
        return [self._scan(text, seen, maybe) for text, maybe in zip_longest(texts, tentative[: len(texts)])]

    def _scan(self, text: str, seen: set[str], tentative: Callable[[int, int], bool] | None) -> list[Match]:
        words: list[str] = _tokens_of(text)
        keys = list(map(_cached_key, words))
        places = _places(text, words)  # where each word starts, read only as far as a term found needs
        starts: list[int] = []
        shouting = text.isupper()  # an all-capitals heading: its "WHO" is the word, not the acronym
        root = self._root
        out: list[Match] = []
        n = len(keys)
        resume = 0  # where the last term found ends: no shorter term starts inside it
        # Only a word that begins some name can begin a match: find those in C, walk from them alone.
        for i in compress(count(), map(root.__contains__, keys)):
            if i < resume:
                continue
            node = root.get(keys[i])
            best_end = 0
            best: Sequence[str] = ()
            j = i
            check = True  # whether the names at ``node`` count: not where a walk resumes after an aside
            forks: list[tuple[_Node, int]] = []  # an aside where a name also goes into the parenthesis
            while True:
                while True:
                    assert isinstance(node, dict)
                    names = node.get(_END) if check else None
                    check = True
                    if names is not None:
                        assert isinstance(names, tuple)
                        ids = names[0] or [e[0] for e in names[1] if self._fits(e, words, i, shouting)]
                        if ids and j + 1 > best_end:
                            best_end, best = j + 1, ids
                    j += 1
                    if j < n and keys[j] == "(":
                        # An aside inside a term, "computed tomography (CT) scan", "trial(s)": read past it.
                        close = next((k for k in range(j + 2, min(j + 5, n)) if keys[k] == ")"), 0)
                        if close and all(keys[k] not in _PUNCT for k in range(j + 1, close)):
                            if "(" in node:
                                forks.append((node, close))
                            else:
                                j = close + 1
                    if j >= n:
                        break
                    node = node.get(keys[j])
                    if node is None:
                        break
                if not forks:
                    break
                node, j = forks.pop()
                check = False
            if not best:
                continue
            if fresh := [term_id for term_id in dict.fromkeys(best) if term_id not in seen]:
                starts.extend(islice(places, best_end - len(starts)))
                start, end = starts[i], starts[best_end - 1] + len(words[best_end - 1])
                maybe = tentative is not None and tentative(start, end)
                if not maybe:
                    seen.update(fresh)
                out.extend(Match(term_id, start, end, text[start:end], maybe) for term_id in fresh)
            resume = best_end  # a later occurrence still covers its words: no shorter term inside it
        return out

    @staticmethod
    def _fits(entry: _Entry, words: list[str], i: int, shouting: bool) -> bool:
        _, pattern, everyday = entry
        if everyday and (shouting or pattern is None and not _acronym_use(words[i])):
            return False
        if pattern is None:
            return True
        return all(p is None or strip_possessive(words[i + k]) == p for k, p in enumerate(pattern))
