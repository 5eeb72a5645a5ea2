"""Expand jargon where the reader meets it: plan the expansions, then render them into markdown.

Planning annotates (which term, at which use, with which plain definition); rendering decides
presentation: a plain definition in parentheses after the first use (or after its sentence, where
it would make the sentence too long), a "Words to know" list, or both. Rendering only ever inserts
text into the article's source, so every number, drug name and link target of the input survives
into the output.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import sys
from array import array
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from simplify.boilerplate import fenced, mended_cards
from simplify.config import MIN_INLINE_WORDS, Presentation, Settings
from simplify.glossary.index import Glossary
from simplify.glossary.model import Entry
from simplify.jargon.abbreviations import find_abbreviations
from simplify.jargon.inflect import english_verb_names, plurals_of
from simplify.jargon.matcher import cased, strip_possessive
from simplify.jargon.report import JargonReport, TermUse, in_a_name, no_acronym, undefined_abbreviations
from simplify.lang import lang_root
from simplify.marks import LANG_CLOSE, LANG_END, LANG_OPEN
from simplify.model import Article, BlockKind, dropped_lines
from simplify.text.respell import filled
from simplify.text.sentences import split_sentences
from simplify.text.wordclass import adjectives, noun_modifiers, phrase_enders, verb_forms

_HEADING = re.compile(r"^ {0,3}#")
# A line all in bold that makes no statement is a heading set in bold ("**[Symptoms](...)**", "**Results:**").
_LABEL = re.compile(r"^ {0,3}(\*\*|__)(?:(?!\1).)+(?<![.!?])\1[ \t]*$")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINK_OPEN = re.compile(r"\]\(")
_DEFAULTS = Settings()


@dataclass(frozen=True, slots=True)
class ExpandOptions:
    """How expansions are presented: the settings ``presentation``, ``max-inline`` and ``max-inline-words``."""

    presentation: Presentation = _DEFAULTS.presentation
    max_inline: int = _DEFAULTS.max_inline  # definitions in parentheses per paragraph
    max_inline_words: int = _DEFAULTS.max_inline_words  # a longer definition is shortened (short_form)
    # No definition makes a sentence longer than the check allows: it follows the sentence instead.
    max_sentence_words: int = _DEFAULTS.max_sentence_words

    @classmethod
    def from_settings(cls, settings: Settings) -> ExpandOptions:
        """Return the options an article's settings ask for."""
        return cls(settings.presentation, settings.max_inline, settings.max_inline_words, settings.max_sentence_words)


@dataclass(frozen=True, slots=True)
class Expansion:
    """A term to explain: where the reader first meets it, and the words that explain it."""

    term_id: str
    text: str  # the words of the article that name it
    line: int
    linked: bool
    name: str  # the glossary's name in the reader's language
    definition: str
    short: str  # the inline form
    pronunciation: str | None
    at: tuple[int, int] | None = None  # (line, column) in the source where the inline form goes; None: list only
    # The words it explains, said first in the parentheses ("(kidney: ...)") where they are not right before
    # them: the inline form goes after the phrase they open ("acute kidney injury"), not into it.
    lead: str = ""
    # Whether the inline form is a sentence of its own after the term's sentence ("... therapy. (Lenalidomide:
    # a drug taken by mouth ...)"), where in the sentence it would make it longer than the check allows.
    after_sentence: bool = False
    # Where the words it explains end in their line: definitions after one sentence keep that order.
    term_column: int = 0

    @property
    def inline(self) -> bool:
        """Return True if the term is explained in parentheses in the text (else only in the word list)."""
        return self.at is not None


# Places where a long definition may end early: what comes before them is a whole phrase. Not before a relative
# clause with no comma ("that", "which", "who", "que"): it says which thing is meant, and cut off it leaves a
# definition of something else ("a shot for young people who have a virus"; for an off-label use, "the legal use
# of a drug to treat a condition", without "for which it is not approved").
_CLAUSE_BREAKS = {
    "en": re.compile(r"[,;:](?=\s)|\s(?=[—–]\s|(?:because|although|while)\s)"),
    "es": re.compile(r"[,;:](?=\s)|\s(?=[—–]\s|(?:porque|aunque|mientras)\s)"),
}
# A relative clause after a comma only adds to what was said before it ("a check by a doctor, who looks ...").
_RELATIVE = re.compile(
    r"\s+(?:which|who|whose|where|que|el cual|la cual|los cuales|las cuales|cuyos?|cuyas?|donde)\s", re.IGNORECASE
)
# Words that open a phrase put before what a definition says ("When referring to a clinical trial, the process by
# which ...", "In clinical trials, refers to a drug that ..."): its comma is no place to end, or nothing is said.
_OPENERS = {
    "en": re.compile(
        r"(?:when|in|if|for|during|as|on|with|after|before|while|although|because|to|at|by|from|under|among|once"
        r"|unless|since|within|throughout)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"(?:cuando|en|si|para|durante|como|con|después|antes|mientras|aunque|porque|al|por|desde|entre|bajo"
        r"|según)\b",
        re.IGNORECASE,
    ),
}
# After a comma, more of a list: items of a few words, each with its comma, then the "and" of the last one
# ("anal, | cervical, vulvar, and vaginal"). Right after the comma, that "and" goes on with the list unless the
# text cut off after it opened with an "and" of its own: that item closed the list (", and coughs, | and ...").
_LIST_AHEAD = {
    lang: re.compile(rf"(?:\s*[^\s,;:.]+(?:\s+[^\s,;:.]+){{0,3}},)*\s*(?:[^\s,;:.]+\s+){{0,3}}?(?:{words})\s")
    for lang, words in {"en": "and|or", "es": "y|e|o|u"}.items()
}
_LIST_AND = {"en": re.compile(r"\s*(?:and|or)\s"), "es": re.compile(r"\s*(?:y|e|o|u)\s")}
_PUNCTUATION_BREAKS = re.compile(r"[,;:](?=\s)|\s(?=[—–]\s)")  # for a language with no table above
# Words a shortened definition must not end on: what they start is cut off.
_WEAK_ENDS = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "a an the of to and or nor but in on at for with by from as so such than that which who whose is are"
        " was were be been being has have had not no into onto about between its their his her this these those"
        " after before during without within through over under against among per via until upon like",
        "es": "el la los las un una unos unas de del al a y e o u ni en con por para que se su sus es son fue no como"
        " más menos lo sin sobre entre este esta estos estas cual cuales tras durante hasta hacia desde contra según"
        " ante bajo"
        # "pero que", "hace que", "después de que", "de manera que": "que" does not start a relative clause
        " pero sino aunque hace hacen después antes manera modo tal así mejor posible ya",
    }.items()
}
# Examples set off by commas in the middle of a sentence ("a disease, such as cancer, that ..."): the sentence
# reads whole without them. Only before words that go on with the sentence, so a list's commas are not taken.
_EXAMPLES = {
    "en": re.compile(
        r",\s(?:such as|including|for example|especially)\s[^,;]+,(?=\s(?:that|which|who|whose|where|when|is|are"
        r"|was|were|has|have|can|may|will)\s)"
    ),
    "es": re.compile(
        r",\s(?:como|incluso|incluido|incluida|incluidos|incluidas|por ejemplo|sobre todo)\s[^,;]+,"
        r"(?=\s(?:que|el cual|la cual|donde|cuando|es|son|está|están|tiene|tienen|puede|pueden)\s)"
    ),
}
_INNERMOST = re.compile(r"\s*\(([^()]*)\)")
_ENUMERATOR = re.compile(r"\d{1,2}|[a-z]")  # "(1) one tumor; or (2) ...": list markers, not asides


def short_form(definition: str, max_words: int = _DEFAULTS.max_inline_words, lang: str = "en") -> str | None:
    """Return the form of a definition that goes in parentheses: its first sentence, with no parentheses inside.

    The parentheses of the definition's own asides become square brackets, so the inline form never
    nests them; list markers ("(1)") go. A sentence of more than ``max_words`` words drops its
    asides and mid-sentence examples; if still too long, it ends at the last clause boundary (a
    comma, semicolon or dash, "because" ...) that keeps at least a few words. A sentence with no such
    boundary has no short form (None): cut at a word, or before a relative clause, it would say less than
    it seems to, or something else; the term is explained in the word list alone.
    """
    first = _without_abbreviation_definitions(_first_sentence(" ".join(definition.split()), lang))
    whole = _flatten(first)
    if len(whole.split()) <= max_words:
        return whole
    lean = _flatten(_without_asides(first, lang))
    if len(lean.split()) <= max_words:
        return lean
    return _clause(lean, max_words, lang)


def _without_abbreviation_definitions(text: str) -> str:
    """Return ``text`` without the parentheses that define an abbreviation ("National Cancer Institute (NCI)").

    In parentheses of its own the definition could not stay one ("National Cancer Institute, NCI,"
    defines nothing); the long form says it all.
    """
    for a in reversed(find_abbreviations(text)):
        opened, closed = text.rfind("(", 0, a.start), text.find(")", a.end)
        if a.long_end <= opened and closed >= 0 and text[opened + 1 : closed].strip() == a.short:
            text = text[:opened].rstrip() + text[closed + 1 :]
    return text


def _flatten(text: str) -> str:
    """Return ``text`` with its asides in square brackets, as asides inside an aside are written.

    Commas or dashes for them read as a list or as a new item ("loose, watery stools, bowel movements,
    that happen often"; "a benign, not cancer, tumor"); "stools [bowel movements]" says what it said.
    """
    while (m := _INNERMOST.search(text)) is not None:
        inner = " ".join(m.group(1).split())
        before, after = text[: m.start()].rstrip(), text[m.end() :]
        if not inner or _ENUMERATOR.fullmatch(inner):
            text = f"{before} {after.lstrip()}" if before else after.lstrip()
            continue
        text = f"{before}{' ' if before else ''}[{inner}]{after}"
    return " ".join(text.replace("(", "").replace(")", "").split())  # a stray parenthesis, as in "1) ..."


def _without_asides(text: str, lang: str) -> str:
    """Return a sentence without what it says in parentheses and without mid-sentence examples."""
    examples = _EXAMPLES.get(lang)
    if examples is not None:
        text = examples.sub("", text)
    while (m := _INNERMOST.search(text)) is not None:
        text = text[: m.start()] + text[m.end() :]
    return " ".join(text.split())


def _in_a_cell(short: str, lang: str) -> str:
    """Return the form of an inline definition for a table's cell: ``short`` up to its first clause's end.

    A cell is narrow, and a long definition crowds its table off the page: one of more than
    :data:`CELL_WORDS` words ends at a clause boundary that keeps it within them ("energy sent out as waves
    or tiny bits, used to ..." ends at "bits"). One with no such boundary stays whole: cut at a word ("a
    small, bean-shaped lump that filters fluid and helps fight…"), it would say less than it seems to.
    """
    if len(short.split()) <= CELL_WORDS:
        return short
    return _clause(short, CELL_WORDS, lang) or short


