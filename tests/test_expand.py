"""Expanding jargon: plain definitions at first use and a word list, with every fact of the article kept."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simplify import articles
from simplify.cli import cli
from simplify.errors import ArticleError
from simplify.expand import ExpandOptions, Expansion, inserted, plan, render, short_form
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
    # The first sentence is long (37 words): its definitions follow it, each a sentence of its own that names
    # what it explains, in the order of the terms.
    assert (
        "a phase III clinical trial. (Progression-free survival: how long a person lives during and after treatment"
        " without the disease getting worse.) (Multiple myeloma: a cancer of plasma cells"
    ) in out
    assert "[multiple myeloma](/types/myeloma) (" not in out
    assert "# Daratumumab Improves Progression-Free Survival for Patients with Multiple Myeloma\n" in out
    words = out.split("\n## Words to know\n\n", 1)[1]
    assert words.startswith("- **multiple myeloma** (MUL-tih-pul my-eh-LOH-muh): ")  # first met in the title
    assert "- **progression-free survival**: " in words  # easy to say: no respelling
    assert "- **neutropenia** (noo-truh-PEE-nee-uh): " in words and "- **thrombocytopenia** (THROM-" in words


def test_presentation_and_cap(tools: JargonTools) -> None:
    said = "(Progression-free survival: how long a person lives"
    listed = expand(SEED, tools, presentation="list")
    assert said not in listed and "## Words to know" in listed
    inline = expand(SEED, tools, presentation="inline")
    assert "## Words to know" not in inline and said in inline
    none_inline = expand(SEED, tools, max_inline=0)
    assert said not in none_inline


def test_spanish_words_around_an_english_body(tools: JargonTools) -> None:
    out = expand(SEED, tools, lang="es")
    assert "## Palabras que debe conocer" in out and "- **supervivencia sin evolución**: " in out
    assert "The addition of" in out  # the body is not translated


@pytest.mark.parametrize(
    ("definition", "max_words", "expected"),
    [
        # The first sentence, whole, when it fits; an abbreviation's period does not end it.
        ("Short.", 25, "Short."),
        (
            "A check by the U.S. health agency of a new drug. A second sentence.",
            25,
            "A check by the U.S. health agency of a new drug.",
        ),
        # Parentheses inside become square brackets, as an aside in an aside is written; list markers go.
        ("A tube (a narrow pipe) that carries urine.", 25, "A tube [a narrow pipe] that carries urine."),
        (
            "Pain in a joint (the knee, hip, or elbow) after a fall.",
            25,
            "Pain in a joint [the knee, hip, or elbow] after a fall.",
        ),
        ("A gland in the neck (the thyroid).", 25, "A gland in the neck [the thyroid]."),
        # In commas, an aside would read as one more item of a list, or cut its phrase in two.
        (
            "Loose, watery stools (bowel movements) that happen often.",
            25,
            "Loose, watery stools [bowel movements] that happen often.",
        ),
        ("A benign (not cancer) tumor of the bone.", 25, "A benign [not cancer] tumor of the bone."),
        ("Either (1) one lump or (2) two lumps.", 25, "Either one lump or two lumps."),
        # An abbreviation defined in parentheses could not stay defined in brackets: the long form says it.
        (
            "Money from the Widget Health Office (WHO) for research. More.",
            25,
            "Money from the Widget Health Office for research.",
        ),
        (
            "A sac (made of skin (the outer layer)) that holds fluid.",
            25,
            "A sac [made of skin [the outer layer]] that holds fluid.",
        ),
        # Too long: asides and mid-sentence examples go first ...
        (
            "A small soft tube (a thin hollow pipe made of plastic or rubber)"
            " that a nurse puts into a vein of the arm.",
            16,
            "A small soft tube that a nurse puts into a vein of the arm.",
        ),
        (
            "The time after treatment of an illness, such as cancer,"
            " that a person lives with it and it stays the same.",
            18,
            "The time after treatment of an illness that a person lives with it and it stays the same.",
        ),
        # ... then it ends at the last clause boundary that fits, never on a word that starts a phrase ...
        (
            "A medicine used to treat many kinds of illness, including flu, colds, and coughs,"
            " and sore throats in children.",
            15,
            "A medicine used to treat many kinds of illness, including flu, colds, and coughs",
        ),
        (
            "A pill taken every day by mouth for many months so that the body keeps making enough blood cells.",
            14,
            None,  # "so that" opens what it is for
        ),
        (
            "Una prueba larga de sangre y de orina, que se hace en el hospital durante muchas horas.",
            10,
            "Una prueba larga de sangre y de orina",
        ),
        (
            "Un medicamento que se usa para tratar un tumor del riñón que ya se diseminó a otras partes del cuerpo.",
            12,
            None,
        ),
        (
            "Una sustancia que hace que las células del tumor crezcan más despacio y mueran antes de tiempo.",
            8,
            None,
        ),
        # ... but never inside a list, where it would name half of it ("foods, cleaning products"), nor before a
        # relative clause, which says which thing is meant.
        (
            "A group in the government whose job is to check that foods, cleaning products, and toys are safe"
            " for people to use at home.",
            16,
            None,
        ),
        (
            "A shot for young people who have a virus that helps stop cancers of the mouth, throat, voice box,"
            " and gums.",
            16,
            None,  # cut before "that", it would be a shot for people with a virus
        ),
        (
            "Un grupo del gobierno que revisa que los alimentos, los juguetes, las cremas y las medicinas sean"
            " seguros para la gente.",
            12,
            None,
        ),
        # A comma after an opening phrase ends nothing yet; one before a relative clause may end it, whatever
        # that clause lists.
        (
            "When referring to a widget trial, the process by which widgets are put in groups by chance to compare.",
            12,
            None,
        ),
        (
            "A check of the widget by a widget maker, who looks, listens, and feels for signs of rust.",
            10,
            "A check of the widget by a widget maker",
        ),
        # ... and with no boundary, none: cut at a word, it would say less than it seems to.
        (
            "A long thin needle with a sharp tip on one end and a grip for the hand on the other end of it.",
            12,
            None,
        ),
    ],
)
def test_short_form(definition: str, max_words: int, expected: str | None) -> None:
    lang = "es" if definition.startswith(("Una ", "Un ")) else "en"
    assert short_form(definition, max_words, lang) == expected


NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def test_every_fact_survives_over_the_corpus(corpus: list[Path], tools: JargonTools) -> None:
    """Each number, percentage, drug name and link target of a page is in its expanded form.

    And the definitions put into the text leave every abbreviation the page defines defined, and
    bring none that nothing explains: ``check`` finds no undefined abbreviation the page did not have.
    """
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
        inline = expand(page, tools, presentation="inline")
        added = _undefined_abbreviations(inline, tools) - _undefined_abbreviations(source, tools)
        assert not added, (page, sorted(added))


def test_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["expand", str(SEED), "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 0, result.output
    assert "## Words to know" in (tmp_path / "out.md").read_text()
    assert re.match(r"simplify: \d+ term\(s\) explained, \d+ of them inline", result.stderr)
    result = CliRunner().invoke(cli, ["expand", str(SEED), "--lang", "es"])
    assert result.exit_code == 0 and "Palabras que debe conocer" in result.stdout
    assert "glossary words and definitions are in 'es'" in result.stderr
    assert CliRunner().invoke(cli, ["expand", str(tmp_path / "missing.md")]).exit_code == 2


def test_cli_takes_the_presentation_from_settings_front_matter_then_flags(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\npresentation = 'list'\nmax-inline-words = 8\n")
    config = ["--config", str(tmp_path / "pyproject.toml")]
    result = CliRunner().invoke(cli, ["expand", *config, str(SEED)])
    assert result.exit_code == 0 and "## Words to know" in result.stdout
    assert "(how long a person lives" not in result.stdout and ", 0 of them inline" in result.stderr
    inline_article = tmp_path / "seed.md"
    inline_article.write_text(SEED.read_text().replace("---\n", "---\nsimplify:\n  presentation: inline\n", 1))
    result = CliRunner().invoke(cli, ["expand", *config, str(inline_article)])
    assert result.exit_code == 0 and "## Words to know" not in result.stdout
    # 8 words at most: a definition that no clause boundary ends within them is not cut, nor put inline.
    assert "how long a person lives" not in result.stdout and "…)" not in result.stdout
    assert "(Multiple myeloma: a cancer of plasma cells.)" in result.stdout  # one that ends within them stays
    result = CliRunner().invoke(
        cli, ["expand", *config, "--presentation", "both", "--max-inline", "1", str(inline_article)]
    )
    assert result.exit_code == 0 and "## Words to know" in result.stdout
    assert "(Multiple myeloma: a cancer of plasma cells.)" in result.stdout
    result = CliRunner().invoke(cli, ["expand", "--max-inline-words", "4", str(SEED)])
    assert result.exit_code == 2 and "4 is not in the range x>=5" in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\npresentation = 'popup'\n")
    result = CliRunner().invoke(cli, ["expand", *config, str(SEED)])
    assert result.exit_code == 2 and "setting 'presentation' must be one of inline, list, both" in result.stderr


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
    # Long sentences allowed: every definition goes right after its term.
    out = expand(path, tools, presentation="inline", max_inline=10, max_sentence_words=100)
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
    options = ExpandOptions(presentation="inline", max_inline=10, max_sentence_words=100)
    restored = out
    for e in plan(article, report, tools.glossary, None, options):
        if e.inline:
            restored = restored.replace(inserted(e), "", 1)
    assert restored == TRICKY


def test_the_inline_budget_counts_where_definitions_go(tools: JargonTools) -> None:
    article = articles.load(str(SEED))
    report, _ = tools.analyze(article)
    expansions = plan(article, report, tools.glossary, options=ExpandOptions(max_inline=3))
    rows = [e.at[0] for e in expansions if e.at is not None]
    assert max(rows.count(r) for r in rows) <= 3
    # One definition per place, but for those after a sentence, which keep their terms' order.
    assert len({(e.at, e.term_column) for e in expansions if e.at is not None}) == len(rows)
    assert any(e.after_sentence for e in expansions) and not all(e.after_sentence for e in expansions if e.inline)


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
    # A Spanish definition at first use: in the sentence where it fits, else after it.
    assert re.search(r"la quimioterapia \([a-záéíóúñ][^)]+\)\. \(Biopsia: [a-záéíóúñ][^)]+\.\) Después", out)


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
        "injury ",  # after "kidney ": a phrase the definition goes after
        "**",
        "[clinic](https://example.org/c) ",
        "- **kidney** is ",
        "tumors ",
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
    options = ExpandOptions(presentation="inline", max_inline=50)
    expansions = plan(article, report, tools.glossary, None, options)
    out = render(article, expansions, None, options)
    out = _taken_out(out, sorted(expansions, key=lambda e: e.at or (0, 0)))
    assert out == article.source.rstrip("\n") + "\n"


# A glossary of our own: the project's entries, and "NCI" entries imported from API objects we write.
OWN_TERMS = """
"9100001":
  en:
    name: widgetoma
    also: [widget lump]
    definition: A lump made of widget cells. It grows slowly.
