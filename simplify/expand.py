"""Expand jargon where the reader meets it: plan the expansions, then render them into markdown.

Planning annotates (which term, at which use, with which plain definition); rendering decides
presentation: a plain definition in parentheses after the first use, a "Words to know" list, or
both. Rendering only ever inserts text into the article's source, so every number, drug name and
link target of the input survives into the output.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

from simplify.config import MIN_INLINE_WORDS, Presentation, Settings
from simplify.glossary.index import Glossary
from simplify.jargon.abbreviations import find_abbreviations
from simplify.jargon.report import JargonReport, TermUse, undefined_abbreviations
from simplify.lang import lang_root
from simplify.model import Article, dropped_lines
from simplify.text.sentences import split_sentences

_HEADING = re.compile(r"^ {0,3}#")
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

    @classmethod
    def from_settings(cls, settings: Settings) -> ExpandOptions:
        """Return the options an article's settings ask for."""
        return cls(settings.presentation, settings.max_inline, settings.max_inline_words)


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

    @property
    def inline(self) -> bool:
        """Return True if the term is explained in parentheses in the text (else only in the word list)."""
        return self.at is not None


# Places where a long definition may end early: what comes before them is a whole phrase.
_CLAUSE_BREAKS = {
    "en": re.compile(r"[,;:](?=\s)|\s(?=[—–]\s|(?:that|which|who|whose|where|in which|because|although|while)\s)"),
    "es": re.compile(
        r"[,;:](?=\s)|\s(?=[—–]\s|(?:que|el cual|la cual|los cuales|las cuales|cuyo|cuya|donde|porque|aunque"
        r"|mientras)\s)"
    ),
}
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


def short_form(definition: str, max_words: int = _DEFAULTS.max_inline_words, lang: str = "en") -> str:
    """Return the form of a definition that goes in parentheses: its first sentence, with no parentheses inside.

    The parentheses of the definition's own asides become commas (dashes around an aside with commas of
    its own), so the inline form never nests them. A sentence of more than ``max_words`` words drops its
    asides and mid-sentence examples; if still too long, it ends at the last clause boundary (before a
    comma, semicolon or dash, "that", "which" ...) that keeps at least a few words, and only a sentence
    with no such boundary is cut at a word, with "…".
    """
    text = " ".join(definition.split())
    spans = split_sentences(text, lang)
    first = _without_abbreviation_definitions(text[spans[0][0] : spans[0][1]] if spans else text)
    whole = _flatten(first)
    if len(whole.split()) <= max_words:
        return whole
    lean = _flatten(_without_asides(first, lang))
    if len(lean.split()) <= max_words:
        return lean
    return _clause(lean, max_words, lang) or _cut(lean, max_words, lang)


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
    """Return ``text`` with its parentheses turned into commas, or dashes around an aside that has commas."""
    while (m := _INNERMOST.search(text)) is not None:
        inner = " ".join(m.group(1).split())
        before, after = text[: m.start()].rstrip(), text[m.end() :]
        if not inner or _ENUMERATOR.fullmatch(inner):
            text = f"{before} {after.lstrip()}" if before else after.lstrip()
            continue
        opening, closing = (" — ", " —") if "," in inner else (", ", ",")
        if after.strip()[:1] in ("", ".", ",", ";", ":", "!", "?", ")"):  # ")": the end of an enclosing aside
            closing = ""
        text = f"{before}{opening if before else ''}{inner}{closing}{after}"
    return " ".join(text.replace("(", "").replace(")", "").split())  # a stray parenthesis, as in "1) ..."


def _without_asides(text: str, lang: str) -> str:
    """Return a sentence without what it says in parentheses and without mid-sentence examples."""
    examples = _EXAMPLES.get(lang)
    if examples is not None:
        text = examples.sub("", text)
    while (m := _INNERMOST.search(text)) is not None:
        text = text[: m.start()] + text[m.end() :]
    return " ".join(text.split())