def _clause(text: str, max_words: int, lang: str) -> str | None:
    """Return the longest opening of ``text`` that ends at a clause boundary and fits ``max_words``, or None.

    Words that cannot end a phrase ("and", "the", "so" of "so that") go with the clause cut off.
    """
    weak = _WEAK_ENDS.get(lang, frozenset())
    ahead, conjunction = _LIST_AHEAD.get(lang), _LIST_AND.get(lang)
    opener = _OPENERS.get(lang)
    introduced = opener is not None and opener.match(text) is not None  # its first comma ends the opening phrase
    best = None
    item = 0  # where the text since the last boundary starts
    for m in _CLAUSE_BREAKS.get(lang, _PUNCTUATION_BREAKS).finditer(text):
        words = text[: m.start()].rstrip(",;:—– ").split()
        if len(words) > max_words:
            break
        if introduced and m.group() == ",":
            introduced = False
            continue
        before, item = text[item : m.start()], m.end()
        if (
            ahead is not None
            and conjunction is not None
            and m.group() == ","
            and not _RELATIVE.match(text, m.end())  # ", who looks, listens, and ...": a clause, whatever it lists
            and ahead.match(text, m.end())
            and not (conjunction.match(text, m.end()) and conjunction.match(before))
        ):
            continue  # inside a list ("anal, cervical, | vulvar, and ..."): it would end on half of it
        while words and words[-1].lower() in weak:
            words.pop()  # they open the clause that is cut off: "... of all ages and | that comes back"
        if len(words) >= MIN_INLINE_WORDS:  # a shorter opening says too little to stand for the definition
            best = " ".join(words)
    return best


def plan(
    article: Article,
    report: JargonReport,
    glossary: Glossary,
    lang: str | None = None,
    options: ExpandOptions | None = None,
    dropped: Iterable[int] | None = None,
) -> tuple[Expansion, ...]:
    """Return one expansion per glossary term of the article, in reading order.

    Every term is in the word list. Its inline form is our own plain definition where the project's
    glossary has one (even when NCI's entry is the one listed), else the first sentence of the
    listed one, shortened to fit (:func:`short_form`). It goes after the first use of the term in
    running text where a definition can go (:func:`_place`) in a paragraph that has room left;
    it is left out when it would bring an abbreviation that nothing explains to the reader.
    ``dropped`` is the article's :func:`dropped_lines`, where the caller has them.
    """
    options = options or ExpandOptions()
    lang = lang_root(lang or article.lang)
    starts = sorted({b.line for b in article.blocks})
    # A heading is no place for a definition, the title of one that scraping moved off its "##" line too.
    closed = {line + 1 for line in (dropped_lines(article) if dropped is None else dropped)} | {
        b.line for b in article.blocks if b.kind is BlockKind.HEADING
    }
    source = _Source(article.source, closed, set(starts))
    cells = {b.line for b in article.blocks if b.kind is BlockKind.TABLE_CELL}
    body_lang = lang_root(article.lang)  # the words of the text: its terms' names are looked up in it
    defined = report.defined
    long_forms = _long_forms(report)
    per_block: dict[int, int] = {}
    taken: set[tuple[int, int]] = set()  # one definition per place: "Medicine" may name two terms
    grown: dict[tuple[int, int], int] = {}  # words of each sentence (row, start) with the definitions put in it

    def block_of(row: int) -> int:
        return bisect.bisect_right(starts, row)

    def has_room(at: tuple[int, int]) -> bool:
        return at not in taken and per_block.get(block_of(at[0]), 0) < options.max_inline

    out: list[Expansion] = []
    seen: set[str] = set()
    concepts = _Concepts(lang)
    terms = _term_words((*report.linked, *report.unlinked), glossary, body_lang)
    for use in sorted((*report.linked, *report.unlinked), key=lambda u: u.line):
        entry = glossary.get(use.term_id)
        definition = entry.definition(lang) if entry else None
        if entry is None or definition is None or use.term_id in seen:
            continue
        seen.add(use.term_id)
        if not concepts.add(entry, definition.text):
            continue  # "CAT scan" after "CT scan": one concept, explained once
        own = glossary.project_entry(use.term_id)
        plain = (own.definition(lang) if own else None) or definition
        short = short_form(plain.text, options.max_inline_words, lang)
        at, lead, after_sentence, term_column = None, "", False, 0
        if (
            options.presentation != "list"
            and short is not None
            and not _brings_abbreviation(short, defined, glossary, lang)
            and not _opening_only(use, entry, body_lang)
        ):
            forms = _other_forms(entry, body_lang)
            spot = _place(
                source,
                use,
                long_forms,
                has_room,
                lang=body_lang,
                block_of=block_of,
                forms=forms,
                cells=cells,
                terms=terms,
            )
            if spot is not None:
                if spot.row in cells:
                    short = _in_a_cell(short, lang)
                at, lead = (spot.row, spot.column), _lead(spot, (entry, own), short, body_lang, lang)
                if not lead and (
                    _ends_a_compound(source.lines[spot.row - 1], spot)
                    or (body_lang == "en" and _ends_a_phrase(source.lines[spot.row - 1], spot))
                ):
                    # "high-dose (dose: ...)", "Klinefelter syndrome (syndrome: ...)": no definition of the phrase
                    lead = _named(spot.said)
                term_column = spot.column
                sentence = _sentence_of(source, spot, body_lang) if spot.row not in cells else None
                if sentence is not None:
                    words = grown.get(sentence.key, sentence.words) + len(_WORDS.findall(f"{lead} {short}"))
                    if words > options.max_sentence_words and sentence.end is not None:
                        at, lead, after_sentence = (
                            (spot.row, sentence.end),
                            _opening(lead or _named(spot.said)),
                            True,
                        )
                    else:
                        grown[sentence.key] = words
                # The term's own place is taken, wherever its definition goes: "kidney injury" is explained
                # once, not as "injury" and again as "kidney injury".
                taken.add((spot.row, spot.column))
                block = block_of(at[0])
                per_block[block] = per_block.get(block, 0) + 1
        spoken = entry.pronunciation(lang)
        name = entry.name(lang) or use.text
        out.append(
            Expansion(
                term_id=use.term_id,
                text=use.text,
                line=use.line,
                linked=use.linked,
                name=name,
                definition=definition.text,
                short=short or "",
                # NCI's "(… skan)" leaves out words read as written: the reader is shown them.
                pronunciation=_worth_saying(filled(spoken.respelling, name), name)
                if spoken and spoken.respelling
                else None,
                at=at,
                lead=lead,
                after_sentence=after_sentence,
                term_column=term_column,
            )
        )
    return tuple(out)


def _worth_saying(said: str | None, name: str) -> str | None:
    """Return ``said``, how ``name`` is said, unless it only spells the name as written: "dose (dose)" tells
    the reader nothing. Capitals are not the name's: they mark the stressed syllable ("PEL-vis")."""
    if said is None:
        return None
    letters, named = _LETTERS_ONLY.sub("", said), _LETTERS_ONLY.sub("", name)
    return None if letters in (named, named.lower()) else said


_LETTERS_ONLY = re.compile(r"[\W_]+")


class _Sentence(NamedTuple):
    """The sentence a definition's place is in: its line and start (``key``), its words, and where it ends."""

    key: tuple[int, int]
    words: int
    end: int | None  # the column after what closes it, or None: a definition cannot follow it there


def _sentence_of(source: _Source, spot: _Spot, lang: str) -> _Sentence | None:
    """Return the sentence of ``spot`` in its line, or None (a table row, say, or no sentence there).

    A definition that would make it longer than the check allows goes after it instead, at ``end``: past
    what closes it (quotes, emphasis marks, a link's destination). It has no ``end`` where it does not
    close with a stop on its line (a list item's phrase), where it ends its line and the paragraph goes
    on in the next (the line alone cannot tell a stop from an abbreviation's period), nor in a line a
    link goes on from or into, nor inside a quotation that goes on after it.
    """
    reading = source.reading(spot.row)
    at = reading.seen(spot.column)
    line = source.lines[spot.row - 1]
    if _in_evidence(line, spot.column):
        return None  # a level of evidence ("[Level of evidence B1]") is explained where it is, in its bracket
    # A sentence's citation markers ("therapy.[[4](#cit/...)] The ...", "[[1](...),[2](...)]", "[[3](...)-[5](...)]")
    # are blanks between it and the next: no sentence reads on through them, and its definition goes after them.
    cited = _citations(reading, line)
    text = reading.text
    for begins, ends in cited.items():
        text = f"{text[:begins]}{' ' * (ends - begins)}{text[ends:]}"
    for start, end in split_sentences(text, lang):
        if start <= at <= end:
            break
    else:
        return None
    words, stopped = reading.words(start, end), _STOPPED.search(text, start, end) is not None
    end = _past_citations(reading.text, end, cited)
    column: int | None = None
    # A link that opens or closes on another line ("[Title\n\nLine about the page.](/types/x)", scraped
    # cards) would take in, or lose to the text, what follows the sentence.
    if stopped and line.count("[") == line.count("]"):
        if end < len(text.rstrip()):
            column = _past_evidence(line, reading.column(end))
            if _protected(line).link_around(column, column) is not None:
                column = None  # the sentence ends inside a link's text, which goes on
            elif _in_a_quotation(line, column):
                column = None  # a sentence of someone's words, which go on: ours would read as theirs
        elif not source.continues(spot.row):
            column = len(line.rstrip())
    return _Sentence((spot.row, start), words, column)


_STOPPED = re.compile(r"[.!?…][\"'”’»)*_]*$")


def _in_a_quotation(line: str, column: int) -> bool:
    """Return True if ``column`` of ``line`` is inside quotation marks that open before it on the line."""
    before = line[:column]
    if before.count("“") > before.count("”") or before.count("«") > before.count("»"):
        return True
    # Straight marks open and close alike: counted only on a line that uses no curly ones (pages mix them).
    return "“" not in line and "”" not in line and before.count('"') % 2 == 1


def _citations(reading: _Reading, line: str) -> dict[int, int]:
    """Return where each run of citation markers starts and ends in ``reading``'s text.

    Markers are links to "#cit..."; a run is those with nothing but commas, dashes, brackets and
    spaces between them, which it takes in.
    """
    runs: dict[int, int] = {}
    first = last = whole_end = -1
    for start, stop, whole in sorted(_protected(line).link_texts):
        if not line.startswith("#cit", stop + 2):
            continue
        if first >= 0 and _BETWEEN_CITATIONS.fullmatch(line, whole_end, start):
            last, whole_end = stop, whole
            continue
        if first >= 0:
            runs[reading.seen(first)] = reading.seen(last)
        first, last, whole_end = start, stop, whole
    if first >= 0:
        runs[reading.seen(first)] = reading.seen(last)
    return runs


def _past_citations(text: str, end: int, cited: dict[int, int]) -> int:
    """Return where the runs of citation markers right after ``end`` (spaces between) end, else ``end``."""
    at = end
    while at < len(text):
        if at in cited:
            end = at = cited[at]
        elif text[at] == " ":
            at += 1
        else:
            break
    return end


_BETWEEN_CITATIONS = re.compile(r"[\s,;\-–—\[\]]*")


