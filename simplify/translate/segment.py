"""Cut an article into what a model may translate, with everything else held safe by placeholders.

Only text nodes of the markdown tree are translated. Each block's inline markup is walked with
markdown-it: link brackets and targets, emphasis markers, inline code, images, raw HTML, URLs,
numbers with their units and percentages become placeholders ``⟦n⟧``; a drug link, or a glossary
term whose name the glossary has in the target language, becomes one placeholder for the whole
phrase. The text is then split into sentences, the unit a model translates well (they degrade on
long inputs and truncate at 512 tokens). After translation each block is put back on its own
source lines, so headings, lists, tables and front matter keep their structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING

from simplify.lang import lang_root
from simplify.links import classify
from simplify.model import LinkKind
from simplify.text.sentences import split_sentences

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
EVERYDAY_ZIPF = 4.0  # a linked drug name this common is a word the model should translate
# Units a number keeps: a symbol, maybe per another ("mg/dL", "mmol/L", "mg/m2", "cells/µL").
_UNIT = (
    r"(?:%|(?:mg|µg|mcg|ng|g|kg|mL|ml|L|dL|mmol|µmol|mol|mEq|U|IU|cm|mm|µm|Gy|cGy|mSv|°C|°F|cells)"
    r"(?:/(?:m2|m²|kg|dL|L|mL|µL|mm3|mm²|h|hr|day|d|min|wk))?)"
)
# Kept as they are: web addresses, e-mail addresses, and numbers with a symbol unit or percent sign.
_KEEP = re.compile(
    r"(?:https?://|www\.)[^\s<>()]*[^\s<>().,;:!?'\"]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w])[A-Za-z]*\d+(?:[.,]\d+)*[A-Za-z0-9-]*(?:\s?{_UNIT})?(?![\w])"
)
# Drug names are never translated. A brand name carries its mark ("Revlimid®"); a generic name most
# often ends in one of the USAN/INN stems that name a drug class (-mab antibodies, -tinib kinase
# inhibitors, -platin, -rubicin, -taxel, -lidomide, -zomib, ...), none of which ends an everyday word.
_DRUG_NAME = re.compile(
    r"\b\w[\w-]*[®™]"
    r"|\b[A-Za-z]{2,}(?:mab|tinib|ciclib|parib|rafenib|zomib|lidomide|platin|rubicin|taxel|tecan|citabine"
    r"|fosfamide|trexate|mustine|lisib|degib|sertib|dronate|relix|lutamide|strozole"
    r"|vudine|navir)\b"
)


@dataclass
class Sentence:
    """One sentence to translate: its text with placeholders, and what each placeholder stands for."""

    text: str  # e.g. "Take ⟦0⟧ of ⟦1⟧ daily."
    source: dict[int, str]  # placeholder -> the article's own markdown for it
    target: dict[int, str]  # placeholder -> its markdown in the translation (a glossary name may differ)
    translation: str | None = None
    from_memory: bool = False
    failure: str | None = None  # why the translation was not used

    def restored(self, text: str, table: dict[int, str]) -> str:
        """Return ``text`` with each placeholder replaced from ``table``."""
        return PLACEHOLDER.sub(lambda m: table.get(int(m.group(1)), m.group(0)), text)

    @property
    def plain(self) -> str:
        """Return the source sentence as markdown."""
        return self.restored(self.text, self.source)


@dataclass
class Unit:
    """A block's inline text and where it sits: from column ``start`` of line ``first`` to ``end`` of ``last - 1``."""

    first: int
    last: int
    start: int  # after the list marker, quote marker or heading hashes
    end: int  # before what follows the text on its last line (a table row's other cells)
    sentences: list[Sentence] = field(default_factory=list)
    separators: list[str] = field(default_factory=list)  # what stood between sentences
    line: int = 0  # the 1-based line of the article it is reported at (the title's, for the title)


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary phrase to render with the glossary's own name in the target language."""

    start: int
    end: int
    target: str


# Finds glossary phrases in plain text: (text) -> spans with their target-language names.
TermFinder = Callable[[str], Sequence[Term]]


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


