"""Jargon in an article: linked and unlinked glossary terms, abbreviations, and what nothing explains.

Annotations only (scispaCy's way): the report says where terms and abbreviations are, and a
renderer decides whether to add a definition; the article's text is never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby, zip_longest
from typing import TYPE_CHECKING, NamedTuple

from simplify.glossary.model import cdr_id
from simplify.jargon.abbreviations import Abbreviation, find_abbreviations
from simplify.jargon.inflect import english_verb_forms, plurals_of, verb_stems
from simplify.jargon.matcher import MASS_NOUNS, ROMAN, TermMatcher
from simplify.lang import lang_root
from simplify.memo import Memo
from simplify.model import Article, Block, BlockKind, Finding, Link, LinkKind, Severity
from simplify.readability.rare import RareWords, common_words
from simplify.text.sentences import split_sentences
from simplify.text.words import WRAPPERS

if TYPE_CHECKING:
    from simplify.jargon.resolve import Resolver

UNDEFINED_ABBREVIATION = "jargon.undefined-abbreviation"
UNEXPLAINED = "jargon.unexplained"
MISSING_ID = "glossary.missing-id"

# An abbreviation: capitals (digits, "&" and "-" inside), two letters or more, maybe a plural "s".
# (The look behind comes after the first capital, so that the regex engine can scan for capitals.)
_ABBREVIATION = re.compile(r"([A-Z](?<![\w&-][A-Z])[A-Z0-9&-]*[A-Z0-9])s?(?![\w&-])")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENING = frozenset(" \n\"'“‘([")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# The same with digits: the words a term explains include the abbreviations it covers ("HER2", "BRCA1").
_ALNUM_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_WORD_ASCII = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")  # the same in ASCII text, and faster to run
_words_in = _WORD.findall
# The next word, initials between: "Jane A. Roe", "Jane Roe".
_NEXT_NAME = re.compile(r"(?:\s+[A-Z]\.)*\s+([^\W\d_]+)")


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
    unknown: tuple[Link, ...] = ()  # glossary links to an id or a name the glossary has no entry for

    @property
    def defined(self) -> set[str]:
        """Return the abbreviations the article defines, as the check counts them (:func:`defined_in`)."""
        return defined_in(self.abbreviations)


def abbreviation_uses(blocks: Iterable[Block]) -> list[AbbreviationUse]:
    """Return the abbreviations that ``blocks`` define ("long form (ABBR)"), with their lines."""
    return [AbbreviationUse(a, block.line_at(a.start)) for block in blocks for a in find_abbreviations(block.text)]


def other_meanings(
    abbreviations: Iterable[AbbreviationUse], matcher: TermMatcher, resolver: Resolver | None = None
) -> set[str]:
    """Return the short forms ``abbreviations`` define as something no glossary term named in them means.

    A page that writes "Coffin-Siris syndrome (CSS)" or "PFS-R = Revised Piper Fatigue Scale" means neither
    the glossary's CSS (a measure of survival) nor its PFS. A term means a long form if the matcher finds it
    there or if ``resolver``'s glossary says so in words (:meth:`Resolver.stands_for`). The short forms come
    without a plural "s" (:func:`_singular`).
    """
    long_forms: dict[str, set[str]] = {}
    for use in abbreviations:
        long_forms.setdefault(use.abbreviation.short, set()).add(use.abbreviation.long)
    other = set()
    for short, forms in long_forms.items():
        if not _singular(short).isupper():
            continue  # a word ("median (range ...)"), not an acronym
        named = {m.term_id for m in matcher.find(short)}
        if not named or named.intersection(m.term_id for form in forms for m in matcher.find(form)):
            continue
        if resolver is None or not any(resolver.stands_for(t, form, matcher.lang) for t in named for form in forms):
            other.add(_singular(short))
    return other


def gene_meanings(
    article: Article, blocks: Iterable[Block], matcher: TermMatcher, resolver: Resolver | None
) -> set[str]:
    """Return the gene symbols the page writes whose glossary term of that name is no gene.

    A symbol is in italics, as genes are written ("*APC*", "*RET/PTC*"), or a gene word follows it ("APC
    gene", "APC mutations"): the page's *APC* is a gene, and the glossary's APC, a cell of the immune
    system, explains none of its uses (:meth:`Resolver.names_a_gene`).
    """
    if resolver is None:
        return set()
    source = article.source
    symbols = {
        m.group(2)
        for m in _ITALIC_SYMBOL.finditer(source)
        if not m.start() or not (source[m.start() - 1].isalnum() or source[m.start() - 1] in "_*")
    }
    for block in blocks:
        if any(word in block.text for word in _GENE_WORD_HINTS):  # a regex search of every block costs more
            symbols.update(m.group(1) for m in _GENE_SYMBOL.finditer(block.text))
    other = set()
    for part in {part for symbol in symbols for part in symbol.split("/")}:
        named = {m.term_id for m in matcher.find(part)}
        if named and not any(resolver.names_a_gene(t, matcher.lang) for t in named):
            other.add(part)
    return other


def _singular(short: str) -> str:
    """Return a short form without its plural "s": "TKIs" is "TKI"."""
    return short[:-1] if len(short) > 2 and short[-1] == "s" and short[-2].isupper() else short


def defined_in(abbreviations: Iterable[AbbreviationUse]) -> set[str]:
    """Return the short forms that ``abbreviations`` define, each also in capitals: "Hb" defines "HB" too.

    The check reads capitals apart at a slash: each side of "AT/RT" (of "atypical teratoid/rhabdoid
    tumor") is defined with it.
    """
    shorts = {a.abbreviation.short for a in abbreviations}
    shorts |= {part for short in shorts if "/" in short for part in short.split("/") if part}
    return shorts | {short.upper() for short in shorts}


def _inflected(keys: set[str], explained: set[str], lang: str) -> set[str]:
    """Return the ``keys`` that are a plural or a singular of an ``explained`` word: "Infusion" explains "infusions".

    In English a verb's "-ing" and "-ed" forms are explained with it too, as the matcher finds them: "relapse"
    explains "relapsed".
    """
    if not keys:
        return set()
    forms = plurals_of(lang)
    singular = {key for key in keys if not explained.isdisjoint(forms[key])}
    found = singular | (keys - singular).intersection(p for w in explained for p in forms[w])
    if lang_root(lang) == "en":
        found |= {key for key in keys - found if any(key in english_verb_forms(s) for s in verb_stems(key) & explained)}
    return found


def _no_word_to_explain(word: str, is_rare: Callable[[str], bool]) -> bool:
    """Return True if a rare ``word`` is none a reader needs explained: a respelling ("ny-LOH-tih-nib"), a
    name in inner capitals ("MedlinePlus"), a common word with a table's footnote letter fused to it
    ("aReprinted", "Controlb"), one that "un-" or "non-" makes of a common word ("unapproved"), or capitals
    joined to common words ("NCI-supported")."""
    if _RESPELLED.search(word) or _INNER_CAPITAL.match(word):
        return True
    fused = _FOOTNOTE_BEFORE.fullmatch(word) or _FOOTNOTE_AFTER.fullmatch(word)
    if fused is not None:
        return not is_rare(fused.group(1))
    unmade = _NEGATED.fullmatch(word)
    if unmade is not None:
        return not is_rare(unmade.group(1))
    # Capitals joined to common words ("NCI-supported", "FDA-approved"): the abbreviation is the check's
    # other rule's to report, and the rest needs no explaining.
    parts = word.split("-")
    return len(parts) > 1 and any(p.isupper() for p in parts) and all(p.isupper() or not is_rare(p) for p in parts)


_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]")  # "PubMed"; not "mRNA" or "ctDNA", which are jargon
_FOOTNOTE_BEFORE = re.compile(r"[a-f]([A-Z][a-z]+)")  # "aReprinted"
_FOOTNOTE_AFTER = re.compile(r"([A-Z][a-z]+)[a-f]")  # "Controlb"
_NEGATED = re.compile(r"(?i:un|non-?)([a-z]{4,})")  # "unapproved", "non-smoking"


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:2].islower()


def _sentence_starts(text: str, lang: str) -> set[int]:
    """Return where the first word of each sentence of ``text`` begins (the sentence splitter knows "Dr. Roe")."""
    starts = set()
    for start, end in split_sentences(text, lang):
        while start < end and text[start] in _OPENING:
            start += 1
        starts.add(start)
    return starts


def _inside(text: str, start: int, starts: set[int]) -> bool:
    """Return True if the word at ``start`` is inside a sentence, where a capital marks a name."""
    if start in starts:
        return False  # the first word of a block or sentence may be anything
    i = start - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    return i >= 0 and text[i] not in ":;"  # nor may the first word of a clause after a colon


def _names(
    texts: list[str],
    block_words: list[list[str]],
    everywhere: set[str],
    candidates: set[str],
    starts: Callable[[int], set[int]],
) -> set[str]:
    """Return the ``candidates`` (capitalised words the article never writes in lower case) that name someone.

    Such a word is a name if a sentence has it inside ("Dr. Roe", "Jane A. Roe": the splitter knows
    titles and initials), or if it comes right before another word that is capitalised everywhere and
    inside a sentence, initials between ("Jane A. Roe" at the start of a sentence). ``everywhere``
    holds every word of the article.
    """
    found: set[str] = set()
    for i, (text, words_here) in enumerate(zip(texts, block_words, strict=True)):
        if candidates.isdisjoint(words_here):
            continue
        begins = starts(i)
        for m in _word_regex(text).finditer(text):
            word = m.group()
            if word not in candidates or word in found:
                continue
            after = _NEXT_NAME.match(text, m.end())
            if _inside(text, m.start(), begins) or (
                after is not None
                and _capitalised(after.group(1))
                and after.group(1).lower() not in everywhere
                and _inside(text, after.start(1), begins)
            ):
                found.add(word)
    return found


def _rare_key(word: str) -> str:
    """Return the key a rare word is reported once under: lower case, without a possessive "'s"."""
    return _POSSESSIVE.sub("", word.lower())


def _is_abbreviation(token: str, common: Container[str]) -> bool:
    letters = sum(c.isalpha() for c in token)
    return (
        letters >= 2
        and not ROMAN.fullmatch(token)
        and not _NO_LONG_FORM.fullmatch(token)
        and token.lower() not in common
    )


# Capitals that have no long form to spell out: a stage with its substage ("IIIB", "IVA1"), a TNM category
# that cannot be assessed ("TX", "NX"), a code of three
# letters or more and a number of three digits or more (a trial's, a drug's, a cell line's: "NCT00003389",
# "KEYNOTE-024", "AZD3965", "MDA-MB-231"; not "CA-125" or "CD117", which stand for words) and a protein
# change, one amino acid for another ("V600E", "T790M"; not "A1C").
_NO_LONG_FORM = re.compile(
    r"(?:I{1,3}|IV)[ABC]\d?|I{2,3}D|IVD"  # a substage
    r"|[TNMG]X"  # a TNM category or grade that cannot be assessed
    r"|[A-Z]{3,}(?:-[A-Z]+)*-?\d{3,}[A-Z]?"  # a code
    r"|[ACDEFGHIKLMNPQRSTVWY]\d{2,4}[ACDEFGHIKLMNPQRSTVWY]"  # a protein change
)


def _common(rare: RareWords) -> Container[str]:
    """Return the words of ``rare``'s language too common to be an abbreviation ("AND" in a title in capitals)."""
    return common_words(rare.code, 5.0) if rare.supported else {}


def undefined_abbreviations(text: str, defined: Container[str], lang: str) -> Iterator[re.Match[str]]:
    """Yield each abbreviation in ``text`` (the match's group 1) that ``defined`` lacks, as the check finds them.

    An abbreviation is capitals (digits, "&" and "-" inside), two letters or more, not a Roman numeral
    nor a common word of ``lang``. A text all in capitals (a heading) holds none.
    """
    if not text.isupper():
        yield from _undefined(text, defined, _common(RareWords(lang)))


def _undefined(text: str, defined: Container[str], common: Container[str]) -> Iterator[re.Match[str]]:
    for m in _ABBREVIATION.finditer(text):
        if (
            m.group(1) not in defined
            and _is_abbreviation(m.group(1), common)
            and not _a_state(text, m.start(1), m.end(1))
            and not _cited(text, m.start(1), m.end(1))
            and not _kind_said(text, m.start(), m.end())
        ):
            yield m


def _in_a_term(matcher: TermMatcher, text: str, start: int, end: int) -> bool:
    """Return True if a name of some glossary term, read on its own, starts at ``start`` and holds all of ``end``."""
    first = _FIRST_TOKEN.match(text, start, end)
    if first is None or not matcher.begins_a_name(first.group()):
        return False  # most capitals begin no name: no scan
    return any(hit.start == 0 and hit.end >= end - start for hit in matcher.find(text[start : start + _NAME_REACH]))


_FIRST_TOKEN = re.compile(r"[^\W_]+")


def _each_part_explained(short: str, defined: Container[str], explained: Container[str], matcher: TermMatcher) -> bool:
    """Return True if each part of hyphenated capitals is explained on its own: "PET-CT" after "PET" and "CT".

    A letter alone is a part's mark, not an abbreviation ("B-ALL", "NSABP-B-32"); it needs no long form.
    """
    parts = [part for part in short.split("-") if sum(c.isalpha() for c in part) >= 2]
    return bool(parts) and all(
        part in defined or part.lower() in explained or _in_a_term(matcher, part, 0, len(part)) for part in parts
    )


def _kind_said(text: str, start: int, end: int) -> bool:
    """Return True if the word or a noun next to the capitals at ``text[start:end]`` says what they name."""
    after = _KIND_AFTER.match(text, end)
    if after is not None and not (
        _SPONSORED.match(after.group(1)) and _INDEFINITE.search(text, max(0, start - 8), start)
    ):
        return True
    # Most capitals have no such noun before them: look for one in C before the regex walks back to them.
    reach = max(0, start - _KIND_REACH)
    return _KIND_WORD.search(text, reach, start) is not None and _KIND_BEFORE.search(text, reach, start) is not None


def _kinds_named(text: str, known: Container[str]) -> dict[str, int]:
    """Return where in ``text`` each symbol not in ``known`` is first named a gene's, a protein's or a trial's."""
    found: dict[str, int] = {}
    if not _KIND_WORD.search(text):
        return found  # most blocks name none: one search in C, not a walk over their capitals
    for m in _ABBREVIATION.finditer(text):
        if m.group(1) not in known and m.group(1) not in found and _kind_said(text, m.start(), m.end()):
            found[m.group(1)] = m.start()
    return found


# A gene's or a protein's symbol says what it is by the noun next to it ("the BRCA1 gene", "KRAS mutations",
# "el gen BRCA1"): writers do not spell it out ("breast cancer gene 1"), and the reader is told it is a gene from
# there on. So does a trial's name ("the POLLUX trial", "el estudio CASTOR"): a name, even where it was made of
# initials, which would tell a patient nothing. The noun may follow a list of them ("the BRCA1 and BRCA2 genes",
# "the CASTOR and POLLUX trials"). Spanish puts the noun first; English does for genes in titles ("the gene
# BRCA1"). English "study" is not read before a name: "In this study NIH scientists ..." names no study.
_KINDS = r"(?:genes?|mutations?|variants?|fusions?|proteins?|trials?|stud(?:y|ies))\b"
_KINDS_BEFORE = r"genes?|proteins?|gen|prote[ií]nas?|mutaci(?:ón|ones)|variantes?|fusi(?:ón|ones)|ensayos?|estudios?"
_LISTED = r"[A-Z0-9][\w-]*"
_AND = r"(?:,\s+(?:(?:and|or|y|e|o|u)\s+)?|\s+(?:and|or|y|e|o|u)\s+)"
_KIND_AFTER = re.compile(rf"(?:{_AND}{_LISTED})*\s+(?i:({_KINDS}))")
# A trial has one name, said with "the": after "a" or "an", capitals before "study" or "trial" say who ran or
# paid for it ("an NIH study", "a COG trial"), and are an abbreviation like any other.
_SPONSORED = re.compile(r"(?i)trial|stud")
_INDEFINITE = re.compile(r"(?i)(?<![^\W_])an?\s+$")
_KIND_BEFORE = re.compile(rf"(?<![^\W_])(?i:{_KINDS_BEFORE})\s+(?:{_LISTED}{_AND})*$")
_KIND_REACH = 80  # characters read back for a noun before a list of names
# Whether a block may name any: the openings of those nouns, one quick search (what it finds is read again).
_KIND_WORD = re.compile(r"(?i)\b(?:gen|prote|muta|varian|fusi|trial|stud|ensayo|estudio)")


# Small words inside a name or title: "Journal of Medicine", "Instituto Nacional del Cáncer".
_NAME_JOINERS = frozenset(
    ["of", "and", "for", "the", "on", "in", "&", "de", "del", "la", "las", "los", "el", "y", "e", "en"]
)
_TOKENS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")
_NAME_REACH = 60  # characters either side read for a name's other words
_NAME_WORDS = re.compile(r"[^\W_]+")


def in_a_name(text: str, start: int, end: int) -> bool:
    """Return True if ``text[start:end]``, capitalised inside a sentence, is part of a longer name.

    Its words are capitalised (not acronyms, "TKIs" either: those are names of their own), it does not begin a
    sentence, and a capitalised word stands right before it (small words like "of" between) or right after it.
    """
    words = _NAME_WORDS.findall(text[start:end])
    if not words or not all(w[0].isupper() and w[1:].islower() for w in words):
        return False
    before = _TOKENS.findall(text[max(0, start - _NAME_REACH) : start])
    if not before or not before[-1][0].isalnum():
        # The first word of a block, a sentence or an aside is capitalised anyway; the term's next ones are not,
        # unless they are a title's, which goes on in capitals ("Spinal Cord Tumors Summary Index", "Ovarian,
        # Fallopian Tube, and Primary Peritoneal Cancer").
        if len(words) < 2:
            return False
        after = [t for t in _TOKENS.findall(text[end : end + _NAME_REACH]) if t[0].isalnum()]
        after = [t for t in after if t.lower() not in _NAME_JOINERS][:1]
        return bool(after) and after[0][0].isupper()
    while before and before[-1].lower() in _NAME_JOINERS:
        before.pop()
    after = _TOKENS.findall(text[end : end + _NAME_REACH])[:1]
    return any(t[0].isupper() for t in (*before[-1:], *after))


# An acronym of two or three capitals is short enough to be something else as well: a state ("PA"), a Roman
# numeral ("stage IV"), a stressed syllable ("ny-LOH-tih-nib"). Where the page neither defines nor links it,
# it names a term only where it stands for one in running text (:func:`maybe_no_use`).
_SHORT_ACRONYM = re.compile(r"[A-Z]{2,3}")
_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{2,3})")  # II to XXXIX
# A gene's symbol: in italics ("*BRCA1*", "_RET/PTC_"), or with a gene word after it ("APC gene"; not "family"
# or "variants" alone: "an FAP family", "APL variants" are a family with the condition and kinds of the disease).
_SYMBOL = r"[A-Z][A-Z0-9]{1,9}(?:/[A-Z][A-Z0-9]{1,9})*"
# (The look-behind of an italic symbol, no word character or "*" before it, is checked apart: one in the regex
# keeps the engine from scanning for the "*" or "_".)
_ITALIC_SYMBOL = re.compile(rf"([*_])({_SYMBOL})\1(?![\w*])")
_GENE_WORD_HINTS = ("gene", "fusion", "rearrangement", "mutation", "pathogenic")  # each gene word holds one
_GENE_SYMBOL = re.compile(
    rf"(?<![\w/-])({_SYMBOL})(?=\s+(?:genes?|fusions?|rearrangements?|mutations?|pathogenic\s+variants?)\b)"
)
_STAGE = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{1,3})[A-D]?\d?")  # a stage in a table: "I", "IIIA", "IVB"
# The page's own explanation in parentheses right after a word: "internal OS (the opening between ...)".
_EXPLAINED = re.compile(r" ?\(([a-z][^()\d]*)\)")
# A pronunciation respelling in parentheses: words of hyphenated syllables, each all lower case or (stressed)
# all capitals, one word of three syllables or more mixing the two ("(ny-LOH-tih-nib)").
_SYLLABLES = r"(?:[a-z]+|[A-Z]+)(?:-(?:[a-z]+|[A-Z]+))*"
_RESPELLING = re.compile(rf"\(({_SYLLABLES}(?: {_SYLLABLES})*)\)")
_RESPELLED = re.compile(r"(?:[a-z]+-[A-Z]+|[A-Z]+-[a-z]+)-(?:[a-z]+|[A-Z]+)")
# A table cell that is a code: a few capitals or digits, alone or before what they stand for ("PA-Pennsylvania").
_CODE_CELL = re.compile(r"[A-Z0-9]{1,4}(?:[-–=:]\s*\S.*)?")
# The parts of a code that hyphens join to an acronym: "PFS-R", "ICD-10-CM", "ECS-CP" (not "ER-positive").
_CODE_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z0-9][A-Za-z0-9]*-)+$")
_CODE_AFTER = re.compile(r"(?:-[A-Z0-9][A-Za-z0-9]*)+(?![\w-])")
_CODE_REACH = 30
# What a Roman numeral numbers ("stage IV", "grades II and III", "stages IIB, IIIB with bulky disease, and IV",
# "Group IV:"): it is no acronym there, whatever else the page means by the letters ("intravenous (IV)").
_NUMBERED = re.compile(
    r"\b(?:stage|grade|phase|type|group|class|level|category|tier|part|step|arm|cohort|cycle|block|course|figure"
    r"|table|numeral)s?\s+(?:[IVX]+[A-D]?\d?(?:\s+with(?:out)?\s+[\w-]+(?:\s+[\w-]+)?)?"
    r"(?:\s*(?:,|or|and|to|through|[-–/]))+\s*)*$",
    re.IGNORECASE,
)
# A person's initials after the surname ("Roe JQ"), in a list of authors: "et al" follows, or a comma or a full
# stop does and the surname opens the list (after "from", "by" or at the start) or follows an author.
_SURNAME = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*\s+$"
_AUTHOR = re.compile(rf"\b{_SURNAME}")
_LISTED_AUTHOR = re.compile(rf"(?:^|(?:\bfrom|\bby|\bIn:|[,;])\s+){_SURNAME}")  # "In: Amin MB, ..."
_AFTER_INITIALS = re.compile(r"(\s+et\s+al\b)|[,.;]")
# What only a citation has after an author's initials: "et al", or the next author ("Amin MB, Edge SB").
_CITED_AFTER = re.compile(r"\s+et\s+al\b|[,;]\s+(?:et\s+al\b|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*\s+[A-Z]{1,3}\b)")
_TITLE_AFTER = re.compile(r"[:;]\s")  # the last author's initials, then the title: "Roe JQ: A study."
# A state in an address ("New York, NY: Springer", "Farmington, CT 06032"): after a place's name and a comma,
# before a publisher's colon or a ZIP code ("Ultrasound, CT, and MRI" is a list of tests).
_US_STATE = re.compile(
    r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]"
)
_PLACE_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*,\s+$")
_PLACE_AFTER = re.compile(r"[ \t]*(?::\s|\d{5}\b)")
_QUARTER = re.compile(r"[NS][EW]")
_STREET_BEFORE = re.compile(r"\b(?:Avenue|Street|Road|Boulevard|Drive|Place|Ave|St|Rd|Blvd|Dr)\.?,?\s+$")