def _past_evidence(line: str, column: int) -> int:
    """Return where a PDQ summary's level of evidence at ``column`` of ``line`` ends ("[Levels of evidence [B3](...)
    and [C3](...)]", "[[Level of evidence A1](...)]"), its opening brackets maybe just before; else ``column``.

    It is the sentence's, as its citations are: a definition goes after it, not into it, nor into the chain
    of citations and levels it goes on with ("...]; [[29](#cit...)][[Level of evidence C2](...)]").
    """
    opening = _evidence_opening(line, column)
    if opening is None:
        return column
    end = _bracket_end(line, opening)
    while end is not None and (chain := _CHAIN.match(line, end)) is not None:
        cited = _bracket_end(line, chain.end())
        if cited is None:
            break
        end = cited
        if _EVIDENCE.match(line, end):
            end = _bracket_end(line, end)
    return column if end is None else end


def _evidence_opening(line: str, at: int) -> int | None:
    """Return where a level of evidence opens at ``at`` of ``line``, its opening brackets maybe just before, or None."""
    while at and line[at - 1] == "[":
        at -= 1
    return at if _EVIDENCE.match(line, at) is not None else None


def _bracket_end(line: str, opening: int) -> int | None:
    """Return where the bracket that opens at ``opening`` of ``line`` closes (just after it), or None."""
    depth = 0
    for i in range(opening, len(line)):
        depth += _BRACKET_DEPTH.get(line[i], 0)
        if depth == 0:
            return i + 1
    return None


def _in_evidence(line: str, column: int) -> bool:
    """Return True if ``column`` of ``line`` is inside a level of evidence ("[Level of evidence B1]")."""
    label = max(line.rfind("[Level", 0, column), line.rfind("[Nivel", 0, column))
    opening = _evidence_opening(line, label) if label >= 0 else None
    end = _bracket_end(line, opening) if opening is not None else None
    return end is not None and column < end


_EVIDENCE = re.compile(r"\[+(?:levels?\s+of\s+evidence|niveles?\s+de\s+evidencia)\b", re.IGNORECASE)
_BRACKET_DEPTH = {"[": 1, "]": -1}
_CHAIN = re.compile(r"\s*[;,]\s*(?=\[\[\d)")  # a chain of citations goes on: "; [[29](#cit/...)]"


def _opening(words: str) -> str:
    """Return the words that open a definition of its own: their first letter a capital, unless cased ("mRNA")."""
    first = words.split(maxsplit=1)[0] if words.strip() else ""
    return words[:1].upper() + words[1:] if first.islower() else words


def _ends_a_compound(line: str, spot: _Spot) -> bool:
    """Return True if the term's words at ``spot`` end a hyphenated word of ``line``: "high-dose", "low-grade"."""
    start = spot.column - len(spot.said)
    return (
        not spot.moved
        and start >= 2
        and line[start : spot.column] == spot.said
        and line[start - 1] == "-"
        and line[start - 2].isalnum()
    )


def _ends_a_phrase(line: str, spot: _Spot) -> bool:
    """Return True if the term's words at ``spot`` end a longer English name, after a word that makes it one.

    The word before is a name ("Klinefelter syndrome", "Lynch syndrome"), a gene's symbol or an acronym
    ("*RB1* gene", "*KRAS* gene", "BCR::ABL1 fusion gene"), a noun that is never an adjective nor a verb
    ("fusion gene", "carcinoid heart syndrome"), or a word LemmInflect does not know that ends like no plural
    or adjective ("aromatase inhibitor therapy"): a definition right after the term would read as the whole
    name's. Not after a small word, a verb, an adverb, a plural ("monoclonal antibodies pembrolizumab"), an
    adjective ("malignant lymphoma (a cancer ...)" is a lymphoma still), a stage or a unit after a number.
    """
    start = spot.column - len(spot.said)
    if spot.moved or start < 2 or line[start : spot.column] != spot.said:
        return False
    head = spot.said.rsplit(maxsplit=1)[-1].casefold()
    if head in adjectives() or head in phrase_enders() or head.endswith("ed"):
        return False  # "histologically benign", "the disease recurs": no noun a name ends with
    before = _WORD_BEFORE.search(line, max(0, start - _WORDS_BEFORE_REACH), start)
    if before is None:
        return False
    word = before.group(1)
    if not word[0].isalpha() or _NUMBER_BEFORE.search(line, 0, before.start()):
        return False  # a number, or a unit after one: "4 cm widgetoma", "2-hour infusion"
    if any(c.isdigit() for c in word) or "::" in word:
        return True
    folded = word.rsplit("-", 1)[-1].casefold()  # "B-cell lymphoma": the last word says what kind
    if folded in _NO_KIND or folded in _PHRASE_ENDS["en"] or folded.endswith("ly"):
        return False
    if _ROMAN.fullmatch(word):
        return False  # "stage III colon cancer": a stage, not a kind
    if len(word) > 1 and word.isupper():
        return True  # a gene's symbol or an acronym: "*KRAS* gene", "HPV infection"
    if word[:1].isupper() and _OPENS.search(line, 0, before.start()) is None:
        return True  # a name's capital in the middle of a sentence
    if folded in noun_modifiers():
        return True
    if folded in adjectives() or folded in verb_forms() or folded in phrase_enders():
        return False
    # A word LemmInflect does not know: a name or a noun of medicine, unless a plural or an adjective by its end.
    return not folded.endswith(_UNKNOWN_NOT_A_KIND)


_WORD_BEFORE = re.compile(r"(?<![\w'’:/-])([^\W_](?:[\w'’-]|::)*)[*_]*[ \t]+\[?$")
# Where a capital opens a sentence: a line's start or its list item's, after a sentence's end (and the
# citations that follow it: "diagnosis.[[1](#cit/...)] Neuromeningeal"), or a table's cell.
_OPENS = re.compile(r"(?:^[ \t>]*(?:[-*+]|\d{1,9}[.)])?|[.!?:|]\S*)[ \t]*[\[*_(\"“'‘]*$")
_NUMBER_BEFORE = re.compile(r"\d[ \t\u00a0]*$")
_ROMAN = re.compile(r"[IVX]+[A-D]?\d?")
_UNKNOWN_NOT_A_KIND = ("s", "ic", "al", "ous", "ar", "oid", "ive", "ant", "ent", "ory", "ile", "er", "ed", "ing")
_NO_KIND_WORDS = (
    "new other same different certain many several some most more less few such any all both each either first"
    " second third last next main only usual standard current possible common rare good better best high higher"
    " low lower small large big early late further additional similar own your our my what newer older where how why"
)
_NO_KIND = frozenset(_NO_KIND_WORDS.split())  # adjectives and small words that name no kind: "new therapy"


class _Spot(NamedTuple):
    """Where a definition goes: after the term's words (``said``), or after the phrase they open (``moved``)."""

    row: int
    column: int
    said: str
    moved: bool = False


# A definition of one thing: "tumors (a lump ...)" reads as if the lumps were one.
# How a definition of one thing opens: "a", "an", "one", and "the" too ("The full plan for a course of
# treatment"): a glossary defines its name, which is singular where the text's word is its plural.
_ONE_THING = {
    "en": re.compile(r"(?:a|an|one|the)\b", re.IGNORECASE),
    "es": re.compile(r"(?:un|una|uno|el|la)\b", re.IGNORECASE),
}


def _lead(spot: _Spot, entries: tuple[Entry, Entry | None], short: str, lang: str, short_lang: str) -> str:
    """Return the words a definition opens with, naming what it explains, or "" where the words before it do.

    After words that are none of the term's names nor their plurals (a link's: "is [injected](...)"),
    the term's name: "injected (injection: ...)", where the definition of the noun would read as
    the verb's. After a phrase, the article's words for the term (a sentence's capital made small:
    "Kidney cancer (kidney: ...)"). After a plural, where the definition is of one thing, the
    glossary's name it is the plural of: "lymph nodes (lymph node: a small, bean-shaped lump ...)".
    ``entries`` are the term's entry and the project's own (whose names the matcher knows too), if
    any; names are in ``lang`` (the text's), ``short`` in ``short_lang``.
    """
    name = entries[0].name(lang)
    said = spot.said
    names = [n for e in entries if e is not None and (found := e.names_in(lang)) for n in found.all()]
    key = _form_key(strip_possessive(said))
    # An acronym is the article's own for the term ("the FDA" after "Food and Drug Administration (FDA)").
    if name and not cased(said) and not any(_is_form_of(key, n, lang) for n in names):
        # Another word than the term's: "injected (injection: ...)", "diagnosed (diagnosis: ...)"; the name it
        # is a verb form of where the term has one: "relapsed ... (Relapse: ...)", not its main name "recurrence".
        return next((n for n in names if _is_word_form_of(key, n, lang)), name)
    if spot.moved:
        said = _named(said)
        if name and name[:1].islower() and said[:1].isupper() and not cased(said):
            return said[0].lower() + said[1:]
        return said
    one = _ONE_THING.get(short_lang)
    if one is None or not one.match(short):
        return ""
    # The name the words are a plural of: "adverse events" is one of "adverse effect"'s other names.
    return next((n for n in names if key in _plurals_folded(n, lang)), "")


def _named(words: str) -> str:
    """Return a term's words as a definition names them: "overall survival (OS) rate" is "overall survival rate"."""
    return " ".join(_LEAD_ASIDE.sub(" ", words).split()) or words


_LEAD_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def other_name_said(glossary: Glossary, term_id: str, words: str, lang: str) -> str:
    """Return the term's other name in ``lang`` (an alias, a brand) that ``words`` are or are a form of, else "".

    A word list names a term by its main name (:meth:`Glossary.get`'s); where the article calls it by
    another ("adverse events" for "adverse effect"), the list says that one too. The project's own
    entry's names count as well, as the matcher knows them.
    """
    entries = [e for e in (glossary.get(term_id), glossary.project_entry(term_id)) if e is not None]
    found = [names for e in entries if (names := e.names_in(lang)) is not None]
    if not found:
        return ""
    key = _form_key(strip_possessive(words))
    main = found[0].name
    if _is_word_form_of(key, main, lang):
        return ""
    others = (n for names in found for n in (names.name, *names.aliases) if _form_key(n) != _form_key(main))
    return next((name for name in others if _is_word_form_of(key, name, lang)), "")


def _is_form_of(key: str, name: str, lang: str) -> bool:
    """Return True if words (as :func:`_form_key` gives them) are ``name`` or one of its plurals."""
    return key == _form_key(name) or key in _plurals_folded(name, lang)


def _is_word_form_of(key: str, name: str, lang: str) -> bool:
    """Return True if words (as :func:`_form_key` gives them) are ``name``, a plural of it or, in English, one of
    its verb forms ("relapsed" of "relapse")."""
    return _is_form_of(key, name, lang) or (lang_root(lang) == "en" and key in _verb_forms_folded(name))


def _plurals_folded(name: str, lang: str) -> frozenset[str]:
    """Return the plurals of ``name`` in ``lang``, as :func:`_form_key` gives them."""
    return frozenset(_form_key(form) for form in plurals_of(lang)[name])


