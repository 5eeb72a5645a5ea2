"""markdown-it's inline rules, answered by regexes for the markup real pages hold.

A cancer.gov page is mostly plain text, links with a title, citations and a little emphasis; markdown-it
reads every one of their characters in Python. :func:`inline_tokens` builds, from a regex walk, the very
tokens markdown-it's rules give such content, and declines anything else (tests/test_fast_paths.py
compares the two on generated content and on every block of the real pages). Article parsing and
handout bodies both read their inline markup through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_T = TypeVar("_T")

# Where a CommonMark inline rule may start: "\n" newline, "\\" escape, "`" code, "*" and "_" emphasis,
# "[" link, "!" image, "<" autolink and HTML, "&" entity; and "]", the end of a link's text.
TERMINATORS = re.compile(r"[\n\\`*_\[\]!<&]")
# The same but line breaks: inline text without any of these is plain text (see plain_text).
INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&]")

# The inline markup of most cancer.gov paragraphs: links with a title ("[text](url "title")"), citations
# ("[[3](#cit/section_2.3),[4](#cit/section_2.4)]"), emphasis ("**Stage II**", "*BRCA1*", "**[term](url)
# (abbr).**"), brackets ("[NCI]") and images ("![alt](src)").
# What a bare link destination may hold: no space or control character, parenthesis, backslash or "<".
_DESTINATION = r"[^\x00-\x20\x7f()\\<]"
# Characters of markup that are text where they stand: "!" not before "["; "<" before no tag (a letter, "/",
# "!" or "?") and no autolink ("<...>" without a space): "p < .05", "<1%"; "&" that starts no entity: "H&E".
_AS_TEXT = r"!(?!\[)|<(?![A-Za-z/!?])(?![^\s<>]*>)|&(?!#?[A-Za-z0-9]+;)"
_PLAIN = rf"(?:[^\\`*_\[\]!<&]++|{_AS_TEXT})++"  # runs of plain characters in one step, not one by one
_INNER = rf"(?:[^\\`*_\[\]!<&\n]|{_AS_TEXT})"  # plain, within one line
_EDGE = r"[^\\`*_\[\]!<&\s]"  # a link text's first and last characters: no markup, no space
_TITLE = r"(?: +(?:\"(?P<{0}>[^\"\\\n]*)\"|'(?P<{0}1>[^'\\\n]*)'))? *\)"
_LINK = rf"\[(?P<text>{_EDGE}(?:{_INNER}*{_EDGE})?)\]\((?P<dest>{_DESTINATION}+)" + _TITLE.format("title")
_IMAGE = rf"!\[(?P<alt>{_EDGE}(?:{_INNER}*{_EDGE})?)\]\((?P<src>{_DESTINATION}+)" + _TITLE.format("image_title")
_BARE_LINK = re.sub(r"\(\?P<\w+>", "(?:", _LINK)
# CommonMark's flanking rules, kept to cases that are plainly met: a delimiter run opens next to a letter
# or digit, or before other text when white space or an opening mark is on its other side; it closes
# likewise. An emphasized text holds plain text and links on one line.
_OPEN = r"(?:(?<![^\s(\"'])(?P=run)(?=[^\s*])|(?P=run)(?=[A-Za-z0-9]))"
_CLOSE = r"(?:(?<=[A-Za-z0-9])(?P=run)|(?<=[^\s*])(?P=run)(?![^\s.,;:!?)\"']))(?!\*)"
_EMPHASIS = r"(?<!\*)(?=(?P<run>\*\*?))" + _OPEN + rf"(?P<emphasized>(?:{_INNER}|{_BARE_LINK})+)" + _CLOSE
_PIECE = re.compile(
    rf"(?P<plain>{_PLAIN})|{_LINK}|\[(?P<bracketed>(?:{_INNER}|{_BARE_LINK})*)\](?!\()|{_EMPHASIS}|{_IMAGE}"
)

# An address markdown-it's normalizeLink hands back as it is, after parsing, formatting and percent-encoding
# it in Python: relative ("/path?query", "#fragment") or on a lower-case ASCII host, of characters mdurl
# keeps. Nearly every link of a cancer.gov page.
_NORMAL_ADDRESS = re.compile(r"(?:#|/(?!/)|https?://[a-z0-9.\-]+(?=[/?#]|$))[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*")
# Up to the first character that could end or complicate a bare link destination.
_PLAIN_DESTINATION = re.compile(f"{_DESTINATION}*")


def plain_text(content: str) -> str:
    """Return the reading text of inline content that holds no markup, as markdown-it's inline rules give it.

    Its only tokens are text and line breaks: spaces and tabs that begin a line are skipped, and the
    spaces that end one (a hard break's, or a soft break's) are dropped.
    """
    if "\n" not in content:
        return content
    first, *rest = content.split("\n")
    lines = [first, *(line.lstrip(" \t") for line in rest)]
    return "\n".join([*(line.rstrip(" ") for line in lines[:-1]), lines[-1]])


def inline_tokens(content: str, md: MarkdownIt, env: Mapping[str, Any]) -> list[Token] | None:
    """Return the tokens markdown-it's inline rules give ``content``, when it holds only the markup ``_PIECE`` knows.

    Return None for any other markup, for a link markdown-it would refuse ("javascript:"), and on a page
    with reference definitions, where "[x]" may be a link.
    """
    from markdown_it.token import Token

    return _walk(content, md, env, Token)


def inline_pieces(content: str, md: MarkdownIt, env: Mapping[str, Any]) -> list[InlinePiece] | None:
    """Return what an article reads of :func:`inline_tokens`: each token's type, text and attributes.

    Building markdown-it's tokens costs more than reading them: loading an article does without.
    """
    return _walk(content, md, env, InlinePiece)


class InlinePiece:
    """The type, text and attributes of an inline token, which are all an article reads of it."""

    __slots__ = ("attrs", "content", "type")

    def __init__(self, kind: str, tag: str, nesting: int, **fields: Any) -> None:
        self.type: str = kind
        self.content: str = fields.get("content", "")
        self.attrs: dict[str, str] = fields.get("attrs") or {}


def _walk(content: str, md: MarkdownIt, env: Mapping[str, Any], make: Callable[..., _T]) -> list[_T] | None:
    if "references" in env:
        return None
    walk = _Walk(md, make)
    if walk.add(content) != len(content):
        return None
    walk.flush()
    return walk.tokens


def fast_inline_rule(state: StateCore) -> None:
    """Parse every inline token of a document, as markdown-it's core "inline" rule does: by :func:`inline_tokens`
    where it can."""
    for tok in state.tokens:
        if tok.type == "inline":
            children = inline_tokens(tok.content, state.md, state.env)
            if children is None:
                children = []
                state.md.inline.parse(tok.content, state.md, state.env, children)
            tok.children = children


def fast_normalize_link(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """Return markdown-it's ``normalizeLink`` that answers at once for an address it would not change."""

    def normalize_link(url: str) -> str:
        return url if _NORMAL_ADDRESS.fullmatch(url) else normalize(url)

    return normalize_link


