"""Fast paths give exactly what the general code they stand in for gives."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import need_shared
from hypothesis import example, given, settings
from hypothesis import strategies as st

from simplify.articles import _markdown
from simplify.glossary.index import _Store
from simplify.inline import inline_pieces, inline_tokens, plain_text
from simplify.jargon.abbreviations import Abbreviation, _pair, _shared_last_word, _valid_short, find_abbreviations


def _inline_text(content: str) -> str:
    """Return the text markdown-it's own inline rules give ``content`` (line breaks as "\\n")."""
    md = _markdown.__wrapped__()  # a parser of our settings, but markdown-it's own stops for text
    from markdown_it.parser_inline import ParserInline

    md.inline.terminator_re = ParserInline().terminator_re
    children: list[Any] = []
    md.inline.parse(content, md, {}, children)
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content for c in children)


@settings(max_examples=300)
@given(st.text(alphabet="ab -:=#+%$@^{}~\t\n.()\"'é", max_size=30))
def test_plain_inline_is_what_markdown_it_gives(content: str) -> None:
    assert plain_text(content) == _inline_text(content)


@settings(max_examples=300)
@given(st.text(alphabet="ab -:=#+%$@^{}~\t\n.()\"'é*_[]!<&`\\/", max_size=40))
def test_fewer_text_stops_give_the_same_tokens(content: str) -> None:
    md = _markdown()
    ours: list[Any] = []
    md.inline.parse(content, md, {}, ours)
    reference = _markdown.__wrapped__()
    from markdown_it.parser_inline import ParserInline

    reference.inline.terminator_re = ParserInline().terminator_re
    theirs: list[Any] = []
    reference.inline.parse(content, reference, {}, theirs)
    assert [(t.type, t.content, t.attrs, t.markup) for t in ours] == [
        (t.type, t.content, t.attrs, t.markup) for t in theirs
    ]


# As abbreviations.py reads them: square brackets are asides too ("(long form [SF])"), and an aside's
# opening ends the clause before it.
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|[()\[\]]")
_LAST_WORD = re.compile(r"(\S+)\s*$")


def _reference_abbreviations(text: str) -> list[Abbreviation]:
    """Schwartz-Hearst as first written: every clause end found again before each parenthesis."""
    out: list[Abbreviation] = []
    for m in re.finditer(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]", text):
        group = 1 if m.group(1) is not None else 2
        inner = m.group(group)
        short = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        before = text[: m.start()]
        clause_start = max((e.end() for e in _CLAUSE_END.finditer(before)), default=0)
        window = before[clause_start:].rstrip()
        short, window = _shared_last_word(short, window)
        if _valid_short(short) and window:
            long = _pair(short, window)
            if long is not None:
                s0 = m.start(group) + inner.index(short)
                pattern = re.compile(r"\s+".join(re.escape(word) for word in long.split()))
                spans = [f.span() for f in pattern.finditer(before[clause_start:])]
                if spans:
                    l0, l1 = clause_start + spans[-1][0], clause_start + spans[-1][1]
                    out.append(Abbreviation(short, long, s0, s0 + len(short), l0, l1))
                continue
        last = _LAST_WORD.search(window)
        if last is None or len(short.split()) < 2:
            continue
        candidate = last.group(1).strip("\"'“”‘’")
        if not _valid_short(candidate) or not any(c.isupper() for c in candidate):
            continue
        long = _pair(candidate, short)
        if long is not None and long == short:
            s0 = clause_start + window.rindex(candidate)
            l0 = m.start(group) + inner.index(short)
            out.append(Abbreviation(candidate, long, s0, s0 + len(candidate), l0, l0 + len(long)))
    return out


_WORDS = st.sampled_from(
    [
        "computed",
        "tomography",
        "Food",
        "and",
        "Drug",
        "Administration",
        "the",
        "CT",
        "FDA",
        "a",
        "cell",
        "x-ray",
        "CT cell",
    ]
)
_GLUE = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\xa0", ". ", "; ", ", ", " (", ") ", " [", "] ", ": "])


@settings(max_examples=400)
@given(st.lists(st.tuples(_WORDS, _GLUE), max_size=25))
def test_abbreviations_as_first_written(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in pieces)
    assert find_abbreviations(text) == _reference_abbreviations(text)


def test_abbreviations_both_ways_and_over_line_breaks() -> None:
    text = "Computed\ntomography (CT) and FDA (Food and Drug Administration); the (CT) scan (long form)."
    assert find_abbreviations(text) == _reference_abbreviations(text)
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("CT", "Computed tomography"),
        ("FDA", "Food and Drug Administration"),
    ]


