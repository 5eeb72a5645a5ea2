"""Measure a term matcher against the glossary links editors put in real pages.

Truth is, per page, the set of term ids the page links to the glossary. The matcher reads the
page with those links removed (a block's text is the links' text already) and a truth term counts
as found if the matcher finds its id anywhere in the page, at a match the jargon report counts as a
use of it (see simplify.jargon.report.maybe_no_use).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from simplify.jargon.inflect import singulars
from simplify.jargon.matcher import TermMatcher, tokens
from simplify.jargon.report import abbreviation_uses, defined_in, maybe_no_use
from simplify.model import Article, LinkKind
from simplify.readability.rare import common_words
from simplify.text.words import words


@dataclass(frozen=True, slots=True)
class Page:
    """A page as the measure needs it: its blocks' text, its words, and the terms its editors linked."""

    path: str
    texts: tuple[str, ...]
    words: int
    truth: frozenset[str]
    everyday_truth: frozenset[str]  # linked only on everyday words ("stage", "signs")
    # per text, whether a match there may be no use of its term, as the jargon report decides (maybe_no_use)
    tentative: tuple[Callable[[int, int], bool] | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Measure:
    """How a matcher did on a set of pages."""

    truth: int
    found: int
    truth_named: int  # truth terms the name list has a name for
    found_named: int
    truth_plain: int  # named truth terms not linked only on an everyday word
    found_plain: int
    extra_per_1k: float  # terms found that editors did not link, per 1,000 words
    everyday_matches: int  # matches that are one everyday word in lower or title case
    acronym_matches: int  # matches of an everyday spelling written in capitals ("ALL", "WHO")
    ms_per_1k: float
    words: int

    @property
    def recall(self) -> float:
        """Return the share of all truth terms found."""
        return self.found / self.truth if self.truth else 1.0

    @property
    def recall_named(self) -> float:
        """Return the share of truth terms with a name that were found."""
        return self.found_named / self.truth_named if self.truth_named else 1.0

    @property
    def recall_plain(self) -> float:
        """Return the share of named truth terms that are not everyday words that were found."""
        return self.found_plain / self.truth_plain if self.truth_plain else 1.0


def _everyday(word: str, common: dict[str, int]) -> bool:
    toks = [t for _, _, t in tokens(word)]
    if len(toks) != 1:
        return False
    low = toks[0].lower()
    return low in common or any(s in common for s in singulars(low))


def page(article: Article, lang: str = "en") -> Page:
    """Return the measure's view of an article: text, word count and linked glossary terms."""
    common = common_words(lang, 5.0)
    blocks = article.content_blocks()
    texts: dict[str, list[str]] = {}
    for block in blocks:
        for link in block.links:
            if link.kind is LinkKind.GLOSSARY and link.term_id:
                texts.setdefault(link.term_id, []).append(link.text)
    everyday = frozenset(t for t, names in texts.items() if all(_everyday(n, common) for n in names))
    n = sum(len(words(b.text)) for b in blocks)
    defined = defined_in(abbreviation_uses(blocks))
    # Without the glossary's definitions, what the page means by an abbreviation it defines is not known here
    # (report.other_meanings): none of the terms editors link is among them on these pages.
    tentative = tuple(maybe_no_use(article, blocks, defined))
    return Page(article.path, tuple(b.text for b in blocks), n, frozenset(texts), everyday, tentative)


def half(path: str) -> int:
    """Return 0 or 1: the half of the corpus a page falls in, by a hash of its file name.

    Fixed for a page whatever else the corpus holds, so recall on each half shows whether a rule
    helps pages in general or only some of them.
    """
    return hashlib.sha256(PurePath(path).name.encode()).digest()[0] & 1


def halves(pages: Sequence[Page]) -> tuple[list[Page], list[Page]]:
    """Return the pages of each half (see ``half``)."""
    parts: tuple[list[Page], list[Page]] = ([], [])
    for p in pages:
        parts[half(p.path)].append(p)
    return parts


def measure(matcher: TermMatcher, pages: Iterable[Page], named: set[str], *, repeat: int = 1) -> Measure:
    """Return how ``matcher`` finds the linked terms of ``pages``; ``named`` holds the ids with names."""
    common = common_words("en", 5.0)
    truth = found = truth_named = found_named = truth_plain = found_plain = extra = everyday = acronym = 0
    total_words = 0
    seconds = 0.0
    for p in pages:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            result = matcher.find_all(p.texts, tentative=p.tentative)
            best = min(best, time.perf_counter() - start)
        result = [[m for m in ms if not m.tentative] for ms in result]  # as the jargon report counts them
        seconds += best
        total_words += p.words
        ids = {m.term_id for ms in result for m in ms}
        hits = p.truth & ids
        truth += len(p.truth)
        found += len(hits)
        truth_named += len(p.truth & named)
        found_named += len(hits & named)
        plain = (p.truth & named) - p.everyday_truth
        truth_plain += len(plain)
        found_plain += len(plain & ids)
        extra += len(ids - p.truth)
        for ms in result:
            for m in ms:
                toks = [t for _, _, t in tokens(m.text)]
                if len(toks) == 1 and toks[0].lower() in common:
                    if toks[0].isupper() and len(toks[0]) > 1:
                        acronym += 1
                    else:
                        everyday += 1
    per_1k = 1000 / total_words if total_words else 0.0
    return Measure(
        truth,
        found,
        truth_named,
        found_named,
        truth_plain,
        found_plain,
        extra * per_1k,
        everyday,
        acronym,
        seconds * 1000 * per_1k,
        total_words,
    )


def ceiling(matcher: TermMatcher, pages: Iterable[Page], names: Iterable[tuple[str, str]]) -> float:
    """Return the share of truth terms a name of theirs spells in their page, or that ``matcher`` finds.

    A name is spelled where its words stand in a row, in any case, each word of the name or of the
    page as it is or read as a regular English plural ("grades" for a page's "grade", "biopsies" for
    a name's "biopsy"). Whatever it did with case, everyday words and overlapping names, a matcher of
    these names could find no other terms than these and the ones ``matcher`` finds by forms of its
    own (a drug without its salt): the rest are linked on other words than any name of theirs
    ("advanced" for "advanced cancer"), or have no name. That bounds recall from above.
    """
    wanted: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for name, term_id in names:
        if words := tuple(_forms(t) for _, _, t in tokens(name)):
            wanted.setdefault(term_id, []).append(words)
    reachable = total = 0
    for p in pages:
        total += len(p.truth)
        found = {m.term_id for ms in matcher.find_all(p.texts) for m in ms}
        # Each word's forms, in reading order; an empty set ends a block, so that no name spans two.
        forms = [f for text in p.texts for f in (*(_forms(t) for _, _, t in tokens(text)), frozenset())]
        reachable += sum(term in found or _spelled(forms, wanted.get(term, ())) for term in p.truth)
    return reachable / total if total else 1.0


def _forms(word: str) -> frozenset[str]:
    """Return ``word`` in lower case with the singulars it may be a plural of."""
    return frozenset((word.lower(), *singulars(word)))


def _spelled(forms: Sequence[frozenset[str]], names: Sequence[tuple[frozenset[str], ...]]) -> bool:
    """Return whether one of ``names`` stands in ``forms``: each word shares a form with the page's word there."""
    return any(
        all(forms[k + j] & word for j, word in enumerate(name))
        for name in names
        for k in range(len(forms) - len(name) + 1)
        if forms[k] & name[0]
    )
