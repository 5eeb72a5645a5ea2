"""The article body as safe, semantic HTML for a handout.

Article markdown is untrusted. It is rendered by markdown-it with raw HTML turned off (tags show
as text, never as markup), and every link is rebuilt here: glossary links become plain words (the
handout explains them; paper cannot click), cancer.gov paths become full addresses a reader can
type, and only http, https, mailto and tel addresses survive as links. Images are left out (a
handout makes no request to another host); their captions are text and stay. Page furniture and
reference lists, as the article model marks them, never reach the handout. Headings are renumbered
under the handout's single h1 so that no level is skipped.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from html import escape
from itertools import islice
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from simplify import boilerplate
from simplify.links import classify, is_citation, without_citation_leftovers
from simplify.marks import LANG_CLOSE, LANG_END, LANG_OPEN
from simplify.model import Article, LinkKind, dropped_lines, furniture_sections

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.parser_core import ParserCore
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

    from simplify.articles import BlockTokens

CANCER_GOV = "https://www.cancer.gov/"
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_DASHES = re.compile(r":?-{3,}:?")  # a cell of a scraped table's second delimiter row
# The title cancer.gov writes above a table (English and Spanish pages): "Table 3. ...", "Cuadro 3. ...".
_TABLE_TITLE = re.compile(r"(?:Table|Tabla|Cuadro)\s+\d+[A-Za-z]?\.(?:\s|$)")
# Runs that must read left to right inside right-to-left text: URLs, e-mail addresses, codes of
# Latin letters and digits, phone numbers, and numbers with their signs, decimals, ranges and percent
# signs ("5 %" keeps its space; a space after a number that no "%" follows stays outside, in the
# right-to-left text). A code is isolated whole: with only its digits isolated, "HER2" reads "2HER"
# and "1-800-4-CANCER" reads "CANCER--41-800" in a right-to-left line.
_CODE_CHAR = r"(?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9]))"
_LTR_RUNS = re.compile(
    r"(?:https?://|www\.)\S+[\w/]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![A-Za-z0-9])(?={_CODE_CHAR}*[A-Za-z])(?={_CODE_CHAR}*[0-9])[A-Za-z0-9]{_CODE_CHAR}*"
    r"|\+?\d[\d\s().-]{6,}\d"
    r"|[-+−]?\d(?:[\d,.]*\d)?(?:\s?[-–]\s?\d(?:[\d,.]*\d)?)?(?:\s?%)?"
)


def body_html(article: Article, *, rtl: bool = False, tokens: Sequence[Token] | None = None) -> str:
    """Return the content of ``article`` (boilerplate and references left out) as HTML.

    Headings start at h2. With ``rtl``, numbers, URLs and phone numbers are isolated
    left-to-right (``<span dir="ltr">``): PDF renderers ignore ``dir="auto"``. ``tokens`` are the
    article's :func:`body_tokens`, when the caller has them already.
    """
    tokens = body_tokens(article) if tokens is None else tokens
    return str(_renderer(rtl).render(tokens, _markdown().options, {}))


def body_markdown(article: Article) -> str:
    """Return the content of ``article`` as markdown that holds what :func:`body_html` shows, and nothing else."""
    return markdown_of(body_tokens(article))


def markdown_of(tokens: Sequence[Token]) -> str:
    """Return a body's :func:`body_tokens` as markdown.

    It is written from the same parsed tokens as the HTML, with the same decisions on links: reference
    links, images and link text in brackets are resolved by the parser first, so no form of link can
    carry an unsafe address (or any image) past it. Text is escaped: no markdown renderer reads it as
    markup. The marks of definitions in another language (simplify.expand) are left out, their words kept.
    """
    from markdown_it.tree import SyntaxTreeNode

    return _md_blocks(SyntaxTreeNode(tokens).children, tight=False) + "\n"


def body_tokens(article: Article, blocks: BlockTokens | None = None) -> list[Token]:
    """Return the tokens of the article's body as a handout shows it: furniture out, headings from h2.

    Both renderings read them and neither changes them, so a handout parses its body once. ``blocks``
    are the block tokens ``article`` was parsed from (:func:`simplify.articles.parse_with_blocks`): when
    they hold no raw HTML and no reference definition, the body is built from them rather than parsed
    again (tests/test_fast_paths.py checks the two ways agree); they are changed in place.
    """
    tokens = _from_blocks(blocks) if blocks is not None else None
    if tokens is None:
        tokens = _parsed(article)
    kept = _without(tokens, dropped_lines(article))
    _tidy_links(kept)
    _flatten_deep_inline(kept, _markdown().options["maxNesting"])
    _empty_headers_as_cells(kept)
    kept = _captioned(_tidied_tables(_without_empty(kept)))
    _renumber_headings(kept)  # after the empty headings are gone: their levels would leave gaps
    return kept


def _parsed(article: Article) -> list[Token]:
    """Parse the body of ``article`` with raw HTML off, furniture sections blank."""
    from simplify.articles import _split_front_matter

    _, body, body_line = _split_front_matter(article.source, article.path)
    # Mended first, as the article was: a mended heading may take its title from a line furniture follows.
    lines = [""] * (body_line - 1) + boilerplate.mended(body).split("\n")  # maps count lines as the article does
    # Furniture sections (a PDQ summary's reference lists are most of its markdown) are not even parsed.
    blank = furniture_sections(article)
    return _markdown().parse("\n".join("" if number in blank else line for number, line in enumerate(lines)))


def _from_blocks(blocks: BlockTokens) -> list[Token] | None:
    """Return the article parser's block tokens with their inline tokens parsed as :func:`_parsed` would.

    The article parser reads raw HTML (to leave it out) where the body's parser shows it as text, and
    keeps link addresses of reference definitions as written: with either in the article, None.
    """
    if blocks.env.get("references") or any(tok.type == "html_block" for tok in blocks.tokens):
        return None
    from markdown_it.rules_core import StateCore

    for tok in blocks.tokens:
        if tok.map:
            tok.map = [line + blocks.offset for line in tok.map]
    blocks.offset = 0  # they count from the article's first line now, should they be read again
    state = StateCore("", _markdown(), {})
    state.tokens = blocks.tokens
    _after_blocks().process(state)
    return state.tokens


def _without(tokens: Sequence[Token], dropped: set[int]) -> list[Token]:
    """Return the tokens, leaving out every block that starts on a dropped line (with all it holds).

    A quote, a list or a list item goes whole only where all its lines are dropped (a furniture section);
    else only the blocks it holds that are furniture do ("Credit: NCI" atop a quote, "Placeholder slot"
    atop an item, the rest of which stays). A table goes whole only so too; in one that stays, a cell is
    left empty where its own text is furniture, and the other cells of its row stay ("| Enlarge | 13% |").
    """
    kept: list[Token] = []
    skip_to = -1  # nesting level at which the block being skipped closes
    depth = 0
    in_cell = False
    for tok in tokens:
        if skip_to >= 0:
            depth += tok.nesting
            if depth == skip_to:
                skip_to = -1
            continue
        if tok.type in ("td_open", "th_open", "td_close", "th_close"):
            in_cell = tok.nesting == 1
        if in_cell and tok.type == "inline":
            if not boilerplate.is_boilerplate("".join(c.content for c in tok.children or () if c.type == "text")):
                kept.append(tok)
            continue
        if (
            tok.map
            and tok.map[0] in dropped
            and tok.type not in _TABLE_PARTS
            and not (tok.type in _CONTAINERS and not dropped.issuperset(range(*tok.map)))
        ):
            if tok.nesting == 1:
                skip_to = depth
                depth += 1
            continue
        depth += tok.nesting
        kept.append(tok)
    return _prune_empty_lists(kept)


# Blocks that hold others: dropped whole only with all their lines. A table's rows are one line each; a
# row's line is dropped where one of its cells is furniture, and the cells decide for themselves.
_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open", "table_open"})
_TABLE_PARTS = frozenset({"thead_open", "tbody_open", "tr_open"})


def _without_empty(tokens: list[Token]) -> list[Token]:
    """Leave out headings ("##" alone on a line), paragraphs and list items (an image alone, an "Enlarge"
    link) with nothing to read, then lists left empty."""
    kept: list[Token] = []
    skip_to = -1  # index of the close of the heading or item being left out
    for i, tok in enumerate(tokens):
        if i <= skip_to:
            continue
        if tok.type in ("heading_open", "paragraph_open", "list_item_open"):
            close = _close_of(tokens, i)
            if not any(has_text(t) for t in tokens[i:close]):
                skip_to = close
                continue
        kept.append(tok)
    return _prune_empty_lists(kept)


def _close_of(tokens: Sequence[Token], start: int) -> int:
    """Return the index of the token that closes the one at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def has_text(tok: Token) -> bool:
    """Return True if a body token holds something to read: words of inline text, or code."""
    if tok.type in ("code_block", "fence"):
        return bool(tok.content.strip())
    return tok.type == "inline" and any(
        c.type in ("text", "code_inline") and c.content.strip() for c in tok.children or ()
    )