def _clause(text: str, max_words: int, lang: str) -> str | None:
    """Return the longest opening of ``text`` that ends at a clause boundary and fits ``max_words``, or None.

    Words that cannot end a phrase ("and", "the", "so" of "so that") go with the clause cut off.
    """
    weak = _WEAK_ENDS.get(lang, frozenset())
    best = None
    for m in _CLAUSE_BREAKS.get(lang, _PUNCTUATION_BREAKS).finditer(text):
        words = text[: m.start()].rstrip(",;:—– ").split()
        if len(words) > max_words:
            break
        while words and words[-1].lower() in weak:
            words.pop()  # they open the clause that is cut off: "... of all ages and | that comes back"
        if len(words) >= MIN_INLINE_WORDS:  # a shorter opening says too little to stand for the definition
            best = " ".join(words)
    return best


def _cut(text: str, max_words: int, lang: str) -> str:
    """Return the first ``max_words`` words of ``text`` with "…", not ending on a word that starts a phrase."""
    weak = _WEAK_ENDS.get(lang, frozenset())
    words = text.split()[:max_words]
    while len(words) > 1 and words[-1].rstrip(",;:—–").lower() in weak:
        words.pop()
    return " ".join(words).rstrip(",;:—– ") + "…"


def plan(
    article: Article,
    report: JargonReport,
    glossary: Glossary,
    lang: str | None = None,
    options: ExpandOptions | None = None,
) -> tuple[Expansion, ...]:
    """Return one expansion per glossary term of the article, in reading order.

    Every term is in the word list. Its inline form is our own plain definition where the project's
    glossary has one (even when NCI's entry is the one listed), else the first sentence of the
    listed one, shortened to fit (:func:`short_form`). It goes after the first use of the term in
    running text where a definition can go (:func:`_place`) in a paragraph that has room left;
    it is left out when it would bring an abbreviation that nothing explains to the reader.
    """
    options = options or ExpandOptions()
    lang = lang_root(lang or article.lang)
    starts = sorted({b.line for b in article.blocks})
    source = _Source(article.source, {line + 1 for line in dropped_lines(article)})
    defined = report.defined
    long_forms = _long_forms(report)
    per_block: dict[int, int] = {}
    taken: set[tuple[int, int]] = set()  # one definition per place: "Medicine" may name two terms

    def has_room(at: tuple[int, int]) -> bool:
        return at not in taken and per_block.get(bisect.bisect_right(starts, at[0]), 0) < options.max_inline

    out: list[Expansion] = []
    seen: set[str] = set()
    for use in sorted((*report.linked, *report.unlinked), key=lambda u: u.line):
        entry = glossary.get(use.term_id)
        definition = entry.definition(lang) if entry else None
        if entry is None or definition is None or use.term_id in seen:
            continue
        seen.add(use.term_id)
        own = glossary.project_entry(use.term_id)
        plain = (own.definition(lang) if own else None) or definition
        short = short_form(plain.text, options.max_inline_words, lang)
        at = None
        if options.presentation != "list" and not _brings_abbreviation(short, defined, glossary, lang):
            at = _place(source, use, long_forms, has_room)
            if at is not None:
                taken.add(at)
                block = bisect.bisect_right(starts, at[0])
                per_block[block] = per_block.get(block, 0) + 1
        spoken = entry.pronunciation(lang)
        out.append(
            Expansion(
                term_id=use.term_id,
                text=use.text,
                line=use.line,
                linked=use.linked,
                name=entry.name(lang) or use.text,
                definition=definition.text,
                short=short,
                pronunciation=spoken.respelling if spoken else None,
                at=at,
            )
        )
    return tuple(out)


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


# Marks around an inline definition in another language than the text around it (a Spanish handout of
# an English article): private-use characters, which no article holds, that a renderer turns into
# ``<span lang="es">`` and everything else drops (simplify.handout.body).
LANG_OPEN, LANG_END, LANG_CLOSE = "\ue000", "\ue001", "\ue002"
_LANG_MARKED = re.compile(f"{LANG_OPEN}[^{LANG_END}]*{LANG_END}([^{LANG_CLOSE}]*){LANG_CLOSE}")