class _Walk(Generic[_T]):
    """Inline tokens built the way markdown-it's StateInline builds them: text waits until the next token."""

    def __init__(self, md: MarkdownIt, make: Callable[..., _T]) -> None:
        self.md = md
        self.tokens: list[_T] = []
        self.pending = ""  # text waiting for the next token
        # markdown-it leaves an empty text token where the other half of a "**" run was, unless text beside
        # it takes it in.
        self.remnant = False
        self.level = 0
        self._token = make

    def add(self, content: str) -> int:
        """Add the tokens of the pieces that make up ``content``; return where they stop."""
        end = 0
        for piece in _PIECE.finditer(content):
            if piece.start() != end:
                return end
            end = piece.end()
            if (plain := piece["plain"]) is not None:
                if "\n" in plain:
                    self.plain(plain)
                else:
                    self.pending += plain
            elif (text := piece["text"]) is not None:
                found = self.address(content, piece, "dest", "title")
                if found is None:
                    return piece.start()
                href, title = found
                self.push("link_open", "a", 1, attrs={"href": href, **title})
                self.pending = text
                self.push("link_close", "a", -1)
            elif (alt := piece["alt"]) is not None:
                found = self.address(content, piece, "src", "image_title")
                if found is None:
                    return piece.start()
                src, title = found
                alt_text = self._token("text", "", 0, content=alt)  # the alt text parsed alone: plain text
                attrs = {"src": src, "alt": "", **title}
                self.push("image", "img", 0, attrs=attrs, children=[alt_text], content=alt)
            elif (bracketed := piece["bracketed"]) is not None:
                self.pending += "["
                if self.add(bracketed) != len(bracketed):
                    return piece.start()
                self.pending += "]"
            else:
                inner, run = piece["emphasized"], piece["run"]
                strong = len(run) == 2
                tag = "strong" if strong else "em"
                self.remnant |= strong
                self.push(f"{tag}_open", tag, 1, markup=run)
                if self.add(inner) != len(inner):
                    return piece.start()
                self.push(f"{tag}_close", tag, -1, markup=run)
                self.remnant = strong
        return end

    def address(
        self, content: str, piece: re.Match[str], group: str, title_group: str
    ) -> tuple[str, dict[str, str]] | None:
        """Return a link's or image's address, as markdown-it normalizes it, and its title as attributes.

        None when markdown-it would refuse the address ("javascript:").
        """
        # The destination as the link rule reads it (entities decoded), by the same helper.
        dest = self.md.helpers.parseLinkDestination(content, piece.start(group), piece.end(group)).str
        href = self.md.normalizeLink(dest)
        if not self.md.validateLink(href):
            return None
        title = piece[title_group] or piece[title_group + "1"] or ""
        title = _unescape(title) if "&" in title else title
        return href, {"title": title} if title else {}

    def plain(self, text: str) -> None:
        """Add plain text: a line break ends the text before it, as markdown-it's newline rule does."""
        first, *lines = text.split("\n")
        self.pending += first
        for line in lines:
            if self.pending.endswith("  "):
                self.pending = self.pending.rstrip(" ")
                self.push("hardbreak", "br", 0)
            else:
                self.pending = self.pending.removesuffix(" ")
                self.push("softbreak", "br", 0)
            self.pending = line.lstrip(" \t")

    def push(self, kind: str, tag: str, nesting: Literal[-1, 0, 1], **fields: Any) -> None:
        """Add a token, after the text waiting before it."""
        self.flush()
        if nesting < 0:
            self.level -= 1
        self.tokens.append(self._token(kind, tag, nesting, level=self.level, **fields))
        if nesting > 0:
            self.level += 1

    def flush(self) -> None:
        """Add the waiting text as a token."""
        if self.pending or self.remnant:
            self.tokens.append(self._token("text", "", 0, content=self.pending, level=self.level))
        self.pending, self.remnant = "", False