def _prune_empty_lists(tokens: list[Token]) -> list[Token]:
    """Drop list open/close pairs left with no items after furniture was taken out."""
    out: list[Token] = []
    for tok in tokens:
        if tok.type in ("bullet_list_close", "ordered_list_close") and out and out[-1].type == tok.type[:-5] + "open":
            out.pop()
            continue
        out.append(tok)
    return out


def _renumber_headings(tokens: Sequence[Token]) -> None:
    """Renumber headings to start at h2 and never skip a level, keeping their relative depth."""
    stack: list[tuple[int, int]] = []  # (source level, handout level)
    for tok in tokens:
        if tok.type not in ("heading_open", "heading_close"):
            continue
        source = int(tok.tag[1])
        if tok.type == "heading_open":
            while stack and stack[-1][0] >= source:
                stack.pop()
            level = min(stack[-1][1] + 1 if stack else 2, 6)
            stack.append((source, level))
            tok.meta["level"] = level
        tok.tag = f"h{stack[-1][1]}" if stack else "h2"


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from simplify.inline import TERMINATORS, FastLinkHelpers, fast_inline_rule, fast_normalize_link

    # Raw HTML is off: "<script>" in an article is shown as text, never run.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    if hasattr(md.inline, "terminator_re"):  # markdown-it-py 4.3 and later: see simplify.articles._markdown
        md.inline.terminator_re = TERMINATORS
    # The same tokens, most of them built by regex (see simplify.inline).
    md.core.ruler.at("inline", fast_inline_rule)
    md.helpers = FastLinkHelpers()  # type: ignore[assignment]
    md.normalizeLink = fast_normalize_link(md.normalizeLink)  # type: ignore[method-assign,assignment]
    return md