def without_lang_marks(text: str, *, keep_marked: bool = True) -> str:
    """Return ``text`` without language marks: keeping what they mark, or (``keep_marked=False``) without it."""
    if LANG_OPEN not in text:
        return text
    return _LANG_MARKED.sub(r"\1" if keep_marked else "", text)


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
    for exp in sorted((e for e in expansions if e.at is not None), key=lambda e: e.at or (0, 0), reverse=True):
        row, col = exp.at or (0, 0)
        aside = _as_aside(exp.short)
        if mark_lang:
            aside = f"{LANG_OPEN}{mark_lang}{LANG_END}{aside}{LANG_CLOSE}"
        lines[row - 1] = f"{lines[row - 1][:col]} ({aside}){lines[row - 1][col:]}"
    text = "\n".join(lines).rstrip("\n") + "\n"
    if options.presentation != "inline" and expansions:
        heading = words_to_know(lang or article.lang)
        items = []
        for e in expansions:
            said = f" {e.pronunciation}" if e.pronunciation else ""
            items.append(f"- **{e.name}**{said}: {e.definition}")
        text += f"\n## {heading}\n\n" + "\n".join(items) + "\n"
    return text


def words_to_know(lang: str) -> str:
    """Return the "Words to know" heading in ``lang``, from the handout catalogs (English without one)."""
    from simplify.handout.catalogs import translations_for
    from simplify.handout.templates import builtin_templates

    translations = translations_for((builtin_templates(),), lang)
    return translations.gettext("Words to know") if translations else "Words to know"


class _Source:
    """A markdown source as lines, with the lines that are no place for a definition: code and headings.

    Nor are the lines a handout leaves out (``dropped``): a definition there would be explained nowhere.
    """

    def __init__(self, source: str, dropped: Iterable[int] = ()) -> None:
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
        fence: str | None = None
        for number, line in enumerate(self.lines, 1):
            self.starts.append(offset)
            offset += len(line) + 1
            stripped = line.lstrip(" ")
            if fence is not None:
                self.closed.add(number)
                if stripped.startswith(fence):
                    fence = None
            elif stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                self.closed.add(number)
            elif _HEADING.match(line) or line.startswith(("    ", "\t")) or stripped.startswith("<"):
                self.closed.add(number)
        self.closed.update(dropped)


# Letters that a case-blind regex takes for an ASCII letter but that lower() leaves as they are.
_FOLD_EXTRA = (("ı", "i"), ("ſ", "s"))


@functools.lru_cache(maxsize=4096)
def _use_pattern(text: str, exact: bool) -> re.Pattern[str]:
    """Return the regex of a term's words as a whole, in their own case if ``exact``."""
    words = r"\s+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?<![\w/])({words})(?![\w\-'’])", 0 if exact else re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _finder(text: str, exact: bool, folded: bool) -> re.Pattern[str]:
    """Return a regex that finds every line where ``_use_pattern`` may match, and a few more.

    It has no look-behind (which keeps the regex engine from scanning for the first letter, and
    costs a long page tens of milliseconds a term), and with ``folded`` it is the lower-cased words,
    matched in case against the lower-cased source.
    """
    words = r"\s+".join(re.escape(w.lower() if folded else w) for w in text.split())
    return re.compile(words, 0 if exact or folded else re.IGNORECASE)


def _uses(
    source: _Source, text: str, after: tuple[int, int], *, exact: bool, link_first: bool
) -> Iterator[tuple[int, int]]:
    """Yield (line, column) just after each use of ``text`` in running text from ``after`` on, in order.

    A use in a link's text ends at the link's closing parenthesis ("[multiple myeloma](/types/myeloma)"),
    and is a use only if it is the whole link text; other uses end at their last word. ``exact`` matches
    in ``text``'s own case; ``link_first`` skips uses outside links until a link's text is met (a
    linked use is the text of its link).
    """
    pattern = _use_pattern(text, exact)
    lines, starts = source.lines, source.starts
    if after[0] > len(lines):
        return
    # One search over the rest of the source finds the next line worth reading (a line by line
    # search costs a regex call per line, and a long page's last terms are looked for to its end).
    haystack, folded = source.text, False
    if not exact and text.isascii() and source.folded is not None:
        haystack, folded = source.folded, True
    finder = _finder(text, exact, folded)
    pos = starts[after[0] - 1]
    while (found := finder.search(haystack, pos)) is not None:
        row = bisect.bisect_right(starts, found.start())
        pos = starts[row] if row < len(starts) else len(haystack)
        if row in source.closed:
            continue
        line = lines[row - 1]
        protected = _protected(line)
        for m in pattern.finditer(line):
            start, end = m.span(1)
            if (row, start) < after or any(s < end and start < e for s, e in protected.code_or_targets):
                continue
            link = next(((s, e, close) for s, e, close in protected.link_texts if s <= start and end <= e), None)
            if link is not None:
                if (start, end) != (link[0], link[1]):
                    continue  # part of a longer link text: never split a link
                end = link[2]
                link_first = False
            elif link_first:
                continue
            yield row, end


