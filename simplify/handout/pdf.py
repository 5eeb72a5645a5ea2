"""Handouts as PDF with WeasyPrint: PDF/UA-1, so the file is tagged for screen readers.

The pdf/ua-1 variant tags the structure and sets /Lang (from the html lang) and /Title (from the
HTML title, shown as the window title); WeasyPrint embeds subsets of the fonts it draws with, and
the templates choose Noto fonts per language. WeasyPrint is an optional dependency (the ``pdf``
extra): ``score`` and ``check`` never import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from simplify.errors import SimplifyError

PDF_VARIANT = "pdf/ua-1"


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:  # the extra is not installed, or its system libraries are missing
        raise SimplifyError(
            f"PDF handouts need WeasyPrint: pip install 'simplify[pdf]' ({type(exc).__name__}: {exc})"
        ) from None
    _tag_languages_of_parts()
    return weasyprint


def _tag_languages_of_parts() -> None:
    """Make WeasyPrint's tagger give /Lang to the structure elements of parts in another language.

    PDF/UA-1 (7.2) asks that every change of language be declared, and WeasyPrint sets /Lang on the
    document alone: a screen reader read the English body of a Spanish handout, or the English word
    list of an Arabic one, in Spanish or Arabic. The tagger builds the structure element(s) of each
    box in one function; around it, each element made from a box of an HTML element with a lang
    attribute gets that language, and the elements inside inherit it, as PDF structure does.
    """
    import pydyf

    try:
        from weasyprint.pdf import tags
    except ImportError:  # WeasyPrint before 66 tags elsewhere: the parts keep the document's language
        return
    build = getattr(tags, "_build_box_tree", None)  # private: a later WeasyPrint may tag otherwise
    if build is None or getattr(build, "tags_languages", False):
        return

    def build_with_languages(box: Any, *args: Any, **kwargs: Any) -> Any:
        element = box.element
        # The root's lang is the document's /Lang already; its boxes' elements need not repeat it.
        lang = element.get("lang") if element is not None and box.element_tag != "html" else None
        for struct in build(box, *args, **kwargs):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    build_with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_with_languages


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained handout page (no address is ever fetched).

    Table cells keep their words whole ("Lumpectomy", not "Lumpec-tomy" in a column that had room), and a
    table that runs past the right margin so is laid out again with its words hyphenated. One whose words
    cannot fit across the page even hyphenated (seven columns at 18 pt, say) would still run past the margin
    and be cut off: it is laid out again on landscape pages of its own
    (class "wide", handout.css). One that cannot fit those either (ten columns of trial data) is laid
    out in equal columns that may break a word anywhere (word-break, as WeasyPrint's overflow-wrap does
    not break a word made of several inline boxes, such as "*FUS*::*DDIT3*"). A header row taller than
    a quarter of the page (eight columns of long headings at 18 pt) is drawn once rather than on every
    page, where it left room for three lines of data a page. Only pages with such a table are laid out
    more than once.
    """
    weasyprint = _weasyprint()

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError(f"a handout fetches nothing: {url[:60]}")

    options: dict[str, Any] = {"pdf_variant": PDF_VARIANT, "custom_metadata": True, "uncompressed_pdf": False}
    html = _korean_words_kept_whole(html)
    page = weasyprint.HTML(string=html, url_fetcher=no_fetch)
    # Stylesheets given here are the user's: "!important" makes them win over handout.css's "hyphens: auto".
    css: list[Any] = [weasyprint.CSS(string="th, td { hyphens: manual !important; }")]
    document = page.render(font_config=_font_config(), stylesheets=css, **options)
    if crowded := _tables_past_the_margin(document):
        cells = ", ".join(f"#{name} th, #{name} td" for name in crowded)
        css.append(weasyprint.CSS(string=f"{cells} {{ hyphens: auto !important; }}"))
        document = page.render(font_config=_font_config(), stylesheets=css, **options)
    if wide := _tables_past_the_margin(document):
        page = weasyprint.HTML(string=_marked_wide(html, wide), url_fetcher=no_fetch)
        document = page.render(font_config=_font_config(), stylesheets=css, **options)
    if too_wide := _tables_past_the_margin(document):
        fit = ", ".join(f"#{name}" for name in too_wide)
        cells = ", ".join(f"#{name} th, #{name} td" for name in too_wide)
        css.append(weasyprint.CSS(string=f"{fit} {{ table-layout: fixed; }} {cells} {{ word-break: break-all; }}"))
        document = page.render(font_config=_font_config(), stylesheets=css, **options)
    if tall := _headers_too_tall_to_repeat(document):
        heads = ", ".join(f"#{name} > thead" for name in tall)
        css.append(weasyprint.CSS(string=f"{heads} {{ display: table-row-group; }}"))
        document = page.render(font_config=_font_config(), stylesheets=css, **options)
    pdf: bytes = document.write_pdf(**options)
    return pdf


