"""Benchmark the glossary index: import the NCI XML export, then load it in fresh processes.

The bar: loading the full NCI glossary after ``simplify glossary import`` takes under 200 ms, end to
end: a cold interpreter imports simplify.glossary, opens the cache, lists every English and Spanish
name (what the term matchers are built from) and reads every entry's definition once. Beside that
full load, the benchmark prints the names-only load (what a page that looks up a few terms pays) and
reading every entry by id, one query each, which is what ``Glossary.entries`` saves.

Run: .venv/bin/python benchmarks/glossary_load.py [runs]
Exit status: 0 when the bar is met, 1 when it is not, 2 when ../shared is missing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

XML = Path(__file__).parents[1].parent / "shared" / "glossary" / "nci-glossary-xml-2016"
GLOSSIFIER = XML.parent / "nci-glossifier-names" / "glossifier_refresh.json"
BAR_MS = 200.0

# Prints, in ms from the start of the process's work: simplify.glossary imported, names loaded, every
# definition read; then the entry and name counts.
LOAD = """
import sys, time
t0 = time.perf_counter()
from simplify.glossary import load_glossary
t1 = time.perf_counter()
g = load_glossary(project_dir=None)
names = sum(1 for lang in ("en", "es") for _ in g.names(lang))
assert g.find("metastatic") and g.get("44058") is not None
t2 = time.perf_counter()
if sys.argv[1] == "entries":
    defined = sum(1 for e in g.entries() if e.definition("en") or e.definition("es"))
else:
    defined = sum(1 for i in g.ids() if (e := g.get(i)) and (e.definition("en") or e.definition("es")))
t3 = time.perf_counter()
print(*(f"{(t - t0) * 1000:.2f}" for t in (t1, t2, t3)), len(g), names, defined)
"""


def cold(env: dict[str, str], how: str, runs: int) -> tuple[list[float], list[float], list[float], list[str]]:
    """Run LOAD in ``runs`` fresh interpreters; return the three times of each and the counts."""
    imported, named, full = [], [], []
    counts: list[str] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD, how], env=env, check=True, capture_output=True, text=True
        ).stdout.split()
        imported.append(float(out[0]))
        named.append(float(out[1]))
        full.append(float(out[2]))
        counts = out[3:]
    return imported, named, full, counts


def main() -> int:
    """Import the export into a temporary cache, time cold loads and print medians against the bar."""
    if not XML.is_dir():
        print(f"needs {XML} (the NCI data beside the repository)", file=sys.stderr)
        return 2
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from simplify.glossary import import_path

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        report = import_path(XML, cache_dir=Path(cache))
        xml_s = time.perf_counter() - started
        started = time.perf_counter()
        import_path(GLOSSIFIER, cache_dir=Path(cache))
        names_s = time.perf_counter() - started
        env = {**os.environ, "SIMPLIFY_CACHE_DIR": cache}
        imported, named, full, (entries, names, defined) = cold(env, "entries", runs)
        *_, by_id, _ = cold(env, "by-id", runs)
        size = (Path(cache) / "glossary-v1.sqlite").stat().st_size
    median = statistics.median
    full_ms = median(full)
    print(f"import of the XML export: {report.total} terms in {xml_s:.2f} s; glossifier names: {names_s:.2f} s")
    print(f"index: {entries} entries ({defined} with a definition), {names} names (en + es), {size / 1e6:.1f} MB")
    print(f"median of {runs} cold processes, from the start of `import simplify.glossary`:")
    print(f"  import simplify.glossary            {median(imported):6.1f} ms")
    print(f"  + open the cache, every name        {median(named):6.1f} ms  (names-only load)")
    print(f"  + every entry's definition          {full_ms:6.1f} ms  (full load: Glossary.entries, one query)")
    print(f"  (every entry by id instead          {median(by_id):6.1f} ms: Glossary.get, one query each)")
    verdict = "met" if full_ms < BAR_MS else "NOT met"
    print(f"bar: full load < {BAR_MS:.0f} ms: {verdict} ({full_ms / BAR_MS:.2f} of the bar)")
    return 0 if full_ms < BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
