"""PDF handouts read back: tagged PDF/UA, language and title set, fonts embedded, every paragraph there.

Needs WeasyPrint (the pdf extra) and Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk); the
PDF is read with pikepdf (structure) and poppler's pdftotext (text, in reading order).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from htmltext import Page


def _fonts_installed() -> None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("needs fontconfig and Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk)")
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True).stdout
    for family in ("Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans Arabic"):
        if family not in families:
            pytest.skip(f"needs the {family} font (apt-get install fonts-noto-core fonts-noto-cjk)")


@pytest.fixture(scope="module", autouse=True)
def _needs_pdf_stack() -> Iterator[None]:
    pytest.importorskip("weasyprint", reason="needs WeasyPrint: pip install 'simplify[pdf]'")
    pytest.importorskip("pikepdf", reason="needs pikepdf (dev extra)")
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler's pdftotext (apt-get install poppler-utils)")
    _fonts_installed()
    yield


def normalized(text: str) -> str:
    """Text as compared between HTML and PDF: NFKC, no soft hyphens, no white space.

    Where a line breaks (inside a long URL, after a hyphen) is the layout's choice, not the text's.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)  # bidi marks pdftotext adds
    return "".join(text.split()).replace("-", "")  # pdftotext drops a hyphen where a line broke


def pdf_text(path: Path) -> str:
    """Return the PDF's text in reading order, as poppler's pdftotext reads it, without the page footers."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    text = out.stdout
    for number in range(1, pages + 1):  # "2 / 13" at the foot of a page falls inside a paragraph that runs on
        # pdftotext gives the footer with or without its spaces ("3/7"), depending on how the glyphs were placed.
        text = re.sub(rf"(?<!\d){number}\s*/\s*{pages}(?!\d)", "", text, count=1)
    return normalized(text)


def make(handouts: Any, article: Any, tmp_path: Path, lang: str | None = None, **kw: Any) -> tuple[Path, str]:
    written = handouts.write(article, tmp_path, langs=[lang], formats=["html", "pdf"], **kw)
    html = next(w.path for w in written if w.fmt == "html").read_text(encoding="utf-8")
    return next(w.path for w in written if w.fmt == "pdf"), html


def family(name: str) -> str:
    """Return a font's family key: "/ABCDEF+Noto-Sans-CJK-SC-Bold" -> "notosanscjkscbold"."""
    return re.sub(r"[^a-z]", "", name.split("+", 1)[-1].lower())


def fonts_of(pdf: Any) -> dict[str, bool]:
    """Return {font name: embedded?} for every font the pages use, descendant fonts included."""
    found: dict[str, bool] = {}
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            for f in [font, *(font.get("/DescendantFonts") or [])]:
                descriptor = f.get("/FontDescriptor")
                if descriptor is None:
                    continue
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(f.get("/BaseFont"))] = embedded
    return found