"9100002":
  en:
    name: Food and Drug Administration
    definition: The U.S. agency that checks that medicines are safe.
"9100003":
  en:
    name: computed tomography
    definition: A scan that uses x-rays and a computer to make pictures of the inside of the body.
"9100004":
  en:
    name: benign
    definition: Not cancer.
"9100005":
  en:
    name: neutropenia
    definition: Too few of a kind of white blood cell.
"9100006":
  en:
    name: magnetic resonance
    definition: A way to see inside the body with magnets and radio waves.
"9100007":
  en:
    name: gene panel
    definition: A test that looks for changes in the DNA of many genes at once.
  es:
    name: panel de genes
    definition: Una prueba que busca cambios en el ADN de muchos genes a la vez.
"9100009":
  en:
    name: lumpectomy
    definition: Surgery to take out a lump and a little of the normal tissue around it.
"9100010":
  es:
    name: ADN
    definition: La sustancia de las células que lleva los genes.
"9100011":
  en:
    name: WDG
    definition: A widget growth in the gut.
"9100012":
  en:
    name: IV
    definition: Into a vein.
"9100013":
  en:
    name: GZM
    definition: A kind of blood cell that eats germs.
"9100014":
  en:
    name: WXG
    definition: A gene that tells cells when to grow.
"9100015":
  en:
    name: zorbix
    definition: A drug that shrinks widget lumps. Zorbix blocks a widget protein. Also called Zorbalin and zorbicin.
"9100016":
  en:
    name: Zorbalin
    definition: A drug that shrinks widget lumps. Zorbalin blocks a widget protein. Also called zorbicin and zorbix.
"9100017":
  en:
    name: quenmab
    definition: A drug that shrinks widget lumps. Quenmab blocks a gizmo protein. Also called Quenza.
"9100018":
  en:
    name: PA
    definition: A health worker who treats people with a doctor's help.
"9100019":
  en:
    name: widget regimen
    definition: The full plan of which widgets to use, how often, and for how long.
"9100020":
  en:
    name: injury
    definition: Harm done to the body.
"9100021":
  en:
    name: gizmo injury
    definition: Harm done to a gizmo, a small organ.
"9100022":
  en:
    name: mRNA
    definition: A copy of a gene that a cell reads to make a protein.
"9100023":
  en:
    name: widget screening
    definition: Tests that look for widget cells before they cause trouble.
"9100024":
  en:
    name: widget return
    also: [rezorb]
    definition: Widget cells that come back after a time when none could be found.
"9100025":
  en:
    name: zib
    definition: A tiny part of a widget cell.
"9100026":
  en:
    name: zib therapy
    definition: Treatment that changes how zibs work.
"9100027":
  en:
    name: zap ray
    definition: Energy sent out as tiny widget waves, used to take pictures of widgets or to melt them.
"9100028":
  en:
    name: mitigate
    definition: To make milder.
"9100029":
  en:
    name: acute zib widgetoma
    definition: A widgetoma that grows fast from zibs.
"""
NCI_TERMS = [
    (
        "9100001",
        "widgetoma",
        "A growth of widget cells in any organ of the body, such as the liver, that may grow slowly over many"
        " years and that is found on scans. It is rare.",
    ),
    (
        "9100008",
        "gizmitis",
        "A swelling of the gizmo (a small organ (a body part) under the ribs that stores fluid), which causes pain,"
        " fever and a loss of hunger in people of all ages and that comes back often in some of them.",
    ),
]


@pytest.fixture(scope="module")
def own_tools(tmp_path_factory: pytest.TempPathFactory) -> JargonTools:
    """Our test glossary, with NCI's entries imported: NCI's entry is the one listed where both have an id."""
    import json

    from simplify.glossary.index import import_path

    folder = tmp_path_factory.mktemp("own-glossary")
    (folder / "project").mkdir()
    (folder / "project" / "terms.yaml").write_text(OWN_TERMS, encoding="utf-8")
    lines = [
        json.dumps(
            {
                "termId": int(term_id),
                "language": "en",
                "dictionary": "Cancer.gov",
                "audience": "Patient",
                "termName": name,
                "definition": {"text": text},
            }
        )
        for term_id, name, text in NCI_TERMS
    ]
    (folder / "nci.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_path(folder / "nci.jsonl", cache_dir=folder / "cache")
    return JargonTools(load_glossary(cache_dir=folder / "cache", project_dir=folder / "project"))


def _expand_text(
    body: str, tools: JargonTools, lang: str | None = None, **options: object
) -> tuple[str, str, tuple[Expansion, ...]]:
    """Return the English article's source, its expansion for ``lang`` and the plan (inline unless told otherwise)."""
    source = "---\ntitle: T\nlanguage: en\n---\n\n" + body
    article = articles.parse(source, path="t.md")
    report, _ = tools.analyze(article)
    opts = ExpandOptions(**{"presentation": "inline", **options})  # type: ignore[arg-type]
    expansions = plan(article, report, tools.glossary, lang, opts)
    return source, render(article, expansions, lang, opts), expansions


def _undefined_abbreviations(text: str, tools: JargonTools) -> set[str]:
    report, _ = tools.analyze(articles.parse(text, path="t.md"))
    return {f.message.split('"')[1] for f in report.findings if f.rule == "jargon.undefined-abbreviation"}


def _taken_out(text: str, expansions: Sequence[Expansion]) -> str:
    for e in expansions:
        if e.inline:
            text = text.replace(inserted(e), "", 1)
    return text


def test_our_own_plain_definition_goes_inline_even_where_nci_is_listed(own_tools: JargonTools) -> None:
    _, out, expansions = _expand_text("A widgetoma and gizmitis are rare.", own_tools, presentation="both")
    by_name = {e.name: e for e in expansions}
    assert by_name["widgetoma"].definition.startswith("A growth of widget cells")  # NCI's, in the word list
    assert "A widgetoma (a lump made of widget cells) and" in out  # ours, inline
    # NCI's only, too long whole: it ends before ", which causes ...", the last clause boundary within the words
    # allowed (not before "and that comes back ...", which would leave the rest of a list).
    assert by_name["gizmitis"].short == "A swelling of the gizmo"
    assert "…" not in out and "((" not in out
    assert "- **gizmitis**: A swelling of the gizmo (a small organ (a body part)" in out


