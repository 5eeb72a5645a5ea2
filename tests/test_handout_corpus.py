"""Every fact survives into the handout, and no page furniture does: over all 414 real cancer.gov pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from htmltext import Page

from simplify import articles
from simplify.model import LinkKind

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


def facts(article: Any) -> set[str]:
    """Return the numbers, percentages and drug names of the article's own reading text."""
    found: set[str] = set()
    for block in article.content_blocks():
        found.update(NUMBER.findall(block.text))
        found.update(" ".join(link.text.split()) for link in block.links if link.kind is LinkKind.DRUG)
    return found - {""}


@pytest.mark.shared
def test_every_number_percentage_and_drug_name_survives_and_no_furniture_does(
    handouts: Any, corpus: list[Path]
) -> None:
    lost: dict[str, list[str]] = {}
    furniture: dict[str, list[str]] = {}
    for path in corpus:
        article = articles.load(str(path))
        handout = handouts.gather(article)
        html = handouts.templates.render(handout, "html").text
        paragraphs = Page(html).paragraphs
        text = " ".join(paragraphs)
        missing = sorted(f for f in facts(article) if f not in text)
        if missing:
            lost[path.name] = missing[:10]
        shown = [p for p in paragraphs if p in FURNITURE or p.startswith("You need to enable JavaScript")]
        shown += re.findall(r"<h\d>(References|Referencias)</h\d>", html)  # reference lists stay out
        if shown:
            furniture[path.name] = shown
    assert lost == {}
    assert furniture == {}