def _place(
    source: _Source, use: TermUse, defined: dict[str, int], has_room: Callable[[tuple[int, int]], bool]
) -> tuple[int, int] | None:
    """Return (line, column) where the inline definition of a term goes, or None: at its first use that can take one.

    A use in a heading, code or HTML cannot (a term first met in a heading is explained at its next
    use below it), nor one the word goes on after ("[PDQ](...)®"), nor one in a paragraph that
    ``has_room`` says is full. Nor can a use next to a
    parenthesis of the article, so that no definition doubles up parentheses or splits the article's
    own abbreviation definitions (which ``check`` would then no longer find):

    - directly followed by the article's own plain explanation ("benign (not cancer)"): the article
      explains the term already, so there is no inline definition (the word list still has it);
    - directly followed by an abbreviation it defines ("Food and Drug Administration (FDA)"): the
      definition goes at the next use of either name, where the reader meets "the FDA" again;
    - inside the long form of an abbreviation ("magnetic resonance imaging (MRI)"), inside a
      parenthesis or right after one, or directly followed by any other ("neutropenia (in 51.9% of
      patients)"): the definition goes at the next use.
    """
    uses = _uses(source, use.text, (use.line, 0), exact=use.linked, link_first=use.linked)
    also: set[str] = set()
    while (found := next(uses, None)) is not None:
        row, end = found
        line = source.lines[row - 1]
        aside = _aside_after(source, row, end)
        if aside is not None and aside.gap == 0:
            if aside.explains:
                return None
            if aside.short in defined and aside.short not in also:
                also.add(aside.short)
                more = _uses(source, aside.short, aside.end, exact=True, link_first=False)
                uses = heapq.merge(uses, more)
            continue
        if aside is not None and aside.gap < defined.get(aside.short, 0):
            continue  # inside the long form of a defined abbreviation
        if end < len(line) and not (line[end].isspace() or line[end] in _MAY_FOLLOW):
            continue  # the word goes on: "[PDQ](...)®", "[tumor](...)s"
        before = _text_of(line, 0, end)
        if _inside_parenthesis(before) or before.endswith(")") or not has_room(found):
            continue
        return found
    return None


_MAY_FOLLOW = frozenset(".,;:!?…\"'”’»)]*_—–")  # what may come right after a definition in parentheses
_SHORT_END = re.compile(r"[;,]\s")  # "(FDA; 1990)": an abbreviation's short form ends at ";" or ","
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)")
_WORDS = re.compile(r"[^\W_]+")
_PARENTHESES = re.compile(r"[()]")
_NOT_PLAIN = re.compile(r"[\d=<>%|\\]")  # numbers and formulas: data, not an explanation


@dataclass(frozen=True, slots=True)
class _Aside:
    gap: int  # words between the use and the parenthesis
    spaced: bool  # white space before the parenthesis ("node(s)" has none)
    inner: str  # what the parenthesis holds, as text (link destinations and markup left out)
    end: tuple[int, int]  # (line, column) just after it (or the end of its line, when it closes on a later one)

    @property
    def short(self) -> str:
        """Return what an abbreviation definition's short form would be."""
        return _SHORT_END.split(self.inner, maxsplit=1)[0].strip()

    @property
    def explains(self) -> bool:
        """Return True for a plain explanation of the word before it ("benign (not cancer)", "recurred (came back)")."""
        return self.spaced and len(self.inner) >= 3 and self.inner[0].islower() and not _NOT_PLAIN.search(self.inner)


_MARKUP = str.maketrans("", "", "[]*_")