def _respellings(text: str) -> list[tuple[int, int]]:
    """Return the spans of the pronunciation respellings in ``text``."""
    return [m.span() for m in _RESPELLING.finditer(text) if _RESPELLED.search(m.group(1))]


def _code_cells(article: Article) -> tuple[set[str], set[str]]:
    """Return the texts of the table cells that stand in a column of codes (states, stages, modes of inheritance).

    In such a column at least two cells are codes, and every other is empty or a label in capitals ("TOTAL").
    Also return the cells that are stages: Roman numerals ("II", "IVA") in a column headed "Stage" or of two
    different ones or more (a page may give each stage a table of its own).
    """
    cells: set[str] = set()
    stages: set[str] = set()
    for table in article.tables:
        for header, column in zip_longest(table.header, zip(*table.rows, strict=False), fillvalue=""):
            codes = [cell for cell in column if _CODE_CELL.fullmatch(cell)]
            if len(codes) >= 2 and all(not cell or cell.isupper() or cell in codes for cell in column):
                cells.update(codes)
            numerals = {cell for cell in column if _STAGE.fullmatch(cell)}
            if len(numerals) >= 2 or numerals and header.lower().startswith("stage"):
                stages.update(numerals)
    return cells, stages


def code_at(text: str, start: int, end: int) -> str:
    """Return the code that ``text[start:end]``, an acronym, is part of: "PFS-R" for "PFS", else the acronym.

    A code reaches at most ``_CODE_REACH`` characters either side of the acronym; a longer run is none.
    """
    before = _CODE_BEFORE.search(text, max(0, start - _CODE_REACH), start)
    # Read as far on as back, one character more: a match that takes it in may have been cut short there, and
    # unbounded, every acronym of a long hyphenated run ("IV-IV-...") would read the run to its end.
    after = _CODE_AFTER.match(text, end, end + _CODE_REACH + 1)
    if after and after.end() > end + _CODE_REACH:
        after = None
    return text[before.start() if before else start : after.end() if after else end]