def test_seed_pdf_is_tagged_pdf_ua_with_language_title_and_embedded_fonts(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    import pikepdf

    path, html = make(handouts, seed_article, tmp_path)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "en"
        assert str(pdf.docinfo["/Title"]) == "Daratumumab for Multiple Myeloma Improves Progression-Free Survival"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        fonts = fonts_of(pdf)
        assert fonts and all(fonts.values()), fonts
        assert any(family(name) == "notosans" for name in fonts), fonts


def structure_children(node: Any) -> Iterator[Any]:
    """Yield the structure elements right under ``node``."""
    import pikepdf

    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def structure(node: Any) -> Iterator[Any]:
    """Yield every structure element of a tagged PDF under ``node`` (its /StructTreeRoot, say)."""
    for kid in structure_children(node):
        yield kid
        yield from structure(kid)


def test_every_figure_of_the_pdf_has_alternate_text(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    """PDF/UA-1 (ISO 14289-1, 7.3): the QR code is a /Figure, and a figure needs /Alt."""
    import pikepdf

    path, _ = make(handouts, seed_article, tmp_path)
    with pikepdf.open(path) as pdf:
        figures = [e for e in structure(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
        assert [str(f.get("/Alt")) for f in figures] == [seed_article.meta.url]


def test_every_paragraph_of_the_html_is_in_the_pdf(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    path, html = make(handouts, seed_article, tmp_path)
    text = pdf_text(path)
    missing = [p for p in Page(html).paragraphs if normalized(p) not in text]
    assert missing == []


@pytest.mark.shared
def test_a_pdq_summary_with_tables_keeps_every_paragraph(handouts: Any, corpus: list[Path], tmp_path: Path) -> None:
    from simplify import articles

    page = next(p for p in corpus if "\n| --- |" in p.read_text(encoding="utf-8"))
    path, html = make(handouts, articles.load(str(page)), tmp_path)
    text = pdf_text(path)
    missing = [p for p in Page(html).paragraphs if normalized(p) not in text]
    assert missing == []


@pytest.mark.parametrize(("lang", "pdf_lang"), [("de", "en"), ("es", "es")])
def test_the_pdf_says_the_language_its_labels_are_in(
    lang: str, pdf_lang: str, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """German has no catalog: that handout is English throughout, and its /Lang must say so."""
    import pikepdf

    path, _ = make(handouts, seed_article, tmp_path, lang)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == pdf_lang


def test_chinese_draws_with_the_simplified_chinese_font_not_the_japanese_one(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    import pikepdf

    path, _ = make(handouts, seed_article, tmp_path, "zh-Hans")
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
        names = fonts_of(pdf)
    assert any(family(n).startswith("notosanscjksc") for n in names), names
    assert not any("cjkjp" in family(n) for n in names), names


def languages(node: Any, lang: str) -> Iterator[tuple[str, str]]:
    """Yield (structure type, language) for every structure element under ``node``, languages inherited as PDF says."""
    for element in structure_children(node):
        own = str(element.get("/Lang", lang))
        yield str(element.S), own
        yield from languages(element, own)


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_parts_in_another_language_than_the_labels_say_so_in_the_structure(
    lang: str, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """PDF/UA-1 (7.2): a screen reader must read the English body of a Spanish handout in English."""
    import pikepdf

    path, html = make(handouts, seed_article, tmp_path, lang)
    with pikepdf.open(path) as pdf:
        found = list(languages(pdf.Root.StructTreeRoot, str(pdf.Root.Lang)))
    headings = [(int(kind[2]), found_lang) for kind, found_lang in found if re.fullmatch(r"/H\d", kind)]
    assert headings == Page(html).heading_langs
    assert {found_lang for _, found_lang in headings} == {"en", lang}
    if lang == "es":  # the Spanish definitions in parentheses inside the English body
        assert ("/Span", "es") in [(kind, found_lang) for kind, found_lang in found if kind == "/Span"]


@pytest.mark.parametrize(("lang", "cjk"), [("zh-Hant", "tc"), ("zh-TW", "tc"), ("zh-Hans", "sc")])
def test_chinese_in_traditional_characters_draws_with_the_traditional_font(
    lang: str, cjk: str, handouts: Any, tmp_path: Path
) -> None:
    """The body's own language picks its fonts, whatever the labels' language is (English here)."""
    import pikepdf

    from simplify import articles

    chinese = articles.parse(f"---\ntitle: Test\nlanguage: {lang}\n---\n\n# 說明\n\n這份說明書很短。\n", path="zh.md")
    path, _ = make(handouts, chinese, tmp_path, "en")
    with pikepdf.open(path) as pdf:
        names = {family(n) for n in fonts_of(pdf) if "cjk" in family(n)}
    assert names and all(n.startswith(f"notosanscjk{cjk}") for n in names), names


def test_korean_draws_with_the_korean_font_and_breaks_lines_between_words(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    import pikepdf

    path, html = make(handouts, seed_article, tmp_path, "ko")
    with pikepdf.open(path) as pdf:
        names = fonts_of(pdf)
    assert any(family(n).startswith("notosanscjkkr") for n in names), names
    # Korean wraps at spaces: a line that ends inside a word leaves a piece no word of the page is ("만들었습").
    hangul = re.compile(r"[\uac00-\ud7af]")
    words = set(Page(html).text.split())
    pieces = {w for page in pdf_pages(path) for w, *_ in page.words if hangul.search(w) and w not in words}
    assert pieces == set()


def test_arabic_is_right_to_left_with_numbers_and_urls_isolated(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    import pikepdf

    path, html = make(handouts, seed_article, tmp_path, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<a href="https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux" dir="ltr">' in html
    assert re.search(r'<span dir="ltr">\d+[.,٫]\d</span>', html)  # the grades in the Arabic sentence
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "ar"
        names = fonts_of(pdf)
    arabic = {family(n) for n in names if "arabic" in family(n)}
    assert arabic and all(f.startswith("notosansarabic") for f in arabic), names  # one Arabic family, not two
    text = pdf_text(path)
    # The URL reads left to right (it may wrap after any slash): each piece in order, never reversed.
    url = "https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux"
    at = 0
    for piece in normalized(url).split("/"):
        at = text.index(piece, at) + len(piece)
    assert "vog.recnac" not in text
    # Page numbers read "1 / 6", as in every language, not "6 / 1".
    pages = pdf_pages(path)
    folios = [
        normalized("".join(w for w, _, y_min, _, _ in page.words if y_min > page.height - BOTTOM)) for page in pages
    ]
    assert folios == [f"{n}/{len(pages)}" for n in range(1, len(pages) + 1)]


@dataclass(frozen=True)
class PdfPage:
    """One page of a PDF as pdftotext -bbox reads it: its size and the boxes of its words, in points."""

    width: float
    height: float
    words: list[tuple[str, float, float, float, float]]  # text, x min, y min, x max, y max (y down)


def pdf_pages(path: Path, *, drawn_order: bool = False) -> list[PdfPage]:
    """Return every page of the PDF with where each word is drawn, in reading order or in the order drawn."""
    raw = ["-raw"] if drawn_order else []
    xml = subprocess.run(
        ["pdftotext", "-bbox", *raw, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        words = [
            (html.unescape(m.group(5)), *map(float, m.group(1, 2, 3, 4)))
            for m in re.finditer(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page.group(3)
            )
        ]
        pages.append(PdfPage(float(page.group(1)), float(page.group(2)), words))
    return pages


# The page box of handout.css: letter, 0.75in top, 0.7in sides, 0.8in bottom (the page number sits below).
TOP, SIDE, BOTTOM = 0.75 * 72, 0.7 * 72, 0.8 * 72


def filled(page: PdfPage) -> float:
    """Return how far down the printable area the page's text reaches (0 at its top, 1 at its foot)."""
    text_bottom = max((y_max for _, _, _, _, y_max in page.words if y_max < page.height - BOTTOM), default=TOP)
    return (text_bottom - TOP) / (page.height - TOP - BOTTOM)


@pytest.mark.parametrize(
    ("lang", "large_print"), [("en", True), ("es", True), ("ar", True), ("ko", True), ("es", False)]
)
def test_no_page_but_the_last_is_left_near_empty(
    lang: str, large_print: bool, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """Keep-together rules must not push the title, a box or the footer on and on (large print had near-empty pages)."""
    path = handouts.write(seed_article, tmp_path, langs=[lang], formats=["pdf"], large_print=large_print)[0].path
    pages = pdf_pages(path)
    half_empty = {number: round(filled(page), 2) for number, page in enumerate(pages[:-1], 1) if filled(page) < 0.5}
    assert half_empty == {}
    # Page 1 holds the title and the start of the key points, as it does in normal print.
    handout = handouts.gather(seed_article, lang)
    first_page = normalized(" ".join(word for word, *_ in pages[0].words))
    assert normalized(handout.title) in first_page and normalized(handout.key_points[0][:40]) in first_page


def test_a_tall_table_row_breaks_rather_than_leave_a_page_near_empty(handouts: Any, tmp_path: Path) -> None:
    """At 18 pt a row of long cells takes most of a page: kept whole, it left the page before it half empty."""
    from simplify import articles

    words = " ".join(f"step {n} of the plan is kept short and plain for the reader." for n in range(22))
    table = f"| Step | What it means |\n| --- | --- |\n| One | {words} |\n| Two | {words} |"
    plan = articles.parse(
        f"---\ntitle: Plan\nlanguage: en\n---\n\n# Plan\n\nThe plan has steps.\n\n{table}\n", path="p.md"
    )
    path = handouts.write(plan, tmp_path, formats=["pdf"], large_print=True)[0].path
    pages = pdf_pages(path)
    assert {n: round(filled(page), 2) for n, page in enumerate(pages[:-1], 1) if filled(page) < 0.5} == {}


def first_lines(path: Path) -> list[str]:
    """Return the first line of text of every page but the first, normalized, without its list bullet."""
    lines = []
    for page in pdf_pages(path)[1:]:
        top = min(y_min for _, _, y_min, _, _ in page.words)
        lines.append(normalized("".join(word for word, _, y_min, _, _ in page.words if y_min < top + 2)).lstrip("•"))
    return lines


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "large_print"),
    [
        ("about-cancer-treatment-drugs-cladribine.md", True),
        ("about-cancer-treatment-side-effects-nutrition-clear-liquids.md", True),
        ("types-bladder-symptoms.md", False),
    ],
)
def test_no_page_starts_with_the_last_item_of_a_list_alone_or_the_write_in_line(
    name: str, large_print: bool, handouts: Any, corpus: list[Path], tmp_path: Path
) -> None:
    """A lone "possible side effects." at the top of a page, or "Write your own questions here:" away from them."""
    from simplify import articles

    page = next(p for p in corpus if p.name == name)
    path, html = make(handouts, articles.load(str(page)), tmp_path, large_print=large_print)
    lists = re.findall(r"<[uo]l\b[^>]*>(.*?)</[uo]l>", html, re.S)
    last_items = [
        normalized(Page(items[-1]).text) for ul in lists if len(items := re.findall(r"<li.*?</li>", ul, re.S)) > 1
    ]
    write_in = normalized(Page(re.findall(r'<p class="write-in">.*?</p>', html, re.S)[0]).text)
    alone = [line for line in first_lines(path) if any(item.startswith(line) for item in [*last_items, write_in])]
    assert alone == []


@pytest.mark.parametrize(("heading_words", "drawn"), [(2, "on every page"), (20, "once"), (45, "once")])
def test_a_header_row_repeats_on_every_page_of_its_table_unless_it_is_tall(
    heading_words: int, drawn: str, handouts: Any, tmp_path: Path
) -> None:
    """Eight columns of long headings at 18 pt took two thirds of each page: 14 pages held three rows.

    A header with no room for a row under it was not drawn at all.
    """
    from simplify import articles

    head = "| " + " | ".join(f"Col{n} " + " ".join(["words"] * heading_words) for n in range(3)) + " |"
    cell = " ".join(f"result {n} is kept short and plain." for n in range(8))
    rows = "\n".join(f"| {cell} | {cell} | {cell} |" for _ in range(8))
    body = f"# Results\n\nThe results.\n\n{head}\n|{' --- |' * 3}\n{rows}\n"
    results = articles.parse(f"---\ntitle: Results\nlanguage: en\n---\n\n{body}", path="results.md")
    path = handouts.write(results, tmp_path, formats=["pdf"], large_print=True)[0].path
    pages = pdf_pages(path)
    with_rows = [n for n, page in enumerate(pages, 1) if any(word == "result" for word, *_ in page.words)]
    with_heading = [n for n, page in enumerate(pages, 1) if any(word == "Col0" for word, *_ in page.words)]
    assert len(with_rows) > 2
    if drawn == "on every page":
        assert with_heading == with_rows
    else:  # above the first row, or the page before it
        assert len(with_heading) == 1 and with_heading[0] in (with_rows[0] - 1, with_rows[0])


def past_the_margins(path: Path) -> list[str]:
    """Return the words drawn outside the page's text area, left or right (cut off, or nearly, on paper)."""
    return [
        word
        for page in pdf_pages(path)
        for word, x_min, _, x_max, _ in page.words
        if x_min < SIDE - 1 or x_max > page.width - SIDE + 1
    ]


@pytest.mark.parametrize("large_print", [False, True])
def test_a_table_too_wide_for_the_page_is_fitted_into_it(large_print: bool, handouts: Any, tmp_path: Path) -> None:
    """Ten columns of trial numbers no hyphenation can break: laid out as written, they run off the page."""
    from simplify import articles

    head = "| " + " | ".join(f"Trial group {n}" for n in range(10)) + " |"
    row = "| " + " | ".join(f"*NCT*{n:011d}" for n in range(10)) + " |"  # a word across two inline boxes
    body = f"# Trials\n\nThe trials, by number.\n\n{head}\n|{' --- |' * 10}\n{row}\n\nAfter the table.\n"
    wide = articles.parse(f"---\ntitle: Trials\nlanguage: en\n---\n\n{body}", path="trials.md")
    path, _ = make(handouts, wide, tmp_path, large_print=large_print)
    assert past_the_margins(path) == []
    # Every character of the table is drawn (cells are read across the row, so compare counts, not order).
    drawn = Counter("".join(word for page in pdf_pages(path) for word, *_ in page.words))
    assert Counter(normalized(head + row).replace("|", "").replace("*", "")) - drawn == Counter()


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["types-colorectal-screening-fact-sheet.md", "about-cancer-treatment-cam-hp-aromatherapy-pdq.md"]
)
def test_the_corpus_tables_stay_inside_the_page(name: str, handouts: Any, corpus: list[Path], tmp_path: Path) -> None:
    from simplify import articles

    page = next(p for p in corpus if p.name == name)
    path, _ = make(handouts, articles.load(str(page)), tmp_path)
    assert past_the_margins(path) == []


def whole_words(path: Path) -> set[str]:
    """Return the words the PDF draws, each also joined to the next where a line broke at a hyphen or slash.

    Words are read in the order drawn: a table cell's lines one after another, not across the row. A row
    that a page's foot breaks goes on at the top of the next page, each cell where it was: a word broken
    at the last line a cell has on a page goes on in a line that opens in the cell's place there (each such
    line is tried: a repeated header row comes first).
    """
    found: set[str] = set()
    broken_off: list[Fragment] = []  # words the foot of the page before broke
    for page in pdf_pages(path, drawn_order=True):
        carried: list[Fragment] = []  # starts of a word the line before broke, as far as they can be told
        ends_here: list[Fragment] = []
        line_y, line_left = -1.0, 0.0
        for word, x_min, y_min, _x_max, _y_max in page.words:
            opens_a_line = abs(y_min - line_y) > 1
            if opens_a_line:
                line_y, line_left = y_min, x_min
            # Drawn next but no line below: the cell ends on this page, and its broken word goes on on the next.
            ends_here += [f for f in carried if y_min <= f.y + 1]
            starts = ["", *(f.text for f in carried)]
            if opens_a_line:
                starts += [f.text for f in broken_off if f.left - 2 <= x_min <= f.x + 2]
            joins = {start + word for start in starts}
            found |= joins
            carried = [
                # The hyphen that hyphenation drew is not the word's; one the word has may break a line too.
                Fragment(joined[:-1] if joined.endswith("\u2010") else joined, line_left, x_min, y_min)
                for joined in joins
                if joined.endswith(("\u2010", "-", "/", "\u2013"))
            ]
        broken_off = [*ends_here, *carried]
    return found


@dataclass
class Fragment:
    """The start of a word that a line broke, drawn on a line that opens at ``left``, itself at ``x``, ``y``."""

    text: str
    left: float
    x: float
    y: float


def table_words(html: str) -> list[str]:
    """Return the words of the page's tables' cells, in order."""
    tables = "".join(re.findall(r"<table.*?</table>", html, re.S))
    return " ".join(Page(tables).paragraphs).split()


def landscape_pages(path: Path) -> list[PdfPage]:
    """Return the pages of the PDF that are wider than they are tall."""
    return [page for page in pdf_pages(path) if page.width > page.height]


# Seven columns whose words hyphenate badly or not at all: at 18 pt they cannot fit across a portrait page.
SEVEN_COLUMNS = "\n".join(
    [
        "| Visit | Fasting beforehand? | Anesthesia given? | Transportation arranged? | Medications stopped? "
        "| Recommended frequency | Additional considerations |",
        "|" + " --- |" * 7,
        "| Checkup | Sometimes | Rarely | Unnecessary | Occasionally | Every 12345678 days | Bring 87654321 forms |",
        "| Scan | Overnight | Usually | Recommended | Anticoagulants | Every 24681357 days | Allow 13572468 hours |",
    ]
)

# Ten columns of numbers no hyphenation can break: too wide for a portrait page even at 13 pt.
TEN_COLUMNS = "\n".join(
    ["| Visit | " + " | ".join(f"Site {n}" for n in range(9)) + " |", "|" + " --- |" * 10]
    + ["| Checkup | " + " | ".join(f"{n}{row}" * 2 for n in range(10, 19)) + " |" for row in (10, 20)]
)


@pytest.mark.parametrize(
    ("table", "large_print", "landscape"),
    [(SEVEN_COLUMNS, True, True), (SEVEN_COLUMNS, False, False), (TEN_COLUMNS, False, True)],
)
def test_a_table_too_wide_for_a_portrait_page_gets_a_landscape_page_and_keeps_its_words_whole(
    table: str, large_print: bool, landscape: bool, handouts: Any, tmp_path: Path
) -> None:
    """Laid out in equal columns at 18 pt, seven columns broke words anywhere ("neede d"); 13 pt fits them upright."""
    from simplify import articles

    body = f"# Visits\n\nWhat each visit asks of you.\n\n{table}\n\nAfter the table.\n"
    visits = articles.parse(f"---\ntitle: Visits\nlanguage: en\n---\n\n{body}", path="visits.md")
    path, html = make(handouts, visits, tmp_path, large_print=large_print)
    assert [w for w in table_words(html) if w not in whole_words(path)] == []
    assert past_the_margins(path) == []
    turned = landscape_pages(path)
    assert bool(turned) is landscape
    if landscape:  # the table alone is turned: the text before and after it stays on upright pages
        drawn = {word for page in turned for word, *_ in page.words}
        assert {"Visit", "Checkup"} <= drawn and not {"What", "After"} & drawn
    assert smallest_type_pt(path) >= (18 if large_print else 12) - 0.01  # page numbers of turned pages included


@pytest.mark.shared
def test_the_colorectal_screening_table_keeps_its_words_whole_in_large_print(
    handouts: Any, corpus: list[Path], tmp_path: Path
) -> None:
    from simplify import articles

    page = next(p for p in corpus if p.name == "types-colorectal-screening-fact-sheet.md")
    path, html = make(handouts, articles.load(str(page)), tmp_path, large_print=True)
    assert [w for w in table_words(html) if w not in whole_words(path)] == []
    assert landscape_pages(path) and past_the_margins(path) == []


def test_a_header_row_with_nothing_in_it_is_not_drawn(handouts: Any, tmp_path: Path) -> None:
    """Drug combination pages open their tables with an empty header row: a bare strip of borders, an empty row."""
    import pikepdf

    from simplify import articles

    table = "|  |  |\n| --- | --- |\n| FOL | folinic acid |\n"
    drugs = articles.parse(f"---\ntitle: Drugs\nlanguage: en\n---\n\n# Drugs\n\nThe drugs:\n\n{table}", path="drugs.md")
    path, _ = make(handouts, drugs, tmp_path)
    with pikepdf.open(path) as pdf:
        rows = [e for e in structure(pdf.Root.StructTreeRoot) if e.S == "/TR"]
        assert "/THead" not in {str(e.S) for e in structure(pdf.Root.StructTreeRoot)}
    assert len(rows) == 1


def smallest_type_pt(path: Path) -> float:
    """Return the smallest font size the PDF sets (WeasyPrint sets sizes in CSS pixels, 0.75 pt each)."""
    import pikepdf

    sizes = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            sizes += [float(ops[-1]) for ops, op in pikepdf.parse_content_stream(page) if str(op) == "Tf"]
    return min(sizes) * 0.75


def test_no_type_of_the_pdf_is_smaller_than_12_pt_or_18_pt_in_large_print(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """Page numbers, tables, the footer and the QR caption included."""
    normal = handouts.write(seed_article, tmp_path / "n", formats=["pdf"])[0].path
    large = handouts.write(seed_article, tmp_path / "l", formats=["pdf"], large_print=True)[0].path
    assert smallest_type_pt(normal) >= 12 - 0.01
    assert smallest_type_pt(large) >= 18 - 0.01


def test_hostile_markup_does_not_reach_the_pdf(handouts: Any, tmp_path: Path) -> None:
    import pikepdf

    from simplify import articles

    hostile = articles.parse(
        "---\ntitle: Test\nlanguage: en\n---\n\n# Test\n\n[click](javascript:alert(1)) "
        '<a href="javascript:alert(2)">two</a> <script>alert(3)</script>\n',
        path="hostile.md",
    )
    path = handouts.write(hostile, tmp_path, formats=["pdf"])[0].path
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get("/A")
                uri = str(action.get("/URI")) if action is not None and "/URI" in action else ""
                assert not uri.lower().startswith(("javascript", "data")), uri
                assert action is None or action.get("/S") != "/JavaScript"
        assert "/JavaScript" not in (pdf.Root.get("/Names") or {})


@pytest.mark.parametrize("large_print", [False, True])
def test_table_cells_keep_their_words_whole_where_the_table_has_room(
    large_print: bool, handouts: Any, tmp_path: Path
) -> None:
    """A long second column squeezed the first, whose words were hyphenated though whole ones fit ("Radio-therapy")."""
    from simplify import articles

    long = " ".join(["the treatment goes on for some weeks and then it stops"] * 4)
    rows = "\n".join(f"| {name} | {long} |" for name in ("Radiotherapy afterwards", "Chemotherapy first"))
    body = f"# Choices\n\nThe choices.\n\n| Choice | What happens |\n| --- | --- |\n{rows}\n"
    choices = articles.parse(f"---\ntitle: Choices\nlanguage: en\n---\n\n{body}", path="choices.md")
    path, _ = make(handouts, choices, tmp_path, large_print=large_print)
    words = [word for page in pdf_pages(path) for word, *_ in page.words]
    assert {"Radiotherapy", "Chemotherapy", "afterwards"} <= set(words)
    assert not [word for word in words if word.endswith(("-", "‐"))]  # no line ends inside a word
    assert past_the_margins(path) == []
