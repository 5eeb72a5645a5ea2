"""Expand jargon where the reader meets it: plan the expansions, then render them into markdown.

Planning annotates (which term, at which use, with which plain definition); rendering decides
presentation: a plain definition in parentheses after the first use, a "Words to know" list, or
both. Rendering only ever inserts text into the article's source, so every number, drug name and
link target of the input survives into the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from simplify.glossary.index import Glossary
from simplify.jargon.report import JargonReport, TermUse
from simplify.lang import lang_root
from simplify.model import Article

Presentation = Literal["inline", "list", "both"]

WORDS_TO_KNOW = {"en": "Words to know", "es": "Palabras que debe conocer"}
_HEADING = re.compile(r"^ {0,3}#")
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
    inline: bool  # explained in parentheses at this use (else only in the word list)


def short_form(definition: str, max_words: int) -> str:
    """Return ``definition`` if it is short, else its first sentence (our own entries are short already)."""
    if len(definition.split()) <= max_words:
        return definition
    return _SENTENCE_END.split(definition, maxsplit=1)[0]


def plan(
    article: Article,
    report: JargonReport,
    glossary: Glossary,
    lang: str | None = None,
    options: ExpandOptions | None = None,
) -> tuple[Expansion, ...]:
    """Return one expansion per glossary term of the article, at its first use, in reading order."""
    options = options or ExpandOptions()
    lang = lang_root(lang or article.lang)
    starts = [s.line for s in article.sections]
    per_section: dict[int, int] = {}
    out: list[Expansion] = []
    seen: set[str] = set()
    for use in _first_uses(report.linked, report.unlinked):
        entry = glossary.get(use.term_id)
        definition = entry.definition(lang) if entry else None
        if entry is None or definition is None or use.term_id in seen:
            continue
        seen.add(use.term_id)
        section = max((i for i, start in enumerate(starts) if start <= use.line), default=0)
        inline = options.presentation != "list" and per_section.get(section, 0) < options.max_inline_per_section
        if inline:
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
                inline=inline,
            )
        )
    return tuple(out)


def _first_uses(*groups: Iterable[TermUse]) -> list[TermUse]:
    uses = [use for group in groups for use in group]
    return sorted(uses, key=lambda u: u.line)


def render(
    article: Article, expansions: Sequence[Expansion], lang: str | None = None, options: ExpandOptions | None = None
) -> str:
    """Return the article's source with the expansions rendered in (front matter kept)."""
    options = options or ExpandOptions()
    lines = article.source.split("\n")
    if options.presentation != "list":
        for exp in sorted((e for e in expansions if e.inline), key=lambda e: e.line, reverse=True):
            _insert_after_use(lines, exp)
    text = "\n".join(lines).rstrip("\n") + "\n"
    if options.presentation != "inline" and expansions:
        heading = WORDS_TO_KNOW.get(lang_root(lang or article.lang), WORDS_TO_KNOW["en"])
        items = []
        for e in expansions:
            said = f" {e.pronunciation}" if e.pronunciation else ""
            items.append(f"- **{e.name}**{said}: {e.definition}")
        text += f"\n## {heading}\n\n" + "\n".join(items) + "\n"
    return text


def _insert_after_use(lines: list[str], exp: Expansion) -> None:
    """Put " (short definition)" after the first use of the term in running text, from its line (1-based) on.

    Headings stay as they are: a definition in parentheses belongs in a sentence, so a term first
    met in a heading is explained at its next use below it.
    """
    words = re.escape(exp.text).replace(r"\ ", r"\s+")
    # A linked use ends at its link's closing parenthesis; an unlinked one at its last word.
    link = r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
    # An unlinked term may still be the text of another link ("[multiple myeloma](/types/myeloma)"):
    # then the definition goes after that link, never inside it.
    pattern = (
        re.compile(rf"\[{words}{link}")
        if exp.linked
        else re.compile(rf"(?<![\w/]){words}(?:{link})?(?![\w\]])", re.IGNORECASE)
    )
    for index in range(exp.line - 1, len(lines)):
        line = lines[index]
        if _HEADING.match(line):
            continue
        for m in pattern.finditer(line):
            if _inside_link_target(line, m.start()) or _inside_link_text(line, m.start(), m.end()):
                continue
            lines[index] = f"{line[: m.end()]} ({_as_aside(exp.short)}){line[m.end() :]}"
            return


def _as_aside(definition: str) -> str:
    """Return a definition as it reads inside parentheses: no final period, a lower-case start unless an acronym."""
    text = definition.strip().rstrip(".")
    first = text.split(maxsplit=1)[0] if text else ""
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        text = text[0].lower() + text[1:]
    return text


def _inside_link_text(line: str, start: int, end: int) -> bool:
    """Return True if a match sits inside a link's text without ending it ("[Drugs for Ovarian, ...](...)")."""
    opened = line.rfind("[", 0, start)
    return opened >= 0 and line.find("]", opened) >= end and not line.startswith("](", end)


def _inside_link_target(line: str, at: int) -> bool:
    """Return True if ``at`` falls inside a link's destination "(...)" rather than reading text."""
    opened = line.rfind("](", 0, at)
    return opened >= 0 and line.find(")", opened) >= at