def no_acronym(text: str, start: int, end: int) -> bool:
    """Return True if the capitals at ``text[start:end]`` are no acronym: a numeral ("stage IV"), initials, a state."""
    word = text[start:end]
    if _NUMERAL.fullmatch(word):
        return _NUMBERED.search(text, max(0, start - _NAME_REACH), start) is not None
    if _a_state(text, start, end):
        return True
    after = _AFTER_INITIALS.match(text, end)
    if len(word) > 3 or not word.isupper() or after is None:
        return False
    author = _AUTHOR if after.group(1) else _LISTED_AUTHOR
    return author.search(text, max(0, start - _NAME_REACH), start) is not None


def _a_state(text: str, start: int, end: int) -> bool:
    """Return True if the capitals at ``text[start:end]`` are a US state in an address ("New York, NY: ...")
    or a city's quarter after a street ("Pennsylvania Avenue, NW")."""
    if _QUARTER.fullmatch(text, start, end):
        return _STREET_BEFORE.search(text, max(0, start - _NAME_REACH), start) is not None
    return (
        _US_STATE.fullmatch(text, start, end) is not None
        and _PLACE_BEFORE.search(text, max(0, start - _NAME_REACH), start) is not None
        and _PLACE_AFTER.match(text, end) is not None
    )