def _verb_forms_folded(name: str) -> frozenset[str]:
    """Return the "-ing" and "-ed" forms of an English name, as :func:`_form_key` gives them."""
    return frozenset(_form_key(form) for form in english_verb_names(name))


def _form_key(words: str) -> str:
    """Return words as forms of a name compare: case, apostrophes, hyphens and spacing aside."""
    return " ".join(words.casefold().replace("’", "'").replace("-", " ").split())


def _term_words(uses: Iterable[TermUse], glossary: Glossary, lang: str) -> frozenset[str]:
    """Return the words that name the article's terms, in lower case: as first met, and their names and plurals."""
    words = set()
    for use in uses:
        words.add(strip_possessive(use.text).casefold())
        entry = glossary.get(use.term_id)
        name = entry.name(lang) if entry is not None else None
        if name is not None:
            words.update(form.casefold() for form in (name, *plurals_of(lang)[name]))
    return frozenset(words)


def _other_forms(entry: Entry, lang: str) -> tuple[str, ...]:
    """Return the forms a later use of the term may take besides the first use's: its name in ``lang`` and plurals.

    Only a name in small letters: "ALL" is no "all", and "tumor (rare)" may be explained at "Tumors".
    """
    name = entry.name(lang)
    if name is None or cased(name):
        return ()
    return (name, *plurals_of(lang)[name])  # the first use's own words among them are one form in the finder


def _opening_only(use: TermUse, entry: Entry, lang: str) -> bool:
    """Return True if a link says only the opening words of its term's names: no definition goes after it.

    In "your [personal] and [family health history]" the first link is to "personal health history":
    its definition after "personal" would read as the meaning of that word. The word list has it.
    """
    names = entry.names_in(lang)
    if not use.linked or names is None:
        return False
    said = _WORDS.findall(use.text.casefold())
    whole = [_WORDS.findall(name.casefold()) for name in names.all()]
    return said not in whole and any(len(w) > len(said) and w[: len(said)] == said for w in whole)


class _Concepts:
    """The concepts a plan explains, each known by the words of its definition, the entry's own names left out.

    NCI gives each name of a concept an entry of its own ("CT scan", "CAT scan"; a drug and its brand),
    with one definition that names the entry where it names the concept ("... Femara lowers ...") and
    lists the other names in another order ("Also called ...").
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.kept: dict[str, list[tuple[Entry, str]]] = {}  # by the first sentence, own names left out

    def add(self, entry: Entry, definition: str) -> bool:
        """Return True if ``entry`` names a concept not met yet, and keep it; False if it is one already kept."""
        key = " ".join(self._unnamed(_first_sentence(definition, self.lang), entry))
        for other, said in self.kept.get(key, ()):
            if sorted(self._unnamed(definition, entry, other)) == sorted(self._unnamed(said, other, entry)):
                return False
        self.kept.setdefault(key, []).append((entry, definition))
        return True

    def _unnamed(self, text: str, *entries: Entry) -> list[str]:
        """Return the words of ``text``, case folded, each name of ``entries`` one word "∅"."""
        names = {n for e in entries if (found := e.names_in(self.lang)) for n in (*found.all(), *found.brands)}
        text = text.casefold()
        for name in sorted({n.casefold() for n in names}, key=len, reverse=True):
            text = _named_out(text, name)
        return _CONCEPT_WORDS.findall(text)


_CONCEPT_WORDS = re.compile(r"[^\W_]+|\u2205")


def _named_out(text: str, name: str) -> str:
    """Return ``text`` with each whole-word ``name`` in it (no word character on either side) made "∅".

    A search in C for each name: a regex of each would be compiled for every entry of every page.
    """
    if not name:
        return text
    out: list[str] = []
    done = at = 0
    while (at := text.find(name, at)) >= 0:
        end = at + len(name)
        if (at and _word_char(text[at - 1])) or (end < len(text) and _word_char(text[end])):
            at += 1
            continue
        out += [text[done:at], "\u2205"]
        done = at = end
    return "".join(out) + text[done:] if out else text


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regex's \w matches


def _first_sentence(text: str, lang: str) -> str:
    """Return the first sentence of ``text`` (all of it, if it has none the splitter finds)."""
    spans = split_sentences(text, lang)
    return text[spans[0][0] : spans[0][1]] if spans else text


def _brings_abbreviation(text: str, defined: Container[str], glossary: Glossary, lang: str) -> bool:
    """Return True if ``text`` holds an abbreviation that neither the article defines nor the glossary names.

    Put into the article, it would be an abbreviation the reader meets unexplained (and that
    ``check`` reports), even where the article uses it: its own uses may be inside a term the
    glossary explains ("HER2-positive"). ``lang`` is the language ``text`` is in: a Spanish
    definition says "ADN", which the English glossary does not name.
    """
    return any(not glossary.find(m.group(1), lang) for m in undefined_abbreviations(text, defined, lang))


def _long_forms(report: JargonReport) -> dict[str, int]:
    """Return the abbreviations the article defines, each with the number of words of its longest long form."""
    out: dict[str, int] = {}
    for use in report.abbreviations:
        short, long = use.abbreviation.short, use.abbreviation.long
        out[short] = max(out.get(short, 0), len(_WORDS.findall(long)))
    return out


def render(
    article: Article,
    expansions: Sequence[Expansion],
    lang: str | None = None,
    options: ExpandOptions | None = None,
    *,
    mark_lang: str | None = None,
) -> str:
    """Return the article's source with the expansions rendered in (front matter kept).

    Every place was found in the original lines; insertions go right to left on each line, so
    none lands inside another. With ``mark_lang``, each inline definition is marked as being in
    that language (``LANG_OPEN``...), for a renderer that can say so. The "Words to know" list
    comes last, unless ``options.presentation`` is "inline".
    """
    options = options or ExpandOptions()
    lines = article.source.split("\n")
    # Right to left; two definitions after one sentence keep the order of their terms.
    placed = sorted((e.at, e.term_column, k, e) for k, e in enumerate(expansions) if e.at is not None)
    for (row, col), *_, exp in reversed(placed):
        lines[row - 1] = f"{lines[row - 1][:col]}{inserted(exp, mark_lang)}{lines[row - 1][col:]}"
    text = "\n".join(lines).rstrip("\n") + "\n"
    if options.presentation != "inline" and expansions:
        heading = words_to_know(lang or article.lang)
        items = []
        for e in expansions:
            said = f" {e.pronunciation}" if e.pronunciation else ""
            items.append(f"- **{e.name}**{said}: {e.definition}")
        text += f"\n## {heading}\n\n" + "\n".join(items) + "\n"
    return text


def inserted(expansion: Expansion, mark_lang: str | None = None) -> str:
    """Return what :func:`render` puts into the line for an inline expansion: " (...)".

    The words that name what it explains come first where it has them ("kidney: ..."); one after
    its sentence is a sentence too, and ends with a stop. (simplify.marks reads these forms back, to
    leave a definition in another language out of a grade: keep the two in step.)
    """
    aside = _as_aside(expansion.short)
    if mark_lang:
        aside = f"{LANG_OPEN}{mark_lang}{LANG_END}{aside}{LANG_CLOSE}"
    if expansion.lead:  # the article's words or the term's name, in the text's language
        lead = _flatten(expansion.lead).replace("[", "\\[").replace("]", "\\]")
        # A definition that ends in "…" has its stop.
        stop = "." if expansion.after_sentence and not expansion.short.rstrip().endswith("…") else ""
        aside = f"{lead}: {aside}{stop}"
    return f" ({aside})"


def words_to_know(lang: str) -> str:
    """Return the "Words to know" heading in ``lang``, from the handout catalogs (English without one)."""
    from simplify.handout.catalogs import translations_for
    from simplify.handout.templates import builtin_templates

    translations = translations_for((builtin_templates(),), lang)
    return translations.gettext("Words to know") if translations else "Words to know"


def _alone(lines: list[str], index: int) -> bool:
    """Return True if ``lines[index]`` is a paragraph of its own: blank lines (or none) before and after it."""
    return (index == 0 or not lines[index - 1].strip()) and (index + 1 == len(lines) or not lines[index + 1].strip())


# A word title case capitalises ("of", "and", "the" it may not), and an acronym: "FDA Approved" is a label.
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}|(?<![^\W_])[A-Z]{2,3}(?![^\W_])")
_NOT_A_TITLE = re.compile(r"[.!?]\W*$|^\s*(?:[-*+|>]|\d{1,9}[.)])")  # a sentence's end; a list item, row, quote


def _in_title_case(line: str) -> bool:
    """Return True if ``line`` is a title: two words or more, each long word capitalised, no sentence's end."""
    if _NOT_A_TITLE.search(line):
        return False
    words = 0
    for word in _TITLE_WORD.finditer(_LINK_TARGET.sub("", line)):
        if not word.group()[0].isupper():
            return False  # most lines are sentences: their first word in lower case says so
        words += 1
    return words >= 2


_LINK_TARGET = re.compile(r"\]\([^)]*\)")


class _Source:
    """A markdown source as lines, with the lines that are no place for a definition: code and headings.

    A line in bold that makes no statement is a heading too (:data:`_LABEL`), and so is a paragraph of one
    line in title case ("Immunotherapy Clinical Trials: A Story of Survival", a video's title).

    Nor are the lines a handout leaves out (``dropped``): a definition there would be explained nowhere.
    A paragraph may go on over several lines; ``blocks`` are the lines where a block starts (a list item,
    a table row), which go on with none before them.
    """

    def __init__(self, source: str, dropped: Iterable[int] = (), blocks: Container[int] = ()) -> None:
        self.text = source
        # Lower-cased for finding unlinked terms: a case-sensitive search for a plain word runs several times
        # faster than a case-blind one. Only where lowering keeps every offset ("İ" becomes two characters).
        folded = source.lower()
        for letter, ascii_letter in _FOLD_EXTRA:
            if letter in folded:
                folded = folded.replace(letter, ascii_letter)
        self.folded = folded if len(folded) == len(source) else None
        self.lines = source.split("\n")
        self.starts: list[int] = []  # offset of each line in text
        self.closed: set[int] = set()  # 1-based numbers of code (fenced or indented), heading, HTML and dropped lines
        offset = 0
        code = fenced(self.lines)
        for number, line in enumerate(self.lines, 1):
            self.starts.append(offset)
            offset += len(line) + 1
            stripped = line.lstrip(" ")
            if (
                number - 1 in code
                or _HEADING.match(line)
                or line.startswith(("    ", "\t"))
                or stripped.startswith("<")
                or (stripped[:2] in ("**", "__") and _LABEL.match(line))
                or (_alone(self.lines, number - 1) and _in_title_case(line))
            ):
                self.closed.add(number)
        self.closed.update(dropped)
        # A scraped card's title becomes its link's text (simplify.boilerplate.mended_cards): a definition there
        # would be read as part of the link ("[Diagnosis (finding out ...)](/types/breast/diagnosis)").
        mended = mended_cards(source).split("\n")
        self.closed.update(
            n
            for n, (was, now) in enumerate(zip(self.lines, mended, strict=True), 1)
            if was != now and now.lstrip().startswith("[") and now.rstrip().endswith(")")
        )
        # Lines that go on with the paragraph of the line before them: not blank, not closed, no new block.
        self.joined = {
            number
            for number in range(2, len(self.lines) + 1)
            if number not in blocks
            and not {number, number - 1} & self.closed
            and self.lines[number - 1].strip()
            and self.lines[number - 2].strip()
        }
        self._readings: dict[int, _Reading] = {}
        self._open: dict[int, int] = {}

    def continues(self, row: int) -> bool:
        """Return True if the line after ``row`` goes on with its paragraph."""
        return row + 1 in self.joined

    def reading(self, row: int) -> _Reading:
        """Return the :class:`_Reading` of line ``row``."""
        found = self._readings.get(row)
        if found is None:
            found = self._readings[row] = _read(self.lines[row - 1])
        return found

    def open_at(self, row: int) -> int:
        """Return how many parentheses the lines of its paragraph before ``row`` leave open."""
        first = row
        while first not in self._open and first in self.joined:
            first -= 1
        depth = self._open.get(first, 0)
        for number in range(first + 1, row + 1):
            reading = self.reading(number - 1)
            depth = self._open[number] = reading.depth_at(len(reading.text), depth)
        return depth


