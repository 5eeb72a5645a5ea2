"""Load articles: front matter with python-frontmatter, the body as CommonMark with markdown-it-py."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from simplify import boilerplate, links, reparse
from simplify.errors import ArticleError
from simplify.inline import INLINE_MARKUP, TERMINATORS, FastLinkHelpers, InlinePiece, inline_pieces, plain_text
from simplify.lang import LANGUAGES, detect_lang, normalize_lang
from simplify.links import classify, is_citation, without_citation_leftovers
from simplify.model import (
    Article,
    Block,
    BlockKind,
    FrontMatter,
    Image,
    Link,
    LinkKind,
    Role,
    Section,
    Table,
    title_key,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MAX_BYTES = 5 * 1024 * 1024  # a cancer.gov page is under 0.5 MB; far larger input is a mistake
# Table cells, counted by their "|" (cancer.gov pages hold at most 1,600): each costs a handout tens of
# kilobytes, and a PDF more, so that 10,000 lay out in about 15 s and 340 MB, while 5 MB of table would
# take gigabytes. Such a table is no patient handout's.
MAX_TABLE_PIPES = 10_000
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
_SPACES = re.compile(r"[ \t]+")
# Characters YAML refuses in a stream (its "printable" set, inverted).
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_text(path: str) -> str:
    """Read an article file (or standard input for "-") as text, refusing binary and huge input."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise ArticleError(path, "is a directory, not an article")
            size = p.stat().st_size
            if size > MAX_BYTES:
                raise ArticleError(
                    path, f"file is {size / 1_048_576:.1f} MB; articles over {MAX_BYTES // 1_048_576} MB are refused"
                )
            with p.open("rb") as fh:  # a device or pipe can say size 0 and never end: read at most the limit
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ArticleError(path, exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:
        raise ArticleError(path, f"input is over {MAX_BYTES // 1_048_576} MB; articles that large are refused")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "looks like a binary file, not a markdown article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(path, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8", line) from None


def load(path: str, *, lang: str | None = None) -> Article:
    """Load the article at ``path`` ("-" reads standard input)."""
    return parse(read_text(path), path=path, lang=lang)


def parse(text: str, *, path: str = "<string>", lang: str | None = None) -> Article:
    """Parse article text: YAML front matter (optional) and a markdown body.

    ``lang`` is used when the front matter has no ``language``; failing both, the
    language is detected from the body.
    """
    article, parsed, _ = _parse(text, path, lang, None)
    reparse.keep(article.source, parsed)  # for a handout's parse of it with its definitions in
    return article


@dataclass
class BlockTokens:
    """markdown-it's block tokens of an article's body, as :func:`parse_with_blocks` read them.

    Inline tokens are not parsed yet (only their ``content`` is set); maps count lines from the
    body's first line (``offset`` lines of front matter come before it); reference-list and PDQ
    admin sections are blank but for their headings. Whoever takes them may change them: nothing
    else holds them.
    """

    tokens: list[Token]
    env: dict[str, Any]
    offset: int


def parse_with_blocks(
    text: str, *, path: str = "<string>", lang: str | None = None, edit_of: str | None = None
) -> tuple[Article, BlockTokens]:
    """Return :func:`parse`'s article and the block tokens it was built from.

    A handout reads its body from these tokens (simplify.handout.body), so the body is parsed once.
    ``edit_of`` is the text of an article :func:`parse` read, of which ``text`` is an edit within
    its lines (its definitions written in): the blocks that did not change are not parsed again
    (simplify.reparse).
    """
    before = reparse.take(edit_of) if edit_of is not None else None
    article, parsed, offset = _parse(text, path, lang, before)
    return article, BlockTokens(parsed.tokens, parsed.env, offset)


