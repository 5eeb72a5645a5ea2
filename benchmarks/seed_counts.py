"""Counts of the seed article, ours beside textstat's: sentences, words, syllables, Flesch-Kincaid.

    .venv/bin/python benchmarks/seed_counts.py [ARTICLE]

textstat gets the plain reading text simplify scores (markup and boilerplate removed), with
CMUdict served offline; simplify gets the markdown file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from simplify import articles
from simplify.model import Role
from simplify.readability.score import Scorer
from simplify.readability.textstat_offline import serve_cmudict

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_33357ef47611650a.txt"


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else str(SEED)
    article = articles.load(path)
    ours = Scorer().score(article, sections=False)
    plain = "\n\n".join(b.text for b in article.blocks if b.role is Role.CONTENT)
    textstat = serve_cmudict().textstat
    textstat.set_lang("en_US")
    rows = [
        ("sentences", ours.counts.sentences, textstat.sentence_count(plain)),
        ("words", ours.counts.words, textstat.lexicon_count(plain)),
        ("syllables", ours.counts.syllables, textstat.syllable_count(plain)),
        ("flesch_kincaid_grade", ours.scores["flesch_kincaid_grade"], textstat.flesch_kincaid_grade(plain)),
        ("consensus grade", ours.grade, textstat.text_standard(plain, float_output=True)),
    ]
    print(f"{path}\n{'':24}{'simplify':>10}{'textstat':>10}")
    for name, *values in rows:
        print(f"{name:24}" + "".join(f"{v:>10.1f}" if isinstance(v, float) else f"{v:>10}" for v in values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