# Letters that a case-blind regex takes for an ASCII letter but that lower() leaves as they are.
_FOLD_EXTRA = (("ı", "i"), ("ſ", "s"))


# Terms recur from article to article, so their patterns are kept; a thousand covers the common ones and
# stays full after a few hundred articles, so that a long build's memory levels off (benchmarks/build.py).
@functools.lru_cache(maxsize=1024)
def _finder(forms: tuple[str, ...], exact: bool, folded: bool) -> re.Pattern[str]:
    """Return the regex of a term's forms, in their own case if ``exact`` (:func:`_whole_uses` keeps its uses).

    It has no look-around: a look-behind keeps the regex engine from scanning for the first letter (a
    long page's search for a term costs tens of milliseconds more), and look-arounds make the regex five
    times as costly to compile (a long page meets a few dozen terms no earlier page had). With ``folded``
    it is the lower-cased words, matched in case against the lower-cased source.
    """
    # The longest first: "tumor" found in "tumors" is no whole use, and the search would go on past it.
    each = sorted({r"\s+".join(re.escape(w.lower() if folded else w) for w in f.split()) for f in forms}, key=len)
    return re.compile("|".join(reversed(each)), 0 if exact or folded else re.IGNORECASE)


def _whole_uses(finder: re.Pattern[str], line: str) -> Iterator[tuple[int, int]]:
    r"""Yield the spans of ``finder``'s matches in ``line`` that stand whole, leftmost first, none overlapping.

    A use is no part of a longer word or path: no word character or "/" before it, no word character,
    hyphen or apostrophe after it (as ``(?<![\w/])`` and ``(?![\w\-'’])`` would say; ``\w`` is
    ``isalnum()`` or "_"), and no "non-" before it ("non-Hodgkin lymphoma" is no use of "Hodgkin lymphoma").
    """
    pos = 0
    while (m := finder.search(line, pos)) is not None:
        start, end = m.span()
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        if (
            _word_char(before)
            or before == "/"
            or _word_char(after)
            or after in "-'’"
            or (before == "-" and _NEGATED.search(line, max(0, start - 4), start))
        ):
            pos = start + 1
            continue
        yield start, end
        pos = end


# A name after "non-" is another thing: "non-Hodgkin lymphoma" is no Hodgkin lymphoma.
_NEGATED = re.compile(r"(?<![^\W_])non-$", re.IGNORECASE)


def _uses(
    source: _Source,
    text: str,
    after: tuple[int, int],
    *,
    exact: bool,
    link_first: bool,
    also: Sequence[str] = (),
) -> Iterator[tuple[int, int, int]]:
    """Yield (line, column just after, column of the start) of each use of ``text`` in running text from ``after`` on.

    A use in a link's text ends at the link's closing parenthesis ("[multiple myeloma](/types/myeloma)"),
    and is a use only if it is the whole link text; other uses end at their last word. ``exact`` matches
    in ``text``'s own case; ``link_first`` skips uses outside links until a link's text is met (a
    linked use is the text of its link). A use of a form in ``also`` ("tumors" after "tumor") counts too.
    """
    forms = (text, *also)
    pattern = _finder(forms, exact, folded=False)
    lines, starts = source.lines, source.starts
    if after[0] > len(lines) or not text.strip():
        return  # an empty link ("[](...)") names a term but is no use of it
    # One search over the rest of the source finds the next line worth reading (a line by line
    # search costs a regex call per line, and a long page's last terms are looked for to its end).
    haystack, folded = source.text, False
    if not exact and all(form.isascii() for form in forms) and source.folded is not None:
        haystack, folded = source.folded, True
    finder = _finder(forms, exact, folded)
    pos = starts[after[0] - 1]
    while (found := finder.search(haystack, pos)) is not None:
        row = bisect.bisect_right(starts, found.start())
        pos = starts[row] if row < len(starts) else len(haystack)
        if row in source.closed:
            continue
        line = lines[row - 1]
        protected = _protected(line)
        for start, end in _whole_uses(pattern, line):
            if (row, start) < after or protected.covers(start, end):
                continue
            link = protected.link_around(start, end)
            if link is not None:
                if (start, end) != (link[0], link[1]):
                    continue  # part of a longer link text: never split a link
                end = link[2]
                link_first = False
            elif link_first:
                continue
            yield row, end, start


def _place(
    source: _Source,
    use: TermUse,
    defined: dict[str, int],
    has_room: Callable[[tuple[int, int]], bool],
    *,
    lang: str,
    block_of: Callable[[int], int],
    forms: Sequence[str] = (),
    cells: Container[int] = (),
    terms: Container[str] = (),
) -> _Spot | None:
    """Return where a term's inline definition goes, or None: at its first use that can take one.

    The uses are those of the first use's words and of ``forms``, the term's other forms ("tumors"
    after "tumor"). A use in a heading, code or HTML cannot (a term first met in a heading is explained
    at its next use below it), nor one the word goes on after ("[PDQ](...)®"), nor one in a paragraph that
    ``has_room`` says is full, nor an unlinked use that is part of a name or a title ("New England
    Journal of Medicine": it does not mean the term) or capitals that are no acronym there ("stage IV",
    an author's initials: :func:`no_acronym`), nor an owner ("NCI's program": :func:`_owns`). Nor can
    a use next to a parenthesis of the article, so that no definition doubles up parentheses or splits
    the article's own abbreviation definitions (which ``check`` would then no longer find):

    - directly followed by the article's own plain explanation ("benign (not cancer)"), or opening a
      sentence that says what it is ("A biopsy is the removal ...", "- **Biopsy**: ...", "- **Biopsy**
      is ..."): the article explains the term already, so there is no inline definition (the word list
      still has it);
    - directly followed by an abbreviation it defines ("Food and Drug Administration (FDA)"): the
      definition goes at the next use of either name, where the reader meets "the FDA" again (of the
      term's name only where the long form has more words: "Coffin-Siris syndrome (CSS)" is no syndrome);
    - inside the long form of an abbreviation ("magnetic resonance imaging (MRI)"), inside a
      parenthesis (opened on this line or an earlier one of the paragraph) or right after one, or
      directly followed by any other ("neutropenia (in 51.9% of patients)"): the definition goes at
      the next use.

    A use the phrase may go on after ("acute kidney injury", "cancer survivors": a word of its own
    follows a term not in the plural, not a small word or a verb of :data:`_PHRASE_ENDS`) is taken only
    if no later use in the same block (``block_of`` a line) can take the definition, and then the
    definition goes after the phrase and says which of its words it explains ("acute kidney injury
    (kidney: ...)"; see :func:`_after_the_phrase`): it splits no phrase, and it is not moved away from
    where the reader first meets the word (nor into another paragraph's room). Where the phrase goes
    on with a term of its own (``terms``: the article's terms in any form, in lower case), the place
    after it may be that term's, and this definition goes right after its word ("a benign (...) bone
    widgetoma (...)"); where the phrase is itself the name of one ("hormone therapy"), it is no use of this term.

    A use in a table's row (a line of ``cells``) is taken only if no use in running text can take the
    definition: a cell is narrow, and a definition there crowds its table (often off the page).

    ``defined`` holds the abbreviations the article defines, with the words of their long forms.
    Each use costs a few bisections in what :class:`_Reading` worked out once for its line, so that
    a paragraph of many uses is read in about the time it takes to read it once.
    """
    # An acronym's later uses are in its capitals: "ALL" first met in a heading is not the "All" of a sentence.
    text = use.text if use.linked else strip_possessive(use.text)  # after "the widgetoma's growth", "a widgetoma"
    # A link in a line that takes no definition (a heading in bold) is explained at the next use of its words.
    link_first = use.linked and use.line not in source.closed
    uses = _uses(source, text, (use.line, 0), exact=use.linked or cased(text), link_first=link_first, also=forms)
    longest = max(map(len, defined), default=0)
    also: set[str] = set()
    inside_a_phrase: _Spot | None = None  # the first use that can take it, where the phrase goes on
    # A plural is the head of its phrase, rarely a word that another one goes on from: "trials confirm".
    plural = {form.casefold() for form in forms[1:]} - {forms[0].casefold()} if forms else set()
    in_a_table: _Spot | None = None  # the first use in a table that can take it
    while (found := next(uses, None)) is not None:
        row, end, start = found
        if inside_a_phrase is not None and block_of(row) != block_of(inside_a_phrase[0]):
            return inside_a_phrase  # the paragraph said it no more: explained where the reader first met it
        # What the article says in parentheses right after a use counts even in a full paragraph.
        aside = _aside_after(source, row, end, longest)
        if aside is not None and aside.gap == 0:
            if aside.explains:
                return None
            # The abbreviation names the term only if it stands for all the term's words and no more: the
            # "PA" of "phenylacetic acid (PA)" is no acid to explain.
            if (
                aside.short in defined
                and aside.short not in also
                and len(_WORDS.findall(use.text)) >= defined[aside.short]
            ):
                also.add(aside.short)
                more = _uses(source, aside.short, aside.end, exact=True, link_first=False)
                uses = heapq.merge(uses, more)
            continue
        reading = source.reading(row)
        line = source.lines[row - 1]
        if _defines(source, row, reading.seen(start), reading.seen(end), lang) or _item_defines(line, start, end, lang):
            return None
        if (aside is not None and aside.gap < defined.get(aside.short, 0)) or not has_room((row, end)):
            continue  # inside the long form of a defined abbreviation, or no room left
        if end < len(line) and not (line[end].isspace() or line[end] in _MAY_FOLLOW):
            continue  # the word goes on: "[PDQ](...)®", "[tumor](...)s"
        at = reading.seen(end)
        if reading.text[at - 1 : at] in _CLOSES_TEXT or reading.depth_at(at, source.open_at(row)) > 0:
            continue  # after a parenthesis, or a link's text that ends a sentence ("[condition.](...)")
        begins = reading.seen(start)
        if any(s <= begins and at <= e for s, e in reading.keys):
            continue  # inside a key ("CT = computed tomography"), which would then define nothing
        if not use.linked and (in_a_name(reading.text, begins, at) or no_acronym(reading.text, begins, at)):
            continue
        if _owns(reading.text, begins, at):
            continue  # "NCI's (...) program": what it owns comes next
        if line[start - 1 : start] != "[" and _ends_a_name(reading.text, begins, at, terms):
            continue  # "renal pelvis" is no use of "pelvis", unless editors linked the word alone
        if row in cells:
            in_a_table = in_a_table or _Spot(row, end, reading.text[begins:at])
            continue
        # A number after the term is part of its name ("chromosome 18", "chromosomes 18 and 19"), even a plural's.
        if _numbered(line, reading, at) is not None or (
            _goes_on(reading.text, at, lang)
            and reading.text[begins:at].casefold() not in plural
            and _heads(reading.text[begins:at], lang)
        ):
            if inside_a_phrase is None:
                inside_a_phrase = _in_a_phrase(line, reading, (row, begins, at, end), lang, has_room, terms)
            continue
        return _Spot(row, end, reading.text[begins:at])
    return inside_a_phrase or in_a_table