def _text_of(line: str, start: int, end: int) -> str:
    """Return ``line[start:end]`` as the reader sees it: no link destinations, code, HTML tags or emphasis marks."""
    kept, at = [], start
    for s, e in sorted(_protected(line).code_or_targets):
        if e <= at or s >= end:
            continue
        kept.append(line[at : max(s, at)])
        at = max(at, e)
    kept.append(line[at:end])
    return "".join(kept).translate(_MARKUP)


def _first_parenthesis(line: str, at: int) -> int:
    """Return the index of the first "(" of the article's text in ``line`` from ``at`` on, or -1."""
    protected = _protected(line).code_or_targets
    i = line.find("(", at)
    while i >= 0 and any(s <= i < e for s, e in protected):
        i = line.find("(", i + 1)
    return i


def _aside_after(source: _Source, row: int, at: int) -> _Aside | None:
    """Return the article's first parenthesis after (``row``, ``at``) in the same clause, or None.

    The clause may go on to the next line of its paragraph ("magnetic resonance imaging" / "(MRI) shows").
    """
    line = source.lines[row - 1]
    i = _first_parenthesis(line, at)
    between = _text_of(line, at, i if i >= 0 else len(line))
    if i < 0:
        if row >= len(source.lines) or row + 1 in source.closed or not source.lines[row].strip():
            return None
        row, line = row + 1, source.lines[row]
        i = _first_parenthesis(line, 0)
        if i < 0:
            return None
        between += " " + _text_of(line, 0, i)
    if _CLAUSE_END.search(between):
        return None
    close = _closing(line, i + 1)
    close = close if close >= 0 else len(line)
    inner = " ".join(_text_of(line, i + 1, close).split())
    spaced = i == 0 or line[i - 1].isspace()
    return _Aside(len(_WORDS.findall(between)), spaced, inner, (row, close + 1))


def _inside_parenthesis(text: str) -> bool:
    """Return True if the end of ``text`` is inside a parenthesis."""
    depth = 0
    for ch in _PARENTHESES.findall(text):
        depth = depth + 1 if ch == "(" else max(depth - 1, 0)
    return depth > 0


@dataclass(frozen=True, slots=True)
class _Protected:
    code_or_targets: tuple[tuple[int, int], ...]  # inline code, HTML tags, link destinations, image alt texts
    link_texts: tuple[tuple[int, int, int], ...]  # (text start, text end, end of the whole link)


@functools.lru_cache(maxsize=4096)
def _protected(line: str) -> _Protected:
    """Find the parts of a markdown line where no text may be inserted, and its links."""
    spans = [m.span() for m in _INLINE_CODE.finditer(line)] + [m.span() for m in _HTML_TAG.finditer(line)]
    links: list[tuple[int, int, int]] = []
    for m in _LINK_OPEN.finditer(line):
        close = _closing(line, m.end())  # destinations may hold balanced parentheses
        if close < 0:
            continue
        spans.append((m.end() - 1, close + 1))
        opened = _opening(line, m.start())
        if opened < 0:
            continue
        if opened > 0 and line[opened - 1] == "!":
            spans.append((opened - 1, close + 1))  # an image: its alt text is not running text
        else:
            links.append((opened + 1, m.start(), close + 1))
    return _Protected(tuple(spans), tuple(links))


def _closing(line: str, at: int) -> int:
    """Return the index of the parenthesis that closes a link destination starting at ``at``, or -1."""
    return _unmatched(line, at, 1, "(", ")")


def _opening(line: str, close: int) -> int:
    """Return the index of the "[" that opens the link text ending at ``close``, or -1."""
    return _unmatched(line, close - 1, -1, "]", "[")


def _unmatched(line: str, at: int, step: int, nested: str, wanted: str) -> int:
    """Walk from ``at`` by ``step`` to the first ``wanted`` not paired with a ``nested`` one; -1 if none."""
    depth = 0
    i = at
    while 0 <= i < len(line):
        if line[i] == nested:
            depth += 1
        elif line[i] == wanted:
            if depth == 0:
                return i
            depth -= 1
        i += step
    return -1


def _as_aside(definition: str) -> str:
    """Return a definition as it reads inside parentheses: no final period, a lower-case start unless an acronym."""
    text = definition.strip().rstrip(".")
    first = text.split(maxsplit=1)[0] if text else ""
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        text = text[0].lower() + text[1:]
    return text