def _cited(text: str, start: int, end: int) -> bool:
    """Return True if the capitals at ``text[start:end]`` are an author's initials in a citation ("Roe JQ, et al.").

    Stricter than :func:`no_acronym`, which only keeps a term's definition off them: here the check would
    otherwise let an acronym in a list ("Lung SCC, and ...") go unreported.
    """
    if end - start > 3:
        return False
    before = max(0, start - _NAME_REACH)
    if _CITED_AFTER.match(text, end):
        return _AUTHOR.search(text, before, start) is not None
    return _TITLE_AFTER.match(text, end) is not None and _LISTED_AUTHOR.search(text, before, start) is not None


def _initials(short: str, long: str) -> bool:
    """Return True if the letters of ``short`` begin words of ``long``, in order: "PTC" of "percutaneous trans..."."""
    letters = iter(short.lower())
    wanted = next(letters, None)
    for word in long.split():
        if wanted is not None and word[:1].lower() == wanted:
            wanted = next(letters, None)
    return wanted is None


def maybe_no_use(
    article: Article, blocks: Sequence[Block], defined: Container[str], other: Container[str] = frozenset()
) -> list[Callable[[int, int], bool] | None]:
    """Return, for each of ``blocks``, what says whether a term found at (start, end) of its text may be no use of it.

    Such are the words of a term in a name or title ("Journal of Medicine"; not in a heading, in title case as
    often as not), any in a pronunciation respelling, capitals that are no acronym (:func:`no_acronym`, and a
    stage in a table), an acronym in a code the article defines as something else (``other``,
    :func:`other_meanings`) unless a glossary link has it as its text, and an acronym of two or three capitals
    that the article neither defines (``defined``) nor has as the text of a glossary link, where it stands for
    something else: a Roman numeral ("stage IV"), a cell of a table column of codes ("PA-Pennsylvania"), or a
    word the page explains in its own words right after it ("internal OS (the opening ...)").
    """
    linked = {link.text for block in blocks for link in block.links if link.kind in (LinkKind.GLOSSARY, LinkKind.DRUG)}
    codes, stages = _code_cells(article)
    return [
        partial(
            _maybe_no_use,
            block.text,
            _respellings(block.text),
            block.kind is not BlockKind.HEADING,
            block.kind is BlockKind.TABLE_CELL and block.text in codes,
            block.kind is BlockKind.TABLE_CELL and block.text in stages,
            defined,
            linked,
            other,
        )
        for block in blocks
    ]


