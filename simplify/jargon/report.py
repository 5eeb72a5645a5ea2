"""Jargon in an article: linked and unlinked glossary terms, abbreviations, and what nothing explains.

Annotations only (scispaCy's way): the report says where terms and abbreviations are, and a
renderer decides whether to add a definition; the article's text is never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simplify.jargon.abbreviations import Abbreviation, find_abbreviations
from simplify.jargon.matcher import TermMatcher
from simplify.model import Article, Finding, LinkKind, Severity
from simplify.readability.rare import RareWords, common_words
from simplify.text.words import WRAPPERS

UNDEFINED_ABBREVIATION = "jargon.undefined-abbreviation"
UNEXPLAINED = "jargon.unexplained"

# An abbreviation: capitals (digits, "&" and "-" inside), two letters or more, maybe a plural "s".
# (The look behind comes after the first capital, so that the regex engine can scan for capitals.)
_ABBREVIATION = re.compile(r"([A-Z](?<![\w&-][A-Z])[A-Z0-9&-]*[A-Z0-9])s?(?![\w&-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENING = frozenset(" \n\"'“‘([")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORD_ASCII = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")  # the same in ASCII text, and faster to run
_words_in = _WORD.findall


def _word_regex(text: str) -> re.Pattern[str]:
    """Return the regex of words for ``text``: the ASCII one when it will do."""
    return _WORD_ASCII if text.isascii() else _WORD


def words_of(text: str) -> list[str]:
    """Return ``_WORD.findall(text)``, the words jargon is looked for in, a few times faster.

    No word crosses white space, and most tokens are letters alone, maybe wrapped in punctuation:
    each such token is exactly one word. Only the others go to the regex.
    """
    out: list[str] = []
    append, extend = out.append, out.extend
    for token in text.split():
        if token.isalpha():
            append(token)
            continue
        core = token.strip(WRAPPERS)
        if core.isalpha():
            append(core)
        else:
            extend(_words_in(token))
    return out


@dataclass(frozen=True, slots=True)
class TermUse:
    """A glossary term in the article: its id, the words that name it, and where."""

    term_id: str
    text: str
    line: int
    linked: bool  # the article links it to the glossary; else the matcher found it


@dataclass(frozen=True, slots=True)
class AbbreviationUse:
    """An abbreviation the article defines, and the line of its definition."""

    abbreviation: Abbreviation
    line: int


@dataclass(frozen=True, slots=True)
class JargonReport:
    """What an article's jargon is and which of it goes unexplained."""

    linked: tuple[TermUse, ...]
    unlinked: tuple[TermUse, ...]
    abbreviations: tuple[AbbreviationUse, ...]
    findings: tuple[Finding, ...]
    unexplained: tuple[tuple[str, int], ...] = ()  # rare words no glossary term explains, with their line


def _proper_name(text: str, start: int, word: str) -> bool:
    """Return True for a capitalised word inside a sentence: a name ("Dimopoulos"), not jargon to explain."""
    if not (word[:1].isupper() and word[1:2].islower()):
        return False
    i = start - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    return i >= 0 and text[i] not in ".!?:;"  # the first word of a block or sentence may be anything


def _rare_key(word: str) -> str:
    """Return the key a rare word is reported once under: lower case, without a possessive "'s"."""
    return _POSSESSIVE.sub("", word.lower())


def _is_abbreviation(token: str, common: dict[str, int]) -> bool:
    letters = sum(c.isalpha() for c in token)
    return letters >= 2 and not _ROMAN.match(token) and token.lower() not in common


