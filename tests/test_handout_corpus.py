"""Every fact survives into the handout, and no page furniture does: over all 414 real cancer.gov pages."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from htmltext import Page

from simplify import articles
from simplify.errors import ArticleError
from simplify.model import LinkKind
from simplify.translate.segment import _DRUG_NAME

# A number as articles write it: 569, 18.4, 1,000, 3.9%, 10-year (the number part).
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
# Whole paragraphs or headings that are page furniture (a sentence may still mention the PDQ section).
FURNITURE = frozenset(
    {
        "Placeholder slot",
        "About This PDQ Summary",
        "Purpose of This Summary",
        "Reviewers and Updates",
        "Permission to Use This Summary",
        "Enlarge",
    }
)


def facts(article: Any) -> Counter[str]:
    """Return the numbers, percentages and drug names of the article's own reading text, each with its count.

    Drug names are the drug links' words, brand names (®, ™) and generic names by their USAN stems; they are
    counted the way :func:`facts_in` counts them in the handout, so both sides use one measure.
    """
    blocks = list(article.content_blocks())
    names: set[str] = set()
    for block in blocks:
        names.update(m.group() for m in _DRUG_NAME.finditer(block.text))
        names.update(" ".join(link.text.split()) for link in block.links if link.kind is LinkKind.DRUG)
    names.discard("")
    found: Counter[str] = Counter()
    for block in blocks:
        found.update(facts_in(block.text, names))
    return +found


def facts_in(text: str, names: Counter[str]) -> Counter[str]:
    """Return how often each number, and each of ``names``, stands in ``text`` as a whole token."""
    found = Counter(NUMBER.findall(text))
    for name in names:
        if not NUMBER.fullmatch(name):
            found[name] = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    return found


# Page furniture inside a paragraph: raw link markup left by a link the markdown could not close ("text.](/types/x)"),
# and the PDQ board's note that points to the "About This PDQ Summary" section.
FURNITURE_INSIDE = re.compile(r"\]\((?:/|https?:|#)|About This PDQ Summary")


def furniture_in(paragraphs: list[str], html: str) -> list[str]:
    """Return the paragraphs (and reference-list headings) of a rendered handout that are page furniture."""
    shown = [p for p in paragraphs if p in FURNITURE or p.startswith("You need to enable JavaScript")]
    shown += [p for p in paragraphs if FURNITURE_INSIDE.search(p)]
    shown += re.findall(r"<h\d>(References|Referencias)</h\d>", html)  # reference lists stay out
    return shown


@pytest.mark.shared
def test_every_number_percentage_and_drug_name_survives_and_no_furniture_does(
    handouts: Any, corpus: list[Path]
) -> None:
    """In the HTML (and so the PDF) handout, and in the markdown one as a markdown renderer shows it."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark").enable("table")
    lost: dict[str, list[str]] = {}
    furniture: dict[str, list[str]] = {}
    unlike: list[str] = []
    empty: list[str] = []  # pages with nothing to read but their title: no handout, and nothing of theirs to keep
    for path in corpus:
        article = articles.load(str(path))
        try:
            handout = handouts.gather(article)
        except ArticleError as exc:
            assert "nothing to read" in str(exc)
            empty.append(path.name)
            continue
        wanted = facts(article)
        # The markdown body, rendered, reads as the HTML body does: the same headings and paragraphs.
        body, body_md = Page(handout.body), Page(markdown.render(handout.body_markdown))
        if (body.paragraphs, body.headings) != (body_md.paragraphs, body_md.headings):
            unlike.append(path.name)
        for fmt in ("html", "md"):
            rendered = handouts.templates.render(handout, fmt).text
            html = rendered if fmt == "html" else markdown.render(rendered)
            paragraphs = Page(html).paragraphs
            have = facts_in(" ".join(paragraphs), wanted)
            # Each occurrence, not just each value: "15" found inside "150" or once for three uses does not count.
            missing = sorted(f"{f} ({have[f]} of {n})" for f, n in wanted.items() if have[f] < n)
            if missing:
                lost[f"{path.name} ({fmt})"] = missing[:10]
            if shown := furniture_in(paragraphs, html):
                furniture[f"{path.name} ({fmt})"] = shown[:5]
    assert lost == {}
    assert furniture == {}
    assert unlike == []
    assert len(empty) <= 5, empty  # a dictionary page or two that is only "enable JavaScript", a video's frame