def _maybe_no_use(
    text: str,
    respellings: list[tuple[int, int]],
    names: bool,
    code: bool,
    stage: bool,
    defined: Container[str],
    linked: Container[str],
    other: Container[str],
    start: int,
    end: int,
) -> bool:
    if names and in_a_name(text, start, end):
        return True
    if any(s <= start and end <= e for s, e in respellings):
        return True
    word = text[start:end]
    if word.casefold() in MASS_NOUNS and _counted(text, start, end):
        return True  # "this observation": a finding, not the term
    if _in_another_sense(text, start, end):
        return word not in linked  # "sensitivity to sunlight": not a test's
    if _singular(word).isupper() and (
        stage or no_acronym(text, start, end) or _singular(code_at(text, start, end)) in other
    ):
        return word not in linked
    if not _SHORT_ACRONYM.fullmatch(word) or word in defined or word in linked:
        return False
    if code or _NUMERAL.fullmatch(word):
        return True
    explained = _EXPLAINED.match(text, end)
    # An explanation that spells the acronym is its long form ("PTC (percutaneous transhepatic ...)").
    return explained is not None and len(explained.group(1).split()) >= 3 and not _initials(word, explained.group(1))


# Words that count what follows them, which a mass noun does not take, maybe with a word between: "this
# observation", "an interesting observation".
_COUNTED = re.compile(r"(?i)(?<![^\W_])(?:an?|one|this|each|another|same|previous)\s+(?:[^\W\d_]+\s+)?$")
_COUNTED_REACH = 32
# "The" makes one too ("the recent observation that …"), unless the mass noun names the approach in front of
# another noun: "the observation group", "the observation-alone arm".
_DEFINITE = re.compile(r"(?i)(?<![^\W_])the\s+(?:[^\W\d_]+\s+)?$")
_COMPOUND = re.compile(r"(?i)[\s-]+(?:alone|arms?|groups?|cohorts?|strateg(?:y|ies)|periods?|only|approach)(?![^\W_])")


def _counted(text: str, start: int, end: int) -> bool:
    """Say whether the mass noun at ``start``:``end`` is counted, and so names one thing rather than the term."""
    reach = max(0, start - _COUNTED_REACH)
    if _COUNTED.search(text, reach, start):
        return True
    return _DEFINITE.search(text, reach, start) is not None and not _COMPOUND.match(text, end)


class _Sense(NamedTuple):
    """A word of which the glossary gives one sense among others, and how a use shows it means another."""

    forms: re.Pattern[str]  # the word's forms, lower case
    needs: re.Pattern[str] | None = None  # what its sentence must speak of for the glossary's sense
    after: re.Pattern[str] | None = None  # what right after it makes it another sense
    before: re.Pattern[str] | None = None  # what right before it makes it another sense


