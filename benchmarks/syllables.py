"""Benchmark syllable counting: accuracy on NCI terms CMUdict lacks, against textstat, and speed.

The accuracy set is every NCI glossary term (../shared) that is one word of letters a-z (hyphenated
terms are left out: they are counted part by part), has a respelling, and is not in CMUdict; the
gold count is the number of syllables of its respelling. textstat counts such words with pyphen;
ours are counted with dictionaries=False, by rules alone. The rules were developed on the terms
with even CDR ids; the odd ones are held out.

Run: .venv/bin/python benchmarks/syllables.py
Exit status: 0 when the bar is met, 1 when it is not, 2 when ../shared is missing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyphen

from simplify.text import SyllableCounter
from simplify.text.respell import nci_pronunciations, respelling_syllables
from simplify.text.syllables_cmu import cmu_syllables

GLOSSARY = Path(__file__).parents[1].parent / "shared" / "glossary" / "nci-glossary-xml-2016"
BAR_EXACT = 0.85
BAR_MAE = 0.2

Gold = Sequence[tuple[str, int]]


def bar_set(folder: Path) -> dict[str, Gold]:
    """Return the accuracy set as (word, syllables) pairs: by half (even and odd CDR id) and all."""
    cmu = cmu_syllables()
    rows = [
        (p.cdr_id, p.term.lower(), respelling_syllables(p.respelling))
        for p in nci_pronunciations(folder)
        if p.term.isascii() and p.term.isalpha() and p.term.lower() not in cmu
    ]
    return {
        "even CDR ids (dev)": [(w, n) for cdr, w, n in rows if cdr % 2 == 0],
        "odd CDR ids (held out)": [(w, n) for cdr, w, n in rows if cdr % 2 == 1],
        "all": [(w, n) for _, w, n in rows],
    }


def accuracy(gold: Gold, count: Callable[[str], int]) -> tuple[float, float]:
    """Return the share of exact counts and the mean absolute error of ``count`` on ``gold``."""
    errors = [abs(count(word) - n) for word, n in gold]
    return errors.count(0) / len(errors), sum(errors) / len(errors)


def fresh_ms(code: str) -> float:
    """Return the milliseconds that ``code`` (which prints them) reports from a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(result.stdout)


def load_ms(cache: Path) -> float:
    """Return the milliseconds a fresh interpreter takes to load, or build, the CMU table in ``cache``."""
    return fresh_ms(
        "import time; from pathlib import Path; from simplify.text.syllables_cmu import load_table;"
        f"t = time.perf_counter(); load_table(Path({str(cache)!r})); print((time.perf_counter() - t) * 1e3)"
    )


def microseconds_per_call(count: Callable[[str], int], words: Sequence[str]) -> float:
    """Return the mean microseconds of one ``count`` call over ``words``."""
    start = time.perf_counter()
    for word in words:
        count(word)
    return (time.perf_counter() - start) / len(words) * 1e6


def main() -> int:
    """Print the accuracy and speed tables; return the exit status."""
    if not GLOSSARY.is_dir():
        print(f"the NCI glossary export is not at {GLOSSARY}: ../shared is needed", file=sys.stderr)
        return 2
    sets = bar_set(GLOSSARY)
    hyphenate = pyphen.Pyphen(lang="en_US").positions
    ours = SyllableCounter(dictionaries=False).count
    print("Syllables of one-word NCI glossary terms CMUdict lacks (gold: NCI respellings)")
    print(f"{'set':<24}{'n':>6}  {'textstat exact':>14}  {'MAE':>5}  {'ours exact':>10}  {'MAE':>5}")
    results = {}
    for name, gold in sets.items():
        theirs_exact, theirs_mae = accuracy(gold, lambda word: len(hyphenate(word)) + 1)
        results[name] = exact, mae = accuracy(gold, ours)
        print(f"{name:<24}{len(gold):>6}  {theirs_exact:>14.1%}  {theirs_mae:>5.2f}", end="")
        print(f"  {exact:>10.1%}  {mae:>5.3f}")
    exact, mae = results["all"]
    met = exact >= BAR_EXACT and mae <= BAR_MAE
    print(f"bar (all): exact >= {BAR_EXACT:.0%} and MAE <= {BAR_MAE}: {'met' if met else 'NOT MET'}")

    with tempfile.TemporaryDirectory() as cache:
        cold = load_ms(Path(cache))
        warm = statistics.median(load_ms(Path(cache)) for _ in range(5))
    full = fresh_ms(
        "import time, cmudict; t = time.perf_counter(); cmudict.dict();print((time.perf_counter() - t) * 1e3)"
    )
    print()
    print("CMU syllable table, fresh interpreter (median of 5 warm loads)")
    print(f"  cold (read cmudict, build, write cache) {cold:8.1f} ms")
    print(f"  warm (read cache)                       {warm:8.1f} ms")
    print(f"  cmudict.dict(), textstat's way          {full:8.1f} ms  ({full / warm:.0f}x the warm load)")

    words = [word for word, _ in sets["all"]]
    count = SyllableCounter().count
    hit = microseconds_per_call(count, list(cmu_syllables())[::60])
    first_sight = microseconds_per_call(count, words)
    rules_only = microseconds_per_call(SyllableCounter(dictionaries=False).count, words)
    cached = microseconds_per_call(count, words * 50)
    print()
    print(f"count() per call, {len(words)} words (CMUdict hits: every 60th CMUdict word)")
    print(f"  first sight, CMUdict hit                {hit:8.2f} µs")
    print(f"  first sight, CMUdict miss, then rules   {first_sight:8.2f} µs")
    print(f"  first sight, rules only                 {rules_only:8.2f} µs")
    print(f"  seen before (cached)                    {cached:8.2f} µs")
    if not met:
        print(f"the bar is not met: exact {exact:.1%}, MAE {mae:.3f}", file=sys.stderr)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