def _marked_wide(html: str, ids: list[str]) -> str:
    """Return the page with the tables of ``ids`` (simplify.handout.body writes their tags) in class "wide"."""
    return re.sub(r'<table id="([^"]+)">', lambda m: f'<table id="{m[1]}" class="wide">' if m[1] in ids else m[0], html)


def _tables_past_the_margin(document: Any) -> list[str]:
    """Return the ids of the tables laid out wider than the page's text area."""
    found: dict[str, None] = {}
    for page, box in _table_boxes(document):
        root = page._page_box.children[0]  # the html element's box: the page's text area
        if box.position_x + box.margin_width() > root.content_box_x() + root.width + 1:
            found[box.element.get("id", "")] = None
    found.pop("", None)  # a table of a user's template, without an id: left as it is
    return list(found)


def _headers_too_tall_to_repeat(document: Any) -> list[str]:
    """Return the ids of the tables whose header rows take more than a quarter of a page's text area.

    WeasyPrint leaves out a header that leaves no room for a row under it: its words were lost.
    """
    found: dict[str, None] = {}
    for page, box in _table_boxes(document):
        head = next((group for group in box.children if group.is_header), None)
        if head.height > page._page_box.height / 4 if head else box.element.find("thead") is not None:
            found[box.element.get("id", "")] = None
    found.pop("", None)  # a table of a user's template, without an id: left as it is
    return list(found)


def _table_boxes(document: Any) -> Iterator[tuple[Any, Any]]:
    """Yield each page of a laid-out document with each box of an HTML table on it (a part of it, if it breaks)."""
    from weasyprint.formatting_structure.boxes import TableBox

    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, TableBox):
                if box.element is not None:
                    yield page, box
                continue
            stack.extend(getattr(box, "children", ()))


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_WORD = re.compile(r"[^\s<>]+")  # a word, then Hangul in it: one regex that wanted both rescanned long runs
_TAG = re.compile(r"(<[^>]*>)")
_RAW_TEXT = re.compile(r"<(/?)(style|script|title|svg|textarea)\b", re.IGNORECASE)  # text that is not laid out as words


def _kept_whole_if_korean(word: re.Match[str]) -> str:
    text = word.group()
    return f'<span style="white-space: nowrap">{text}</span>' if _HANGUL.search(text) else text


def _korean_words_kept_whole(html: str) -> str:
    """Return the page with each Korean word in a span that does not wrap.

    Pango breaks Korean between any two syllables ("만들었습/니다"); Korean breaks lines between
    words, which CSS says with word-break: keep-all, and WeasyPrint does not support it.
    """
    if not _HANGUL.search(html):
        return html
    parts = _TAG.split(html)
    raw = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if opened := _RAW_TEXT.match(part):
                raw += -1 if opened.group(1) else 1
        elif not raw and _HANGUL.search(part):
            parts[i] = _WORD.sub(_kept_whole_if_korean, part)
    return "".join(parts)