def find_jargon(
    article: Article,
    matcher: TermMatcher,
    *,
    rare: RareWords | None = None,
    path: str | None = None,
) -> JargonReport:
    """Return the article's glossary terms (linked and not), abbreviations and jargon findings.

    An abbreviation is explained by a definition anywhere in the article or by a glossary term
    that covers it; a rare word (``rare``, default wordfreq Zipf < 3) by a glossary term, linked
    or found, that holds it. Each unexplained one is reported once, at its first line.
    """
    where = path if path is not None else article.path
    rare = rare if rare is not None else RareWords(article.lang)
    common = common_words(rare.code, 5.0) if rare.supported else {}
    blocks = article.content_blocks()
    texts = [b.text for b in blocks]

    linked: dict[str, TermUse] = {}
    covered: list[list[tuple[int, int]]] = []  # per block: spans a glossary term explains
    for block in blocks:
        spans = []
        for link in block.links:
            if link.kind not in (LinkKind.GLOSSARY, LinkKind.DRUG):
                continue
            at = block.text.find(link.text)
            if at >= 0:
                spans.append((at, at + len(link.text)))
            if link.kind is LinkKind.GLOSSARY and link.term_id and link.term_id not in linked:
                linked[link.term_id] = TermUse(link.term_id, link.text, link.line, True)
        covered.append(spans)

    unlinked: list[TermUse] = []
    for block, spans, matches in zip(blocks, covered, matcher.find_all(texts), strict=True):
        links = list(spans)
        for hit in matches:
            spans.append((hit.start, hit.end))
            # Words an editor linked are explained already, whatever term the matcher sees in them.
            if hit.term_id not in linked and not any(s < hit.end and hit.start < e for s, e in links):
                unlinked.append(TermUse(hit.term_id, hit.text, block.line_at(hit.start), False))

    abbreviations: list[AbbreviationUse] = []
    for block in blocks:
        abbreviations.extend(AbbreviationUse(a, block.line_at(a.start)) for a in find_abbreviations(block.text))
    # A word is explained by a glossary term that holds it, or by the long form of a defined abbreviation.
    explained = {
        w.lower()
        for text, spans in zip(texts, covered, strict=True)
        for s, e in spans
        for w in _WORD.findall(text[s:e])
    }
    explained |= {w.lower() for a in abbreviations for w in _WORD.findall(a.abbreviation.long)}

    defined = {a.abbreviation.short for a in abbreviations}
    defined |= {a.abbreviation.short.upper() for a in abbreviations}

    findings: list[Finding] = []
    flagged: set[str] = set()
    unexplained: list[tuple[str, int]] = []
    # Rarity is decided once per distinct word of the article, not once per block that holds it.
    block_words = [words_of(text) for text in texts]
    is_rare = rare.is_rare
    rare_words = {w for w in set().union(*block_words) if is_rare(w) and not w.isupper()}
    for block, spans, words_here in zip(blocks, covered, block_words, strict=True):
        if block.text.isupper():
            continue  # a heading in capitals: its words are not abbreviations
        for m in _ABBREVIATION.finditer(block.text):
            short = m.group(1)
            if short in flagged or short in defined or not _is_abbreviation(short, common):
                continue
            if any(s <= m.start() and m.end() <= e for s, e in spans) or short.lower() in explained:
                continue
            flagged.add(short)
            findings.append(
                Finding(
                    UNDEFINED_ABBREVIATION,
                    Severity.WARNING,
                    f'"{short}" is used without being spelled out; define it at first use',
                    where,
                    block.line_at(m.start()),
                )
            )
        # Most blocks hold no rare word that is still to report: walk a block word by word (for places)
        # only when one is there.
        here = rare_words.intersection(words_here)
        if all((key := _rare_key(w)) in flagged or key in explained for w in here):
            continue
        for m in _word_regex(block.text).finditer(block.text):
            word = m.group()
            if word not in here:
                continue
            start = m.start()
            key = _rare_key(word)
            if key in flagged or key in explained or _proper_name(block.text, start, word):
                continue
            end = m.end()
            if any(s <= start and end <= e for s, e in spans):
                continue
            flagged.add(key)
            unexplained.append((word, block.line_at(start)))
            findings.append(
                Finding(
                    UNEXPLAINED,
                    Severity.SUGGESTION,
                    f'"{word}" is a rare word that no glossary term explains; explain it or use a plainer word',
                    where,
                    block.line_at(start),
                )
            )
    findings.sort(key=lambda f: f.line)
    return JargonReport(
        tuple(linked.values()), tuple(unlinked), tuple(abbreviations), tuple(findings), tuple(unexplained)
    )
