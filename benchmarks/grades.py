"""Reading grades of handouts beside their articles', over the real pages: do the handouts read easier?

A handout's body is the article with its jargon explained; both grades are of the body alone (no
key points, word list or questions), as the handout's "About this handout" reports them. Printed
per formula: the median grade of the articles and of their handouts, the mean change, and how
many handouts read harder or easier than their article.

Run: .venv/bin/python benchmarks/grades.py [--formulas consensus,flesch_kincaid_grade]
Exit status: 0, or 2 when ../shared is missing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "nci-pages"


def main() -> int:
    """Print, per formula, the grades of the corpus's articles and of their handouts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formulas", default="consensus,flesch_kincaid_grade", help="comma-separated formulas")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs {CORPUS} (the NCI data beside the repository)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from simplify import articles
    from simplify.config import Settings
    from simplify.errors import ArticleError
    from simplify.handout import Handouts

    pages = sorted(CORPUS.rglob("*.md"))
    print(f"{len(pages)} pages of {os.path.relpath(CORPUS, ROOT)}")
    print(f"{'formula':24}{'article':>9}{'handout':>9}{'mean change':>13}{'harder':>8}{'easier':>8}")
    for formula in args.formulas.split(","):
        maker = Handouts(Settings(formula=formula))
        pairs = []
        empty = 0
        for path in pages:
            try:
                handout = maker.gather(articles.parse(path.read_text(encoding="utf-8"), path=str(path)))
            except ArticleError:
                empty += 1  # nothing to read but its title: no handout
                continue
            if handout.grade_article is not None and handout.grade_handout is not None:
                pairs.append((handout.grade_article, handout.grade_handout))
        before, after = [a for a, _ in pairs], [h for _, h in pairs]
        change = statistics.mean(h - a for a, h in pairs)
        harder, easier = sum(h > a for a, h in pairs), sum(h < a for a, h in pairs)
        print(
            f"{formula:24}{statistics.median(before):>9.2f}{statistics.median(after):>9.2f}"
            f"{change:>+13.2f}{harder:>8}{easier:>8}"
        )
    print(f"({empty} pages with nothing to read but their title make no handout)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