def test_a_forked_worker_opens_its_own_glossary_connection(tmp_path: Path) -> None:
    from simplify.glossary.index import INDEX_FILE, import_path

    xml = need_shared("glossary", "nci-glossary-xml-2016")
    first = sorted(xml.glob("CDR*.xml"))[0]
    import_path(first, cache_dir=tmp_path)
    store = _Store(tmp_path / INDEX_FILE)
    term_id = next(iter(store.ids))
    parent = store.db
    assert store.db is parent
    store._pid = -1  # as a worker forked from a batch sees it
    assert store.db is not parent and store.get(term_id) is not None
    store.close()


def _parsers() -> list[Any]:
    """Return both of our markdown-it set-ups: the article's (hrefs kept as written) and the handout body's."""
    from simplify.handout.body import _markdown as body_markdown

    return [_markdown(), body_markdown()]


def _both_ways(content: str, md: Any, env: dict[str, Any] | None = None) -> tuple[Any, Any]:
    """Return the inline tokens of ``content`` by the regex walk (None if it declines) and by markdown-it, as dicts."""
    fast = inline_tokens(content, md, env or {})
    slow: list[Any] = []
    md.inline.parse(content, md, {}, slow)
    return None if fast is None else [t.as_dict() for t in fast], [t.as_dict() for t in slow]