@cache
def _after_blocks() -> ParserCore:
    """Return the core rules of :func:`_markdown` that run after its block rule: inline, text_join."""
    core = copy.deepcopy(_markdown().core)
    core.ruler.disable(["normalize", "block"])
    return core


@cache
def _renderer(rtl: bool) -> Any:
    from markdown_it.renderer import RendererHTML

    class Renderer(RendererHTML):
        """markdown-it's HTML renderer with links, images and text made safe for a handout.

        markdown-it finds rules by method name: link_open, link_close, image, text, th_open.
        """

        def __init__(self) -> None:
            super().__init__()
            self.links: list[bool] = []  # per open link: was an <a> written?
            self.kept = 0  # sentences kept in the source language (``⟪en: ...⟫``) open at this point
            self.marked = 0  # definitions in another language open at this point
            self.tables = 0  # tables so far: each gets an id (simplify.handout.pdf re-lays out one too wide)

        def render(self, tokens: Sequence[Token], options: Any, env: Any) -> str:
            self.links = []
            self.kept = self.marked = self.tables = 0
            return str(super().render(tokens, options, env))

        def link_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            href = _safe_href(str(tokens[idx].attrs.get("href", "")))
            self.links.append(href is not None)
            return "" if href is None else f'<a href="{escape(href)}">'

        def link_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return "</a>" if self.links and self.links.pop() else ""

        def image(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return ""  # a handout fetches nothing; a caption, if any, is its own paragraph

        def text(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            content = tokens[idx].content
            html = ltr_isolated(content) if rtl else escape(content, quote=False)
            if "⟪" in html or "⟫" in html:
                html = self._kept_in_source(html)
            return self._marked_lang(html) if LANG_OPEN in html or LANG_CLOSE in html else html

        def _marked_lang(self, html: str) -> str:
            """Say the language of a definition in another language than the body's (simplify.expand)."""

            def mark(m: re.Match[str]) -> str:
                if m.group(1) is not None:
                    self.marked += 1
                    return f'<span lang="{m.group(1)}">'
                if self.marked:
                    self.marked -= 1
                    return "</span>"
                return ""

            return _LANG_MARK.sub(mark, html)

        def _kept_in_source(self, html: str) -> str:
            """Mark a sentence the translation kept in its source language with that language."""

            def mark(m: re.Match[str]) -> str:
                if m.group(1) is not None:
                    self.kept += 1
                    return f'<span lang="{m.group(1)}" class="untranslated">{m.group(0)}'
                if self.kept:
                    self.kept -= 1
                    return "⟫</span>"
                return m.group(0)

            return _KEPT_MARK.sub(mark, html)

        def table_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            self.tables += 1
            return f'<table id="table-{self.tables}">\n'

        def th_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            style = tokens[idx].attrs.get("style")
            return f'<th scope="col" style="{escape(str(style))}">' if style else '<th scope="col">'

    return Renderer()


def _tidy_links(tokens: Sequence[Token]) -> None:
    """Make every link say where it goes, in place.

    "Enlarge" links are emptied out (they open an image the handout does not have), and so are citation
    markers with their brackets, as the article's reading text has them out: "cancer [[26](#cit/…),[27](…)]
    and" reads "cancer and". The handout has no reference list, and "[26,27]" is in the reader's way. In a
    table they are only unlinked: a column of them ("Reference") would be left empty.
    Links with no words to name them (an image alone, a lone ".") are unlinked, as are other numbers that
    point at a list ("([1](…#r1))"). A link whose words say nothing of where it goes ("here", "click
    here", "this link") gets the site's name after them, inside the link: "here (ncbi.nlm.nih.gov)",
    which a printed page shows too.
    """
    in_table = False
    for tok in tokens:
        if tok.type in ("table_open", "table_close"):
            in_table = tok.type == "table_open"
        children = tok.children or []
        cited = False
        i = 0
        while i < len(children):
            child = children[i]
            if child.type != "link_open":
                i += 1
                continue
            close = next(j for j in range(i + 1, len(children)) if children[j].type == "link_close")
            text = "".join(c.content for c in children[i + 1 : close] if c.type in ("text", "code_inline"))
            href = str(child.attrs.get("href", ""))
            if boilerplate.is_boilerplate_link(text) or (is_citation(href) and not in_table):
                for c in children[i : close + 1]:
                    _blank(c)
                cited = cited or is_citation(href)
            elif not any(char.isalnum() for char in text) or (_CITATION.fullmatch(text.strip()) and "#" in href):
                _blank(child)
                _blank(children[close])
            elif _VAGUE.fullmatch(" ".join(text.split())) and (site := _site_of(href)):
                children.insert(close, _text_token(f" ({site})"))
                close += 1
            i = close + 1
        if cited:
            _without_leftovers(children)


def _without_leftovers(children: Sequence[Token]) -> None:
    """Take out what citation markers leave once their links are out ("[, ]"), in place: each run of text
    between two pieces of markup becomes one token, which the markers' brackets and commas were split over;
    a line break inside the run becomes the space a reader sees (a marker may span two lines)."""
    run: Token | None = None
    for child in children:
        if child.type not in ("text", "softbreak"):
            run = None
        elif run is None:
            if child.type == "softbreak":
                continue
            run = child
        else:
            run.content += " " if child.type == "softbreak" else child.content
            _blank(child)
    for child in children:
        if child.type == "text" and "[" in child.content:
            child.content = without_citation_leftovers(child.content)


# Link words that name no place: the reader of a printed page, or of a list of a page's links, cannot
# tell where they go.
_VAGUE = re.compile(
    r"(?:click |read |learn )?(?:here|this|this link|link|more|these|there|this page|this site|this website|website)"
    r"|(?:haga clic |pulse )?(?:aquí|acá|este enlace|enlace|más|esta página|este sitio)",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\[?\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\]?")


def _site_of(href: str) -> str | None:
    """Return the host a link goes to, without "www.", or None for one the handout does not link."""
    safe = _safe_href(href)
    host = urlsplit(safe).hostname if safe else None
    return host.removeprefix("www.") if host else None


def _text_token(content: str) -> Token:
    from markdown_it.token import Token

    return Token("text", "", 0, content=content)


def _flatten_deep_inline(tokens: Sequence[Token], limit: int) -> None:
    """Keep only the words of inline markup nested deeper than ``limit`` (emphasis in hundreds of marks).

    markdown-it pairs emphasis after its inline parse, past its own nesting limit: without this, an
    article of "***...x...***" nests deeper than a tree walk (the markdown body) or WeasyPrint can recurse.
    """
    for tok in tokens:
        flattened: list[bool] = []  # per inline token open at this point: is it too deep?
        for child in tok.children or ():
            if child.nesting == 1:
                flattened.append(len(flattened) >= limit)
                too_deep = flattened[-1]
            elif child.nesting == -1:
                too_deep = flattened.pop()
            else:
                continue
            if too_deep:
                _blank(child)


def _blank(tok: Token) -> None:
    """Make ``tok`` an empty text token, in place: renderers and tree walks pass it by."""
    tok.type, tok.content, tok.children, tok.nesting = "text", "", None, 0


def _empty_headers_as_cells(tokens: Sequence[Token]) -> None:
    """Make an empty header cell a plain cell: a header must name its column. A header row with no words
    at all is left out (scraped tables open with "|  |  |"): printed, it is an empty row of boxes."""
    for i, tok in enumerate(tokens):
        if tok.type == "thead_open":
            close = _close_of(tokens, i)
            if not any(has_text(t) for t in tokens[i:close]):
                for t in tokens[i : close + 1]:
                    _blank(t)
    for i, tok in enumerate(tokens[:-2]):
        if tok.type == "th_open" and tokens[i + 1].type == "inline" and not tokens[i + 1].content.strip():
            tok.type, tok.tag = "td_open", "td"
            tokens[i + 2].type, tokens[i + 2].tag = "td_close", "td"


def _tidied_tables(tokens: list[Token]) -> list[Token]:
    """Return the tokens with each table's body tidied as :func:`_tidied_table` says."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i].type == "table_open":
            close = _close_of(tokens, i)
            out += _tidied_table(tokens[i : close + 1])
            i = close + 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _tidied_table(table: list[Token]) -> list[Token]:
    """Return a table's tokens without the rows scraping left in its body, and with its notes at its foot.

    cancer.gov writes a table's notes (what its abbreviations stand for, where it is adapted from) in a
    footer placed before the body, and the scraped markdown keeps that order: a row of "---" cells, then
    rows with words in their first cell only, then the data (or the notes first, then the dashes). Rows
    of dashes and empty rows are no content, printed they are rows of empty boxes; the notes become the
    table's footer, a cell wide as the table each, after the data they explain. A first-cell-only row
    among the data (a group's name) stays where it is, and so does the group's name that opens the data,
    right after the notes: one in emphasis ("**Stage**"), or one that ends no sentence right before a row
    of data ("All women"). A table of one column has no notes of this kind: every row has words in its
    first cell only.
    """
    rows: list[tuple[int, int, list[Token], list[str]]] = []
    body = next((i for i, tok in enumerate(table) if tok.type == "tbody_open"), len(table))
    for i, tok in enumerate(table[body:], body):
        if tok.type == "tr_open":
            end = _close_of(table, i)
            cells = [t for t in table[i:end] if t.type == "inline"]
            rows.append((i, end, cells, [c.content.strip() if has_text(c) else "" for c in cells]))
    if not rows:
        return table
    dropped: set[int] = set()
    notes: list[list[Token]] = []
    # Some footers come first and end at the row of dashes instead: the body opens with notes, then dashes
    # (where it opens with a group's name, "Age 55 or older:", the notes come after the dashes).
    first_dashes = next((k for k, row in enumerate(rows) if _dash_row(row[3])), None)
    in_notes = (
        first_dashes is not None
        and len(rows[0][2]) > 1
        and all(not any(words) or _note(words) for _, _, _, words in rows[:first_dashes])
    )
    for k, (start, end, cells, words) in enumerate(rows):
        if not any(words):
            dropped.update(range(start, end + 1))
        elif _dash_row(words):
            dropped.update(range(start, end + 1))
            in_notes = len(cells) > 1
        elif in_notes and words[0] and not any(words[1:]) and not _opens_the_data(rows, k):
            dropped.update(range(start, end + 1))
            cell_open, inline, cell_close = table[start + 1 : start + 4]
            cell_open.attrSet("colspan", str(len(cells)))
            notes.append([table[start], cell_open, inline, cell_close, table[end]])
        else:
            in_notes = False
    if not dropped:
        return table
    kept = [tok for i, tok in enumerate(table) if i not in dropped]
    if notes:
        from markdown_it.token import Token

        level = table[body].level
        foot = [Token("tfoot_open", "tfoot", 1, level=level, block=True)]
        foot += [tok for row in notes for tok in row]
        foot.append(Token("tfoot_close", "tfoot", -1, level=level, block=True))
        kept[-1:-1] = foot
    return kept


def _dash_row(words: Sequence[str]) -> bool:
    """Return True if a row with words (its cells' texts) is a row of dashes: a scraped table's second delimiter."""
    return any(words) and all(_DASHES.fullmatch(w) for w in words if w)


def _opens_the_data(rows: Sequence[tuple[int, int, list[Token], list[str]]], k: int) -> bool:
    """Return True if row ``k``, first-cell-only after a table's notes, is the name of the data's first group.

    cancer.gov's notes are sentences, or end with a citation or a parenthesis; a group's name is in emphasis
    as often as not.
    """
    words, cell = rows[k][3][0], rows[k][2][0]
    shown = [c for c in cell.children or () if c.type != "text" or c.content.strip()]
    if shown and shown[0].type in ("em_open", "strong_open") and _close_of(shown, 0) == len(shown) - 1:
        return True
    following = next((row[3] for row in islice(rows, k + 1, None) if any(row[3])), None)
    return following is not None and any(following[1:]) and not _dash_row(following) and not _ends_a_note(words)


def _note(words: Sequence[str]) -> bool:
    """Return True if a row's cells (their texts) are one note: words in the first cell only, ending as notes end."""
    return bool(words[0]) and not any(words[1:]) and _ends_a_note(words[0])


def _ends_a_note(text: str) -> bool:
    """Return True if a table's first-cell-only row ends as cancer.gov's notes do: a sentence, a citation, an aside."""
    return text.rstrip("*_").endswith((".", ")", "]"))


def _captioned(tokens: list[Token]) -> list[Token]:
    """Return the tokens with each table's title paragraph ("Table 2. ...") made the caption of the table after it.

    A caption names the table to a screen reader, and it is laid out with its table: printed, the title
    no longer ends one page while its table starts the next (a landscape one, for a wide table).
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (
            tok.type == "paragraph_open"
            and i + 3 < len(tokens)
            and tokens[i + 3].type == "table_open"
            and tokens[i + 3].level == tok.level
            and _TABLE_TITLE.match(tokens[i + 1].content)
        ):
            opening, inline, closing = tokens[i : i + 3]
            opening.type, opening.tag, opening.hidden = "caption_open", "caption", False
            closing.type, closing.tag, closing.hidden = "caption_close", "caption", False
            inline.level = tok.level + 2  # before ``tok`` (the opening) moves a level in
            opening.level = closing.level = tok.level + 1
            out += [tokens[i + 3], opening, inline, closing]
            i += 4
            continue
        out.append(tok)
        i += 1
    return out


def _safe_href(href: str) -> str | None:
    """Return the address a handout may link to, or None to keep only the link's words.

    Glossary links are explained in the handout itself, and on-page anchors point at nothing in
    it; cancer.gov paths become full addresses; any scheme but http, https, mailto and tel
    (javascript:, data:, vbscript:, file:, ...) is dropped.
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    link = classify(href)
    if link.kind in (LinkKind.GLOSSARY, LinkKind.ANCHOR):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if not parts.scheme:
        if href.startswith("//") or not href.startswith("/"):
            return None  # a protocol-relative or page-relative address: nowhere a handout can point
        return urljoin(CANCER_GOV, href)
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return None
    return href


def ltr_isolated(text: str) -> str:
    """Return ``text`` HTML-escaped, with numbers, URLs and phone numbers isolated left-to-right."""
    return _LTR_RUNS.sub(lambda m: f'<span dir="ltr">{m.group(0)}</span>', escape(text, quote=False))


# The marks around a sentence a translation kept in its source language: "⟪en: " ... "⟫".
_LANG_MARK = re.compile(
    f"{LANG_OPEN}([a-z]{{2,3}}(?:-[A-Za-z0-9]{{2,8}})*){LANG_END}|{LANG_CLOSE}|{LANG_OPEN}[^{LANG_END}]*{LANG_END}"
)
_KEPT_MARK = re.compile(r"⟪([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*): |⟫")
# What markdown could read as markup, a link or raw HTML anywhere in running text; CommonMark lets a
# backslash escape any ASCII punctuation, so each is shown as itself. "(" and ")" are left as they are:
# with "[" and "]" escaped they cannot make a link, and explained words put them everywhere.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# What opens a block at the start of a line: a list item ("-", "+", "12." or "12)"), a setext line ("=").
_MD_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """Return ``text`` as markdown that shows exactly it: no markup, link, raw HTML or (at a line's start) block."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


def _md_blocks(nodes: Sequence[SyntaxTreeNode], *, tight: bool) -> str:
    """Return block nodes as markdown, a blank line between blocks (none between those of a tight list item)."""
    blocks = [block for block in (_md_block(node) for node in nodes) if block.strip()]
    return ("\n" if tight else "\n\n").join(blocks)


def _md_block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "paragraph":
        return _md_inline(node.children)
    if kind == "heading":
        text = _md_inline(node.children, line_start=False)
        return f"{'#' * int(node.tag[1])} {text}" if text else ""
    if kind in ("bullet_list", "ordered_list"):
        start = int(node.attrs.get("start", 1))
        tight = all(not item.children or item.children[0].hidden for item in node.children)
        items: list[str] = []
        for item in node.children:
            # The source's own marker: two lists in a row stay two lists ("-" then "+").
            marker = f"{start + len(items)}{item.markup} " if kind == "ordered_list" else f"{item.markup} "
            if text := _md_blocks(item.children, tight=tight):
                first, *rest = text.split("\n")  # what follows the first line is indented under the marker
                items.append("\n".join([marker + first, *(" " * len(marker) + line if line else "" for line in rest)]))
        return ("\n" if tight else "\n\n").join(items)
    if kind == "blockquote":
        return "\n".join(f"> {line}".rstrip() for line in _md_blocks(node.children, tight=False).split("\n"))
    if kind == "hr":
        return "---"
    if kind == "table":
        return _md_table(node)
    # Code is page furniture, left out before; any other block shows its text, on one line.
    return escape_markdown(" ".join(node.content.split()))


def _md_table(table: SyntaxTreeNode) -> str:
    """Return a table as a GFM pipe table (its first row is the header row markdown needs), its caption as a
    paragraph before it and its notes as paragraphs after it: markdown has neither."""
    caption = next((_md_inline(part.children) for part in table.children if part.type == "caption"), "")
    rows = [row for section in table.children if section.type in ("thead", "tbody") for row in section.children]
    # Markdown has no table footer: the notes follow the table, a paragraph each.
    notes = [
        _md_inline(cell.children)
        for part in table.children
        if part.type == "tfoot"
        for row in part.children
        for cell in row.children
    ]
    if not rows:
        return "\n\n".join(filter(None, [caption, *notes]))
    lines = ["| " + " | ".join(_md_cell(cell) for cell in row.children) + " |" for row in rows]
    if all(part.type != "thead" for part in table.children):  # its empty header row was left out, but markdown
        lines.insert(0, "|" + "  |" * len(rows[0].children))  # needs one
    rules = {"text-align:left": ":---", "text-align:center": ":---:", "text-align:right": "---:"}
    delimiter = "| " + " | ".join(rules.get(str(cell.attrs.get("style", "")), "---") for cell in rows[0].children)
    pipes = "\n".join([lines[0], delimiter + " |", *lines[1:]])
    return "\n\n".join(filter(None, [caption, pipes, *notes]))  # no caption in markdown: a paragraph before


def _md_cell(cell: SyntaxTreeNode) -> str:
    """Return a table cell as markdown in which every "|" is escaped.

    GFM splits a row at each unescaped "|" before reading inline markup: one in a code span ("`a|<b>`")
    would end the cell there, and what follows would no longer be code (raw HTML, say). Inside code,
    "\\|" reads as "|".
    """
    return _UNESCAPED_PIPE.sub(r"\\|", _md_inline(cell.children, line_start=False))


def _md_inline(nodes: Sequence[SyntaxTreeNode], *, line_start: bool = True) -> str:
    """Return the inline content of a block (its ``inline`` node, or inline nodes) as markdown on one line.

    ``line_start`` is False where nothing can open a block (a heading's text, a table cell): "## 1. What
    is ..." needs no "1\\." there.
    """
    if len(nodes) == 1 and nodes[0].type == "inline":
        nodes = nodes[0].children
    return _md_span(nodes, line_start=line_start).strip()


def _md_span(nodes: Sequence[SyntaxTreeNode], *, line_start: bool) -> str:
    pieces: list[tuple[str, str]] = []  # (emphasis mark or "", markdown)
    last: int | None = None  # the last piece with any markdown
    written = False  # whether a piece has text yet: a block mark at the line's start is read only before it

    def add(text: str, mark: str = "") -> None:
        nonlocal last, written
        # "**a**" then "**:**" would read "**a****:**", which is neither: spans side by side become one.
        if mark and last is not None and pieces[last][0] == mark:
            pieces[last] = (mark, pieces[last][1] + text)
        else:
            pieces.append((mark, text))
            if text:
                last = len(pieces) - 1
        written = written or bool(text.strip())

    for node in _without_dropped_links(nodes):
        at_start = line_start and not written
        kind = node.type
        if kind in ("em", "strong"):
            add(_md_span(node.children, line_start=at_start), "*" if kind == "em" else "**")
        elif kind == "text":
            add(escape_markdown(_unmarked(node.content), line_start=at_start))
        elif kind in ("softbreak", "hardbreak"):
            add(" ")  # one line per block: a break can never start a new block
        elif kind == "code_inline":
            longest = max((len(run) for run in re.findall(r"`+", node.content)), default=0)
            ticks = "`" * (longest + 1)
            pad = " " if node.content.startswith("`") or node.content.endswith("`") else ""
            add(f"{ticks}{pad}{node.content}{pad}{ticks}")
        elif kind == "link":
            inner, href = _md_span(node.children, line_start=False), _safe_href(str(node.attrs.get("href", "")))
            add(f"[{inner}]({_md_destination(str(href))})" if inner.strip() else inner)
        elif kind != "image":  # a handout fetches nothing (as in the HTML)
            add(escape_markdown(node.content, line_start=at_start))
    # What follows each piece: the first character of the next piece that has any (one pass back). Marks
    # are not counted: side by side they make one run ("*" then "**" is "***"), and CommonMark reads a run
    # by the characters outside it.
    follows = [""] * len(pieces)
    for k in range(len(pieces) - 2, -1, -1):
        text = pieces[k + 1][1]
        follows[k] = text[0] if text else follows[k + 1]
    out = before = ""  # before: the last character written, marks not counted
    for k, (mark, text) in enumerate(pieces):
        core = text.strip()
        if mark and core and _can_open(before, core[0]) and _can_open(follows[k], core[-1]):
            out += f"{text[: len(text) - len(text.lstrip())]}{mark}{core}{mark}{text[len(text.rstrip()) :]}"
        else:  # no emphasis a renderer would read as such here: the words alone
            out += text
        before = text[-1:] or before
    return out


def _unmarked(text: str) -> str:
    """Return ``text`` without the marks of a definition in another language, keeping its words."""
    return _LANG_MARK.sub("", text) if LANG_OPEN in text or LANG_CLOSE in text else text


def _without_dropped_links(nodes: Sequence[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
    """Return the nodes with each link a handout does not keep (glossary, unsafe) replaced by its words."""
    out: list[SyntaxTreeNode] = []
    for node in nodes:
        keep = node.type != "link" or _safe_href(str(node.attrs.get("href", ""))) is not None
        out.extend([node] if keep else _without_dropped_links(node.children))
    return out


def _can_open(outside: str, inside: str) -> bool:
    """Return True if an emphasis mark between ``outside`` and ``inside`` (one character each) is read as one.

    CommonMark's flanking rule: punctuation just inside the mark needs space or punctuation outside it.
    """
    return not _is_punctuation(inside) or not outside or outside.isspace() or _is_punctuation(outside)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _md_destination(href: str) -> str:
    """Return a safe address as a link destination: a space or bracket in it cannot end the link early."""
    return re.sub(r"([()\\<> ])", lambda m: "%20" if m.group(1) == " " else "\\" + m.group(1), href)