@pytest.mark.parametrize(
    ("body", "wanted", "unwanted"),
    [
        # An abbreviation the article defines: its definition stays whole; ours goes where the reader meets it next.
        (
            "The Food and Drug Administration (FDA) approved the drug. Later the FDA said more.",
            "Later the FDA (the U.S. agency that checks that medicines are safe) said",
            "Administration (the",
        ),
        (
            "A computed tomography (CT) scan was done. A second CT showed the lump.",
            "A second CT (a scan that uses x-rays",
            "tomography (a scan",
        ),
        # An abbreviation of more words than the term's stands for more than the term: at the term's next use.
        (
            "A painful widgetoma (PW) grew. Later the PW was gone. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "PW (a lump",
        ),
        # The same over a line break inside the paragraph.
        (
            "The Food and Drug Administration\n(FDA) approved the drug. Later the FDA said more.",
            "Later the FDA (the U.S. agency",
            "Administration (the",
        ),
        # Inside the long form of an abbreviation the article defines: at the next use.
        (
            "A magnetic resonance imaging (MRI) scan was done. The magnetic resonance scan was clear.",
            "The magnetic resonance scan (magnetic resonance: a way to see inside",
            "A magnetic resonance (",
        ),
        # The article explains the term in its own parenthesis: no second explanation, here or later.
        ("The lump was benign (not harmful). A benign lump can stay.", "benign (not harmful).", "(not cancer)"),
        # The article says what it is: "X is Y that ...", "... is called X".
        ("A widgetoma is lumpy tissue that grows. A widgetoma can hurt.", "is lumpy tissue that grows", "(a lump"),
        ("A lump of widget cells is called a widgetoma. It can hurt.", "is called a widgetoma.", "(a lump"),
        ("A widgetoma is often found in kids that play. A widgetoma can hurt.", "widgetoma (a lump made", "kids ("),
        ("A widgetoma is linked to genes that grow.", "A widgetoma (a lump made", "genes ("),
        ("A widgetoma is possible in cases where it grows.", "A widgetoma (a lump made", "cases ("),
        # ... "X means ...", "X is closely watching ...", or the next sentence that opens with it says so.
        ("A widgetoma means lumpy tissue. A widgetoma can hurt.", "means lumpy tissue.", "(a lump"),
        ("A widgetoma is closely watching a lump. It can hurt.", "is closely watching", "(a lump"),
        ("Doctors found a widgetoma. Widgetoma means a lump of widget cells.", "found a widgetoma.", "(a lump"),
        ("Doctors found a widgetoma. A widgetoma is a lump of widget cells.", "found a widgetoma. A", "(a lump"),
        ("Doctors found a widgetoma. The widgetoma is a lump of widget cells.", "found a widgetoma. The", "(a lump"),
        ("Doctors found a widgetoma. Widgetomas grow in kids.", "widgetoma (a lump made", "kids ("),
        # A list item that opens with the term in bold and says what it is explains it.
        ("- **Widgetoma** rates have gone up.", "**Widgetoma (a lump made", "**Widgetoma** rates have gone up."),
        ("- **Widgetoma** is lumpy tissue.\n- **Gizmitis** hurts.", "- **Widgetoma** is lumpy", "(a lump made"),
        # ... or, in English, what it does ("- **Ultrasound** uses sound waves ..."): a verb's "-s" form.
        ("- **Widgetoma** grows from widget cells.\n\nA widgetoma hurts.", "**Widgetoma** grows from", "(a lump made"),
        # ... or after ", which".
        ("- **Widgetomas**, which are lumps.\n\nA widgetoma hurts.", "**Widgetomas**, which are lumps", "(a lump made"),
        # Not a noun after it: that is a phrase the term opens.
        ("- **Widgetoma** cells grow.", "(widgetoma: a lump made", "**Widgetoma** grows"),
        # After a plural, "-ing" opens what the things do; after a singular it may go on with the phrase.
        ("Widgetoma summaries containing facts were read.", "Widgetoma summaries (widgetoma: a lump", "facts ("),
        ("A widgetoma screening plan was made.", "screening plan (widgetoma: a lump made", "widgetoma (a lump"),
        (
            "- **[Widgetomas](/Common/PopUps/popDefinition.aspx?id=CDR0009100001)** are lumps.",
            "(/Common/PopUps/popDefinition.aspx?id=CDR0009100001)** are lumps.",
            "(a lump made",
        ),
        # Another parenthesis right after the term, or the term inside one: at the next use.
        (
            "Some had neutropenia (in 50% of people). Neutropenia can be treated.",
            "Neutropenia (too few of a kind of white blood cell) can be treated.",
            "neutropenia (too few",
        ),
        (
            "Some lumps (a widgetoma, for one) grow. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "one) (",
        ),
        # Inside a parenthesis opened on an earlier line of the paragraph ...
        (
            "Some lumps (one is a\nwidgetoma) grow. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "widgetoma (a lump made of widget cells))",
        ),
        # ... but not one left open in another list item.
        ("- A lump (one\n- A widgetoma grew.", "A widgetoma (a lump made of widget cells) grew.", "widgetoma grew"),
        # Nor where the word goes on after a link.
        (
            "The [widgetoma](/Common/PopUps/popDefinition.aspx?id=CDR0009100001)® kit. A widgetoma again.",
            "A widgetoma (a lump made of widget cells) again.",
            ") (a lump",
        ),
        # Nor after a link's text that ends its sentence.
        (
            "No change in their [widgetoma.](/Common/PopUps/popDefinition.aspx?id=CDR0009100001) A widgetoma grew.",
            "A widgetoma (a lump made of widget cells) grew.",
            ".) (a lump",
        ),
        # Nor right after a parenthesis (a link text may hold one).
        (
            "A [(widgetoma)](/Common/PopUps/popDefinition.aspx?id=CDR0009100001) grew. A lump (widgetoma) went.",
            "A lump (widgetoma) went.",
            ") (a lump",
        ),
        # A use that is part of a name or a title does not mean the term: at the next use.
        (
            "It was in the *Annals of Widgetoma* first. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "Widgetoma (a lump",
        ),
        (
            "The Widgetoma Society met. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "Widgetoma (a lump",
        ),
        # An acronym first met in a heading is explained at its next use in its capitals, not at a word.
        ("# WDG in children\n\nWdg grew. The WDG was seen.", "The WDG (a widget growth in the gut) was", "Wdg ("),
        # A capitalised use that begins a sentence is the term.
        ("It grew. Widgetoma can hurt.", "Widgetoma (a lump made of widget cells) can hurt.", "grew ("),
        # A definition does not split the reader's phrase ("widgetoma clinic") where a later use can take it ...
        (
            "A widgetoma clinic opened. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) can hurt.",
            "cells) clinic",
        ),
        # ... a verb or a small word ends the phrase ...
        (
            "A widgetoma formed. A widgetoma can hurt.",
            "A widgetoma (a lump made of widget cells) formed.",
            "can hurt (",
        ),
        # ... and with no other use in its paragraph, the first still explains it, not pages later: after the
        # phrase, saying which of its words it explains.
        (
            "A widgetoma clinic opened.",
            "A widgetoma clinic (widgetoma: a lump made of widget cells) opened.",
            "opened (",
        ),
        (
            "A widgetoma clinic opened.\n\nA widgetoma can hurt.",
            "A widgetoma clinic (widgetoma: a lump made of widget cells) opened.",
            "cells) can hurt",
        ),
        # Nor inside a key, which would then define nothing: at the next use.
        (
            "CT = computed tomography; WDG = wide gap.\n\nThe computed tomography was clear.",
            "The computed tomography (a scan that uses x-rays",
            "tomography (a scan that uses x-rays and a computer to make pictures of the inside of the body);",
        ),
        # Nor at a numeral ("stage IV") that the page's own letters do not stand for: at the next use.
        (
            "Drugs went in a vein (IV). The tumor was stage IV. A nurse put in an IV today.",
            "put in an IV (into a vein) today",
            "stage IV (",
        ),
        # A definition that would bring an abbreviation nothing explains stays in the word list only ...
        ("The gene panel came back clear.", "The gene panel came back clear.", "gene panel ("),
        # ... unless the article defines it.
        (
            "Deoxyribonucleic acid (DNA) carries genes. The gene panel came back clear.",
            "The gene panel (a test that looks for changes in the DNA of many genes at once) came",
            "gene panel came",
        ),
    ],
)
def test_definitions_never_double_up_parentheses_or_split_abbreviations(
    own_tools: JargonTools, body: str, wanted: str, unwanted: str
) -> None:
    source, out, expansions = _expand_text(body, own_tools)
    assert wanted in out and unwanted not in out, out
    if "benign" in body:
        assert "benign" in {e.name for e in expansions}  # still in the word list
    assert _undefined_abbreviations(out, own_tools) <= _undefined_abbreviations(source, own_tools)
    assert _taken_out(out, expansions) == source.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("body", "explained"),
    [
        # The page spells the acronym out as the glossary's entry does (most of its words): the entry explains it.
        ("A widget dense growth (WDG) hurt. Later the WDG shrank.", True),
        ("WDG = widget growth of the gut.\n\nLater the WDG shrank.", True),
        # The page means something else by the letters: the glossary's entry explains none of its uses.
        ("A wobbly drum gasket (WDG) broke. Later the WDG was fixed.", False),
        ("WDG = wobbly drum gasket.\n\nLater the WDG was fixed.", False),
    ],
)
def test_an_acronym_the_page_spells_out_otherwise_is_not_the_glossary_term(
    own_tools: JargonTools, body: str, explained: bool
) -> None:
    _, out, expansions = _expand_text(body, own_tools, presentation="both")
    assert ("WDG" in {e.name for e in expansions}) is explained
    assert ("(a widget growth in the gut)" in out) is explained


@pytest.mark.parametrize(
    ("body", "term", "explained"),
    [
        ("The GZM count went up.", "GZM", True),  # no gene here: the glossary's cell
        ("Changes in *GZM* raise the risk. The GZM test came back.", "GZM", False),  # italics: a gene's symbol
        ("Changes in _GZM_ raise the risk.", "GZM", False),
        ("People with GZM mutations need checks.", "GZM", False),  # a gene word after it
        ("The GZM gene was tested.", "GZM", False),
        ("GZM pathogenic variants were found.", "GZM", False),
        ("A GZM family had the test.", "GZM", True),  # a family with it, as often as a family of genes
        ("A *WXG/GZM* rearrangement was found.", "GZM", False),  # a fusion of two genes: each is a gene
        ("Changes in *WXG* raise the risk.", "WXG", True),  # the glossary's entry is the gene
        ("*GZM cells* were counted.", "GZM", True),  # italics around more than a symbol: emphasis
    ],
)
def test_a_gene_s_symbol_is_not_the_glossary_term_of_that_name_unless_it_is_a_gene(
    own_tools: JargonTools, body: str, term: str, explained: bool
) -> None:
    _, _, expansions = _expand_text(body, own_tools, presentation="both")
    assert (term in {e.name for e in expansions}) is explained


@pytest.mark.parametrize(
    ("body", "inline"),
    [
        # A sentence that opens with the term to say what it is explains it: no definition there or later.
        ("A widgetoma is a slow lump. A widgetoma can hurt.", False),
        ("Widgetoma is when widget cells pile up.\n\nA widgetoma can hurt.", False),
        ("- **Widgetoma**: widget cells that pile up.\n- A widgetoma can hurt.", False),
        ("- **[Widgetoma](/Common/PopUps/popDefinition.aspx?id=CDR0009100001):** widget cells.", False),
        ("It grew. Widgetomas are the most common lumps.", False),
        ("It grew. A widgetoma is a lump that grows.", False),
        ("The widgetoma is a lump at the base of the widget. It can hurt.", False),  # "the" opens it too
        ("It grew. The widgetomas are lumps that grow.", False),
        # Not where the term does not open the sentence, or the sentence does not say what it is.
        ("The doctor said the widgetoma is a worry.", True),
        ("A widgetoma is growing. It can hurt.", True),
        ("- **Widgetoma** was found in the scan.", True),
        ("Doctors found a\nwidgetoma is a worry.", True),
    ],
)
def test_a_term_the_sentence_defines_gets_no_second_definition(own_tools: JargonTools, body: str, inline: bool) -> None:
    _, out, expansions = _expand_text(body, own_tools)
    assert [e.name for e in expansions] == ["widgetoma"]  # in the word list either way
    assert ("(a lump made of widget cells)" in out) is inline, out


@pytest.mark.parametrize(
    ("body", "inline"),
    [
        # A doing said as another says what it is: "Screening is looking for cancer ..."
        ("Widget screening is looking for widget cells.", False),
        # ... but not what it is doing.
        ("Widget screening is getting better.", True),
    ],
)
def test_a_doing_said_as_another_defines_it(own_tools: JargonTools, body: str, inline: bool) -> None:
    _, out, _ = _expand_text(body, own_tools)
    assert ("(tests that look for widget cells" in out) is inline, out


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # A drug and its brand: one concept, explained at the name the reader meets first.
        ("Zorbix (Zorbalin) shrank the lump. Later Zorbalin was stopped.", ["zorbix"]),
        ("Zorbalin shrank the lump.\n\nZorbix is its other name.", ["Zorbalin"]),
        # The same first sentence, another drug: both explained.
        ("Zorbix and quenmab shrank the lump.", ["zorbix", "quenmab"]),
    ],
)
def test_one_concept_under_two_names_is_explained_once(own_tools: JargonTools, body: str, names: list[str]) -> None:
    _, _, expansions = _expand_text(body, own_tools, presentation="both")
    assert [e.name for e in expansions] == names