def _item_defines(line: str, start: int, end: int, lang: str) -> bool:
    """Return True if the term at ``start``..``end`` of ``line`` is a list item's bold opening that says what it is.

    "- **Squamous cell carcinoma** is cancer that begins in ..." (", which is ..."): a list of kinds, each explained; in
    English, what it does as well: "- **Ultrasound** uses sound waves ...", "- **Urinalysis** checks the
    color of urine ..." (a verb's "-s" form that LemmInflect knows: :func:`simplify.text.wordclass.phrase_enders`).
    """
    item, verb = _BOLD_ITEM.match(line), _ITEM_VERB.get(lang)
    if (
        item is None
        or verb is None
        or line[item.end() : start] not in ("", "[")
        or not line.startswith(item.group(1), end)
    ):
        return False
    said = verb.match(line, end + len(item.group(1)))
    if said is None:
        return False
    word = said.group(1).lower()
    if word in ("is", "are", "es", "son"):
        return True
    # What happened to it ("was found", "has spread") says nothing of what it is; nor does a plural noun
    # that some verb's "-s" form spells too, which a verb then follows ("- **Widgetoma** rates have ...").
    then = _NEXT_WORD.match(line, said.end() - 1)
    return (
        word.endswith("s")
        and word not in ("was", "has", "does")
        and word in phrase_enders()
        and (then is None or then.group(1).lower() not in _AUXILIARIES)
    )


_AUXILIARIES = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "have", "has", "had", "do", "does", "did"),
        *("may", "might", "can", "could", "will", "would", "shall", "should", "must"),
    }
)
_BOLD_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\*\*|__)")
# ... maybe after ", which": "- **Monoclonal antibodies**, which are proteins ..."
_ITEM_VERB = {
    "en": re.compile(r"(?:,[ \t]+(?:which|that))?[ \t]+([A-Za-z]+)[ \t]"),
    "es": re.compile(r"(?:,[ \t]+que)?[ \t]+(es|son)[ \t]"),
}
# What follows a term that opens a sentence to say what it is: a label's colon ("- **Biopsy**: ..."), or
# "is a", "are the", "is when".
_DEFINED_BY = {
    "en": re.compile(
        r"\s*:\s|\s+(?:is|are)\s+(?:a|an|the|when|one|any)\s"
        # "Breast cancer is cancer that starts ...": what it is, then what kind
        r"|\s+(?:is|are)(?:\s+(?!(?:not|also|often|usually|sometimes|most|more|less|very|so|now|still|being|in|for"
        r"|to|with|by|on|of|at|from|as|into|possible|common|rare)\b)[\w-]+(?<!ed)(?<!ble)(?<!ly)){1,3}"
        r"\s+(?:that|which|in\s+which|where)\s"
        # "Screening is looking for cancer ...": a doing said as another (not what it is doing: "is getting worse")
        r"|(?<=ing)\s+(?:is|are)\s+(?!(?:getting|becoming|going|happening|continuing|increasing|decreasing"
        r"|improving|growing|spreading|causing|being)\b)[\w-]+ing\s"
        # "Observation is closely monitoring ...", "Surveillance means closely watching ...", "X refers to ..."
        r"|\s+(?:is|are)\s+(?:closely|carefully|regularly)\s+[\w-]+ing\s|\s+(?:means|refers\s+to|is\s+defined\s+as)\s",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\s*:\s|\s+(?:es|son)\s+(?:un|una|el|la|los|las|cuando)\s|\s+(?:significa|se\s+refiere\s+a|se\s+define\s+como)\s",
        re.IGNORECASE,
    ),
}
# What comes right before a term that the sentence names after saying what it is (within its reach, in
# characters: searched at each use, so not back to the line's start).
_NAMED_REACH = 40
_NAMED_BY = {
    "en": re.compile(
        r"\b(?:is|are|was|were)\s+(?:also\s+)?(?:called|known\s+as|named|termed)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
    ),
    "es": re.compile(
        r"\b(?:se\s+(?:llama|llaman|denomina|denominan|conoce\s+como|conocen\s+como))\s+(?:una?\s+|el\s+|la\s+)?$",
        re.IGNORECASE,
    ),
}
# Where such a sentence starts, up to the term: after a clause end or at the line's start, maybe a list
# marker, then maybe the article of a term said in general.
_DEFINED_START = {
    lang: re.compile(rf"(?:^|(?<=[.!?:]))\s*(?:(?:[-*+]|\d{{1,9}}[.)])\s+)?(?:(?:{article})\s+)?$", re.IGNORECASE)
    for lang, article in {"en": "a|an|the", "es": "un|una|el|la|los|las"}.items()
}
_GENERAL_ARTICLE = {
    lang: re.compile(rf"(?:{article})\s+", re.IGNORECASE)
    for lang, article in {"en": "a|an|the", "es": "un|una|el|la|los|las"}.items()
}
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
_NEXT_SENTENCE = re.compile(r"[^.!?]*[.!?]\s+")  # the rest of a sentence, up to where the next one starts


def _defines(source: _Source, row: int, begins: int, ends: int, lang: str) -> bool:
    """Return True if the term at ``begins``..``ends`` of line ``row``'s reading is in a sentence that defines it.

    "Biopsy is the removal of ...", "Breast cancer is cancer that ...", "- **Biopsy**: the removal of ..."
    and "... is called a biopsy" explain the term in the article's own words, and so does a next sentence
    that opens with the term to say what it is ("... followed by surveillance. Surveillance means ..."):
    a definition in parentheses would say it twice.
    """
    defined_by, start = _DEFINED_BY.get(lang), _DEFINED_START.get(lang)
    text = source.reading(row).text
    named = _NAMED_BY.get(lang)
    if named is not None and named.search(text, max(0, begins - _NAMED_REACH), begins):
        return True  # "... is called staging": the sentence says what it is
    if defined_by is None or start is None:
        return False
    if not defined_by.match(text, ends):
        # "... followed by surveillance. Surveillance means closely watching ...": the next sentence says it.
        # So does "... inserted through the mouth. An endoscope is a thin tool ...", after the article of a
        # term said in general.
        after = _NEXT_SENTENCE.match(text, ends)
        if after is None:
            return False
        said = text[begins:ends]
        opens = _GENERAL_ARTICLE[lang].match(text, after.end()) if lang in _GENERAL_ARTICLE else None
        at = opens.end() if opens is not None else after.end()
        return (
            text[at : at + len(said)].casefold() == said.casefold()
            and defined_by.match(text, at + len(said)) is not None
        )
    opening = start.search(text, 0, begins)
    if opening is None:
        return False
    if opening.start() or not source.continues(row - 1):
        return True
    return bool(_SENTENCE_END.search(source.reading(row - 1).text))  # a line that goes on with its paragraph


# Words after a term that end its phrase rather than go on with it: small words, verbs that often follow a
# subject, and adverbs ("kidney (...) may", "the tumor (...) grew"). Any other word may continue a noun
# phrase ("kidney injury", "cancer survivors"); English words in -ed and -ly end it too, and words that
# LemmInflect knows as verbs ending one (:func:`~simplify.text.wordclass.phrase_enders`).
_PHRASE_ENDS = {
    lang: _WEAK_ENDS[lang] | frozenset(words.split())
    for lang, words in {
        "en": "can cannot may might must will would should could shall do does did also often usually sometimes"
        " rarely only not now then when if while because although whether since unless once alone other others"
        " it they we you he she i this these those there here each both all most many more less"
        " became become becomes began begins came comes found gave gets got grew grows had keep keeps kept left"
        " makes made means meant put ran runs said saw seem seems showed shows spread spreads took takes told went"
        " include includes help helps work works need needs cause causes uses"
        # adverbs, comparatives, and verbs that often follow their subject: "a tumor again", "the tumor forms in"
        " again today tomorrow yesterday too well soon later still even never always already together instead"
        " however therefore though ago greater higher lower larger smaller better worse closest nearest largest"
        " smallest highest lowest best worst every daily weekly monthly twice"
        " occur occurs develop develops happen happens appear appears affect affects return returns start starts"
        " stay stays grow die dies kill kills forms shrink shrinks shrank rose fell lost begin begins confirm"
        " confirms contain contains depend depends suggest suggests provide provides increase increases decrease"
        " decreases lead leads lowers raise raises reduce reduces improve improves respond responds remain"
        " remains involve involves require requires differ differs vary varies tend tends allow allows give gives"
        " known given used called seen done shown taken being having using causing making taking receiving getting"
        " just blocks plus versus vs minus including excluding regarding concerning following according"
        " showing leading studying",
        "es": "puede pueden podría podrían debe deben suele suelen está están estaba estaban ha han había habían"
        " le les también solo sólo ya cuando si mientras porque pues aunque donde todo todos toda todas otro otros"
        " otra otras ayuda ayudan causa causan incluye incluyen cada diario diaria",
    }.items()
}
_CLOSES_TEXT = frozenset(").,;:!?")  # what a use's text may end with (a link's) that no definition goes after
_PHRASE_WORDS = 3  # words a phrase may go on after a term with its definition still after it
CELL_WORDS = 10  # a longer definition in a table's cell ends at a clause boundary within it (_in_a_cell)
_NEXT_WORD = re.compile(r"\s+[\[*_]*([^\W\d_][^\W_]*(?:['’-][^\W_]+)*)")


