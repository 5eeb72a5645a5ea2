"""Property-based tests: random markdown never crashes loading, scoring or checking."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simplify import articles
from simplify.check import check_score
from simplify.config import Settings
from simplify.errors import ArticleError
from simplify.model import BlockKind, Role
from simplify.readability.score import Scorer

SCORER = Scorer()

# Markdown-ish pieces, so that random documents hit headings, lists, tables, links and breaks.
PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "###### ",
        "- ",
        "1. ",
        "> ",
        "| a | b |\n| --- | --- |\n| c | d |\n",
        "```\ncode\n```\n",
        "[link](/Common/PopUps/popDefinition.aspx?id=CDR0000045361)",
        "[drug](/about-cancer/treatment/drugs/x)",
        "![alt](x.png)",
        "[Enlarge](big.jpg)",
        "[[1](#cit/section_1.1)]",
        "*em* ",
        "**strong** ",
        "`code` ",
        "<b>html</b>",
        "<script>x</script>\n",
        "Dr. Smith, M.D., said 18.4% rose. ",
        "Placeholder slot\n",
        "“It works. It helps.” ",
        "e.g. this... and that. ",
        "\n",
        "\n\n",
        "  \n",
        "\r\n",
        "\ufeff",
        "---\n",
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
DOCUMENTS = st.lists(st.one_of(PIECES, TEXT), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_random_markdown_loads_scores_and_checks(body: str) -> None:
    try:
        article = articles.parse(body, path="random.md", lang="en")
    except ArticleError as err:
        assert str(err).startswith("random.md")
        return
    lines = article.source.count("\n") + 1
    for block in article.blocks:
        assert 1 <= block.line <= lines
        if block.kind is not BlockKind.CODE:  # code is kept verbatim
            assert block.text == block.text.strip(" \n")
        if block.role is Role.CONTENT and block.kind is not BlockKind.CODE:
            assert "<b>" not in block.text or "`" in body  # raw HTML is dropped; inline code is text
    score = SCORER.score(article)
    assert score.counts.sentences >= 0 and score.counts.words >= 0
    for finding in check_score(score, Settings()):
        assert 1 <= finding.line <= lines


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_front_matter_is_read_or_refused_with_a_line(front: str) -> None:
    text = f"---\n{front}\n---\n\nSome words to read here.\n"
    try:
        articles.parse(text, path="fm.md", lang="en")
    except ArticleError as err:
        assert str(err).startswith("fm.md")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab/?=&;#%()<>\\ .:_-\né", "&amp;", "&copy;"]), max_size=30).map("".join))
def test_fast_link_destinations_match_markdown_it(dest: str) -> None:
    """The regex fast path for link destinations gives exactly markdown-it's own result."""
    from markdown_it import MarkdownIt

    source = f'[x]({dest}) and ![y]({dest} "t")\n\n[r]: {dest}\n'
    stock = MarkdownIt("commonmark", {"html": True}).enable("table")
    stock.normalizeLink = lambda url: url  # type: ignore[method-assign]
    fast = articles._markdown()
    env: dict[str, object] = {}
    tokens = fast.parse(source, env)
    ours = []
    for tok in tokens:
        if tok.type == "inline":
            children: list = []
            fast.inline.parse(tok.content, fast, env, children)
            ours += [dict(c.attrs) for c in children if c.attrs]
    theirs = [dict(c.attrs) for t in stock.parse(source) for c in (t.children or []) if c.attrs]
    assert ours == theirs


DATEISH = st.one_of(
    st.from_regex(r"\A\d{1,4}-\d{1,2}-\d{1,2}\Z"),
    st.from_regex(r"\A'\d{4}-\d{2}-\d{2}'\Z"),
    st.dates().map(str),
    st.text(max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(DATEISH, st.sampled_from(["lastReviewed", "title", "url", "language", "audienceLevel", "tags"]))
def test_any_value_of_a_known_field_is_read_or_refused_with_its_line(value: str, key: str) -> None:
    text = f"---\ntitle: T\n{key}: {value}\n---\n\nSome words to read here.\n"
    try:
        articles.parse(text, path="fm.md", lang="en")
    except ArticleError as err:
        assert str(err).startswith(("fm.md:2:", "fm.md:3:", "fm.md:4:")), str(err)