def test_a_full_paragraph_explains_its_terms_at_their_next_use(own_tools: JargonTools) -> None:
    body = "A widgetoma, neutropenia and a lumpectomy are all in this paragraph.\n\nThe lumpectomy went well.\n"
    _, out, _ = _expand_text(body, own_tools, max_inline=2)
    first, second = out.split("\n\n")[1:3]
    assert first.count(" (") == 2 and "lumpectomy are" in first
    assert "The lumpectomy (surgery to take out a lump" in second
    _, out, _ = _expand_text(body, own_tools, max_inline=3)
    assert out.split("\n\n")[1].count(" (") == 3
    _, out, expansions = _expand_text(body, own_tools, max_inline=0)
    assert not any(e.inline for e in expansions) and " (" not in out


def test_a_definition_in_another_language_looks_its_abbreviations_up_in_that_language(own_tools: JargonTools) -> None:
    """A Spanish handout of an English article: "ADN" is a Spanish name, which the English glossary lacks."""
    article = articles.parse("---\ntitle: T\nlanguage: en\n---\n\nThe gene panel came back clear.\n", path="t.md")
    report, _ = own_tools.analyze(article)
    expansions = plan(article, report, own_tools.glossary, "es", ExpandOptions(presentation="inline"))
    (panel,) = [e for e in expansions if e.name == "panel de genes"]
    assert "ADN" in panel.short and panel.inline


@pytest.mark.parametrize(
    ("text", "brings"),
    [
        ("It finds changes in the DNA.", True),  # nothing defines or names it
        ("A scan, also called a CT scan.", True),
        ("It lowers the HB in the blood.", False),  # the article defines "Hb": the check counts "HB" too
        ("A drug approved in the US.", False),  # a common word in capitals, not an abbreviation
        ("A lack of vitamin B12.", False),  # one letter: no abbreviation
        ("Cancer at stage IV.", False),  # a Roman numeral
    ],
)
def test_a_definition_brings_an_abbreviation_where_the_check_would_report_one(
    own_tools: JargonTools, text: str, brings: bool
) -> None:
    """What keeps a definition out of the text is what ``check`` reports: the two never disagree."""
    from simplify.expand import _brings_abbreviation

    article = articles.parse(f"---\ntitle: T\nlanguage: en\n---\n\nThe hemoglobin (Hb) was low. {text}\n", path="t.md")
    report, _ = own_tools.analyze(article)
    assert _brings_abbreviation(text, report.defined, own_tools.glossary, "en") is brings
    reported = {f.line for f in report.findings if f.rule == "jargon.undefined-abbreviation"}
    assert bool(reported) is brings