def _in_a_phrase(
    line: str,
    reading: _Reading,
    use: tuple[int, int, int, int],
    lang: str,
    has_room: Callable[[tuple[int, int]], bool],
    terms: Container[str],
) -> _Spot | None:
    """Return where the definition of a use the phrase goes on after goes, or None (see :func:`_place`).

    ``use`` is its line, where it starts and ends in ``reading.text``, and its column's end in the line.
    None too where the phrase is the name of another of the article's terms (``terms``): "hormone therapy" is
    no use of "hormone", but of a term explained in its own words.
    """
    row, begins, at, end = use
    if _opens_a_name(reading.text, begins, at, terms):
        return None
    if lang != "en" and _numbered(line, reading, at) is None:
        # No word list tells a verb here from a word of the phrase: right after the term.
        return _Spot(row, end, reading.text[begins:at]) if has_room((row, end)) else None
    right_after = _Spot(row, end, reading.text[begins:at]) if has_room((row, end)) else None
    after = _after_the_phrase(line, reading, at, lang, words=lang == "en")
    if after is None:
        return None  # not even before a name's number that none can follow ("chromosome 18[5]"): it splits the name
    column, stop = after
    going_on = reading.text[at:stop].casefold().split()
    spans = [" ".join(going_on[i:j]) for i in range(len(going_on)) for j in range(i + 1, len(going_on) + 1)]
    # With the word after it, the phrase may name a term: "biotherapy side effects" ends no phrase at "side"
    # (but that word alone is no part of the phrase: "widgetoma cells mitigate").
    then = _NEXT_WORD.match(reading.text, stop)
    if then is not None:
        spans += [" ".join((*going_on[i:], then.group(1).casefold())) for i in range(len(going_on))]
    if any(span in terms for span in spans):
        return right_after
    return _Spot(row, column, reading.text[begins:at], moved=True) if has_room((row, column)) else None


def _heads(term: str, lang: str) -> bool:
    """Say whether ``term`` may open a noun phrase that goes on after it: not a verb ("mitigate late effects"),
    though a participle may ("inherited defects")."""
    words = term.casefold().split()
    return lang != "en" or not words or words[-1].endswith("ed") or words[-1] not in phrase_enders()


def _opens_a_name(text: str, begins: int, at: int, terms: Container[str]) -> bool:
    """Say whether the term at ``begins``:``at`` in ``text`` opens a longer name in ``terms`` ("hormone therapy")."""
    term, after = text[begins:at].casefold(), _words_after(text, at)
    return any(" ".join((term, *after[:more])) in terms for more in range(1, len(after) + 1))


def _words_after(text: str, at: int) -> list[str]:
    """Return the words (at most :data:`_PHRASE_WORDS`, in lower case) that follow ``at`` in ``text``."""
    words = []
    for _ in range(_PHRASE_WORDS):
        word = _NEXT_WORD.match(text, at)
        if word is None:
            break
        words.append(word.group(1).casefold())
        at = word.end()
    return words


def _ends_a_name(text: str, begins: int, at: int, terms: Container[str]) -> bool:
    """Say whether the term at ``begins``:``at`` in ``text`` ends a longer name in ``terms`` ("renal pelvis"), or
    stands inside one ("acute myeloid leukemia" for "myeloid")."""
    before = _WORDS_BEFORE.search(text, max(0, begins - _WORDS_BEFORE_REACH), begins)
    if before is None:
        return False
    words, term, after = before.group(1).casefold().split(), text[begins:at].casefold(), _words_after(text, at)
    return any(
        " ".join((*words[-count:], term, *after[:more])) in terms
        for count in range(1, len(words) + 1)
        for more in range(len(after) + 1)
    )


_WORDS_BEFORE = re.compile(rf"((?:[^\W\d_][^\W_]*(?:['’-][^\W_]+)*[ \t]+){{1,{_PHRASE_WORDS}}})$")
_WORDS_BEFORE_REACH = 80  # characters read back for them


def _after_the_phrase(
    line: str, reading: _Reading, at: int, lang: str, *, words: bool = True
) -> tuple[int, int] | None:
    """Return (column in ``line``, place in ``reading.text``) just after the phrase that goes on past a term.

    The term ends at ``at`` in ``reading.text``. The phrase goes on with the numbers of a name
    (:func:`_numbered`) and, with ``words``, with words (:func:`_goes_on`).

    None where no definition can go there: the phrase goes on for more than :data:`_PHRASE_WORDS` words
    (which of them the definition explains would be far from clear), it ends inside a link's text, or
    the article's own parenthesis follows it ("inherited defect (primary immunodeficiency)").
    """
    number = _numbered(line, reading, at)
    for _ in range(_PHRASE_WORDS):
        part = number
        if part is None:
            word = _NEXT_WORD.match(reading.text, at) if words else None
            if word is None:
                return None
            part = word.start(1), word.end()
        last, at = part
        number = _numbered(line, reading, at)  # the next round's part, if the phrase goes on with it
        if number is None and not (words and _goes_on(reading.text, at, lang)):
            break
    else:
        return None
    first, column = reading.column(last), reading.column(at - 1) + 1
    protected = _protected(line)
    link = protected.link_around(first, column)
    if link is not None:
        if column != link[1]:
            return None
        column = link[2]
    while column < len(line) and line[column] in "*_":
        column += 1  # the end of an emphasis
    rest = line[column:].lstrip(" \t")
    if rest.startswith("(") or (column < len(line) and not (line[column].isspace() or line[column] in _MAY_FOLLOW)):
        return None
    if _OWNER_AFTER.match(line, column):
        return None  # "chromosome 18's": the phrase goes on with what it owns
    return column, at


def _goes_on(text: str, at: int, lang: str) -> bool:
    """Return True if the phrase that ends at ``at`` may go on with the next word (see :data:`_PHRASE_ENDS`)."""
    ends = _PHRASE_ENDS.get(lang)
    following = _NEXT_WORD.match(text, at)
    if ends is None or following is None:
        return False  # punctuation, a number or the end of the line: the phrase ends here
    word = following.group(1).lower()
    if word in ends:
        return False
    if lang != "en":
        return True
    # After a plural, "-ing" opens what the things do ("summaries containing ...", "patients receiving ..."):
    # a compound's "-ing" follows a word in the singular ("hormone producing cells", "cancer screening").
    return not (
        word.endswith(("ed", "ly")) or word in phrase_enders() or (word.endswith("ing") and _plural_before(text, at))
    )


def _numbered(line: str, reading: _Reading, at: int) -> tuple[int, int] | None:
    """Return where the number that goes on with the name ending at ``at`` in ``reading.text`` starts and ends.

    An identifier with letters in it does ("chromosome 9p24", "fluorine F 18-fludeoxyglucose", "5-FU"), and
    so does any other number ("chromosome 18 is ...", "antigen 19-9 levels", "phosphorus P 32,") but for a
    measure, a count, a range or a year: "a tumor 2 cm across", "a 5-year rate", "a tumor 2 or more
    centimeters", "cancer 5 years after", "1 in 8 women", "a dose 1,000 mg", "statistics 2020". The number
    is read in ``line``, where it stands as written: a citation is none ("ovarian cancer [26,27]") and ends
    none ("chromosome 16q22.1.[5]"), though ``reading.text`` leaves out its brackets.
    """
    text = reading.text
    space = _SPACE.match(text, at)
    if space is None:
        return None
    start = space.end()
    column = reading.column(start)
    written = _NUMBER.match(line, column) if line[column - 1 : column].isspace() else None
    if (
        written is None
        or not text.startswith(written.group(), start)
        or _GROUPED.match(text, start + len(written.group()))
    ):
        return None
    number, end = written.group(), start + len(written.group())
    unit = _UNIT.fullmatch(number)  # "5-year", "2-cm", "18-fold", "3x"
    if unit is not None:
        return None if unit.group(1).casefold() in _MEASURES else (start, end)
    if any(c.isalpha() for c in number):
        return start, end
    if number.isdigit() and len(number) == 4 and number.startswith(("19", "20")):
        return None
    then = _AFTER_NUMBER.match(text, end)
    return None if then is not None and then.group(1).casefold() in _MEASURES else (start, end)


_SPACE = re.compile(r"\s+")
# A number as written: digits and letters, joined by hyphens or slashes ("19-9", "5-FU/LV"), with its decimals or
# groups of thousands ("16q22.1", "1,000", Spanish "2,5").
_NUMBER = re.compile(r"\d[^\W_]*(?:[-–/][^\W_]+|[.,]\d+)*")
_GROUPED = re.compile(r"[ \u00a0\u202f]\d{3}\b")  # thousands set apart by a space: "10 000"
_UNIT = re.compile(r"\d+(?:[.,]\d+)?[-–]?([^\W\d_]+)")  # a number with its unit or count in one word
_AFTER_NUMBER = re.compile(r"\s*([%\-–—+×]|[^\W\d_]+)")  # what follows a plain number: a sign or a word
# What a plain number is a measure, a count or a range of, not the number of a name (:func:`_numbered`).
_MEASURE_WORDS = (
    "% - – — + × x to or of by in out times fold percent cm mm centimeters centimetres millimeters millimetres"
    " inch inches mg g kg mcg µg ml gy cgy mci years year months month weeks week days day hours hour minutes"
    " minute cycles courses doses patients people men women children participants cases deaths"
    " a o y de al en por veces años año meses mes semanas semana días día horas minutos centímetros milímetros"
    " pulgadas ciclos dosis pacientes personas hombres mujeres niños casos muertes"
)
_MEASURES = frozenset(_MEASURE_WORDS.split())


def _plural_before(text: str, at: int) -> bool:
    """Return True if the word that ends at ``at`` in ``text`` looks like an English plural ("cells", not "virus")."""
    last = _LAST_WORD.search(text, max(0, at - _LAST_WORD_REACH), at)
    word = last.group(1).lower() if last is not None else ""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


_LAST_WORD = re.compile(r"([^\W\d_]{3,})[\])*_'’]*$")
_LAST_WORD_REACH = 40  # characters read back for it


def _owns(text: str, start: int, end: int) -> bool:
    """Return True if ``text[start:end]`` is an owner whose phrase goes on: "NCI's", "[NCI](...)'s", "patients' "."""
    return (
        text.endswith(("'s", "\u2019s"), start, end)
        or _OWNER_AFTER.match(text, end) is not None
        or (text.endswith("s", start, end) and _PLURAL_OWNER.match(text, end) is not None)
    )


_OWNER_AFTER = re.compile(r"['\u2019]s\b")  # after a link: "[NCI](...)'s"
_PLURAL_OWNER = re.compile(r"['\u2019][ \t]+[^\W\d_]")  # "the [patients](...)' families"
_MAY_FOLLOW = frozenset(".,;:!?…\"'”’»)]*_—–")  # what may come right after a definition in parentheses
_WORDS = re.compile(r"[^\W_]+")
_IN_WORD = re.compile(r"[^\W_]{2}")  # a place inside a word
_KEPT = re.compile(r"[^\[\]*_]+")  # text between emphasis marks and brackets
_PARENTHESIS = re.compile(r"[()]")
# The end of a clause: before white space, the end of the line or a parenthesis ("... imaging.(MRI)").
_CLAUSE_END = re.compile(r"[.;:!?](?=\s|$|\()")
_SHORT_END = re.compile(r"[;,]\s")  # "(FDA; 1990)": an abbreviation's short form ends at ";" or ","
_NOT_PLAIN = re.compile(r"[\d=<>%|\\]")  # numbers and formulas: data, not an explanation
_NONE = sys.maxsize  # no such place


