"""The article model: immutable data that every step reads and annotates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from pathlib import PurePath
from typing import Any


class Severity(IntEnum):
    """How much a finding matters (Vale's levels)."""

    SUGGESTION = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


class LinkKind(StrEnum):
    """What a link points at, as cancer.gov pages use links."""

    GLOSSARY = "glossary"  # NCI Dictionary of Cancer Terms
    DRUG = "drug"  # NCI Drug Dictionary / drug information summary
    INTERNAL = "internal"  # another cancer.gov page
    ANCHOR = "anchor"  # a place on the same page (citations, sections)
    EXTERNAL = "external"


class BlockKind(StrEnum):
    """The kinds of text block an article is made of."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    CAPTION = "caption"  # the visible caption paragraph that follows an image
    CODE = "code"


class Role(StrEnum):
    """Whether a block is the article's own reading text."""

    CONTENT = "content"
    BOILERPLATE = "boilerplate"  # page furniture: "Placeholder slot", "Enlarge", PDQ admin sections
    REFERENCES = "references"  # citation lists: not prose a patient reads


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the article body, classified."""

    text: str
    href: str
    kind: LinkKind
    line: int
    term_id: str | None = None  # CDR number without the CDR prefix or zeros: "44782"
    term_name: str | None = None  # /def/NAME links name the term instead of its id
    drug: str | None = None  # the drug page's slug
    lang: str | None = None  # language the glossary link asks for ("en", "es")
    audience: str | None = None  # "patient" or "health professional"
    dictionary: str | None = None  # "Cancer.gov", "Genetics", "NotSet"


@dataclass(frozen=True, slots=True)
class Image:
    """An image with its alt text and the caption paragraph under it, if any."""

    src: str
    alt: str
    title: str
    line: int
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its header row and body rows of plain cell text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    """One run of reading text: a heading, paragraph, list item, table cell or caption.

    ``text`` is the plain text (markup removed, links replaced by their text); a hard
    line break inside a sentence is kept as "\\n" so that a sentence's line can be found.
    """

    kind: BlockKind
    text: str
    line: int
    section: int
    role: Role = Role.CONTENT
    level: int = 0  # heading level, or list nesting depth
    links: tuple[Link, ...] = ()

    def line_at(self, offset: int) -> int:
        """Return the source line of the character at ``offset`` in ``text``."""
        return self.line + self.text.count("\n", 0, offset)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what stands under it, up to the next heading of its level or higher."""

    heading: str
    level: int  # 0 for the part before the first heading
    line: int
    parent: int | None = None
    role: Role = Role.CONTENT


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The validated front matter fields simplify uses; everything else stays in ``extra``."""

    title: str = ""
    language: str | None = None
    url: str | None = None
    last_reviewed: dt.date | None = None
    audience: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article: front matter and a body split into sections and blocks."""

    path: str
    meta: FrontMatter
    lang: str
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    images: tuple[Image, ...] = ()
    tables: tuple[Table, ...] = ()
    source: str = ""  # the text as read (BOM removed, line endings normalised)

    @property
    def title(self) -> str:
        """Return the title: the front matter's, else the first heading's, else the file's name in words."""
        if self.meta.title:
            return self.meta.title
        heading = next((b.text for b in self.blocks if b.kind is BlockKind.HEADING), None)
        return heading if heading is not None else title_of_path(self.path)

    @property
    def has_own_title(self) -> bool:
        """Return True if the article names itself, in its front matter or a heading."""
        return bool(self.meta.title) or any(b.kind is BlockKind.HEADING for b in self.blocks)

    def content_blocks(self) -> tuple[Block, ...]:
        """Return the blocks that are the article's own reading text."""
        return tuple(b for b in self.blocks if b.role is Role.CONTENT)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a check found: a dotted rule id, a severity and a place (proselint, Vale)."""

    rule: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    col: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "col": self.col,
        }


# The site's name after a page title: "Daratumumab Works - NCI", "Tratamiento | National Cancer Institute".
SITE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:NCI|National Cancer Institute)\s*$")


def dropped_lines(article: Article, *, repeated_title: bool = True) -> set[int]:
    """Return the 0-based source lines of page furniture: whole sections, and single blocks.

    With ``repeated_title``, a body heading that repeats the title is dropped too, and so is a paragraph
    or caption that repeats the heading right above it (a video's name under the video's heading), and
    the paragraph under the title that says how to say it (:func:`title_respelling`).
    """
    dropped = furniture_sections(article)
    # Code is no reading text to score, but what it says is the article's ("    Bosutinib 500 mg daily"):
    # the handout shows it as it is.
    dropped.update(b.line - 1 for b in article.blocks if b.role is not Role.CONTENT and b.kind is not BlockKind.CODE)
    if not repeated_title:
        return dropped
    # The handout prints the title once, as its h1: a body heading repeating it goes.
    title = title_key(article.title)
    heading = None  # the key of the heading right above the block, if a heading is
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            heading = title_key(block.text)
            if heading == title:
                dropped.add(block.line - 1)
            continue
        if (
            heading is not None
            and block.kind in (BlockKind.PARAGRAPH, BlockKind.CAPTION)
            and title_key(block.text) == heading
        ):
            dropped.add(block.line - 1)
        heading = None
    # ... and says under it how to say it, as a drug's page does in the paragraph right under its title.
    said = next((b for b in article.blocks if b.line - 1 not in dropped), None)
    if said is not None and _is_respelling(said):
        dropped.add(said.line - 1)
    return dropped


def title_respelling(article: Article, dropped: set[int]) -> str:
    """Return how to say the title ("(thuh-LIH-doh-mide)"), from the paragraph right under it, or "".

    ``dropped`` is the article's :func:`dropped_lines`, which leave that paragraph out of the body: a
    handout prints it with the title.
    """
    for block in article.blocks:
        if _is_respelling(block):
            return block.text.strip() if block.line - 1 in dropped else ""
        if block.line - 1 not in dropped:
            return ""
    return ""


def _is_respelling(block: Block) -> bool:
    """Say whether ``block`` is a paragraph that only says how a name is said: "(TREE-oh-SUL-fan)"."""
    text = block.text.strip()
    return (
        block.kind is BlockKind.PARAGRAPH
        and _RESPELLING.fullmatch(text) is not None
        and "-" in text
        and _STRESS.search(text) is not None
    )


# Syllables joined by hyphens, a word for each word of the name, in parentheses; the stressed one in capitals.
_RESPELLING = re.compile(r"\(\s*[A-Za-z]+(?:-[A-Za-z]+)*(?:\s+[A-Za-z]+(?:-[A-Za-z]+)*)*\s*\)")
_STRESS = re.compile(r"[-(\s][A-Z]{2,}[-)\s]")


def furniture_sections(article: Article) -> set[int]:
    """Return the 0-based source lines of sections that are furniture or references, headings included."""
    dropped: set[int] = set()
    sections = article.sections
    for i, section in enumerate(sections):
        if section.role is Role.CONTENT or section.level == 0:
            continue
        end = next((s.line for s in sections[i + 1 :] if s.level <= section.level), None)
        last = end - 1 if end is not None else len(article.source.split("\n"))
        dropped.update(range(section.line - 1, last))
    return dropped


def title_of_path(path: str) -> str:
    """Return a file's name as a title: "low-dose_radiation.md" is "Low dose radiation"; "" for no file."""
    if path in ("", "-") or path.startswith("<"):
        return ""
    words = " ".join(re.split(r"[-_.\s]+", PurePath(path).stem)).strip()
    return words[:1].upper() + words[1:]


def title_key(title: str) -> str:
    """Return a page title as titles compare: without the site's name after it, case or spacing."""
    if "NCI" in title or "National Cancer Institute" in title:  # a search in C spares most texts the regex
        title = SITE_SUFFIX.sub("", title)
    return " ".join(title.casefold().split())
