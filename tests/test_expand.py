"""Expanding jargon: plain definitions at first use and a word list, with every fact of the article kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simplify import articles
from simplify.cli import cli
from simplify.errors import ArticleError
from simplify.expand import ExpandOptions, _as_aside, plan, render, short_form
from simplify.glossary.index import load_glossary
from simplify.jargon.analysis import JargonTools
from simplify.model import LinkKind


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> JargonTools:
    """Our own glossary only (no NCI import), as on a fresh machine."""
    return JargonTools(load_glossary(cache_dir=tmp_path_factory.mktemp("empty-cache")))


def expand(path: Path | str, tools: JargonTools, lang: str | None = None, **options: object) -> str:
    article = articles.load(str(path))
    report, _ = tools.analyze(article)
    opts = ExpandOptions(**options)  # type: ignore[arg-type]
    return render(article, plan(article, report, tools.glossary, lang, opts), lang, opts)


def test_seed_gets_definitions_at_first_use_and_a_word_list(tools: JargonTools) -> None:
    out = expand(SEED, tools)
    assert "[progression-free survival](/Common/PopUps/popDefinition.aspx?id=CDR0000044782" in out
    assert re.search(r"CDR0000044782[^)]*\) \(how long a person lives", out)
    assert "[multiple myeloma](/types/myeloma) (a cancer of plasma cells" in out  # after the link, not inside it
    assert "# Daratumumab Improves Progression-Free Survival for Patients with Multiple Myeloma\n" in out
    words = out.split("\n## Words to know\n\n", 1)[1]
    assert words.startswith("- **multiple myeloma** (MUL-tih-pul my-eh-LOH-muh): ")  # first met in the title
    assert "- **progression-free survival**: " in words  # easy to say: no respelling
    assert "- **neutropenia** (noo-truh-PEE-nee-uh): " in words and "- **thrombocytopenia** (THROM-" in words


def test_presentation_and_cap(tools: JargonTools) -> None:
    listed = expand(SEED, tools, presentation="list")
    assert "(how long a person lives" not in listed and "## Words to know" in listed
    inline = expand(SEED, tools, presentation="inline")
    assert "## Words to know" not in inline and "(how long a person lives" in inline
    none_inline = expand(SEED, tools, max_inline_per_section=0)
    assert "(how long a person lives" not in none_inline


def test_spanish_words_around_an_english_body(tools: JargonTools) -> None:
    out = expand(SEED, tools, lang="es")
    assert "## Palabras que debe conocer" in out and "- **supervivencia sin evolución**: " in out
    assert "The addition of" in out  # the body is not translated


def test_short_form() -> None:
    long = "One sentence that says a lot about the thing. And a second one that goes on and on about it."
    assert short_form(long, 15) == "One sentence that says a lot about the thing."
    assert short_form("Short.", 15) == "Short."


NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def test_every_fact_survives_over_the_corpus(corpus: list[Path], tools: JargonTools) -> None:
    """Each number, percentage, drug name and link target of a page is in its expanded form."""
    for page in corpus:
        source = page.read_text(encoding="utf-8")
        out = expand(page, tools)
        article = articles.load(str(page))
        for link in article.links:
            assert link.href in out, (page, link.href)
            if link.kind is LinkKind.DRUG:
                assert link.text in out, (page, link.text)
        missing = set(NUMBER.findall(source)) - set(NUMBER.findall(out))
        assert not missing, (page, sorted(missing)[:5])


def test_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["expand", str(SEED), "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 0, result.output
    assert "## Words to know" in (tmp_path / "out.md").read_text()
    assert re.match(r"simplify: \d+ term\(s\) explained, \d+ of them inline", result.stderr)
    result = CliRunner().invoke(cli, ["expand", str(SEED), "--lang", "es"])
    assert result.exit_code == 0 and "Palabras que debe conocer" in result.stdout
    assert "glossary words and definitions are in 'es'" in result.stderr
    assert CliRunner().invoke(cli, ["expand", str(tmp_path / "missing.md")]).exit_code == 2


TRICKY = """---
title: Tricky Markdown
language: en
---

# The kidney

See [leukemia](/wiki/Leukemia_(disease)) for more, and <a href="https://example.org/?q=uterus">a page</a>.

```
kidney = 3
```