@pytest.mark.parametrize(
    "dropped",
    [
        # A PDQ changelog: the handout leaves the whole section out, subsections and all.
        "## Latest Updates to This Summary (01/02/2025)\n\n### Treatment\n\nAdded text about\nneutropenia.\n",
        # A block of page furniture in a section the handout keeps.
        "## More\n\nCredit: a picture of neutropenia\n",
    ],
)
def test_definitions_never_go_where_the_handout_drops_the_text(own_tools: JargonTools, dropped: str) -> None:
    """A definition that finds no place in the text the handout shows is in the word list only, never inline."""
    body = f"Some had neutropenia (in 50% of people).\n\n{dropped}"
    _, out, expansions = _expand_text(body, own_tools)
    (neutropenia,) = [e for e in expansions if e.name == "neutropenia"]
    assert not neutropenia.inline and "(too few" not in out
    _, out, _ = _expand_text(f"{body}\n## Care\n\nNeutropenia can be treated.\n", own_tools)
    assert "Neutropenia (too few of a kind of white blood cell) can be treated." in out


@pytest.mark.parametrize(
    "piece",
    [
        "(chemotherapy, a). ",  # every use inside a parenthesis, each a clause of its own
        "(A [b](/c) chemotherapy ",  # every use after a link, right before a parenthesis that is no definition
        "a [b](/c) (chemotherapy, d\n",  # a paragraph of many lines, each leaving its parentheses open
    ],
)
def test_planning_time_grows_with_the_text_not_its_square(tools: JargonTools, piece: str) -> None:
    """Articles are untrusted and may be megabytes: each use of a term costs about the same however long its line."""

    def seconds(size: int, runs: int) -> float:
        article = articles.parse("---\ntitle: T\nlanguage: en\n---\n\n" + piece * (size // len(piece)), path="t.md")
        report, _ = tools.analyze(article)
        assert report.unlinked  # the term is there, and every use of it is tried: none can take a definition
        options = ExpandOptions()
        best = math.inf
        for _ in range(runs):
            started = time.perf_counter()
            plan(article, report, tools.glossary, None, options)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(20_000, 5), seconds(200_000, 3)
    assert large < 20 * small, (small, large)  # 10 times the text; the square would be 100 times the time


def test_an_empty_link_is_no_use_of_its_term(tools: JargonTools) -> None:
    """An empty link text matches nowhere: no definition goes after it, or at the end of the page."""
    from itertools import islice

    from simplify.expand import _Source, _uses

    body = "A (test of [](/Common/PopUps/popDefinition.aspx?id=CDR0000045164) cells\n\nlast line\n"
    assert not list(islice(_uses(_Source(body), "", (1, 0), exact=True, link_first=True), 3))
    source, out, expansions = _expand_text(body, tools)
    assert [e.at for e in expansions if e.term_id == "45164"] == [None] and out == source


def test_a_spanish_phrase_is_not_split_either(own_tools: JargonTools) -> None:
    """In Spanish the adjective follows: "el panel de genes completo" goes on past the term."""
    source = (
        "---\ntitle: T\nlanguage: es\n---\n\nEl ácido desoxirribonucleico (ADN) lleva los genes. "
        "El panel de genes completo salió bien. El panel de genes también sirve.\n"
    )
    article = articles.parse(source, path="t.md")
    report, _ = own_tools.analyze(article)
    opts = ExpandOptions(presentation="inline")
    out = render(article, plan(article, report, own_tools.glossary, None, opts), None, opts)
    assert "El panel de genes (una prueba que busca cambios en el ADN de muchos genes a la vez) también" in out
    assert "genes completo salió" in out
    # Said once, the definition goes right after the term: no Spanish word list tells a verb from an adjective
    # ("el panel de genes sirve"), so it is not moved past the next word.
    once = source.replace(" El panel de genes también sirve.", "")
    article = articles.parse(once, path="t.md")
    report, _ = own_tools.analyze(article)
    out = render(article, plan(article, report, own_tools.glossary, None, opts), None, opts)
    assert "El panel de genes (una prueba que busca cambios en el ADN de muchos genes a la vez) completo" in out


def test_the_last_word_of_a_longer_term_is_no_use_of_its_own(own_tools: JargonTools) -> None:
    """ "gizmo injury" is a term of its own: its "injury" is explained where the article says injury alone.

    Here "gizmo injury" is explained at its link, so its first use is free: "injury" does not go there.
    """
    link = "[gizmo injury](/Common/PopUps/popDefinition.aspx?id=CDR0009100021)"
    body = f"The gizmo injury was found. A {link} was seen. Later the injury healed.\n"
    _, out, _ = _expand_text(body, own_tools)
    assert f"The gizmo injury was found. A {link} (harm done to a gizmo, a small organ) was seen." in out
    assert "Later the injury (harm done to the body) healed." in out
    # Unless editors linked the word alone: they meant it.
    _, out, _ = _expand_text(body.replace("gizmo injury was", "gizmo [injury](https://example.org/i) was"), own_tools)
    assert "The gizmo [injury](https://example.org/i) (harm done to the body) was found." in out


def test_a_term_inside_a_longer_term_is_no_use_of_it() -> None:
    """ "acute myeloid leukemia" holds no use of "myeloid": with words before and after it, the term names another."""
    from simplify.expand import _ends_a_name

    text, terms = "An acute zib widgetoma was found, and zib work.", {"acute zib widgetoma", "widgetoma"}
    assert _ends_a_name(text, 9, 12, terms)  # "zib" inside "acute zib widgetoma"
    assert not _ends_a_name(text, 38, 41, terms)  # "and zib work": no name


def test_a_spanish_name_keeps_its_number(own_tools: JargonTools) -> None:
    """No word list tells where a Spanish phrase ends, but a number of the name is no word: "cromosoma 18 (...)"."""
    opts = ExpandOptions(presentation="inline")
    for body, wanted in (
        ("El panel de genes 2 salió bien.", "El panel de genes 2 (panel de genes: una prueba que busca cambios"),
        (
            "El panel de genes 3 cm.",
            "El panel de genes (una prueba que busca cambios en el ADN de muchos genes a la vez) 3",
        ),
        (
            "El panel de genes 2,5 cm.",
            "El panel de genes (una prueba que busca cambios en el ADN de muchos genes a la vez) 2,5",
        ),
    ):
        article = articles.parse(f"---\ntitle: T\nlanguage: es\n---\n\n{body}\n", path="t.md")
        report, _ = own_tools.analyze(article)
        assert wanted in render(article, plan(article, report, own_tools.glossary, None, opts), None, opts)


def test_an_english_text_is_read_as_english_whatever_the_definitions_language(own_tools: JargonTools) -> None:
    """Spanish definitions around an English body: the body's own words still end its phrases ("may")."""
    source = "---\ntitle: T\nlanguage: en\n---\n\nThe gene panel may help.\n"
    article = articles.parse(source, path="t.md")
    report, _ = own_tools.analyze(article)
    opts = ExpandOptions(presentation="inline")
    out = render(article, plan(article, report, own_tools.glossary, "es", opts), "es", opts)
    assert "The gene panel (una prueba que busca cambios en el ADN de muchos genes a la vez) may help." in out


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
@pytest.mark.parametrize(
    "owner",
    [
        "[widgetoma](/Common/PopUps/popDefinition.aspx?id=CDR0009100001){a}s",  # a link, then "'s"
        "[widgetoma{a}s](/Common/PopUps/popDefinition.aspx?id=CDR0009100001)",  # "'s" in the link
        "widgetoma{a}s",  # no link: the matcher's use is "widgetoma's"
        "[widgetomas](/Common/PopUps/popDefinition.aspx?id=CDR0009100001){a}",  # the owners are many
    ],
)
def test_no_definition_between_an_owner_and_what_it_owns(own_tools: JargonTools, apostrophe: str, owner: str) -> None:
    """An owner ("the widgetoma's growth") takes no definition: it goes at a later use, or in the list only."""
    said = owner.format(a=apostrophe)
    _, out, expansions = _expand_text(f"The {said} growth was slow.\n", own_tools)
    (widgetoma,) = [e for e in expansions if e.name == "widgetoma"]
    assert not widgetoma.inline and "(a lump" not in out
    _, out, _ = _expand_text(
        f"The {said} growth was slow. A widgetoma can be removed.\n\nA widgetoma was seen.\n", own_tools
    )
    assert "A widgetoma (a lump made of widget cells) can be removed." in out


def test_a_link_that_says_only_the_opening_of_its_term_takes_no_definition(own_tools: JargonTools) -> None:
    """ "[gene] and protein panels", the link to "gene panel": after "gene" the definition would define "gene"."""
    link = "(/Common/PopUps/popDefinition.aspx?id=CDR0009100007)"
    dna = "Deoxyribonucleic acid (DNA) holds genes."
    _, out, expansions = _expand_text(f"{dna} Both [gene]{link} and protein panels were done.\n", own_tools)
    (panel,) = [e for e in expansions if e.term_id == "9100007"]
    assert not panel.inline and "(a test" not in out and panel.name == "gene panel"
    _, out, _ = _expand_text(f"{dna} A [gene panel]{link} was done.\n", own_tools)
    assert "(a test that looks for changes in the DNA of many genes at once)" in out
    # In another language's handout the link's words are still the article's: "gene" is no "panel de genes".
    _, out, expansions = _expand_text(f"{dna} Both [gene]{link} and protein panels were done.\n", own_tools, lang="es")
    assert not next(e for e in expansions if e.term_id == "9100007").inline and "(una prueba" not in out


def test_no_definition_goes_where_the_next_word_has_an_aside(own_tools: JargonTools) -> None:
    """ "benign (not cancer) widgetoma (a rare kind)" would read as two asides in a row: the list has it."""
    _, out, expansions = _expand_text("A benign widgetoma (a rare kind) grew.\n", own_tools)
    (benign,) = [e for e in expansions if e.name == "benign"]
    assert not benign.inline and "benign widgetoma (a rare kind)" in out
    _, out, _ = _expand_text("A benign widgetoma grew.\n", own_tools)
    assert "benign (not cancer) widgetoma (a lump" in out  # the phrase's end is the widgetoma's place
    _, out, _ = _expand_text("A benign bone widgetoma grew.\n", own_tools)
    assert "benign (not cancer) bone widgetoma (a lump" in out


@pytest.mark.parametrize(
    "label",
    [
        "**Widgetoma clinics**",
        "**[Widgetoma](/Common/PopUps/popDefinition.aspx?id=CDR0009100001)**",
        "__About widgetoma:__",
    ],
)
def test_a_heading_set_in_bold_takes_no_definition(own_tools: JargonTools, label: str) -> None:
    """A line in bold that makes no statement is a heading: the term is explained in the text below it."""
    _, out, _ = _expand_text(f"{label}\n\nA widgetoma can hurt.\n", own_tools)
    assert "A widgetoma (a lump made of widget cells) can hurt." in out and out.count("(a lump") == 1
    _, out, _ = _expand_text("**A widgetoma can hurt.**\n", own_tools)
    assert "**A widgetoma (a lump made of widget cells) can hurt.**" in out  # a statement in bold is text


def test_a_label_of_an_acronym_and_a_capitalised_word_takes_no_definition(own_tools: JargonTools) -> None:
    """ "WDG Approved" over "Yes" is a label (a drug page's): the acronym is explained where the text uses it."""
    _, out, _ = _expand_text("WDG Approved\n\nYes\n\nThe WDG can hurt.\n", own_tools)
    assert out.strip().split("\n\n")[1:4] == [
        "WDG Approved",
        "Yes",
        "The WDG (a widget growth in the gut) can hurt.",
    ], out


@pytest.mark.parametrize(
    ("title", "explained"),
    [
        ("Widgetoma Clinical Trials: A Story of Hope", False),  # a video's title, set as a paragraph
        ("Table 2. Widgetoma Stages by Age", False),
        ("Widgetoma clinical trials give hope", True),  # a sentence, if without its full stop
        ("- Widgetoma Clinical Trials", True),  # a list item
    ],
)
def test_a_paragraph_of_one_line_in_title_case_takes_no_definition(
    own_tools: JargonTools, title: str, explained: bool
) -> None:
    _, out, _ = _expand_text(f"{title}\n\nA widgetoma can hurt.\n", own_tools)
    assert ("a lump made" in out.split("\n\n")[1]) is explained, out


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        # A definition of one thing after a plural names the thing, so that the parenthesis does not read as
        # if the many were one ...
        ("Two widgetomas grew.", "Two widgetomas (widgetoma: a lump made of widget cells) grew."),
        (
            "Two widget lumps grew.",
            "Two widget lumps (widget lump: a lump made of widget cells) grew.",
        ),  # its other name
        # ... where it is of one thing: a definition that does not count fits either number.
        ("Two lumpectomies were done.", "Two lumpectomies (surgery to take out a lump"),
        ("A widgetoma grew.", "A widgetoma (a lump made of widget cells) grew."),
        # "The" opens a definition of one thing too.
        ("Two widget regimens work.", "Two widget regimens (widget regimen: the full plan of which widgets"),
        # A link on another word than the term's (a verb, an adjective) names the term it explains.
        (
            "It was [widgetomatous](/Common/PopUps/popDefinition.aspx?id=CDR0009100001) today.",
            "CDR0009100001) (widgetoma: a lump made of widget cells) today.",
        ),
        # ... the name it is a verb form of, where the term has one, rather than its main name.
        (
            "It [rezorbed](/Common/PopUps/popDefinition.aspx?id=CDR0009100024) today.",
            "CDR0009100024) (rezorb: widget cells that come back",
        ),
    ],
)
def test_a_plural_is_explained_by_its_singular_name(own_tools: JargonTools, body: str, wanted: str) -> None:
    _assert_placed(own_tools, body, wanted)


