"""Loading articles: front matter, the markdown body, messy real pages, and bad input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from simplify import articles
from simplify.errors import ArticleError
from simplify.model import BlockKind, LinkKind, Role

FRONT = """---
title: Treating a Made-Up Condition
language: en
url: https://www.cancer.gov/example/page
lastReviewed: '2024-05-01'
audienceLevel: patient
tags:
- example
---
"""


def parse(body: str, front: str = FRONT, **kw: str) -> articles.Article:
    return articles.parse(front + body, path="a.md", **kw)


def test_front_matter_and_lines() -> None:
    a = parse("\n# Title\n\nFirst paragraph here.\nIt goes on.\n\n## Part two\n\n- one item\n- two items\n")
    assert a.meta.title == "Treating a Made-Up Condition"
    assert a.meta.last_reviewed == dt.date(2024, 5, 1)
    assert a.meta.audience == "patient"
    assert a.meta.extra == {"tags": ["example"]}
    assert a.lang == "en"
    kinds = [(b.kind, b.line, b.text) for b in a.blocks]
    assert kinds == [
        (BlockKind.HEADING, 11, "Title"),
        (BlockKind.PARAGRAPH, 13, "First paragraph here.\nIt goes on."),
        (BlockKind.HEADING, 16, "Part two"),
        (BlockKind.LIST_ITEM, 18, "one item"),
        (BlockKind.LIST_ITEM, 19, "two items"),
    ]
    assert a.blocks[1].line_at(a.blocks[1].text.index("It")) == 14
    assert [(s.heading, s.level, s.parent) for s in a.sections] == [("", 0, None), ("Title", 1, 0), ("Part two", 2, 1)]


BAD_FIELDS = [
    ("title: ''\n", 2, "title", "non-empty"),
    ("title: T\nlanguage: klingon\n", 3, "language", "unknown language 'klingon'"),
    ("title: T\nurl: /types/myeloma\n", 3, "url", "not an absolute http(s) address"),
    ("title: T\nurl: javascript:alert(1)\n", 3, "url", "not an absolute http(s) address"),
    # A user name (or password) before "@" makes the address go to the host after it.
    ("title: T\nurl: https://www.cancer.gov@evil.example/\n", 3, "url", "(it goes to evil.example)"),
    ("title: T\nlanguage: en\nurl: https://me:pw@www.cancer.gov/types\n", 4, "url", "user name or password"),
    ("title: T\nlastReviewed: '2025-13-40'\n", 3, "lastReviewed", "is not a date"),
    ("title: T\nlastReviewed: soon\n", 3, "lastReviewed", "YYYY-MM-DD"),
    ("title: T\naudienceLevel: everyone\n", 3, "audienceLevel", "not one of: patient, health professional"),
    ("title: T\ntags: cancer\n", 3, "tags", "list of texts"),
]


@pytest.mark.parametrize(("fields", "line", "field", "why"), BAD_FIELDS)
def test_bad_front_matter_names_file_line_and_field(fields: str, line: int, field: str, why: str) -> None:
    with pytest.raises(ArticleError) as err:
        articles.parse(f"---\n{fields}---\n\nSome text here.\n", path="bad.md")
    message = str(err.value)
    assert message.startswith(f"bad.md:{line}: front matter field '{field}'"), message
    assert why in message


def test_an_at_sign_after_the_host_is_part_of_the_address() -> None:
    url = "https://www.cancer.gov/contact/email@us?from=a@b"
    assert articles.parse(f"---\ntitle: T\nlanguage: en\nurl: {url}\n---\n\nText.\n", path="ok.md").meta.url == url


def test_malformed_yaml_gives_its_line() -> None:
    with pytest.raises(ArticleError, match=r"^bad\.md:4: front matter is not valid YAML"):
        articles.parse("---\ntitle: T\nlanguage: en\ntags: [a, b\n---\n\nText.\n", path="bad.md")


def test_unclosed_front_matter_is_yaml_error_or_body() -> None:
    with pytest.raises(ArticleError):
        articles.parse("---\ntitle: [\n", path="bad.md")


def test_no_front_matter_uses_lang_flag_then_detection() -> None:
    body = "# Un título\n\nEl tratamiento de la enfermedad es largo y los médicos lo explican con cuidado.\n"
    assert articles.parse(body, path="x.md", lang="es").lang == "es"
    assert articles.parse(body, path="x.md").lang == "es"
    english = "# A title\n\nThe treatment of the disease is long and the doctors explain it with care.\n"
    assert articles.parse(english, path="x.md").lang == "en"
    with pytest.raises(ArticleError, match="cannot tell the article's language"):
        articles.parse("# 42\n\n1234\n", path="x.md")
    with pytest.raises(ArticleError, match="unknown language 'xx'"):
        articles.parse(body, path="x.md", lang="xx")


def test_empty_body() -> None:
    with pytest.raises(ArticleError, match="^e.md: the article has no body text$"):
        articles.parse(FRONT + "\n\n", path="e.md")


def test_crlf_bom_and_hard_breaks() -> None:
    text = "\ufeff" + (FRONT + "\n# Title\n\nA sentence that\nwraps onto a second line.\n").replace("\n", "\r\n")
    a = articles.parse(text, path="w.md")
    para = a.blocks[1]
    assert para.text == "A sentence that\nwraps onto a second line."
    assert para.line == 13 and para.line_at(len(para.text) - 1) == 14
    assert "\r" not in a.source and not a.source.startswith("\ufeff")


def test_images_captions_enlarge_and_credit() -> None:
    a = parse(
        "\n# Title\n\n[Enlarge](https://example.org/big.jpg)![Drawing of a kidney](https://example.org/k.jpg "
        '"A kidney")\n\nThe kidney sits near the back.\n\nCredit: Some Artist\n\nPlaceholder slot\n\n'
        "Normal text follows.\n"
    )
    assert [(b.kind, b.role, b.text) for b in a.blocks[1:]] == [
        (BlockKind.CAPTION, Role.CONTENT, "The kidney sits near the back."),
        (BlockKind.PARAGRAPH, Role.BOILERPLATE, "Credit: Some Artist"),
        (BlockKind.PARAGRAPH, Role.BOILERPLATE, "Placeholder slot"),
        (BlockKind.PARAGRAPH, Role.CONTENT, "Normal text follows."),
    ]
    (image,) = a.images
    assert (image.alt, image.title, image.caption) == (
        "Drawing of a kidney",
        "A kidney",
        "The kidney sits near the back.",
    )
    assert any(link.text == "Enlarge" for link in a.links)  # kept as a link, dropped from the text


def test_boilerplate_sections_and_references() -> None:
    a = parse(
        "\n# Title\n\nReal text.[[1](#cit/section_1.1),[2](#cit/section_1.2)]\n\n###### References\n\n"
        "1. Someone A: A paper. J Made Up 1: 1-2, 2020.\n\n## About This PDQ Summary\n\n### Purpose of This Summary\n\n"
        "Text about the summary.\n\n```\n# not a heading\n```\n\n## Next real part\n\nMore real text.\n"
    )
    roles = [(b.text, b.role, b.line) for b in a.blocks]
    assert ("Real text.", Role.CONTENT, 13) in roles  # citation markers are gone from the reading text
    assert ("References", Role.REFERENCES, 15) in roles
    # Reference lists and PDQ admin sections are kept as they were written, unparsed.
    assert ("1. Someone A: A paper. J Made Up 1: 1-2, 2020.", Role.REFERENCES, 17) in roles
    assert ("About This PDQ Summary", Role.BOILERPLATE, 19) in roles
    admin = "### Purpose of This Summary\n\nText about the summary.\n\n```\n# not a heading\n```"
    assert (admin, Role.BOILERPLATE, 21) in roles
    assert ("Next real part", Role.CONTENT, 29) in roles and ("More real text.", Role.CONTENT, 31) in roles
    assert [link.kind for link in a.links[:2]] == [LinkKind.ANCHOR, LinkKind.ANCHOR]


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("About This PDQ Summary", Role.BOILERPLATE),
        ("Latest Updates to This Summary (07/19/2024)", Role.BOILERPLATE),  # the summary's changelog
        ("Changes To This Summary (06/21/2023)", Role.BOILERPLATE),
        ("Cambios en este resumen (01/02/2024)", Role.BOILERPLATE),
        ("Latest Updates in Treatment", Role.CONTENT),
        ("Changes to this summary of care (2024)", Role.CONTENT),
        ("References", Role.REFERENCES),
    ],
)
def test_sections_are_told_apart_by_their_heading(heading: str, role: Role) -> None:
    a = parse(f"\n# Title\n\nReal text.\n\n## {heading}\n\nIts text.\n\n## Next\n\nMore.\n")
    assert [s.role for s in a.sections if s.heading == heading] == [role]
    assert {b.text: b.role for b in a.blocks}["More."] is Role.CONTENT


def test_a_card_whose_link_spans_paragraphs_reads_as_its_title_and_text() -> None:
    """A scraped cancer.gov card: "[", image, title and text, then "](address)", with blank lines between."""
    a = parse("\n# Title\n\n- [![A drawing.](/images/a.jpg)\n\nOur Title\n\nA line about the page.](/types/x)\n")
    assert [b.text for b in a.content_blocks()] == ["Title", "Our Title", "A line about the page."]
    assert [(link.text, link.href) for link in a.links] == [("Our Title", "/types/x")]


def test_tables_and_empty_headings() -> None:
    a = parse("\n# Title\n\n##\n\n| Drug | Use |\n| --- | --- |\n| Drug A | Treats a thing |\n| Drug B | Other |\n")
    (table,) = a.tables
    assert table.header == ("Drug", "Use")
    assert table.rows == (("Drug A", "Treats a thing"), ("Drug B", "Other"))
    cells = [(b.text, b.line) for b in a.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [("Drug", 15), ("Use", 15), ("Drug A", 17), ("Treats a thing", 17), ("Drug B", 18), ("Other", 18)]
    assert [s.heading for s in a.sections] == ["", "Title", ""]  # the empty heading is kept as structure


@pytest.mark.parametrize(
    ("body", "headings"),
    [
        ("##\n\nWhat is it?\n\nA sentence.", ["What is it?"]),  # a title scraping moved off its "##" line
        ("##\n\nGoing flat\n\nA sentence.", ["Going flat"]),
        ("##\n\nA sentence that ends.\n\nMore.", [""]),  # a sentence is not a title
        ("##\n\nTwo lines\nof a paragraph\n\nMore.", [""]),
        ("##\n\n- a list item\n\nMore.", [""]),
        ("##\n\n| a | b |\n| - | - |\n| 1 | 2 |", [""]),
        ("##\n\n", [""]),
    ],
)
def test_a_title_under_an_empty_heading_is_that_headings(body: str, headings: list[str]) -> None:
    a = parse(f"\n# Page\n\nLead.\n\n{body}\n")
    assert [s.heading for s in a.sections[2:]] == headings
    titled = [b for b in a.blocks if b.kind is BlockKind.HEADING and b.level == 2]
    lines = a.source.split("\n")
    assert [(b.text, b.line) for b in titled] == [(h, lines.index(h) + 1) for h in headings if h]  # its own line


def test_raw_html_never_becomes_reading_text() -> None:
    a = parse("\n# Title\n\n<script>alert(1)</script>\n\nText with <b onclick='x()'>bold</b> in it.\n")
    assert [b.text for b in a.blocks] == ["Title", "Text with bold in it."]


def test_seed_links() -> None:
    a = articles.load(str(Path(__file__).parents[1] / "seeds" / "004_33357ef47611650a.txt"))
    ids = [link.term_id for link in articles.glossary_links(a)]
    assert ids[:3] == ["44782", "45866", "350245"]
    assert len(ids) == 8
    assert {link.drug for link in a.links if link.kind is LinkKind.DRUG} == {
        "daratumumab",
        "lenalidomide",
        "dexamethasone",
    }
    assert a.meta.url == "https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x00\x01\x02binary", "binary file"),
        (b"---\ntitle: T\n---\n\ncaf\xe9 au lait\n", "is not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=why):
        articles.load(str(path))


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"# Big\n\n" + b"word " * 2_200_000)
    with pytest.raises(ArticleError, match=r"big\.md: file is 10\.\d MB; articles over 5 MB are refused"):
        articles.load(str(path))


def test_a_table_too_large_for_a_handout_is_refused() -> None:
    row = "| a | b | c | d |\n"
    rows = (articles.MAX_TABLE_PIPES - 10) // row.count("|")  # with the head: the most there may be
    table = "| w | x | y | z |\n| - | - | - | - |\n" + row * rows
    assert len(parse(f"\n# Title\n\n{table}").tables[0].rows) == rows
    with pytest.raises(ArticleError, match="tables hold 10,0.. '[|]'; articles with over 10,000 are refused"):
        parse(f"\n# Title\n\n{table}{row}")


def test_find_articles(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("x")
    (tmp_path / "c.txt").write_text("x")
    (tmp_path / "d.pdf").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.md").write_text("x")
    # Folders tools make: `pip install -e .` writes its metadata's .txt files into the checkout.
    for made in ("simplify.egg-info", "node_modules/pkg", "__pycache__", "venv/lib"):
        (tmp_path / made).mkdir(parents=True)
        (tmp_path / made / "SOURCES.txt").write_text("x")
    # Links are followed, but each folder is walked once: a link back up ends no walk.
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "alias").symlink_to(tmp_path / "sub")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in articles.find_articles([str(tmp_path)])]
    assert found == ["a.md", "c.txt", "sub/b.markdown"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ArticleError, match="directory holds no articles"):
        list(articles.find_articles([str(empty)]))


def test_corpus_loads_and_marks_boilerplate(corpus: list[Path]) -> None:
    """All 414 real pages load; their furniture is marked and never content."""
    furniture = {"placeholder slot", "enlarge", "enlarge image", "you need to enable javascript to run this app."}
    pdq_admin = 0
    for page in corpus:
        a = articles.load(str(page))
        assert a.lang == "en" and a.meta.url and a.meta.last_reviewed
        for b in a.content_blocks():
            assert b.text.strip().lower() not in furniture, (page, b.line)
            assert not b.text.startswith("This page contains brief information about"), (page, b.line)
            assert any(c.isalnum() for c in b.text), (page, b.line)
        headings = {s.heading: s.role for s in a.sections}
        if "About This PDQ Summary" in headings:
            pdq_admin += 1
            assert headings["About This PDQ Summary"] is Role.BOILERPLATE
            assert "Purpose of This Summary" not in headings  # kept raw inside its boilerplate section
    assert pdq_admin >= 100


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("FDA Approved\n\nYes\n\nMore.", "FDA Approved: Yes\n\n\n\nMore."),
        ("FDA Approved\n\nNo longer sold here.\n", "FDA Approved: No longer sold here.\n\n\n"),
        # A definition simplify put in the label: still the label.
        ("FDA (a U.S. agency) Approved\n\nYes", "FDA (a U.S. agency) Approved: Yes\n\n"),
        ("FDA Approved\n\nYesterday it was.", "FDA Approved\n\nYesterday it was."),  # no value: a sentence
        ("The FDA Approved it.\n\nYes", "The FDA Approved it.\n\nYes"),  # not a label alone on its line
        # Brand names one a line, which a paragraph would run together ("Widgix Widget Depot").
        ("US Brand Name(s)\n\nWidgix\nWidget Depot\n\nMore.", "US Brand Name(s): Widgix, Widget Depot\n\n\n\n\nMore."),
        ("US Brand Name(s)\n\nWidgix", "US Brand Name(s): Widgix\n\n"),
        (
            "US Brand Name(s)\n\nSee the list of widget drugs below.",
            "US Brand Name(s)\n\nSee the list of widget drugs below.",
        ),
        ("US Brand Name(s)\n\n- Widgix", "US Brand Name(s)\n\n- Widgix"),  # a list is a list already
        ("US Brand Name(s)\n\n\nWidgix", "US Brand Name(s)\n\n\nWidgix"),  # no names right under it
    ],
)
def test_a_drug_page_s_field_gets_its_value_back_on_its_line(text: str, mended: str) -> None:
    from simplify.boilerplate import mended_fields

    assert mended_fields(text) == mended
    assert mended_fields(text).count("\n") == text.count("\n")  # line numbers still hold


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        # Run into the answer before it, as scraped: a heading one level under its section's.
        (
            "## Widgets\n\n1. **What is a widget?**\n\nA tool.\n2. **Is it safe?**\n\nYes.",
            "## Widgets\n\n### 1. What is a widget?\n\nA tool.\n### 2. Is it safe?\n\nYes.",
        ),
        ("1. **Is it safe?**", "## 1. Is it safe?"),  # under the title
        ("1. **Widget surgery**\n2. **Widget drugs**", "1. **Widget surgery**\n2. **Widget drugs**"),  # no question
        ("2. **Is it safe?** Most of the time.", "2. **Is it safe?** Most of the time."),  # a whole item
        ("```\n1. **Is it code?**\n```", "```\n1. **Is it code?**\n```"),  # code stays code
        # Wrapped onto two lines: the heading takes both, the second line is left blank (line numbers hold).
        ("3. **Is a widget safe to use\nevery day?**\n\nYes.", "## 3. Is a widget safe to use every day?\n\n\nYes."),
        ("3. **Widget surgery and\nwidget drugs**", "3. **Widget surgery and\nwidget drugs**"),  # no question
    ],
)
def test_a_numbered_question_in_bold_is_a_heading(text: str, mended: str) -> None:
    from simplify.boilerplate import mended_questions

    assert mended_questions(text) == mended
    article = articles.parse(f"# Widgets\n\n{text}\n", path="w.md", lang="en")
    if mended != text:
        assert any(s.heading.endswith("?") for s in article.sections)


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("- **Widgets after surgery.**Widgets are common.", "- **Widgets after surgery.** Widgets are common."),
        ("**Note:**Take it daily.", "**Note:** Take it daily."),
        ("Take it (**with food.**)Then rest.", "Take it (**with food.**)Then rest."),  # a bracket, not a letter
        ("**Widgets**are fine", "**Widgets**are fine"),  # no stop: CommonMark closes it (no space is needed)
        ("**Widgets.** Fine", "**Widgets.** Fine"),  # a space already
        ("a**b.**c", "a**b.**c"),  # bold inside a word is not a label
        ("**Dose.**5 mg", "**Dose.**5 mg"),  # a number may follow as it is
        ("```\n**Code.**Here\n```", "```\n**Code.**Here\n```"),  # code stays code
    ],
)
def test_bold_that_ends_with_a_stop_and_runs_into_a_word_gets_a_space(text: str, mended: str) -> None:
    from simplify.boilerplate import mended_bold

    assert mended_bold(text) == mended
    if mended != text:
        block = articles.parse(f"# Widgets\n\n{text}\n", path="w.md", lang="en").blocks[-1]
        assert "*" not in block.text
        assert not re.search(r"[.:][^\W\d_]", block.text)  # "surgery. Widgets", not "surgery.Widgets"


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        (
            "This page contains brief information about widgetmab (Widgix) and a collection of links to more "
            "information about the use of this drug, research results, and ongoing clinical trials.",
            True,
        ),
        (  # as scraped: over three lines
            "This page contains brief information about widgetmab\nand a collection of links to more information "
            "about the use of\nthis combination drug, research results, and ongoing clinical trials.",
            True,
        ),
        (
            "Esta página contiene información breve sobre el widgetmab y una colección de enlaces a más información.",
            True,
        ),
        ("This page contains brief information about widgetmab.", False),  # no links it speaks of: a sentence
        ("Widgetmab treats widgetoma. This page contains brief information about it and a collection of links.", False),
    ],
)
def test_a_drug_pages_account_of_its_links_is_furniture(text: str, furniture: bool) -> None:
    from simplify.boilerplate import is_boilerplate

    assert is_boilerplate(text) is furniture
    article = articles.parse(f"# Widgetmab\n\n{text}\n\nWidgetmab treats widgetoma.\n", path="w.md", lang="en")
    assert [b.text for b in article.content_blocks()][-1] == "Widgetmab treats widgetoma."
    assert len(list(article.content_blocks())) == (2 if furniture else 3)