# The glossary's "sensitivity" is a test's ("a sensitivity of 83%", "sensitivity and specificity"), not a
# body's ("sensitivity to sunlight", "can trigger sensitivities in some people"); its "carrier" has a gene
# change ("BRCA1 carriers", "mutation carriers"), which "information carriers" and "a carrier oil" do not; its
# "aggressive" (in the first sentence, the one that goes in parentheses) is a tumor's, not a treatment's
# ("aggressive surgical resection", "aggressive doxorubicin-based chemotherapy"; not "aggressive disease that
# needs treatment"), nor a person's ("aggressive complaining"); its "capsule" (first) wraps a tumor or an
# organ, and "capsules that contain a radiation source" or "ground root in a capsule" do not; its "variant"
# is a gene's, not a tumor's ("the follicular variant of papillary cancer"); its "membrane" a sheet of tissue,
# not a cell's; its "plasma" the blood's, not a plasma cell. Spanish the same: "sensibilidad a la luz".
_SYMBOL_WITH_DIGIT = r"\b[A-Z][A-Z0-9]*[0-9][A-Z0-9]*\b"  # "BRCA1", "CDH1", "SMARCB1"


def _any_word(*words: str, also: str = "") -> re.Pattern[str]:
    """Return a regex that finds any of ``words`` (each a regex of whole words, in any case), or ``also``."""
    return re.compile(rf"(?i:\b(?:{'|'.join(words)})\b)" + (f"|{also}" if also else ""))