def _parse(
    text: str, path: str, lang: str | None, before: reparse.Parsed | None
) -> tuple[Article, reparse.Parsed, int]:
    """Return the article, its body's block tokens, and how many lines come before its body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line = _split_front_matter(text, path)
    if not body.strip():
        raise ArticleError(path, "the article has no body text")
    if (pipes := body.count("|")) > MAX_TABLE_PIPES:
        raise ArticleError(
            path, f"the article's tables hold {pipes:,} '|'; articles with over {MAX_TABLE_PIPES:,} are refused"
        )
    language = meta.language or (lang and _check_lang(lang, path)) or detect_lang(body)
    if language is None:
        raise ArticleError(
            path, "cannot tell the article's language: add 'language:' to its front matter or pass --lang"
        )
    md = _markdown()
    parsed_body, set_aside = _set_aside_furniture(boilerplate.mended(body))
    parsed = reparse.parse(md, parsed_body, before)
    builder = _Builder(path, body_line, md, parsed.env, set_aside, parsed.reads)
    builder.walk(parsed.tokens)
    builder.mark_duplicate_title()
    article = Article(
        path=path,
        meta=meta,
        lang=language,
        sections=tuple(builder.sections),
        blocks=tuple(builder.blocks),
        links=tuple(builder.links),
        images=tuple(builder.images),
        tables=tuple(builder.tables),
        source=text,
    )
    return article, parsed, body_line - 1


# Folders that tools make and no article is in: a package's metadata (`pip install -e .` writes
# simplify.egg-info/ with .txt files in it), caches, virtual environments, npm's packages.
_TOOL_FOLDERS = frozenset({"__pycache__", "__pypackages__", "node_modules", "site-packages", "venv"})


def find_articles(paths: Sequence[str]) -> Iterator[str]:
    """Yield article files: files as given, directories searched for .md, .markdown and .txt.

    A directory's hidden folders and files are passed over, and so are folders tools make (``*.egg-info``,
    ``node_modules``, ``__pycache__``, ``venv``).
    """
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found: list[str] = []
            walked = {_identity(p)}  # each folder once, however many links lead to it (or loop back)
            for folder, folders, files in os.walk(p, followlinks=True):
                folders.sort(key=lambda name: (Path(folder, name).is_symlink(), name))  # a folder before a link to it
                folders[:] = [
                    name
                    for name in folders
                    if not name.startswith(".")
                    and name not in _TOOL_FOLDERS
                    and not name.endswith(".egg-info")
                    and _first_visit(Path(folder, name), walked)
                ]
                for name in files:
                    file = Path(folder, name)
                    if not name.startswith(".") and file.suffix.lower() in ARTICLE_SUFFIXES and file.is_file():
                        found.append(str(file))
            found.sort()
            if not found:
                raise ArticleError(path, "directory holds no articles (.md, .markdown or .txt)")
            yield from found
        else:
            yield path


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def _first_visit(folder: Path, walked: set[tuple[int, int]]) -> bool:
    """Return True, and remember it, if ``folder`` (or the folder a link names) was not walked yet."""
    try:
        identity = _identity(folder)
    except OSError:
        return False  # a broken link
    if identity in walked:
        return False
    walked.add(identity)
    return True


# -- front matter ---------------------------------------------------------------------------------


def _split_front_matter(text: str, path: str) -> tuple[FrontMatter, str, int]:
    """Return the validated front matter, the body, and the body's first line number."""
    import frontmatter
    import yaml

    handler = frontmatter.default_handlers.YAMLHandler()
    if not handler.detect(text):
        return FrontMatter(), text, 1
    try:
        fm_text, body = handler.split(text)
    except ValueError:
        raise ArticleError(
            path, "front matter starts with '---' but never ends; close it with a '---' line", 1
        ) from None
    fm_line = text.count("\n", 0, text.index(fm_text)) + 1 if fm_text else 2
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    try:
        try:
            # libyaml's loader when PyYAML has it: five times faster than the pure-Python one.
            raw = handler.load(fm_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except ValueError:
            # PyYAML turns an unquoted 2020-13-45 into a date and fails without a line; read every
            # value as text instead, and let validation name the field.
            raw = yaml.load(fm_text, Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader builds only str/list/dict)
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct began ("tags: [a, b"); the problem
        # mark is where the parser gave up, often the closing '---'.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        if mark is not None:
            line = fm_line + mark.line
        else:  # a reader error: a character YAML does not allow (libyaml counts its offset in bytes)
            bad = _NOT_YAML.search(fm_text)
            line = fm_line + fm_text.count("\n", 0, bad.start() if bad else 0)
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "malformed YAML"
        raise ArticleError(path, f"front matter is not valid YAML: {problem}", line) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ArticleError(path, "front matter must be a mapping of 'field: value' lines", fm_line)
    return _validate(raw, fm_text, fm_line, path), body, body_line


def _validate(raw: dict[str, Any], fm_text: str, fm_line: int, path: str) -> FrontMatter:
    """Check the fields simplify relies on; a bad one is an error naming its line."""

    def fail(key: str, why: str) -> ArticleError:
        m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", fm_text, re.MULTILINE)
        line = fm_line + fm_text.count("\n", 0, m.start()) if m else fm_line
        return ArticleError(path, f"front matter field '{key}': {why}", line)

    title = raw.get("title", "")
    if not isinstance(title, str) or ("title" in raw and not title.strip()):
        raise fail("title", "must be a non-empty text")
    language = None
    if "language" in raw:
        value = raw["language"]
        language = normalize_lang(value) if isinstance(value, str) else None
        if language is None:
            raise fail("language", f"unknown language {value!r}; use a code such as {_known_codes()}")
    url = raw.get("url")
    if url is not None:
        try:
            parts = urlsplit(url) if isinstance(url, str) else None
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise fail("url", f"{url!r} is not an absolute http(s) address")
        if "@" in parts.netloc:
            # "https://www.cancer.gov@evil.example/" goes to evil.example: the handout's link and QR code would
            # credit one site and open another.
            raise fail(
                "url", f"{url!r} has a user name or password before '@' (it goes to {parts.hostname}); remove it"
            )
    reviewed = raw.get("lastReviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        try:
            reviewed = dt.date.fromisoformat(str(reviewed).strip())
        except ValueError:
            raise fail("lastReviewed", f"{reviewed!r} is not a date; write it as YYYY-MM-DD") from None
    if isinstance(reviewed, dt.datetime):
        reviewed = reviewed.date()
    audience = raw.get("audienceLevel")
    if audience is not None:
        audience = links.audience(str(audience))
        if audience is None:
            raise fail("audienceLevel", f"{raw['audienceLevel']!r} is not one of: patient, health professional")
    for key in ("tags", "cancerTypes"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise fail(key, "must be a list of texts")
    known = {"title", "language", "url", "lastReviewed", "audienceLevel"}
    return FrontMatter(
        title=title.strip(),
        language=language,
        url=url,
        last_reviewed=reviewed,
        audience=audience,
        extra={k: v for k, v in raw.items() if k not in known},
    )


def _check_lang(value: str, path: str) -> str:
    lang = normalize_lang(value)
    if lang is None:
        raise ArticleError(path, f"unknown language {value!r}; use a code such as {_known_codes()}")
    return lang


def _known_codes() -> str:
    return ", ".join(list(LANGUAGES)[:12]) + ", ..."


# -- body -----------------------------------------------------------------------------------------

# An ATX heading's opening: up to three spaces, one to six "#", then white space or the end of the line.
_ATX_OPEN = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _atx_heading(line: str) -> tuple[int, str] | None:
    """Return the level and text of an ATX heading line ("## Title ##" -> (2, "Title")), or None.

    In Python rather than one regex: a lazy text followed by an optional closing run of "#" makes a
    regex engine try every split of a long run of spaces, which untrusted input can make quadratic.
    """
    m = _ATX_OPEN.match(line)
    if m is None:
        return None
    text = line[m.end() :].strip(" \t")
    without_closing = text.rstrip("#")
    if without_closing != text and without_closing[-1:] in (" ", "\t"):  # a closing run after white space
        text = without_closing.rstrip(" \t")
    return len(m.group(1)), text


def _set_aside_furniture(body: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """Blank out the bodies of reference-list and PDQ-admin sections before markdown parsing.

    They are never scored or shown, and a PDQ summary's reference list (hundreds of list items
    with links) is the costliest markdown of the page. Their text is kept raw, by heading line;
    line numbers are unchanged because each line is blanked, not removed.
    """
    lines = body.split("\n")
    set_aside: dict[int, tuple[int, str]] = {}
    fence: str | None = None
    start = level = -1
    for number, line in enumerate([*lines, "# end"]):  # a sentinel heading closes the last region
        if fence is not None:
            if line.lstrip(" ").startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(line):
            fence = m.group(1)[0] * 3
            continue
        heading = _atx_heading(line)
        if heading is None:
            continue
        depth, title = heading
        if start >= 0 and depth <= level:
            region = lines[start + 1 : number]
            blank = next((k for k, text in enumerate(region) if text.strip()), len(region))
            set_aside[start] = (start + 1 + blank, "\n".join(region[blank:]).rstrip())
            lines[start + 1 : number] = [""] * (number - start - 1)
            start = -1
        if start < 0 and number < len(lines) and boilerplate.section_role(title) is not Role.CONTENT:
            start, level = number, depth
    return "\n".join(lines), {k: v for k, v in set_aside.items() if v[1].strip()}


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Inline markup is parsed by _Builder, block by block, only where the text will be read:
    # reference lists and PDQ admin sections are a third of a PDQ page's inline text.
    md.core.ruler.disable(["inline", "text_join"])
    # We keep hrefs exactly as written (classification reads them); percent-encoding them
    # is work for an HTML renderer, and it is a sixth of the parse time on link-heavy pages.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    md.helpers = FastLinkHelpers()  # type: ignore[assignment]
    if hasattr(md.inline, "terminator_re"):  # markdown-it-py 4.3 and later
        # The text rule stops at every character some extension may use ("-", ":", "=", ...), and then
        # tries each inline rule in turn, in Python, for nothing. Stop only where an enabled rule starts
        # (and at "]", which ends a link's text): the same tokens, a fifth fewer steps.
        md.inline.terminator_re = TERMINATORS
    return md


@dataclass
class _Inline:
    """The plain text and links of one inline token."""

    text: str
    links: list[Link]
    images: list[Image]


@dataclass
class _Builder:
    """Walk markdown-it's token stream once, building sections, blocks, links, images and tables."""

    path: str
    body_line: int
    md: MarkdownIt
    env: dict[str, Any]
    set_aside: dict[int, tuple[int, str]]  # heading line (0-based) -> (first body line, raw body)
    reads: dict[tuple[str, int], _Inline]  # (inline markdown, its line) -> what it reads as
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    _stack: list[int] = field(default_factory=list)  # open sections, outermost first

    def walk(self, tokens: list[Token]) -> None:
        self.sections.append(Section(heading="", level=0, line=self.body_line))
        list_depth = 0
        caption_next = False  # an image paragraph is followed by its caption on cancer.gov
        table: list[list[str]] | None = None
        header_rows = 0
        table_line = 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                level = int(tok.tag[1])
                self._open_section(tokens[i + 1].content.strip(), level, self._line(tok))
                inline = self._inline(tokens[i + 1])  # parsed by the rules of its own section
                heading = inline.text.replace("\n", " ").strip()
                self.sections[-1] = replace(self.sections[-1], heading=heading)
                self._add(BlockKind.HEADING, inline, tok, level=level)
                if tok.map and tok.map[0] in self.set_aside:
                    first, raw = self.set_aside[tok.map[0]]
                    role = self.sections[-1].role
                    self.blocks.append(
                        Block(BlockKind.PARAGRAPH, raw, self.body_line + first, len(self.sections) - 1, role)
                    )
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "table_open":
                table, header_rows, table_line = [], 0, self._line(tok)
            elif kind == "tr_open" and table is not None:
                table.append([])
            elif kind == "thead_close":
                header_rows = len(table or [])
            elif kind in ("th_open", "td_open") and table is not None:
                inline = self._inline(tokens[i + 1])
                table[-1].append(inline.text.replace("\n", " ").strip())
                self._add(BlockKind.TABLE_CELL, inline, tokens[i + 1])  # the cell token has no line map
                i += 3
                continue
            elif kind == "table_close" and table is not None:
                head = tuple(table[0]) if header_rows else ()
                self.tables.append(Table(head, tuple(tuple(r) for r in table[header_rows:]), table_line))
                table = None
            elif kind == "paragraph_open":
                inline = self._inline(tokens[i + 1])
                if list_depth:
                    self._add(BlockKind.LIST_ITEM, inline, tok, level=list_depth)
                elif inline.images and not any(c.isalnum() for c in inline.text):
                    self._add(BlockKind.PARAGRAPH, inline, tok)  # an image alone: no reading text
                    caption_next = True
                    i += 3
                    continue
                elif caption_next and self.images:
                    self.images[-1] = replace(self.images[-1], caption=inline.text.strip())
                    self._add(BlockKind.CAPTION, inline, tok)
                else:
                    self._add(BlockKind.PARAGRAPH, inline, tok)
                caption_next = False
                i += 3
                continue
            elif kind in ("fence", "code_block"):
                self.blocks.append(
                    Block(
                        BlockKind.CODE,
                        tok.content.strip("\n"),
                        self._line(tok),
                        len(self.sections) - 1,
                        Role.BOILERPLATE,
                    )
                )
            elif kind == "html_block":
                pass  # raw HTML is untrusted markup, not reading text: it never reaches scores or handouts
            i += 1

    def mark_duplicate_title(self) -> None:
        """Mark the page-title H1 as boilerplate when the next H1 repeats it ("X - NCI", then "X")."""
        if len(self.blocks) < 2:
            return
        first, second = self.blocks[0], self.blocks[1]
        if (
            first.kind is second.kind is BlockKind.HEADING
            and first.level == second.level == 1
            and title_key(first.text) == title_key(second.text)
        ):
            self.blocks[0] = replace(first, role=Role.BOILERPLATE)

    # A heading closes every open section of its level or deeper; boilerplate sections
    # (the PDQ "About This PDQ Summary" part, reference lists) pass their role to their children.
    def _open_section(self, heading: str, level: int, line: int) -> None:
        while self._stack and self.sections[self._stack[-1]].level >= level:
            self._stack.pop()
        parent = self._stack[-1] if self._stack else 0
        role = self.sections[parent].role if parent else Role.CONTENT
        if role is Role.CONTENT:
            role = boilerplate.section_role(heading)
        self.sections.append(Section(heading, level, line, parent, role))
        self._stack.append(len(self.sections) - 1)

    def _add(self, kind: BlockKind, inline: _Inline, tok: Token, level: int = 0) -> None:
        text = inline.text
        if "[" in text:
            text = without_citation_leftovers(text)
        if "  " in text or "\t" in text:
            text = _SPACES.sub(" ", text)
        text = text.strip(" \n")
        section = len(self.sections) - 1
        line = self._line(tok)
        block_links = tuple(inline.links)
        self.links.extend(block_links)
        self.images.extend(inline.images)
        if not any(c.isalnum() for c in text):
            return  # nothing to read: an image alone, or the "[" left of a broken image link
        role = self.sections[section].role
        if role is Role.CONTENT and boilerplate.is_boilerplate(text):
            role = Role.BOILERPLATE
        self.blocks.append(Block(kind, text, line, section, role, level, block_links))

    def _line(self, tok: Token) -> int:
        return self.body_line + (tok.map[0] if tok.map else 0)

    def _inline(self, tok: Token) -> _Inline:
        """Flatten an inline token: link text stays, markup goes, citations and "Enlarge" go.

        In a boilerplate or reference section the raw source stands in for the text: it is
        never scored or shown, so its inline markup is not worth parsing.
        """
        if self.sections[-1].role is not Role.CONTENT:
            return _Inline(tok.content, [], [])
        if not INLINE_MARKUP.search(tok.content):  # most blocks: no link, no emphasis
            return _Inline(plain_text(tok.content), [], [])
        # The same text on the same line was read by the parse this one is an edit of (simplify.reparse).
        key = (tok.content, self._line(tok))
        inline = self.reads.get(key)
        if inline is None:
            inline = self.reads[key] = self._read_inline(tok)
        return inline

    def _read_inline(self, tok: Token) -> _Inline:
        children: Sequence[InlinePiece | Token] | None = inline_pieces(tok.content, self.md, self.env)
        if children is None:
            parsed: list[Token] = []
            self.md.inline.parse(tok.content, self.md, self.env, parsed)
            children = parsed
        base = self._line(tok)
        parts: list[str] = []
        links: list[Link] = []
        images: list[Image] = []
        line = base
        open_links: list[tuple[str, int, int]] = []  # (href, where its text starts in parts, line)
        for child in children:
            ctype = child.type
            if ctype in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif ctype in ("softbreak", "hardbreak"):
                line += 1
                parts.append("\n")
            elif ctype == "link_open":
                open_links.append((str(child.attrs.get("href", "")), len(parts), line))
            elif ctype == "link_close" and open_links:
                href, start, link_line = open_links.pop()
                text = "".join(parts[start:]).replace("\n", " ").strip()
                links.append(classify(href, text, link_line))
                if _furniture(href, text):
                    del parts[start:]
            elif ctype == "image":
                images.append(
                    Image(
                        src=str(child.attrs.get("src", "")),
                        alt=child.content,
                        title=str(child.attrs.get("title", "") or ""),
                        line=line,
                    )
                )
            # em/strong open/close and html_inline add nothing to the reading text
        return _Inline("".join(parts), links, images)


def _furniture(href: str, text: str) -> bool:
    """Return True for a link that is page furniture, not reading text: a citation marker ("[1]"), "Enlarge"."""
    return is_citation(href) or boilerplate.is_boilerplate_link(text)


def glossary_links(article: Article) -> list[Link]:
    """Return the article's links to the NCI Dictionary of Cancer Terms, in order."""
    return [link for link in article.links if link.kind is LinkKind.GLOSSARY]
