"""Expand jargon where the reader meets it: plan the expansions, then render them into markdown.

Planning annotates (which term, at which use, with which plain definition); rendering decides
presentation: a plain definition in parentheses after the first use, a "Words to know" list, or
both. Rendering only ever inserts text into the article's source, so every number, drug name and
link target of the input survives into the output.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from simplify.glossary.index import Glossary
from simplify.jargon.report import JargonReport, TermUse
from simplify.lang import lang_root
from simplify.model import Article

Presentation = Literal["inline", "list", "both"]

_HEADING = re.compile(r"^ {0,3}#")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINK_OPEN = re.compile(r"\]\(")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])")


@dataclass(frozen=True, slots=True)
class ExpandOptions:
    """How expansions are presented."""

    presentation: Presentation = "both"
    max_inline_per_section: int = 3  # so that a paragraph does not drown in parentheses
    short_words: int = 15  # an inline definition longer than this is cut to its first sentence


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


def short_form(definition: str, max_words: int) -> str:
    """Return the first sentence of ``definition``, cut to ``max_words`` words at most, for use in parentheses."""
    first = _SENTENCE_END.split(definition.strip(), maxsplit=1)[0]
    words = first.split()
    return first if len(words) <= max_words else " ".join(words[:max_words]) + "…"


def plan(
    article: Article,
    report: JargonReport,
    glossary: Glossary,
    lang: str | None = None,
    options: ExpandOptions | None = None,
) -> tuple[Expansion, ...]:
    """Return one expansion per glossary term of the article, in reading order.

    A term is explained inline where the first safe place after its first use is (running text,
    not code, HTML, a heading or inside a link), as long as that section has room left; it is
    always in the word list.
    """
    options = options or ExpandOptions()
    lang = lang_root(lang or article.lang)
    source = _Source(article.source)
    starts = [s.line for s in article.sections]
    per_section: dict[int, int] = {}
    taken: set[tuple[int, int]] = set()  # one definition per place: "Medicine" may name two terms
    out: list[Expansion] = []
    seen: set[str] = set()
    for use in sorted((*report.linked, *report.unlinked), key=lambda u: u.line):
        entry = glossary.get(use.term_id)
        definition = entry.definition(lang) if entry else None
        if entry is None or definition is None or use.term_id in seen:
            continue
        seen.add(use.term_id)
        at = None
        if options.presentation != "list":
            at = _place(source, use)
            if at is not None:
                section = max(bisect.bisect_right(starts, at[0]) - 1, 0)  # sections are in line order
                if at in taken or per_section.get(section, 0) >= options.max_inline_per_section:
                    at = None
                else:
                    taken.add(at)
                    per_section[section] = per_section.get(section, 0) + 1
        spoken = entry.pronunciation(lang)
        out.append(
            Expansion(
                term_id=use.term_id,
                text=use.text,
                line=use.line,
                linked=use.linked,
                name=entry.name(lang) or use.text,
                definition=definition.text,
                short=short_form(definition.text, options.short_words),
                pronunciation=spoken.respelling if spoken else None,
                at=at,
            )
        )
    return tuple(out)


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
    that language (``LANG_OPEN``...), for a renderer that can say so.
    """
    options = options or ExpandOptions()
    lines = article.source.split("\n")
    if options.presentation != "list":
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
    """A markdown source as lines, with the lines that are no place for a definition: code and headings."""

    def __init__(self, source: str) -> None:
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
        self.closed: set[int] = set()  # 1-based numbers of code (fenced or indented), heading and HTML lines
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


# Letters that a case-blind regex takes for an ASCII letter but that lower() leaves as they are.
_FOLD_EXTRA = (("ı", "i"), ("ſ", "s"))


@functools.lru_cache(maxsize=4096)
def _use_pattern(text: str, linked: bool) -> re.Pattern[str]:
    """Return the regex of a term's words as a whole (a linked use is matched in its own case)."""
    words = r"\s+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?<![\w/])({words})(?![\w\-'’])", 0 if linked else re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _finder(text: str, linked: bool, folded: bool) -> re.Pattern[str]:
    """Return a regex that finds every line where ``_use_pattern`` may match, and a few more.

    It has no look-behind (which keeps the regex engine from scanning for the first letter, and
    costs a long page tens of milliseconds a term), and with ``folded`` it is the lower-cased words,
    matched in case against the lower-cased source.
    """
    words = r"\s+".join(re.escape(w.lower() if folded else w) for w in text.split())
    return re.compile(words, 0 if linked or folded else re.IGNORECASE)


def _place(source: _Source, use: TermUse) -> tuple[int, int] | None:
    """Return (line, column) just after the first use of a term in running text, from its line on.

    A linked use ends at its link's closing parenthesis; an unlinked one at its last word, or
    after the link whose text it is ("[multiple myeloma](/types/myeloma)"). A term first met in
    a heading is explained at its next use below it.
    """
    pattern = _use_pattern(use.text, use.linked)
    lines, starts = source.lines, source.starts
    if use.line > len(lines):
        return None
    # One search over the rest of the source finds the next line worth reading (a line by line
    # search costs a regex call per line, and a long page's last terms are looked for to its end).
    text, folded = source.text, False
    if not use.linked and use.text.isascii() and source.folded is not None:
        text, folded = source.folded, True
    finder = _finder(use.text, use.linked, folded)
    pos = starts[use.line - 1]
    while (found := finder.search(text, pos)) is not None:
        row = bisect.bisect_right(starts, found.start())
        pos = starts[row] if row < len(starts) else len(text)
        if row in source.closed:
            continue
        line = lines[row - 1]
        protected = _protected(line)
        for m in pattern.finditer(line):
            start, end = m.span(1)
            if any(s < end and start < e for s, e in protected.code_or_targets):
                continue
            link = next(((s, e, close) for s, e, close in protected.link_texts if s <= start and end <= e), None)
            if link is not None:
                if (start, end) != (link[0], link[1]):
                    continue  # part of a longer link text: never split a link
                end = link[2]
            elif use.linked:
                continue  # a linked use is the text of its link
            return row, end
    return None


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
