"""Benchmark the glossary index: import the NCI XML export, then load it in fresh processes.

The bar: after ``import simplify.glossary``, loading the full NCI glossary (8,000+ terms with all
their names, ready for matching) takes under 200 ms. Each run is a cold interpreter that loads
the glossary, lists every English and Spanish name and looks one term up by name and by id.

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

LOAD = """
import time
t0 = time.perf_counter()
from simplify.glossary import load_glossary
t1 = time.perf_counter()
g = load_glossary(project_dir=None)
names = sum(1 for lang in ("en", "es") for _ in g.names(lang))
assert g.find("metastatic") and g.get("44058") is not None
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.2f} {(t2 - t1) * 1000:.2f} {len(g)} {names}")
"""


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
        samples = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True, text=True)
            imp, load, entries, names = out.stdout.split()
            samples.append((float(imp), float(load)))
        size = (Path(cache) / "glossary-v1.sqlite").stat().st_size
    import_ms = statistics.median(s[0] for s in samples)
    load_ms = statistics.median(s[1] for s in samples)
    print(f"import of the XML export: {report.total} terms in {xml_s:.2f} s; glossifier names: {names_s:.2f} s")
    print(f"index: {entries} entries, {names} names (en + es), {size / 1e6:.1f} MB")
    print(f"median of {runs} cold processes: import simplify.glossary {import_ms:.1f} ms, load {load_ms:.1f} ms")
    print(
        f"bar: load < {BAR_MS:.0f} ms: {'met' if load_ms < BAR_MS else 'NOT met'} ({load_ms / BAR_MS:.2f} of the bar)"
    )
    return 0 if load_ms < BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