def test_other_name_said_is_the_alias_the_words_are_or_are_the_plural_of(own_tools: JargonTools) -> None:
    from simplify.expand import other_name_said

    glossary = own_tools.glossary
    said = {w: other_name_said(glossary, "9100001", w, "en") for w in ("widget lumps", "Widget lump’s", "widgetomas")}
    assert said == {"widget lumps": "widget lump", "Widget lump’s": "widget lump", "widgetomas": ""}
    # In English, a verb form of another name says that name; of the main name, none.
    assert other_name_said(glossary, "9100024", "rezorbed", "en") == "rezorb"
    assert other_name_said(glossary, "9100024", "widget returning", "en") == ""
    assert other_name_said(glossary, "9100001", "widget lumps", "es") == ""  # no names in that language
    assert other_name_said(glossary, "9999999", "widget lumps", "en") == ""  # no such term


LONG = "In the clinic last year, the team of doctors and nurses saw that"  # 14 words: a sentence goes on from it


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        # In a sentence it would make longer than 25 words, a definition follows the sentence: a sentence of its
        # own that names what it explains.
        (
            f"{LONG} a widgetoma grew in the arm of a boy. It hurt.",
            f"{LONG} a widgetoma grew in the arm of a boy. (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        # Where it fits, it stays where the word is.
        ("A widgetoma grew in his arm. It hurt.", "A widgetoma (a lump made of widget cells) grew in his arm."),
        # Past what closes the sentence: emphasis marks, quotes, a link's destination.
        (
            f"**{LONG} a widgetoma grew in the arm of a boy.** It hurt.",
            "of a boy.** (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        (
            f"“{LONG} a widgetoma grew in the arm of a boy.” It hurt.",
            "of a boy.” (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        (
            f"{LONG} a widgetoma grew in the [arm of a boy.](/types/x) It hurt.",
            "[arm of a boy.](/types/x) (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        # Two terms of one long sentence: after it, in the order of the terms.
        (
            f"{LONG} a widgetoma and benign lumps grew in the arm of the boy.",
            "of the boy. (Widgetoma: a lump made of widget cells.) (Benign: not cancer.)",
        ),
        # The article's aside inside the term's words is no part of its name.
        (
            f"{LONG} a widget (WL) lump grew in the arm of a boy.",
            "of a boy. (Widget lump: a lump made of widget cells.)",
        ),
        # A plural names its singular; a sentence that goes on in the next line keeps its definition in place.
        (
            f"{LONG} two widgetomas grew in the arm of a boy.",
            "a boy. (Widgetoma: a lump made of widget cells.)",
        ),
        (
            f"{LONG} a widgetoma grew in the arm\nof a boy. It hurt.",
            "a widgetoma (a lump made of widget cells) grew in the arm\nof a boy.",
        ),
        # Past its citation markers, which end it as its stop does.
        (
            f"{LONG} a widgetoma grew in the arm of a boy.[[4](#cit/section_1.4)][[5](#cit/section_1.5)] It hurt.",
            "a boy.[[4](#cit/section_1.4)][[5](#cit/section_1.5)] (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        (
            f"A widgetoma grew.[[4](#cit/section_1.4)] {LONG} it hurt a great deal for many long days and nights.",
            "A widgetoma (a lump made of widget cells) grew.[[4]",
        ),
        # Markers in a run: with commas, dashes or spaces between them.
        *(
            (
                f"A widgetoma grew.{cites} {LONG} it hurt a great deal for many long days and nights.",
                f"A widgetoma (a lump made of widget cells) grew.{cites}",
            )
            for cites in ("[[1](#cit/a),[2](#cit/b)]", "[[3](#cit/a)-[5](#cit/b)]", "[[4](#cit/a)] [[5](#cit/b)]")
        ),
        (
            f"{LONG} a widgetoma grew in the arm of a boy.[[3](#cit/a)-[5](#cit/b)] It hurt.",
            "a boy.[[3](#cit/a)-[5](#cit/b)] (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        # Not inside a quotation that goes on: the definition would read as the speaker's words.
        (
            f"He said, “{LONG} a widgetoma grew in the arm of a boy. It hurt him a lot.”",
            "a widgetoma (a lump made of widget cells) grew in the arm of a boy. It hurt",
        ),
        # Past a PDQ summary's level of evidence after them, which is the sentence's too.
        (
            f"{LONG} a widgetoma grew in the arm of a boy.[[4](#cit/a)][Levels of evidence [B3](/b3) and [C3](/c3)]",
            "a boy.[[4](#cit/a)][Levels of evidence [B3](/b3) and [C3](/c3)] (Widgetoma: a lump made of widget cells.)",
        ),
        (
            f"{LONG} a widgetoma grew in the arm of a boy.[[4](#cit/a)][[Level of evidence A1](/a1)] It hurt.",
            "a boy.[[4](#cit/a)][[Level of evidence A1](/a1)] (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        # ... and past the chain of citations and levels it goes on with.
        (
            f"{LONG} a widgetoma grew in the arm of a boy.[[4](#cit/a)][[Level of evidence C1](/c1)]; "
            "[[5](#cit/b)][[Level of evidence C2](/c2)] It hurt.",
            "[[Level of evidence C2](/c2)] (Widgetoma: a lump made of widget cells.) It hurt.",
        ),
        # A term inside a level of evidence is explained there, in its bracket.
        (
            f"It grew.[[4](#cit/a)][Level of evidence for a widgetoma] {LONG} it hurt a great deal for days.",
            "[Level of evidence for a widgetoma (a lump made of widget cells)]",
        ),
        # Nor one in a line that a link goes on from or into (a scraped card), or whose text it ends inside.
        (
            f"[Widget Page\n\n{LONG} a widgetoma grew in the arm of a boy.](/types/x)",
            "a widgetoma (a lump made of widget cells) grew in the arm of a boy.](/types/x)",
        ),
        (
            f"{LONG} a widgetoma grew in the arm of a [boy. It hurt](/types/x) a lot.",
            "a widgetoma (a lump made of widget cells) grew",
        ),
    ],
)
def test_a_definition_follows_a_sentence_it_would_make_too_long(own_tools: JargonTools, body: str, wanted: str) -> None:
    _assert_placed(own_tools, body, wanted)


def test_no_definition_goes_in_a_scraped_cards_title(own_tools: JargonTools) -> None:
    """A card's title line becomes its link's text (boilerplate.mended_cards): a definition there would be read
    as part of the link; the card's line of text may have one."""
    body = "- [![A drawing.](/images/a.jpg)\n\nWidgetoma\n\nLearn about each widgetoma we see.](/types/widget)"
    _, out, _ = _expand_text(body + "\n", own_tools)
    assert "\nWidgetoma\n" in out and "each widgetoma (a lump made of widget cells) we see." in out


def test_after_a_sentence_a_term_is_named_as_the_glossary_writes_it(own_tools: JargonTools) -> None:
    _, out, _ = _expand_text(f"{LONG} the mRNA was checked again in the lab by the staff.\n", own_tools)
    assert "by the staff. (mRNA: a copy of a gene" in out


def test_words_explained_after_their_sentence_are_explained_once(own_tools: JargonTools) -> None:
    """ "Injury", first met in a heading, is next met inside "gizmo injury": one definition for those words, as
    in the sentence (one definition per place), not two."""
    _, out, _ = _expand_text(f"## Injury\n\n{LONG} a gizmo injury was seen in the boy by the staff.\n", own_tools)
    assert out.count("(Injury: harm done to the body.)") + out.count("(Gizmo injury: harm done to a gizmo") == 1


def test_a_term_that_opens_another_terms_name_is_not_explained_inside_it(own_tools: JargonTools) -> None:
    """ "zib therapy (zib: ...)" after "Zib therapy (treatment that changes how zibs work)": the name the
    reader has just had explained is no use of its first word, whose definition goes at a use of its own."""
    body = "## Zib\n\nZib therapy helps.\n\nLater, zib therapy was given.\n\nThe zib shrank.\n"
    _, out, _ = _expand_text(body, own_tools)
    assert "Zib therapy (treatment that changes how zibs work) helps." in out
    assert "(zib: " not in out and "The zib (a tiny part of a widget cell) shrank." in out


def test_the_definitions_put_in_a_sentence_count_toward_its_length(own_tools: JargonTools) -> None:
    """The first fits in the sentence (4 + 3 words: 21); the second would take it past 25, and follows it."""
    body = "Before the test, the doctors and the nurses said that a benign widgetoma was found in his arm."
    _, out, _ = _expand_text(body + "\n", own_tools)
    assert "a benign (not cancer) widgetoma was found in his arm. (Widgetoma: a lump made of widget cells.)" in out


def _assert_placed(tools: JargonTools, body: str, wanted: str) -> None:
    """Assert that expanding ``body`` gives ``wanted``, and that taking the definitions out gives it back."""
    source, out, expansions = _expand_text(body + "\n", tools)
    assert wanted in out, out
    assert _taken_out(out, expansions) == source.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        # A sentence's capital is not the term's: the glossary writes it in small letters.
        ("Widgetoma clinics opened.", "Widgetoma clinics (widgetoma: a lump made of widget cells) opened."),
        # After the whole link or emphasis that ends the phrase, never inside it.
        (
            "A widgetoma [clinic](https://example.org/c) opened.",
            "A widgetoma [clinic](https://example.org/c) (widgetoma: a lump made of widget cells) opened.",
        ),
        ("A **widgetoma clinic** opened.", "A **widgetoma clinic** (widgetoma: a lump made of widget cells) opened."),
        # Where the phrase ends inside a link's text, or the article's own aside follows it, or it goes on
        # too long to say which word is explained: the word list only.
        (
            "A widgetoma [clinic for kids](https://example.org/c) opened.",
            "A widgetoma [clinic for kids](https://example.org/c) opened.",
        ),
        ("A widgetoma clinic (in Ohio) opened.", "A widgetoma clinic (in Ohio) opened."),
        ("A widgetoma clinic day care center opened.", "A widgetoma clinic day care center opened."),
        # A name after "non-" is another thing: no use of the term.
        ("Some non-widgetoma lumps grew. A widgetoma grew.", "A widgetoma (a lump made of widget cells) grew."),
        # The end of a hyphenated word is named: else the definition reads as one of the whole word.
        ("A high-widgetoma grew.", "A high-widgetoma (widgetoma: a lump made of widget cells) grew."),
        # An adverb or a verb after the term ends the phrase: the definition goes right after the term.
        ("Later the widgetoma shrank.", "Later the widgetoma (a lump made of widget cells) shrank."),
        # A word that is only ever a verb or an adverb ends it too.
        ("The widgetoma envelops the gland.", "The widgetoma (a lump made of widget cells) envelops the gland."),
        ("Take 5 widgetoma twice a day.", "widgetoma (a lump made of widget cells) twice a day."),
        # ... and so do words of how often: "240 mg every 2 weeks", not "240 mg every (mg: ...) 2 weeks".
        ("Take 5 widgetoma every 2 weeks.", "widgetoma (a lump made of widget cells) every 2 weeks."),
        ("Take 5 widgetoma daily for 2 weeks.", "widgetoma (a lump made of widget cells) daily for 2 weeks."),
        # ... and so does a verb's "-s" form after a singular term, though it may be a plural noun too.
        ("The widgetoma attacks the liver.", "The widgetoma (a lump made of widget cells) attacks the liver."),
        # A plural heads its phrase: what follows it is most often a verb.
        ("Two widgetomas bloop here.", "Two widgetomas (widgetoma: a lump made of widget cells) bloop here."),
        # "including" ends it, as a preposition does; and a verb opens none ("mitigate late effects").
        ("A widgetoma including a gland.", "A widgetoma (a lump made of widget cells) including a gland."),
        ("They mitigate late effects.", "They mitigate (to make milder) late effects."),
        # The phrase ends where a term of the article ends with the word after it: "biotherapy side effects".
        ("A widgetoma widget return was seen.", "A widgetoma (a lump made of widget cells) widget return"),
        # ... but not the word after it alone: "cells mitigate" names no term that "widgetoma cells" goes on with.
        ("Widgetoma cells mitigate pain.", "Widgetoma cells (widgetoma: a lump made of widget cells) mitigate"),
        # A term inside a longer one is no use of it.
        (
            "A widgetoma grew. An acute zib widgetoma was found.\n\nA zib grew.",
            "A zib (a tiny part of a widget cell) grew.",
        ),
    ],
)
def test_a_term_inside_a_phrase_is_explained_after_the_phrase(own_tools: JargonTools, body: str, wanted: str) -> None:
    """ "acute kidney injury (kidney: ...)", not "acute kidney (...) injury", which reads as a new phrase."""
    _assert_placed(own_tools, body, wanted)


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ("A widgetoma 18 grew.", "A widgetoma 18 (widgetoma: a lump made of widget cells) grew."),
        ("A widgetoma 9p24 is here.", "A widgetoma 9p24 (widgetoma: a lump made of widget cells) is here."),
        ("A widgetoma 19-9 zone grew.", "A widgetoma 19-9 zone (widgetoma: a lump made of widget cells) grew."),
        ("A widgetoma 16q22.1.[[5](#cit/s.5)]", "A widgetoma 16q22.1 (widgetoma: a lump made of widget cells).[[5]"),
        # A plural's too: the number names which ones.
        ("Two widgetomas 18 and 19 grew.", "Two widgetomas 18 (widgetomas: a lump made of widget cells) and 19 grew."),
        # A measure, a count, a range or a year is no part of the name: the definition goes right after the term.
        ("A widgetoma 2 cm across grew.", "A widgetoma (a lump made of widget cells) 2 cm across grew."),
        ("A widgetoma 2 or more inches.", "A widgetoma (a lump made of widget cells) 2 or more inches."),
        ("A widgetoma 2–3 cm across grew.", "A widgetoma (a lump made of widget cells) 2–3 cm across grew."),
        ("Our widgetoma 2020 report.", "Our widgetoma (a lump made of widget cells) 2020 report."),
        ("Each widgetoma 1,000 mg.", "Each widgetoma (a lump made of widget cells) 1,000 mg."),
        ("A widgetoma 5-year rate.", "A widgetoma (a lump made of widget cells) 5-year rate."),
        ("A widgetoma 1 in 8 women.", "A widgetoma (a lump made of widget cells) 1 in 8 women."),
        # Where nothing may follow the number, the name is not split either: the word list explains the term.
        ("A widgetoma 18[[5](#cit/s.5)] grew.", "A widgetoma 18[[5](#cit/s.5)] grew."),
        ("A widgetoma 18's growth.", "A widgetoma 18's growth."),
        # Nor is a citation, whose brackets the reading leaves out.
        ("A widgetoma [[26](#cit/s.26)] grew.", "A widgetoma (a lump made of widget cells) [[26](#cit/s.26)] grew."),
        # "plus" and "versus" join two things: the phrase of the first ends there.
        ("A widgetoma plus a gland grew.", "A widgetoma (a lump made of widget cells) plus a gland grew."),
    ],
)
def test_the_number_of_a_name_goes_with_it(own_tools: JargonTools, body: str, wanted: str) -> None:
    """ "chromosome 18 (chromosome: ...)", not "chromosome (...) 18", which splits the name of one."""
    _assert_placed(own_tools, body, wanted)