def units(body: str, first_line: int, lang: str, terms: TermFinder | None = None) -> list[Unit]:
    """Return the translatable units of a markdown body whose first line is ``first_line`` (0-based).

    Code blocks, raw HTML blocks and front matter are not units: they stay as they are.
    """
    lines = body.split("\n")
    tokens = _markdown().parse(body)
    drugs = _drug_names(tokens, lang)
    out: list[Unit] = []
    row_cursor: dict[int, int] = {}  # table line -> where the next cell's text is searched from
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.map or not tok.content.strip():
            continue
        opener = tokens[i - 1] if i else None
        a, b = tok.map
        if opener is not None and opener.type in ("th_open", "td_open"):
            start = lines[a].find(tok.content, row_cursor.get(a, 0))
            if start < 0:
                continue  # escaped pipes or odd spacing: the cell stays as it is
            row_cursor[a] = start + len(tok.content)
            unit = Unit(first_line + a, first_line + a + 1, start, start + len(tok.content))
        else:
            if opener is not None and opener.type == "heading_open" and opener.markup in ("=", "-"):
                b = a + 1  # a setext heading: its underline stays
            head, tail = tok.content.split("\n", 1)[0], tok.content.rsplit("\n", 1)[-1]
            start, end = lines[a].find(head), lines[b - 1].rfind(tail)
            if start < 0 or end < 0:
                continue
            unit = Unit(first_line + a, first_line + b, start, end + len(tail))
        _fill(unit, tok.children or [], lang, terms, drugs)
        out.append(unit)
    return out


def _drug_names(tokens: Sequence[Token], lang: str) -> re.Pattern[str] | None:
    """Return a pattern of the names the article links to a drug page: the same words unlinked are kept too.

    An everyday word linked to a drug page ("water", "aspirin" is not one) is left to the model.
    """
    from simplify.readability.rare import common_words

    everyday = common_words(lang_root(lang), EVERYDAY_ZIPF) if lang_root(lang) in ("en", "es") else {}
    names: set[str] = set()
    for tok in tokens:
        children = tok.children or []
        for i, child in enumerate(children):
            if child.type == "link_open" and classify(str(child.attrs.get("href", ""))).kind is LinkKind.DRUG:
                name = "".join(c.content for c in children[i + 1 : _closing(children, i)] if c.type == "text").strip()
                if len(name) >= 3 and name.lower() not in everyday:
                    names.add(name)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _fill(
    unit: Unit, children: Sequence[Token], lang: str, terms: TermFinder | None, drugs: re.Pattern[str] | None = None
) -> None:
    """Turn one inline token into sentences with placeholders."""
    text, table = _protect(children, terms, drugs)
    spans = split_sentences(text, lang) or [(0, len(text))]
    cursor = 0
    for start, end in spans:
        unit.separators.append(text[cursor:start])
        # Each sentence numbers its own placeholders from 0, in order: the same sentence reads the same
        # wherever it stands (one memory entry), and a model sees "⟦0⟧", not "⟦17⟧".
        used = list(dict.fromkeys(int(n) for n in PLACEHOLDER.findall(text, start, end)))
        local = {n: i for i, n in enumerate(used)}
        piece = PLACEHOLDER.sub(partial(_renumbered, local), text[start:end])
        unit.sentences.append(
            Sentence(
                piece,
                {local[n]: table[n][0] for n in used},
                {local[n]: table[n][1] for n in used},
            )
        )
        cursor = end
    unit.separators.append(text[cursor:])


def _renumbered(local: dict[int, int], m: re.Match[str]) -> str:
    return f"⟦{local[int(m.group(1))]}⟧"