@dataclass(frozen=True, slots=True)
class _Aside:
    gap: int  # words between the use and the parenthesis
    short: str  # what an abbreviation definition's short form would be (longer than any asked for: cut)
    explains: bool  # a plain explanation of the word before it ("benign (not cancer)", "recurred (came back)")
    end: tuple[int, int]  # (line, column) just after it (or the end of its line, when it closes on a later one)


def _aside_after(source: _Source, row: int, at: int, longest: int) -> _Aside | None:
    """Return the article's first parenthesis after (``row``, ``at``) in the same clause, or None.

    The clause may go on to the next line of its paragraph ("magnetic resonance imaging" / "(MRI) shows").
    A short form is read up to ``longest`` characters: a longer one is none the caller knows.
    """
    reading = source.reading(row)
    start = reading.seen(at)
    opened, stop = _after(reading.opens, start), _after(reading.ends, start)
    gap = 0
    if opened == _NONE:
        if stop != _NONE or not source.continues(row):
            return None
        gap = reading.words(start, len(reading.text))
        row, start = row + 1, 0
        reading = source.reading(row)
        opened, stop = _after(reading.opens, 0), _after(reading.ends, 0)
    if stop < opened or opened == _NONE:
        return None
    gap += reading.words(start, opened)
    text, line = reading.text, source.lines[row - 1]
    close = reading.closes[bisect.bisect_left(reading.opens, opened)]
    column = reading.column(opened)
    head = _spaced_out(text, opened + 1, close, 2)
    explains = (
        (column == 0 or line[column - 1].isspace())  # "node(s)" is no aside
        and len(head) >= 3
        and head[0].islower()
        and _after(reading.not_plain, opened + 1) >= close
    )
    short = _spaced_out(text, opened + 1, min(close, _after(reading.short_ends, opened + 1)), longest)
    end = reading.column(close) + 1 if close < len(text) else len(line) + 1
    return _Aside(gap, short, explains, (row, end))


def _after(places: Sequence[int], at: int) -> int:
    """Return the first of the sorted ``places`` at or after ``at``, or _NONE."""
    i = bisect.bisect_left(places, at)
    return places[i] if i < len(places) else _NONE


def _spaced_out(text: str, start: int, stop: int, most: int) -> str:
    """Return ``text[start:stop]`` with single spaces for white space, or a start of it longer than ``most``."""
    words: list[str] = []
    size = -1
    for m in _chunks(most).finditer(text, start, stop):
        words.append(m.group())
        size += len(m.group()) + 1
        if size > most:
            break
    return " ".join(words)


@functools.cache
def _chunks(most: int) -> re.Pattern[str]:
    """Return a regex of runs of non-space, at most ``most`` + 1 long: a longer word is never read to its end."""
    return re.compile(rf"\S{{1,{most + 1}}}")


@dataclass(frozen=True, slots=True)
class _Reading:
    """A markdown line as the reader sees it, and where in that text are parentheses, clause ends and words.

    All that _place asks of a line, it asks at each use of a term: each answer is a bisection in these
    sorted places, worked out once (:func:`_read`).
    """

    text: str  # the line without link destinations, code, HTML tags or emphasis marks
    raw: Sequence[int]  # where each run of ``text`` starts in the line
    kept: Sequence[int]  # and where in ``text``
    opens: Sequence[int]  # each "("
    closes: Sequence[int]  # the ")" closing each of ``opens`` on this line, or len(text)
    parentheses: Sequence[int]  # each "(" and ")"
    rise: Sequence[int]  # "(" less ")" up to and with each of ``parentheses``
    depth: Sequence[int]  # parentheses open after each of ``parentheses`` (a stray ")" closes none)
    ends: Sequence[int]  # the last character of each clause
    starts: Sequence[int]  # where each word starts
    short_ends: Sequence[int]  # each "," or ";" before white space
    not_plain: Sequence[int]  # each digit or formula sign
    keys: tuple[tuple[int, int], ...]  # each abbreviation a key defines, short form to long: "CT = computed tomography"

    def seen(self, column: int) -> int:
        """Return where the character at ``column`` of the line is in ``text`` (or would be, if left out)."""
        i = bisect.bisect_right(self.raw, column) - 1
        if i < 0:
            return 0
        size = (self.kept[i + 1] if i + 1 < len(self.kept) else len(self.text)) - self.kept[i]
        return self.kept[i] + min(column - self.raw[i], size)

    def column(self, at: int) -> int:
        """Return the column in the line of the character at ``at`` in ``text``."""
        i = bisect.bisect_right(self.kept, at) - 1
        return self.raw[i] + at - self.kept[i]

    def words(self, start: int, stop: int) -> int:
        """Return the number of words in ``text[start:stop]``."""
        if stop <= start:
            return 0
        count = bisect.bisect_left(self.starts, stop) - bisect.bisect_left(self.starts, start)
        return count + 1 if start and _IN_WORD.match(self.text, start - 1) else count  # one cut at ``start``

    def depth_at(self, at: int, carried: int) -> int:
        """Return how many parentheses are open before ``at``, with ``carried`` open at the line's start."""
        i = bisect.bisect_left(self.parentheses, at) - 1
        return carried if i < 0 else max(self.rise[i] + carried, self.depth[i])


def _read(line: str) -> _Reading:
    """Return the :class:`_Reading` of a markdown line."""
    raw, kept, pieces = array("q"), array("q"), []
    size = at = 0
    for start, stop in (*_protected(line).merged, (len(line), len(line))):
        for m in _KEPT.finditer(line, at, max(start, at)):
            raw.append(m.start())
            kept.append(size)
            pieces.append(m.group())
            size += len(m.group())
        at = max(at, stop)
    text = "".join(pieces)
    opens, closes, parentheses, rise, depth = array("q"), array("q"), array("q"), array("q"), array("q")
    unclosed = array("q")  # indexes in ``opens``
    for m in _PARENTHESIS.finditer(text):
        parentheses.append(m.start())
        if m.group() == "(":
            unclosed.append(len(opens))
            opens.append(m.start())
            closes.append(len(text))
        elif unclosed:
            closes[unclosed.pop()] = m.start()
        rise.append((rise[-1] if rise else 0) + (1 if m.group() == "(" else -1))
        depth.append(len(unclosed))
    ends, starts, short_ends, not_plain = (
        array("q", (m.start() for m in regex.finditer(text))) for regex in (_CLAUSE_END, _WORDS, _SHORT_END, _NOT_PLAIN)
    )
    keys: tuple[tuple[int, int], ...] = ()
    if "=" in text:  # most lines define no key: no need to look
        keys = tuple((a.start, a.long_end) for a in find_abbreviations(text) if "=" in text[a.end : a.long_start])
    return _Reading(text, raw, kept, opens, closes, parentheses, rise, depth, ends, starts, short_ends, not_plain, keys)


@dataclass(frozen=True, slots=True)
class _Protected:
    code_or_targets: tuple[tuple[int, int], ...]  # inline code, HTML tags, link destinations, image alt texts
    link_texts: tuple[tuple[int, int, int], ...]  # (text start, text end, end of the whole link), by text end
    merged: tuple[tuple[int, int], ...]  # ``code_or_targets`` in order, those that overlap made one
    link_starts: tuple[tuple[int, int], ...]  # (text start, index in ``link_texts``), in order
    outer: tuple[int, ...]  # for each of ``link_texts``, the index of the one whose text holds it, or -1

    def covers(self, start: int, end: int) -> bool:
        """Return True if ``line[start:end]`` overlaps code, a tag, a link destination or an image."""
        i = bisect.bisect_left(self.merged, (end,)) - 1
        return i >= 0 and self.merged[i][1] > start

    def link_around(self, start: int, end: int) -> tuple[int, int, int] | None:
        """Return the first of ``link_texts`` that holds ``line[start:end]`` (the innermost), or None."""
        # Link texts nest or stand apart: one that holds the use is the link whose text starts last
        # before it, or a link around that one.
        i = bisect.bisect_right(self.link_starts, (start, _NONE)) - 1
        i = self.link_starts[i][1] if i >= 0 else -1
        while i >= 0 and self.link_texts[i][1] < end:
            i = self.outer[i]
        return self.link_texts[i] if i >= 0 else None


_BRACKETS = re.compile(r"[][()]")


@functools.lru_cache(maxsize=1024)  # lines recur within an article (a line with several terms), rarely across
def _protected(line: str) -> _Protected:
    """Find the parts of a markdown line where no text may be inserted, and its links."""
    spans = [m.span() for m in _INLINE_CODE.finditer(line)] + [m.span() for m in _HTML_TAG.finditer(line)]
    opens = [m.start() for m in _LINK_OPEN.finditer(line)]
    partner = _partners(line, {*opens, *(at + 1 for at in opens)})
    links: list[tuple[int, int, int]] = []
    for at in opens:
        close = partner.get(at + 1, -1)  # destinations may hold balanced parentheses
        if close < 0:
            continue
        spans.append((at + 1, close + 1))
        opened = partner.get(at, -1)
        if opened < 0:
            continue
        if opened > 0 and line[opened - 1] == "!":
            spans.append((opened - 1, close + 1))  # an image: its alt text is not running text
        else:
            links.append((opened + 1, at, close + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    starts = sorted((start, i) for i, (start, _, _) in enumerate(links))
    outer = [-1] * len(links)
    around: list[int] = []  # the links whose texts hold the one being placed
    for _, i in starts:
        while around and links[around[-1]][1] < links[i][1]:
            around.pop()  # it ended before this one: beside it, not around it
        outer[i] = around[-1] if around else -1
        around.append(i)
    return _Protected(tuple(spans), tuple(links), tuple(merged), tuple(starts), tuple(outer))


def _partners(line: str, wanted: Container[int]) -> dict[int, int]:
    """Return, for each "(" and "]" of ``line`` at ``wanted``, the ")" that closes it or the "[" that opens it.

    Parentheses and brackets pair up on their own: a link destination may hold "(...)", a link text "[...]".
    """
    found: dict[int, int] = {}
    parentheses, brackets = array("q"), array("q")  # those still open
    for m in _BRACKETS.finditer(line):
        char, at = m.group(), m.start()
        if char == "(":
            parentheses.append(at)
        elif char == "[":
            brackets.append(at)
        elif char == ")" and parentheses:
            opened = parentheses.pop()
            if opened in wanted:
                found[opened] = at
        elif char == "]" and brackets:
            opened = brackets.pop()
            if at in wanted:
                found[at] = opened
    return found


def _as_aside(definition: str) -> str:
    """Return a definition as it goes inside parentheses in markdown.

    No final period, a lower-case start unless an acronym, and its own brackets escaped: "[immune]" is
    text, not a link to a reference the article may define.
    """
    text = definition.strip().rstrip(".")
    first = text.split(maxsplit=1)[0] if text else ""
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        text = text[0].lower() + text[1:]
    return text.replace("[", "\\[").replace("]", "\\]")