@pytest.mark.parametrize(
    ("body", "explained"),
    [
        ("Widgetomas (in 5% of people) grew. A widgetoma can be removed.", "A widgetoma (a lump"),
        ("The widgetoma (in 5% of people) grew. Widgetomas can be removed.", "Widgetomas (widgetoma: a lump"),
    ],
)
def test_a_definition_goes_at_the_next_use_in_another_number(own_tools: JargonTools, body: str, explained: str) -> None:
    """The first use takes none (an aside follows it): the next one does, singular or plural."""
    _, out, _ = _expand_text(body + "\n", own_tools)
    assert explained in out


def test_a_definition_goes_in_a_table_only_if_running_text_has_no_place_for_it(own_tools: JargonTools) -> None:
    """A cell is narrow: the definition goes at a use in running text, even a later one, if there is one."""
    table = "| Stage | What |\n| --- | --- |\n| I | A widgetoma grew. |\n"
    _, out, _ = _expand_text(f"{table}\nLater a widgetoma was removed.\n", own_tools)
    assert "| A widgetoma grew. |" in out and "Later a widgetoma (a lump made of widget cells) was" in out
    _, out, _ = _expand_text(table, own_tools)
    assert "| A widgetoma (a lump made of widget cells) grew. |" in out


@pytest.mark.parametrize(
    ("use", "in_a_cell", "in_text"),
    [
        # Its first clause in a cell; the whole first sentence in running text, as ever.
        (
            "The zap ray hurt.",
            "The zap ray (energy sent out as tiny widget waves) hurt.",
            "(zap ray: energy sent out as tiny widget waves, used to take pictures of widgets or to melt them)",
        ),
        # No clause boundary in ten words: whole in both.
        (
            "The widget regimen works.",
            "(the full plan of which widgets to use, how often, and for how long)",
            "(the full plan of which widgets to use, how often, and for how long)",
        ),
    ],
)
def test_a_definition_in_a_table_ends_at_its_first_clause(
    own_tools: JargonTools, use: str, in_a_cell: str, in_text: str
) -> None:
    """A cell is narrow: a long definition that has to go in one ends at a clause, where it has one in ten
    words; cut at a word ("… how often…") it would say less than it seems to, so one with none stays whole."""
    _, out, _ = _expand_text(f"| Plan | Use |\n| --- | --- |\n| A | {use} |\n", own_tools)
    assert in_a_cell in out
    _, out, _ = _expand_text(f"{use}\n", own_tools)
    assert in_text in out