_TUMOR_WORDS = (r"tumou?rs?", r"cancers?", r"diseases?", r"types?", r"forms?", r"subtypes?")
_SENSES = (
    _Sense(
        re.compile(r"sensitivit(?:y|ies)"),
        _any_word(
            *(r"tests?", "testing", "tested", r"screen\w*", "specificity", r"detect\w*", r"diagnos\w*", r"accura\w*"),
            *("imaging", r"scans?", "scanning", "exam", "exams", r"examination\w*", r"mammogra\w*", "ultrasound"),
            *(r"biops\w*", "predictive", r"markers?", "false"),
            also="%",
        ),
        re.compile(r"\s+to\s+(?!detect|find|identify|diagnose)"),
    ),
    _Sense(
        re.compile(r"sensibilidad(?:es)?"),
        _any_word(
            *(r"pruebas?", r"detect\w*", r"detecci\w*", "especificidad", r"diagn[oó]s\w*", "exactitud"),
            *(r"precisi[oó]n", r"im[aá]gen\w*", r"ex[aá]men\w*", r"mamograf\w*", r"ecograf\w*", r"biopsias?"),
            *(r"predictiv\w*", r"marcador\w*", "tamizaje", r"detecci[oó]n", r"falsos?"),
            also="%",
        ),
        re.compile(r"\s+(?:a|al|ante)\s"),
    ),
    _Sense(
        re.compile(r"carriers?"),
        _any_word(
            *(r"genes?", r"genetic\w*", r"mutations?", "mutated", r"variants?", r"alleles?", "hereditary"),
            *(r"inherit\w*", "germline", "status"),
            also=_SYMBOL_WITH_DIGIT,
        ),
    ),
    _Sense(
        re.compile(r"portador(?:a|es|as)?"),
        _any_word(
            *("gen", "genes", r"gen[eé]tic\w*", r"mutaci\w*", r"mutad\w*", r"variantes?", r"alelos?", r"heredi\w*"),
            *("germinal", "estado"),
            also=_SYMBOL_WITH_DIGIT,
        ),
    ),
    _Sense(
        re.compile(r"aggressive"),
        _any_word(
            *_TUMOR_WORDS,
            *(r"malignan\w*", r"neoplas\w*", r"leukemias?", r"\w+omas?", r"histolog\w*", r"grades?", r"courses?"),
            *("growth", r"grows?", "growing", r"spread\w*", r"behaviou?r"),
        ),
        # a treatment's, with at most four words between that are no tumor's nor open a clause: "aggressive surgical
        # resection", "aggressive local and combined modality treatments"
        re.compile(
            rf"(?i)(?:\s+(?!(?:{'|'.join(_TUMOR_WORDS)}|that|which|who|needs?|requires?|requiring|of|in)\b)[\w-]+){{0,4}}\s+"
            r"(?:treatments?|therap\w*|surg\w*|resections?|approach\w*|chemo\w*|care|management|regimens?|doses?"
            r"|dosing|interventions?|measures?|procedures?|operations?|radiation|radiotherapy)\b"
        ),
    ),
    _Sense(
        re.compile(r"capsules?"),
        _any_word(
            *(r"tumou?rs?", r"organs?", r"joints?", r"glands?", r"tissues?", "thyroid", r"kidneys?", "renal"),
            *("liver", "hepatic", "spleen", "splenic", "adrenal", "lymph", r"nodes?", "lens", r"prostat\w*"),
            *("breast", r"implants?", r"ruptur\w*", "invasion", r"invad\w*", "intact", "posterior", "anterior"),
            "fibrous",
        ),
        re.compile(r"\s+(?:(?:that|which)\s+(?:contains?|holds?)|containing|filled|endoscop\w*)\b"),
    ),
    _Sense(
        re.compile(r"cápsulas?"),
        _any_word(
            *(r"tumor\w*", r"órganos?", r"articulaci\w*", r"glándulas?", r"tejidos?", "tiroides", r"riñ\w*"),
            *("renal", "hígado", r"hepátic\w*", "bazo", r"suprarrenal\w*", r"ganglios?", "cristalino"),
            *("próstata", "mama", r"implantes?", "rotura", r"romp\w*", r"invasi\w*", r"invad\w*"),
        ),
        re.compile(r"\s+(?:que\s+(?:contiene|contienen|lleva|llevan)|endosc[oó]pic\w*)\b"),
    ),
    _Sense(
        re.compile(r"variants?"),
        _any_word(
            *(r"genes?", r"genetic\w*", "germline", "somatic", r"inherit\w*", "hereditary", r"mutations?"),
            *("pathogenic", "dna", "rna", "coding", r"codons?", r"exons?", r"nucleotides?", r"alleles?"),
            *("status", "structural", "tested", "testing"),
            also=rf"{_SYMBOL_WITH_DIGIT}|\b[A-Z][A-Z0-9]{{1,9}}\s+(?:gene\s+)?variants?\b",  # "ALK variant"
        ),
        re.compile(r"(?i)\s+of\s+(?:[\w-]+\s+){0,3}?(?:\w+omas?|diseases?|cancers?|tumou?rs?|leukemias?)\b"),
        re.compile(r"(?i)\b(?:histologic(?:al)?|morphologic(?:al)?|clinical|cell|like)\s+$"),  # "large cell variant"
    ),
    _Sense(
        re.compile(r"membranes?"),
        after=re.compile(
            r"(?i)\s+(?:antigens?|transporters?|proteins?|receptors?|pattern|potential|zone)\b"
            r"|\s+of\s+(?:the\s+|a\s+)?(?:cells?|nucle\w*|mitochondri\w*|\w+somes?)\b"  # "the membrane of melanosomes"
        ),
        before=re.compile(r"(?i)\b(?:cells?|plasma|nuclear|mitochondrial|basement|cytoplasmic|inner|outer)\s+$"),
    ),
    _Sense(re.compile(r"plasma"), after=re.compile(r"(?i)[\s-]+(?:cells?|membranes?)\b")),
    # Its "reduction" is a chemical reaction, not a lower risk or dose ("risk reduction", "dose reductions",
    # "breast reduction"); its "T4" a thyroid hormone, not a tumor's stage ("T4, N0, M0"); its "recurrence
    # risk" the chance that a family's genetic disease comes again, not a cancer's; its "concentration" how
    # much of a substance something holds, not a reader's attention ("diminished concentration", "memory and
    # concentration"); its "cervical" the neck's, not the cervix's ("cervical cancer", "cervical screening");
    # its "filter" a device, not what a search does ("filter trials by ...").
    _Sense(
        re.compile(r"reductions?|reducci(?:ón|ones)"),
        _any_word(r"oxid\w*", "redox", "hydrogen", r"electrons?", r"antioxidant\w*", r"oxígeno", r"hidrógeno"),
    ),
    _Sense(
        re.compile(r"t4"), _any_word("thyroid", r"thyrox\w*", r"levothyrox\w*", r"hormon\w*", "tiroides", r"tirox\w*")
    ),
    _Sense(
        re.compile(r"recurrence risks?"),
        _any_word(r"famil\w*", r"siblings?", r"relatives?", r"inherit\w*", "offspring", r"parents?", "hereditary"),
    ),
    _Sense(
        re.compile(r"concentrations?|concentraci(?:ón|ones)"),
        after=re.compile(
            r"(?i)\s+(?:(?:and|or|y|o)\s+(?:memory|attention|focus|thinking|memoria|atención)|problems?|span)\b"
        ),
        before=re.compile(
            r"(?i)\b(?:poor|diminished|decreased|reduced|impaired|lack\s+of|loss\s+of|trouble(?:\s+with)?"
            r"|difficult(?:y|ies)(?:\s+with)?|problems?\s+with|(?:memory|attention)\s+(?:and|or)|falta\s+de"
            r"|pérdida\s+de|problemas\s+de|dificultad(?:es)?\s+(?:de|para)|(?:memoria|atención)\s+(?:y|o))\s+$"
        ),
    ),
    _Sense(
        re.compile(r"cervical"),
        after=re.compile(
            r"(?i)\s+(?:cancers?|screening|cells?|biops\w*|precancer\w*|lesions?|intraepithelial|dysplasia|cytology"
            r"|smears?|(?:and|or)\s+(?:vaginal|uterine|endometrial|ovarian|vulvar))\b"
        ),
    ),
    _Sense(
        re.compile(r"filters?|filtros?"),
        after=re.compile(r"(?i)\s+(?:trials?|results?|searches?|by|based|out|your|the|them|it)\b"),
        before=re.compile(r"(?i)\b(?:to|can|you|will|may|please)\s+$"),
    ),
    # Its "survivor" has had cancer, not lived through something else ("survivors of stressful events"; not
    # "survivors of childhood cancer"); its "anatomy" is a field of study, not a part's make-up ("Anatomy of
    # the bone", a picture's caption).
    _Sense(
        re.compile(r"survivors?|sobrevivientes?"),
        after=re.compile(
            r"(?i)\s+(?:of|de)\s+(?!(?:[\w-]+\s+){0,3}?(?:cancers?|cánceres|cáncer|tumou?r\w*|leukemias?|leucemias?"
            r"|lymphomas?|linfomas?|\w+omas?)\b)"
        ),
    ),
    _Sense(re.compile(r"anatomy|anatomía"), after=re.compile(r"(?i)\s+(?:of|de|del)\b")),
)
_SENSE_FORMS = re.compile("|".join(f"({sense.forms.pattern})" for sense in _SENSES))  # group i: _SENSES[i - 1]
_BEFORE_REACH = 40  # characters read back for what makes a word another sense
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _in_another_sense(text: str, start: int, end: int) -> bool:
    """Say whether the word at ``start``:``end`` is one of :data:`_SENSES` in a sense the glossary does not give it."""
    found = _SENSE_FORMS.fullmatch(text[start:end].casefold())  # one regex for all: this runs at every match
    if found is None or found.lastindex is None:
        return False
    sense = _SENSES[found.lastindex - 1]
    if sense.after is not None and sense.after.match(text, end):
        return True
    if sense.before is not None and sense.before.search(text, max(0, start - _BEFORE_REACH), start):
        return True
    if sense.needs is None:
        return False
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    closing = _SENTENCE_END.search(text, end)
    return sense.needs.search(text, opening, closing.end() if closing else len(text)) is None