def _protect(
    children: Sequence[Token], terms: TermFinder | None, drugs: re.Pattern[str] | None = None
) -> tuple[str, dict[int, tuple[str, str]]]:
    """Return the inline text with placeholders, and {placeholder: (source markdown, target markdown)}."""
    table: dict[int, tuple[str, str]] = {}
    parts: list[str] = []

    def hold(source: str, target: str | None = None) -> None:
        n = len(table)
        table[n] = (source, source if target is None else target)
        parts.append(f"⟦{n}⟧")

    i = 0
    while i < len(children):
        tok = children[i]
        kind = tok.type
        if kind == "text":
            _text(tok.content, hold, parts, terms, drugs)
        elif kind in ("softbreak",):
            parts.append(" ")
        elif kind == "hardbreak":
            hold("  \n")
        elif kind == "code_inline":
            hold(f"{tok.markup}{tok.content}{tok.markup}")
        elif kind in ("html_inline", "image"):
            hold(_markdown_of(tok))
        elif kind in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"):
            hold(tok.markup)
        elif kind == "link_open":
            close = _closing(children, i)
            href = str(tok.attrs.get("href", ""))
            title = tok.attrs.get("title")
            target = f"]({href}{f' {chr(34)}{title}{chr(34)}' if title else ''})"
            inner = "".join(_markdown_of(c) for c in children[i + 1 : close])
            if tok.markup == "autolink":
                hold(f"<{href}>")
                i = close
            elif classify(href).kind is LinkKind.DRUG:
                hold(f"[{inner}{target}")  # a drug's name is never translated
                i = close
            else:
                hold("[")
                for child in children[i + 1 : close]:
                    if child.type == "text":
                        _text(child.content, hold, parts, terms, drugs)
                    else:
                        hold(_markdown_of(child))
                hold(target)
                i = close
        else:
            hold(_markdown_of(tok))
        i += 1
    return "".join(parts), table


def _text(
    text: str,
    hold: Callable[..., None],
    parts: list[str],
    terms: TermFinder | None,
    drugs: re.Pattern[str] | None = None,
) -> None:
    """Add plain text, holding kept runs (URLs, numbers with units, drug names) and glossary names."""
    spans: list[tuple[int, int, str | None]] = [(m.start(), m.end(), None) for m in _KEEP.finditer(text)]
    for pattern in (_DRUG_NAME, drugs):
        for m in pattern.finditer(text) if pattern is not None else ():
            if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), None))
    if terms is not None:
        for term in terms(text):
            if not any(s < term.end and term.start < e for s, e, _ in spans):
                spans.append((term.start, term.end, term.target))
    cursor = 0
    for start, end, target in sorted(spans):
        parts.append(_escape(text[cursor:start]))
        hold(_escape(text[start:end]), target)
        cursor = end
    parts.append(_escape(text[cursor:]))


def _escape(text: str) -> str:
    """Escape what markdown would read as markup in plain text (it came unescaped out of the parser)."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text) if re.search(r"[\\`*_\[\]<>]", text) else text


def _closing(children: Sequence[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(children)):
        if children[j].type == "link_open":
            depth += 1
        elif children[j].type == "link_close":
            depth -= 1
            if depth == 0:
                return j
    return len(children) - 1


def _markdown_of(tok: Token) -> str:
    """Return a token's markdown as written (text, code, images and raw HTML)."""
    if tok.type == "text":
        return _escape(tok.content)
    if tok.type == "code_inline":
        return f"{tok.markup}{tok.content}{tok.markup}"
    if tok.type == "image":
        alt = "".join(c.content for c in tok.children or [])
        return f"![{alt}]({tok.attrs.get('src', '')})"
    if tok.type in ("softbreak",):
        return " "
    if tok.type == "hardbreak":
        return "  \n"
    if tok.type in ("link_open",):
        return "["
    if tok.type == "link_close":
        return "]"
    return tok.markup or tok.content


def reassemble(lines: list[str], done: Sequence[Unit], render: Callable[[Sentence], str]) -> list[str]:
    """Return the source lines with each unit's text replaced by its rendered sentences (one line per unit).

    Units are replaced from the end of the text backwards, so the places of those before stay right.
    """
    out = list(lines)
    for unit in sorted(done, key=lambda u: (u.first, u.start), reverse=True):
        text = "".join(sep + render(s) for sep, s in zip(unit.separators, unit.sentences, strict=False))
        text = (text + unit.separators[-1]).replace("\n", " ")
        out[unit.first : unit.last] = [out[unit.first][: unit.start] + text + out[unit.last - 1][unit.end :]]
    return out
