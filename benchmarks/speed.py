"""Speed of scoring and checking, ours beside textstat, in one run over the real cancer.gov pages.

    .venv/bin/python benchmarks/speed.py [--repeat 3]

Prints, for ../shared/corpus/nci-pages (414 pages) plus the seed:
1. per article, our time (markdown parsing + every formula of the language + sections,
   hardest sentences and rare words) and textstat's time for the same formulas on the same
   plain text, measured alternately article by article; medians and their ratio;
2. `simplify check` over the 414 pages: wall time (start-up included) and peak memory of
   the whole process tree, with the readability rules alone and with the default rules
   (readability and jargon);
3. `import simplify` time.
Exits 1 if a target of the issue is missed: >= 5x faster than textstat as the issue measured it (its
"about 13 ms for seven English formulas on the seed" is textstat computing each formula from scratch;
the benchmark prints both ways beside it), check < 5 s (either rules), import < 0.3 s, < 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simplify.config import JARGON_RULES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


def plain_text(article: object) -> str:
    """Return the reading text we score, as one plain text for textstat."""
    from simplify.model import Article, Role

    assert isinstance(article, Article)
    return "\n\n".join(b.text for b in article.blocks if b.role is Role.CONTENT)


def per_article(files: list[Path], repeat: int) -> dict[str, list[float]]:
    from simplify import articles
    from simplify.readability.score import Scorer
    from simplify.readability.textstat_offline import serve_cmudict

    textstat = serve_cmudict().textstat
    scorer = Scorer()
    texts = [articles.read_text(str(f)) for f in files]
    plains = []
    formulas: list[str] = []
    for f, text in zip(files, texts, strict=True):  # warm up both sides and collect the plain texts
        article = articles.parse(text, path=str(f))
        plains.append(plain_text(article))
        formulas = list(scorer.score(article).scores)
    textstat.set_lang("en_US")
    for name in formulas:
        getattr(textstat, name)(plains[0])  # our formula names are textstat's function names
    times: dict[str, list[float]] = {"ours": [], "detailed": [], "load": [], "textstat": [], "textstat_each": []}
    for f, text, plain in zip(files, texts, plains, strict=True):
        o, d, p, t, e = [], [], [], [], []
        for _ in range(repeat):
            start = time.perf_counter()
            articles.parse(text, path=str(f))
            p.append(time.perf_counter() - start)
            start = time.perf_counter()
            scorer.score(articles.parse(text, path=str(f)), sections=False)
            o.append(time.perf_counter() - start)
            start = time.perf_counter()
            scorer.score(articles.parse(text, path=str(f)))
            d.append(time.perf_counter() - start)
            # Shared caches, then each formula from scratch: how textstat's ~13 ms for seven formulas on the
            # seed (the reference figure) comes about; its caches are keyed by text and shared otherwise.
            shared, each = textstat_times(textstat, formulas, plain)
            t.append(shared)
            e.append(each)
        for key, values in zip(times, (o, d, p, t, e), strict=True):
            times[key].append(min(values))
    return times


SEVEN = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "gunning_fog",
)


def plain_text_of(path: Path) -> str:
    from simplify import articles

    return plain_text(articles.load(str(path)))


def seven_formulas(plain: str, repeat: int = 15) -> tuple[float, float]:
    """Return textstat's fastest ms for the seven best-known English formulas: caches shared, then each from scratch."""
    from simplify.readability.textstat_offline import serve_cmudict

    textstat = serve_cmudict().textstat
    textstat.set_lang("en_US")
    runs = [textstat_times(textstat, SEVEN, plain) for _ in range(repeat)]
    return min(r[0] for r in runs) * 1000, min(r[1] for r in runs) * 1000


def textstat_times(textstat: Any, formulas: Sequence[str], plain: str) -> tuple[float, float]:
    """Return textstat's seconds for ``formulas`` on ``plain``: caches shared across them, then each from scratch."""
    _clear_textstat_caches()
    start = time.perf_counter()
    for name in formulas:
        getattr(textstat, name)(plain)
    shared = time.perf_counter() - start
    start = time.perf_counter()
    for name in formulas:
        _clear_textstat_caches()
        getattr(textstat, name)(plain)
    return shared, time.perf_counter() - start


def _clear_textstat_caches() -> None:
    """Empty textstat's lru caches so that a repeat measures work, not a cache hit."""
    for module in list(sys.modules.values()):
        if module is None or not getattr(module, "__name__", "").startswith("textstat.backend"):
            continue
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def _timed(cmd: list[str]) -> tuple[float, list[float], int]:
    """Run ``cmd`` three times, alone; return the median wall time, all of them, and the exit code."""
    walls = []
    code = 0
    for _ in range(3):
        start = time.perf_counter()
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        walls.append(time.perf_counter() - start)
    return statistics.median(walls), walls, code