def find_jargon(
    article: Article,
    matcher: TermMatcher,
    *,
    rare: RareWords | None = None,
    path: str | None = None,
    resolver: Resolver | None = None,
    findings: bool = True,
) -> JargonReport:
    """Return the article's glossary terms (linked and not), abbreviations and jargon findings.

    An abbreviation is explained by a definition anywhere in the article or by a glossary term
    that covers it; a rare word (``rare``, default wordfreq Zipf < 3) by a glossary term, linked
    or found, that holds it or its plural or singular. A capitalised word that names someone is no
    jargon. Each unexplained one is reported once, at its first line.

    ``resolver`` finds the entries that links name (by id, by name, drug pages) and the one term that
    explains a drug found in the text; without it, a link counts by its CDR id alone.

    With ``findings=False`` the report has the terms, abbreviations and unknown links alone, and no
    findings or unexplained words: a handout reads no more, and skips the search for those.
    """
    where = path if path is not None else article.path
    rare = rare if rare is not None else RareWords(article.lang)
    common = _common(rare)
    blocks = article.content_blocks()
    texts = [b.text for b in blocks]

    found: list[Finding] = []
    linked: dict[str, TermUse] = {}
    unknown: list[Link] = []
    unknown_seen: set[tuple[str | None, str | None]] = set()  # (id, name): each unknown term once
    covered: list[list[tuple[int, int]]] = []  # per block: spans a glossary term explains
    named: list[list[tuple[int, int]]] = []  # per block: spans of links that name a term
    for block in blocks:
        spans = []
        terms = []
        for link in block.links:
            if link.kind not in (LinkKind.GLOSSARY, LinkKind.DRUG):
                continue
            at = block.text.find(link.text)
            span = (at, at + len(link.text)) if at >= 0 else None
            if span:
                spans.append(span)
            if link.kind is LinkKind.GLOSSARY and not (link.term_id or link.term_name):
                found.append(
                    Finding(
                        MISSING_ID,
                        Severity.WARNING,
                        f"glossary link {link.text!r} gives no term id or name; link the term's dictionary page",
                        where,
                        link.line,
                    )
                )
                continue
            term_id = resolver.link(link) if resolver is not None else None
            if term_id is None and link.kind is LinkKind.GLOSSARY:
                if resolver is not None and (link.term_id, link.term_name) not in unknown_seen:
                    unknown_seen.add((link.term_id, link.term_name))
                    unknown.append(link)
                term_id = cdr_id(link.term_id)  # a CDR number the glossary lacks is still the term the editor linked
            if term_id is None:
                continue  # a drug page the glossary has no drug for: its words may still name a term
            if span:
                terms.append(span)
            if term_id not in linked:
                linked[term_id] = TermUse(term_id, link.text, link.line, True)
        covered.append(spans)
        named.append(terms)

    abbreviations = abbreviation_uses(blocks)
    defined = defined_in(abbreviations)

    unlinked: dict[str, TermUse] = {}
    other = other_meanings(abbreviations, matcher, resolver) | gene_meanings(article, blocks, matcher, resolver)
    uncertain = maybe_no_use(article, blocks, defined, other)
    for block, spans, terms, matches in zip(
        blocks, covered, named, matcher.find_all(texts, tentative=uncertain), strict=True
    ):
        # At one place the matcher gives every term its words name: they explain one of them.
        for (start, end, tentative), hits in groupby(matches, key=lambda hit: (hit.start, hit.end, hit.tentative)):
            spans.append((start, end))
            text = block.text[start:end]
            ids = [hit.term_id for hit in hits]
            term_id = resolver.one(ids, text, article.lang) if resolver is not None else ids[0]
            # Words an editor linked to a term are explained already, whatever term the matcher sees in them.
            if term_id in linked or term_id in unlinked or any(s < end and start < e for s, e in terms):
                continue
            if not tentative:
                unlinked[term_id] = TermUse(term_id, text, block.line_at(start), False)
    if not findings:
        return JargonReport(
            tuple(linked.values()), tuple(unlinked.values()), tuple(abbreviations), (), (), tuple(unknown)
        )

    # A word is explained by a glossary term that holds it, or by the long form of a defined abbreviation.
    explained = {
        w.lower()
        for text, spans in zip(texts, covered, strict=True)
        for s, e in spans
        for regex in (_WORD, _ALNUM_WORD)
        for w in regex.findall(text[s:e])
    }
    explained |= {w.lower() for a in abbreviations for w in _WORD.findall(a.abbreviation.long)}

    flagged: set[str] = set()
    unexplained: list[tuple[str, int]] = []
    # Rarity is decided once per distinct word of the article, not once per block that holds it.
    block_words = [words_of(text) for text in texts]
    is_rare = rare.is_rare
    everywhere = set().union(*block_words)
    rare_words = {w for w in everywhere if is_rare(w) and not w.isupper() and not _no_word_to_explain(w, is_rare)}
    explained |= _inflected({_rare_key(w) for w in rare_words} - explained, explained, article.lang)
    sentence_starts: Memo[int, set[int]] = Memo(lambda i: _sentence_starts(texts[i], article.lang))
    starts = sentence_starts.__getitem__
    names = _names(
        texts,
        block_words,
        everywhere,
        {w for w in rare_words if _capitalised(w) and w.lower() not in everywhere and _rare_key(w) not in explained},
        starts,
    )
    kinds: set[str] = set()  # symbols an earlier block named a gene's ("the BRCA1 gene"): explained from there on
    for i, (block, spans, words_here) in enumerate(zip(blocks, covered, block_words, strict=True)):
        if block.text.isupper():
            continue  # a heading in capitals: its words are not abbreviations
        named_here = _kinds_named(block.text, kinds)
        for m in _undefined(block.text, defined, common):
            short = m.group(1)
            if short in flagged or short.lower() in explained or any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            if short in kinds or named_here.get(short, m.start()) < m.start():
                continue
            if _in_a_term(matcher, block.text, m.start(), m.end(1)) or (
                "-" in short and _each_part_explained(short, defined, explained, matcher)
            ):
                # Another name of a term the article has used already ("CT scan (CAT scan)": the matcher gives
                # a term once, at its first use, so its other names are not among the spans it explains), or
                # hyphenated capitals whose parts are each explained ("PET-CT").
                explained.add(short.lower())
                continue
            flagged.add(short)
            found.append(
                Finding(
                    UNDEFINED_ABBREVIATION,
                    Severity.WARNING,
                    f'"{short}" is used without being spelled out; define it at first use',
                    where,
                    block.line_at(m.start()),
                )
            )
        kinds.update(named_here)
        # Most blocks hold no rare word that is still to report: walk a block word by word (for places)
        # only when one is there.
        here = rare_words.intersection(words_here) - names
        if all((key := _rare_key(w)) in flagged or key in explained for w in here):
            continue
        for m in _word_regex(block.text).finditer(block.text):
            word = m.group()
            if word not in here:
                continue
            start = m.start()
            key = _rare_key(word)
            if key in flagged or key in explained or (_capitalised(word) and _inside(block.text, start, starts(i))):
                continue
            end = m.end()
            if any(s <= start and end <= e for s, e in spans):
                continue
            flagged.add(key)
            unexplained.append((word, block.line_at(start)))
            found.append(
                Finding(
                    UNEXPLAINED,
                    Severity.SUGGESTION,
                    f'"{word}" is a rare word that no glossary term explains; explain it or use a plainer word',
                    where,
                    block.line_at(start),
                )
            )
    found.sort(key=lambda f: f.line)
    return JargonReport(
        tuple(linked.values()),
        tuple(unlinked.values()),
        tuple(abbreviations),
        tuple(found),
        tuple(unexplained),
        tuple(unknown),
    )