Run `bone marrow` tests. The uterus is an organ. Thrombocytopenia and anemia can happen together.

A [biopsy](/Common/PopUps/popDefinition.aspx?id=CDR0000045164 "A title") took an hour.

The kidney works all day.
"""


def test_definitions_never_land_in_code_html_or_link_targets(tmp_path: Path, tools: JargonTools) -> None:
    path = tmp_path / "tricky.md"
    path.write_text(TRICKY)
    out = expand(path, tools, presentation="inline", max_inline_per_section=10)
    assert "](/wiki/Leukemia_(disease)) (" in out  # after the whole link, parentheses and all
    assert 'href="https://example.org/?q=uterus"' in out
    assert "```\nkidney = 3\n```" in out and "`bone marrow` tests" in out
    assert "# The kidney\n" in out  # headings stay as they are
    assert "The kidney (" in out.split("```")[2]  # the heading's term is explained at its next use in text
    assert 'A title") (' in out  # a linked use with a title: after the closing parenthesis
    assert "((" not in out.replace("(disease))", "")  # no definition nested in another
    # Taking the inserted definitions out again gives back the article exactly.
    article = articles.load(str(path))
    report, _ = tools.analyze(article)
    options = ExpandOptions(presentation="inline", max_inline_per_section=10)
    restored = out
    for e in plan(article, report, tools.glossary, None, options):
        if e.inline:
            restored = restored.replace(f" ({_as_aside(e.short)})", "", 1)
    assert restored == TRICKY


def test_the_inline_budget_counts_where_definitions_go(tools: JargonTools) -> None:
    article = articles.load(str(SEED))
    report, _ = tools.analyze(article)
    expansions = plan(article, report, tools.glossary, options=ExpandOptions(max_inline_per_section=3))
    rows = [e.at[0] for e in expansions if e.at is not None]
    assert max(rows.count(r) for r in rows) <= 3
    assert len({e.at for e in expansions if e.at is not None}) == len(rows)  # one definition per place


SPANISH = """---
title: Una prueba
language: es
---

# Antes del tratamiento

El médico le hará una biopsia antes de empezar la quimioterapia. Después revisará sus riñones.
"""


def test_spanish_article_is_matched_and_expanded_in_spanish(tmp_path: Path, tools: JargonTools) -> None:
    path = tmp_path / "es.md"
    path.write_text(SPANISH)
    out = expand(path, tools)
    assert "## Palabras que debe conocer" in out
    assert "- **biopsia**: " in out and "- **quimioterapia**: " in out
    assert "- **riñón**: " in out  # found through its Spanish plural
    assert re.search(r"una biopsia \([a-záéíóúñ]", out)  # a Spanish definition at first use


PIECES = st.sampled_from(
    [
        "kidney ",
        "bone marrow ",
        "the uterus ",
        "anemia",
        "neutropenia ",
        "[biopsy](/Common/PopUps/popDefinition.aspx?id=CDR0000045164) ",
        "[leukemia](/x_(y)) ",
        "`kidney` ",
        "*anemia* ",
        "<a href='?q=kidney'>k</a> ",
        "![kidney](k.png) ",
        "# kidney\n\n",
        "\n\n",
        "\n",
        "```\nkidney\n```\n",
        "- anemia and kidney\n",
        "(",
        ")",
        "[",
        "]",
        "NCI’s ",
        "CT-scan ",
        "| kidney | anemia |\n| --- | --- |\n| a | b |\n",
        "    kidney\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=25).map("".join))
def test_expand_only_inserts_definitions(tools: JargonTools, body: str) -> None:
    """Whatever the markdown, expand never fails, and taking its definitions out gives the source back."""
    try:
        article = articles.parse("---\ntitle: T\nlanguage: en\n---\n\n" + body, path="p.md")
    except ArticleError:
        return
    report, _ = tools.analyze(article)
    options = ExpandOptions(presentation="inline", max_inline_per_section=50)
    expansions = plan(article, report, tools.glossary, None, options)
    out = render(article, expansions, None, options)
    for e in sorted((e for e in expansions if e.at is not None), key=lambda e: e.at or (0, 0)):
        out = out.replace(f" ({_as_aside(e.short)})", "", 1)
    assert out == article.source.rstrip("\n") + "\n"
