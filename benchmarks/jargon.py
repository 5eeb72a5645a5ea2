"""Glossary term matching, NCI's glossifier rule beside ours, on the real cancer.gov pages.

    .venv/bin/python benchmarks/jargon.py [--repeat 3]

Truth is what NCI's editors linked: per page, the glossary term ids of its links. Both matchers read
the pages with the links removed. NCI's rule (the baseline) is a longest case-insensitive match over
its glossifier name list, first occurrence per term; ours adds the glossary XML's cased names,
generated plurals and drug names without their salt, keeps acronyms in capitals and skips everyday
words (wordfreq Zipf >= 5) unless they are part of a longer term.

Prints recall over all linked terms (also on each half of the pages, split by a hash of the file
name: a rule that helps one half only is suspect), over those the name lists have a name for, and
over those that are not everyday words; terms found that editors did not link per 1,000 words;
matches of an everyday word; matching time per 1,000 words; and the ceiling of recall for any
matcher of these names (simplify.jargon.evaluate.ceiling). Exits 1 if our bar is missed: recall >= 97%,
no everyday-word match, <= 2 ms per 1,000 words.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NAMES = SHARED / "glossary" / "nci-glossifier-names" / "glossifier_refresh.json"
XML = SHARED / "glossary" / "nci-glossary-xml-2016"
CORPUS = SHARED / "corpus" / "nci-pages"

RECALL_BAR = 0.97
MS_BAR = 2.0


def main() -> int:
    """Measure both matchers and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="time each page this often, keep the best")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS} (the NCI data beside the repository)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from simplify import articles
    from simplify.jargon.evaluate import ceiling, halves, measure, page
    from simplify.jargon.matcher import TermMatcher
    from simplify.jargon.nci import glossifier_names, project_names, xml_names

    start = time.perf_counter()
    nci = glossifier_names(NAMES, "en")
    xml = xml_names(XML, "en")
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    baseline = TermMatcher.build(nci, "en", zipf_threshold=None, inflect=False, acronyms=False)
    built_base = time.perf_counter() - start
    start = time.perf_counter()
    names = [*nci, *xml, *project_names("en")]
    ours = TermMatcher.build(names, "en")
    built_ours = time.perf_counter() - start
    pages = [page(articles.load(str(f))) for f in sorted(CORPUS.rglob("*.md"))]
    named = {term_id for _, term_id in [*nci, *xml]}
    truth = sum(len(p.truth) for p in pages)
    unnamed = {t for p in pages for t in p.truth - named}
    unnamed_uses = sum(len(p.truth - named) for p in pages)
    everyday = sum(len(p.everyday_truth & named) for p in pages)
    print(
        f"{len(pages)} pages, {sum(p.words for p in pages):,} words, {truth:,} linked terms (per page); "
        f"{unnamed_uses} of them ({len(unnamed)} ids) have no name in either list, "
        f"{everyday} are linked only on an everyday word",
        file=sys.stderr,
    )
    print(
        f"names read in {loaded:.2f} s; built: NCI rule {baseline.size:,} names in {built_base:.2f} s, "
        f"ours {ours.size:,} in {built_ours:.2f} s",
        file=sys.stderr,
    )
    base = measure(baseline, pages, named, repeat=args.repeat)
    mine = measure(ours, pages, named, repeat=args.repeat)
    split = [(measure(baseline, part, named), measure(ours, part, named)) for part in halves(pages)]
    rows = [
        ("recall, all linked terms", f"{base.recall:.1%}", f"{mine.recall:.1%}"),
        *(
            (f"  on half {k} ({len(part)} pages)", f"{b.recall:.1%}", f"{o.recall:.1%}")
            for k, (part, (b, o)) in enumerate(zip(halves(pages), split, strict=True))
        ),
        ("recall, terms with a name", f"{base.recall_named:.1%}", f"{mine.recall_named:.1%}"),
        ("recall, named and not everyday", f"{base.recall_plain:.1%}", f"{mine.recall_plain:.1%}"),
        ("extra terms per 1,000 words", f"{base.extra_per_1k:.1f}", f"{mine.extra_per_1k:.1f}"),
        ("everyday-word matches", str(base.everyday_matches), str(mine.everyday_matches)),
        ("acronym matches (ALL, WHO)", str(base.acronym_matches), str(mine.acronym_matches)),
        ("ms per 1,000 words", f"{base.ms_per_1k:.2f}", f"{mine.ms_per_1k:.2f}"),
    ]
    print(f"{'':32} {'NCI rule':>10} {'ours':>10}")
    top = ceiling(ours, pages, names)
    for name, a, b in rows:
        print(f"{name:32} {a:>10} {b:>10}")
    print(
        f"ceiling: {top:.1%} of linked terms have a name (any case, any regular plural) in their page, or are found "
        "by ours; no matcher of these names can pass it"
    )
    missed = []
    if mine.recall < RECALL_BAR:
        missed.append(f"recall {mine.recall:.1%} < {RECALL_BAR:.0%}")
    if mine.everyday_matches:
        missed.append(f"{mine.everyday_matches} everyday-word matches")
    if mine.ms_per_1k > MS_BAR:
        missed.append(f"{mine.ms_per_1k:.2f} ms per 1,000 words > {MS_BAR}")
    if missed:
        print("bar missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