_PIECES = [
    "a", "Stage II", " ", "  ", "\n", "\t", ".", ",", "-", "(", ")", '"', "'", ":", "!", "?", "\xa0", "é",
    "*", "**", "***", "[", "]", "](", "_", "&", "&amp;", "<", "`", "\\",
    "[term](/def/x)", '[term](/def/x "Definition")', "[1](#cit/section_1.1)", "[Enlarge](/images/a.jpg)",
    "(/Common/PopUps/popDefinition.aspx?id=CDR0000045324&version=Patient&language=en)", "[x](javascript:a)",
    "[[2](#cit/s_2),[3](#cit/s_3)]", "[[4](#cit/s)-[7](#cit/s)]", "**BRCA1**", "*ALK*", "[a b](/u 'T')",
    '[a](/u "")', '[é ü](/a?b=1&amp;c=ü "x &amp; y")', "[a](/u?q=é&x=%20)", "[NCI]", "[a [b](/c) d]", "[]",
    "< .05", "<5", "<a>", "<x@y.org>", "<1@x>", "< x>", "[a]( /b)", "H&E", "&copy;", "&#35;", "& ", "![a](/a.png)",
    '![a b](/a.png "T")', "![x](javascript:a)", "![i](data:image/png;base64,AA)", "![](/e.png)",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_inline_regex_walk_gives_markdown_it_s_tokens(pieces: list[str]) -> None:
    content = "".join(pieces).strip()  # a block's inline content comes stripped
    for md in _parsers():
        fast, slow = _both_ways(content, md)
        if fast is not None:
            assert fast == slow
        # What an article reads of them, without building the tokens.
        pieces = inline_pieces(content, md, {})
        assert (None if pieces is None else [(p.type, p.content, p.attrs) for p in pieces]) == (
            None if fast is None else [(t["type"], t["content"], dict(t["attrs"] or {})) for t in fast]
        )


def test_the_inline_regex_walk_takes_the_common_markup_and_declines_the_rest() -> None:
    taken = [
        'A [biopsy](/def/biopsy "Definition") and *BRCA1*.[[2](#cit/s_2),[3](#cit/s_3)]',
        "**[Interferons](/u?id=1&version=Patient)\xa0(INFs).** Researchers found",
        "two  \nlines [with](/a) links \n  and **bold** words",
        "risk [odds ratio, 2.1; 95% CI] (p < .05).[[1](#cit/s_1)][[Level of evidence B4](/u?id=1)]",
        "H&E stains in <1% of **cases (<44 chromosomes).**![Pie chart](https://a.org/b.jpg)",
    ]
    declined = [
        "an ![image](/a.jpg 'T') and ![](/empty-alt.jpg)",
        "a `code` span",
        "* not emphasis*",
        "[x](javascript:alert(1))",
        "a_b_c",
        "[a]( /b)",
        "x <y",
    ]
    for md in _parsers():
        for content in taken:
            fast, slow = _both_ways(content, md)
            assert fast == slow, content
        assert [_both_ways(c, md)[0] for c in declined] == [None] * len(declined)
        assert _both_ways("[x] and [y](/a)", md, {"references": {}})[0] is None  # "[x]" may name a reference


def test_the_inline_regex_walk_agrees_on_every_block_of_the_real_pages() -> None:
    corpus = need_shared("corpus", "nci-pages")
    block_parser = _markdown()  # block tokens only: their inline content is what both parsers read
    seen = taken = 0
    for page in sorted(corpus.rglob("*.md")):
        contents = [t.content for t in block_parser.parse(page.read_text(encoding="utf-8")) if t.type == "inline"]
        for content in contents:
            for md in _parsers():
                fast, slow = _both_ways(content, md)
                seen += 1
                if fast is not None:
                    taken += 1
                    assert fast == slow, (page.name, content)
    assert taken > 0.75 * seen  # the fast path is the common path on real pages


@settings(max_examples=600)
@given(st.text(alphabet="ab -'’.,;:()[]\"“”!?é\n\t1_—ß", max_size=40))
def test_jargon_words_are_the_regex_words(text: str) -> None:
    from simplify.jargon.report import _WORD, words_of

    assert words_of(text) == _WORD.findall(text)


@cache
def _real_blocks() -> list[str]:
    """Return the text of every block of the real pages."""
    from simplify import articles

    corpus = need_shared("corpus", "nci-pages")
    blocks = [b.text for page in sorted(corpus.rglob("*.md")) for b in articles.load(str(page)).blocks]
    assert len(blocks) > 40_000
    return blocks


def test_jargon_words_are_the_regex_words_on_every_block_of_the_real_pages() -> None:
    from simplify.jargon.report import _WORD, words_of

    blocks = _real_blocks()
    assert [words_of(t) for t in blocks] == [_WORD.findall(t) for t in blocks]


@settings(max_examples=600)
@given(st.text(alphabet="aB1 -+'’sS.,;!?()[]{}_/%\n—é", max_size=40))
def test_term_words_are_placed_where_the_regex_finds_them(text: str) -> None:
    from simplify.jargon.matcher import _TOKEN, _places, _tokens_of

    assert list(_places(text, _tokens_of(text))) == [m.start() for m in _TOKEN.finditer(text)]


@settings(max_examples=600)
@given(st.text(alphabet="aB1² -+'’sS.,;!?()[]{}_/%\n—é", max_size=40))
def test_term_words_are_the_regex_tokens(text: str) -> None:
    from simplify.jargon.matcher import _TOKEN, _tokens_of

    assert _tokens_of(text) == _TOKEN.findall(text)


def test_term_words_are_the_regex_tokens_on_every_block_of_the_real_pages() -> None:
    from simplify.jargon.matcher import _TOKEN, _tokens_of

    blocks = _real_blocks()
    assert [_tokens_of(t) for t in blocks] == [_TOKEN.findall(t) for t in blocks]


def _reference_place(source: str, text: str, line: int, linked: bool) -> tuple[int, int] | None:
    """The search of expand._uses as first written: the term's whole regex, tried on each line from ``line`` on."""
    from simplify.expand import _protected, _Source

    src = _Source(source)
    words = r"\s+".join(re.escape(w) for w in text.split())
    pattern = re.compile(rf"(?<![\w/])({words})(?![\w\-'’])", 0 if linked else re.IGNORECASE)
    for row in range(line, len(src.lines) + 1):
        if row in src.closed:
            continue
        current = src.lines[row - 1]
        protected = _protected(current)
        for m in pattern.finditer(current):
            start, end = m.span(1)
            if any(s < end and start < e for s, e in protected.code_or_targets):
                continue
            link = next(((s, e, close) for s, e, close in protected.link_texts if s <= start and end <= e), None)
            if link is not None:
                if (start, end) != (link[0], link[1]):
                    continue
                end = link[2]
            elif linked:
                continue
            return row, end
    return None


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(
            [
                "Bone",
                "bone",
                "BONE",
                "marrow",
                "\n",
                "\n\n",
                " ",
                "  ",
                "-",
                "/",
                "is",
                "ıs",
                "iſ",
                "İs",
                "\u212ait",
                "kit",
                "`",
                "# ",
                "    ",
                "[",
                "](/x)",
                "(",
                ")",
                "é",
                "'",
                "’",
                "_",
                "1",
                "²",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["bone", "bone marrow", "Bone Marrow", "is", "kit", "Kit"]),
    st.integers(min_value=1, max_value=4),
    st.booleans(),
)
@example(["iſ"], "is", 1, False)  # letters a case-blind regex takes for ASCII ones
@example(["ıs"], "is", 1, False)
@example(["\u212ait"], "kit", 1, False)
@example(["İs is"], "is", 1, False)  # lower() makes "İ" two characters
def test_a_term_is_placed_where_the_line_by_line_search_places_it(
    pieces: list[str], text: str, line: int, linked: bool
) -> None:
    from simplify.expand import _Source, _uses

    source = "".join(pieces)
    first = next(_uses(_Source(source), text, (line, 0), exact=linked, link_first=linked), None)
    assert (first[:2] if first else None) == _reference_place(source, text, line, linked)  # (line, end): start aside


_ATX_AS_FIRST_WRITTEN = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


@settings(max_examples=1000)
@given(st.text(alphabet=" \t#ab", max_size=14))
def test_atx_headings_are_read_as_the_regex_read_them(line: str) -> None:
    from simplify.articles import _atx_heading

    m = _ATX_AS_FIRST_WRITTEN.match(line)
    assert _atx_heading(line) == (None if m is None else (len(m.group(1)), m.group(2) or ""))


def _article(body: str) -> str:
    return f"---\ntitle: Long\nlanguage: en\n---\n\n{body}\n"


def _unknown_links(n: int) -> Any:
    from simplify import articles
    from simplify.glossary import load_glossary
    from simplify.jargon.analysis import JargonTools

    tools = JargonTools(load_glossary(cache_dir=Path("/nonexistent-simplify-cache")))
    text = _article(" ".join(f"[t](/Common/PopUps/popDefinition.aspx?id={900000 + k})" for k in range(n)))
    return lambda: tools.analyze(articles.parse(text, path="x.md"))


def _parse(body: str) -> Any:
    from simplify import articles

    text = _article(body)
    return lambda: articles.parse(text, path="x.md")


def _markdown_body(n: int) -> Any:
    from simplify import articles
    from simplify.handout.body import body_markdown

    article = articles.parse(_article("word\n" * n), path="x.md")
    return lambda: body_markdown(article)


def _korean(n: int) -> Any:
    from simplify.handout.pdf import _korean_words_kept_whole

    html = "<p>가 " + "x" * n + "</p>"
    return lambda: _korean_words_kept_whole(html)


def _syllables(word: str) -> Any:
    from simplify.text.syllables_en import _count_letters

    return lambda: _count_letters(word)  # the rules themselves, not the per-word memo in front of them


# Untrusted markdown may be 5 MB: each of these took time growing with the square of its input.
LINEAR_CASES = {
    "a heading line with a long run of spaces": lambda n: _parse("# a" + " " * n + "b"),
    "a page with no brackets (scraped cards)": lambda n: _parse(("word " * 10 + "\n") * (n // 51)),
    "many distinct unknown glossary ids": lambda n: _unknown_links(n // 6),
    "a paragraph of many short lines (markdown body)": lambda n: _markdown_body(n // 5),
    "a long word-free run beside Korean (PDF)": _korean,
    "a word of thousands of vowels (English syllables)": lambda n: _syllables("ae" * (2 * n)),
}


@pytest.mark.parametrize("case", list(LINEAR_CASES))
def test_untrusted_input_costs_linear_time(case: str) -> None:
    """Ten times the input costs about ten times the time, not a hundred (best of three, so a busy machine is fine)."""
    import time

    def cost(n: int) -> float:
        run = LINEAR_CASES[case](n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        return best

    small, large = cost(12_000), cost(120_000)
    assert large < 40 * small + 0.05, f"{case}: {small:.4f} s, then {large:.4f} s for ten times the input"


def _reference_normalize(url: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").normalizeLink(url)


@settings(max_examples=1000)
@given(
    st.text(alphabet="aZ09#/?:@&=+$,-_.!~*'()% éÉ[]<>\"\\|^`{}", max_size=24).flatmap(
        lambda tail: st.sampled_from(["", "/", "//", "#", "http://", "https://", "HTTPS://", "mailto:", "x:"]).map(
            lambda head: head + tail
        )
    )
)
def test_links_are_normalized_as_markdown_it_normalizes_them(url: str) -> None:
    from simplify.inline import fast_normalize_link

    assert fast_normalize_link(_reference_normalize)(url) == _reference_normalize(url)


def test_links_of_the_real_pages_are_normalized_as_markdown_it_normalizes_them() -> None:
    from simplify.inline import _NORMAL_ADDRESS, fast_normalize_link

    corpus = need_shared("corpus", "nci-pages")
    urls = [m[1] for page in sorted(corpus.rglob("*.md")) for m in re.finditer(r"\]\(([^ )]+)", page.read_text())]
    fast = fast_normalize_link(_reference_normalize)
    assert [fast(u) for u in urls] == [_reference_normalize(u) for u in urls]
    assert sum(1 for u in urls if _NORMAL_ADDRESS.fullmatch(u)) > 0.95 * len(urls)  # the fast answer is the common one


def _body_both_ways(text: str) -> tuple[Any, Any]:
    """Return a body's tokens parsed again (the general way) and built from the article's own parse.

    Token maps are compared by their first line: a list's last line may take in the blank lines where a
    furniture section was (the general way blanks it), and nothing reads where a block ends.
    """
    from simplify import articles
    from simplify.handout.body import body_tokens

    def shape(tokens: Any) -> list[dict[str, Any]]:
        shapes = []
        for tok in tokens:
            d = tok.as_dict()
            d["map"] = d["map"] and d["map"][0]
            shapes.append(d)
        return shapes

    article, _ = articles.parse_with_blocks(text, path="x.md", lang="en")
    again = shape(body_tokens(article))
    article, blocks = articles.parse_with_blocks(text, path="x.md", lang="en")
    return again, shape(body_tokens(article, blocks))


_BODY_PIECES = [
    "# Title",
    "## References",
    "## About This PDQ Summary",
    "## Treatment",
    "### Side effects",
    "References\n----------",
    "Treatment\n=========",
    "- item one\n- item two",
    "1. first\n\n2. second",
    "- item\n\n  more of it",
    "> quoted **words**",
    "Text with [a link](/types/x) and *emphasis*.",
    "Smith J, et al.: A paper. J Med 1: 2, 2020. [PUBMED Abstract]",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\ncode # not a heading\n```",
    "    indented code",
    "<div>raw html</div>",
    "[ref]: /types/x",
    "See [ref].",
    "##",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), min_size=1, max_size=12), st.booleans())
def test_a_body_built_from_the_article_s_parse_is_the_body_parsed_again(pieces: list[str], front: bool) -> None:
    body = ("\n\n".join(pieces) if len(pieces) % 2 else "\n".join(pieces)) + "\nWords."  # with and without blank lines
    again, built = _body_both_ways(_article(body) if front else body)
    assert built == again


def test_a_body_of_every_real_page_is_built_from_the_article_s_parse() -> None:
    from simplify import articles
    from simplify.handout.body import _from_blocks

    corpus = need_shared("corpus", "nci-pages")
    for page in sorted(corpus.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        again, built = _body_both_ways(text)
        assert built == again, page.name
        assert _from_blocks(articles.parse_with_blocks(text, path=page.name)[1]) is not None, page.name


def test_raw_html_or_a_reference_definition_sends_the_body_to_its_own_parse() -> None:
    from simplify import articles
    from simplify.handout.body import _from_blocks

    for body in ("Words.\n\n<div>raw</div>\n", "See [x].\n\n[x]: /types/y\n"):
        assert _from_blocks(articles.parse_with_blocks(_article(body), path="x.md")[1]) is None


@settings(max_examples=1000)
@given(st.text(alphabet="ab _1-ß∅é ", max_size=30), st.text(alphabet="ab _1-é", min_size=1, max_size=4))
def test_names_are_taken_out_where_a_whole_word_regex_finds_them(text: str, name: str) -> None:
    from simplify.expand import _named_out

    assert _named_out(text, name) == re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "\u2205", text)


def test_the_grades_alone_are_the_full_score_s() -> None:
    from simplify import articles
    from simplify.readability.score import Scorer

    scorer = Scorer()
    pages = sorted(need_shared("corpus", "nci-pages").rglob("*.md"))
    for page in pages:
        article = articles.load(str(page))
        full = scorer.score(article)
        assert scorer.scores(article) == (full.scores, full.grade), page.name
        assert scorer.scores(article, split={}) == (scorer.score(article, sections=False).scores, full.grade)


@settings(max_examples=400)
@given(st.text(alphabet="aNCI -–|\t\n", max_size=30).map(lambda s: s.replace("NCI", "National Cancer Institute", 1)))
@example("Daratumumab Works - NCI")
@example("Tratamiento | National Cancer Institute \n")
def test_a_title_s_key_is_the_regex_s(title: str) -> None:
    from simplify.model import SITE_SUFFIX, title_key

    assert title_key(title) == " ".join(SITE_SUFFIX.sub("", title).casefold().split())


def test_the_terms_alone_are_the_full_report_s() -> None:
    from dataclasses import replace

    from simplify import articles
    from simplify.config import Settings
    from simplify.runner import jargon_tools_for

    tools = jargon_tools_for(Settings())
    for page in sorted(need_shared("corpus", "nci-pages").rglob("*.md")):
        article = articles.load(str(page))
        full, _ = tools.analyze(article)
        assert tools.terms(article) == replace(full, findings=(), unexplained=()), page.name