def test_a_state_in_an_address_is_no_use_of_the_term(own_tools: JargonTools) -> None:
    """ "Scranton, PA 18503" names a state: "PA" is explained where it means the health worker."""
    _, out, _ = _expand_text("The clinic in Scranton, PA 18503 opened. A PA saw me there.\n", own_tools)
    assert "Scranton, PA 18503 opened" in out and "A PA (a health worker who treats people" in out


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        # After a name, a gene's symbol or a noun that makes a kind of it, the definition says which word it
        # explains: "Zorblat widgetoma (a lump ...)" would read as the whole name's.
        ("Both had Zorblat widgetoma.", "Zorblat widgetoma (widgetoma: a lump made of widget cells)."),
        ("Both had *ZRB1* widgetoma.", "*ZRB1* widgetoma (widgetoma: a lump made of widget cells)."),
        ("Both had ZRB1::ZRB2 widgetoma.", "ZRB2 widgetoma (widgetoma: a lump made"),
        ("Both had *ZRBS* widgetoma.", "*ZRBS* widgetoma (widgetoma: a lump made of widget cells)."),
        ("Both had fusion widgetoma.", "fusion widgetoma (widgetoma: a lump made of widget cells)."),
        ("Both had qwertzian widgetoma.", "qwertzian widgetoma (widgetoma: a lump made"),  # unknown word
        # Not after an adjective (a malignant widgetoma is a widgetoma still), a small word, a verb, a number
        # with its unit, a stage, or a sentence's capital on a word that is no name.
        ("Both had malignant widgetoma.", "malignant widgetoma (a lump made of widget cells)."),
        ("Both had the widgetoma.", "the widgetoma (a lump made of widget cells)."),
        ("They treat widgetoma with care.", "treat widgetoma (a lump made of widget cells) with"),
        ("Both had stage III widgetoma.", "III widgetoma (a lump made of widget cells)."),
        ("Both had a 4 cm widgetoma.", "cm widgetoma (a lump made of widget cells)."),
        ("Malignant widgetoma grew.", "Malignant widgetoma (a lump made of widget cells) grew"),
        ("It grew.[[1](#cit/a.1)] Malignant widgetoma grew.", "Malignant widgetoma (a lump made of widget cells) grew"),
        ("Both had qwertzic widgetoma.", "qwertzic widgetoma (a lump made of widget cells)."),
    ],
)
def test_a_term_that_ends_a_longer_name_is_named_by_its_definition(
    own_tools: JargonTools, body: str, wanted: str
) -> None:
    _assert_placed(own_tools, body, wanted)