def _unescape(text: str) -> str:
    from markdown_it.common.utils import unescapeAll

    return unescapeAll(text)


class FastLinkHelpers:
    """markdown-it's link helpers with a regex fast path for plain link destinations.

    Real pages hold tens of thousands of links; markdown-it scans each destination one
    character at a time in Python, the largest single cost of parsing them. A destination
    with no parentheses, backslash, "<" or entity is its own slice of the source, so the
    regex answers those exactly (entities decoded as markdown-it does) and everything else goes
    to markdown-it's own parser.
    """

    def __init__(self) -> None:
        from markdown_it import helpers

        self._helpers = helpers
        self.parseLinkLabel = helpers.parseLinkLabel
        self.parseLinkTitle = helpers.parseLinkTitle

    def parseLinkDestination(self, string: str, pos: int, maximum: int) -> Any:  # noqa: N802 (markdown-it's name)
        m = _PLAIN_DESTINATION.match(string, pos, maximum)
        end = m.end() if m else pos
        if end > pos and (end == maximum or string[end] not in "(\\<"):
            result = self._helpers.parse_link_destination._Result()
            dest = string[pos:end]
            result.ok, result.pos, result.str = True, end, _unescape(dest) if "&" in dest else dest
            return result
        return self._helpers.parseLinkDestination(string, pos, maximum)