def tree_peak_memory(cmd: list[str]) -> tuple[float, float, float, int]:
    """Run ``cmd``; return wall seconds, peak RSS and peak PSS (MB) summed over its process tree, exit code.

    Worker processes are forked and share most pages with their parent, so the summed RSS
    counts shared pages once per process; PSS shares them out and is the memory really used.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = _memory_of_tree(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.02)
    return time.perf_counter() - start, peak_rss / 1024, peak_pss / 1024, proc.returncode


def _memory_of_tree(pid: int) -> tuple[int, int]:
    """Return the summed Rss and Pss (kB) of ``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError):
                continue
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="timings per article; the fastest counts")
    args = parser.parse_args()
    corpus = SHARED / "corpus" / "nci-pages"
    if not corpus.is_dir():
        print(f"needs {corpus}", file=sys.stderr)
        return 2
    files = sorted(corpus.rglob("*.md")) + sorted((ROOT / "seeds").iterdir())
    ok = True

    times = per_article(files, args.repeat)
    ours, theirs, each = times["ours"], times["textstat"], times["textstat_each"]

    def med(values: list[float]) -> float:
        return statistics.median(values) * 1000

    def ratio(slow: list[float], fast: list[float]) -> float:
        return statistics.median(s / f for s, f in zip(slow, fast, strict=True))

    print(f"1. scoring every English formula, {len(files)} articles (fastest of {args.repeat} per article)")
    print(f"   ours (markdown parse + every formula):      median {med(ours):6.2f} ms/article")
    print(f"     of which loading the article alone:        median {med(times['load']):6.2f} ms/article")
    print(f"     with per-section scores too (`score`):     median {med(times['detailed']):6.2f} ms/article")
    print(f"   textstat, caches shared across formulas:    median {med(theirs):6.2f} ms/article")
    print(f"   textstat, each formula from scratch:        median {med(each):6.2f} ms/article")
    print(
        f"   median per-article ratio: {ratio(theirs, ours):.1f}x against textstat with shared caches, "
        f"{ratio(each, ours):.1f}x against textstat formula by formula"
    )
    print(
        f"   seed: ours {ours[-1] * 1000:.2f} ms; textstat {theirs[-1] * 1000:.2f} ms shared "
        f"({theirs[-1] / ours[-1]:.1f}x), {each[-1] * 1000:.2f} ms formula by formula ({each[-1] / ours[-1]:.1f}x)"
    )
    # The reference figure: "textstat takes about 13 ms for seven English formulas on the seed".
    seven_shared, seven_each = seven_formulas(plain_text_of(files[-1]))
    print(
        f"   the issue's reference, seven English formulas on the seed: textstat {seven_each:.2f} ms formula by "
        f"formula, {seven_shared:.2f} ms with caches shared (fastest of 15)"
    )
    # The bar is set against textstat as the issue measured it (about 13 ms for the seven: formula by formula).
    ok &= ratio(each, ours) >= 5

    with tempfile.TemporaryDirectory() as tmp:
        readability_only = Path(tmp) / "simplify.toml"
        readability_only.write_text("[rules]\n" + "".join(f"'{rule}' = 'off'\n" for rule in JARGON_RULES))
        base = [str(BIN / "simplify"), "check", "--exit-zero"]
        cmd = [*base, "--config", str(readability_only), str(corpus)]
        wall, walls, code = _timed(cmd)
        _, rss, pss, _ = tree_peak_memory(cmd)
        jargon_wall, jargon_walls, _ = _timed([*base, str(corpus)])
    print(
        f"2. simplify check over {len(files) - 1} pages, {os.cpu_count()} cores, readability rules: wall median "
        f"{wall:.2f} s (runs: {', '.join(f'{w:.2f}' for w in walls)}); peak memory of the process tree (a separate "
        f"run): PSS {pss:.0f} MB (summed RSS {rss:.0f} MB); exit {code}"
    )
    print(
        f"   with the jargon rules too (the default): wall median {jargon_wall:.2f} s "
        f"(runs: {', '.join(f'{w:.2f}' for w in jargon_walls)})"
    )
    ok &= wall < 5 and jargon_wall < 5 and pss < 300 and code == 0

    imports = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import simplify"], check=True)
        imports.append(time.perf_counter() - start)
    bare: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    print(
        f"3. python -c 'import simplify': median {statistics.median(imports) * 1000:.0f} ms "
        f"(bare interpreter {statistics.median(bare) * 1000:.0f} ms)"
    )
    ok &= statistics.median(imports) < 0.3
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
