"""Benchmark `simplify build`: the corpus into English HTML, an unchanged re-run, PDF time, and flat memory.

1. The 414 cancer.gov pages plus seeds/, English HTML, 2 workers, into an empty folder (bar: 60 s),
   then again with nothing changed (bar: 3 s). Wall time of the whole command, start-up included.
2. PDF: a build of a sample of pages with and without PDF; the difference of the per-article
   medians is the PDF time per article.
3. Memory: peak PSS summed over the build's process tree for about 400 articles and for 10,000
   (the real pages again and again, each copy with its own title, URL and order of paragraphs
   within each section); the bar is 10,000 within 20% of 400.

Run: .venv/bin/python benchmarks/build.py [--large 10000] [--sample 24]
Exit status: 0 when every bar is met, 1 when one is not, 2 when ../shared is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "nci-pages"
SIMPLIFY = str(ROOT / ".venv" / "bin" / "simplify")
FULL_BAR_S, RERUN_BAR_S, MEMORY_GROWTH = 60.0, 3.0, 1.20
_HEADING = re.compile(r"(?m)^(?=#{1,6} )")  # where a section begins
NOTHING_TO_READ = "nothing to read besides its title"  # a page that is all furniture makes no handout

sys.path.insert(0, str(Path(__file__).parent))
from speed import _memory_of_tree, tree_peak_memory  # noqa: E402

from simplify.batch.manifest import Manifest  # noqa: E402


def varied_copies(pages: list[Path], count: int, folder: Path) -> None:
    """Write ``count`` articles into ``folder``: the real pages in turn, each copy with its own title,
    URL and order of paragraphs within each section (so no two are the same text, and each keeps its
    page's sections: a reference list stays under its heading, and the work per copy follows the real page's)."""
    rng = random.Random(0)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = pages[i % len(pages)].read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        meta["title"] = f"Copy {i} of {meta.get('title', '')}"  # dumped again, so quoting stays right
        meta["url"] = f"{str(meta.get('url', 'https://www.cancer.gov/page')).rstrip('/')}-copy-{i}"
        sections = []
        for section in _HEADING.split(body):
            core = section.rstrip()
            first, *rest = core.split("\n\n")  # the heading, or the page's opening, stays first
            rng.shuffle(rest)
            sections.append("\n\n".join([first, *rest]) + section[len(core) :])
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (folder / f"page-{i:05d}.md").write_text(f"---\n{head}---\n{''.join(sections)}", encoding="utf-8")


def per_article_median(out: Path) -> float:
    """Return the median seconds per article of the build in ``out`` (from its report)."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    manifest = Manifest(out).load()
    try:
        entries = list(manifest.entries())
    finally:
        manifest.close()
    # The only articles that may fail are copies of the few pages with nothing to read but their title.
    errors = [str(e["error"]) for e in entries if e.get("error")]
    assert all(NOTHING_TO_READ in error for error in errors), errors[:3]
    assert report["summary"]["failed"] == len(errors), report["summary"]
    return statistics.median(float(entry["seconds"]) for entry in entries)


def peaks(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd``; return wall seconds, its tree's peak PSS (MB, polled) and its largest process's peak RSS (MB).

    PSS is polled every 20 ms and summed over the process tree (shared pages shared out). The
    kernel also keeps a high-water mark for the command and every worker it waited for (wait4's
    rusage), which no poll can miss: a long build meets the largest pages more often than a short
    one, so its polls catch more of a worker's brief peaks.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_pss = 0
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_pss = max(peak_pss, _memory_of_tree(proc.pid)[1])
        time.sleep(0.02)
    proc.returncode = 0  # reaped here: keep Popen from waiting for it again
    return time.perf_counter() - start, peak_pss / 1024, usage.ru_maxrss / 1024


def main() -> int:
    """Run the builds and print their numbers beside the bars."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=10_000, help="articles in the large build (0: skip it)")
    parser.add_argument("--sample", type=int, default=24, help="pages in the PDF sample")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs {CORPUS} (the NCI data beside the repository)", file=sys.stderr)
        return 2
    pages = sorted(CORPUS.rglob("*.md"))
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seeds = work / "seeds"
        shutil.copytree(CORPUS, seeds)
        for seed in (ROOT / "seeds").iterdir():
            shutil.copy(seed, seeds / seed.name)
        cmd = [SIMPLIFY, "build", str(seeds), "-o", str(work / "out"), "--format", "html", "-j", "2"]
        full, _, full_pss, code = tree_peak_memory(cmd)
        rerun, _, _, code2 = tree_peak_memory(cmd)
        print(
            f"1. {len(pages) + 1} articles, English HTML, 2 workers: {full:.1f} s (bar {FULL_BAR_S:g} s), "
            f"peak PSS {full_pss:.0f} MB; unchanged re-run {rerun:.2f} s (bar {RERUN_BAR_S:g} s); exit {code}, {code2}"
        )
        ok &= full < FULL_BAR_S and rerun < RERUN_BAR_S

        sample = work / "sample"
        sample.mkdir()
        for page in random.Random(1).sample(pages, args.sample):
            shutil.copy(page, sample / page.name)
        html_only = work / "html-only"
        with_pdf = work / "with-pdf"
        tree_peak_memory([SIMPLIFY, "build", str(sample), "-o", str(html_only), "--format", "html", "-j", "1"])
        tree_peak_memory([SIMPLIFY, "build", str(sample), "-o", str(with_pdf), "--format", "html,pdf", "-j", "1"])
        html_s, both_s = per_article_median(html_only), per_article_median(with_pdf)
        print(
            f"2. {args.sample} sampled pages, one worker: per article median {html_s * 1000:.0f} ms HTML, "
            f"{both_s * 1000:.0f} ms HTML and PDF: PDF adds {max(both_s - html_s, 0):.2f} s per article"
        )

        if args.large:
            small, large = work / "small", work / "large"
            varied_copies(pages, 400, small)
            varied_copies(pages, args.large, large)
            s_wall, s_pss, s_rss = peaks(
                [SIMPLIFY, "build", str(small), "-o", str(work / "o1"), "--format", "html", "-j", "2"]
            )
            l_wall, l_pss, l_rss = peaks(
                [SIMPLIFY, "build", str(large), "-o", str(work / "o2"), "--format", "html", "-j", "2"]
            )
            growth = l_pss / s_pss
            exact_growth = l_rss / s_rss
            print(
                f"3. peak PSS of the build's processes (polled): 400 articles {s_pss:.0f} MB ({s_wall:.0f} s), "
                f"{args.large:,} articles {l_pss:.0f} MB ({l_wall:.0f} s): x{growth:.2f} (bar x{MEMORY_GROWTH:.2f})"
            )
            print(
                f"   peak RSS of the largest process, kept by the kernel: 400 articles {s_rss:.0f} MB, "
                f"{args.large:,} articles {l_rss:.0f} MB: x{exact_growth:.2f} (bar x{MEMORY_GROWTH:.2f})"
            )
            ok &= growth <= MEMORY_GROWTH and exact_growth <= MEMORY_GROWTH
    if not ok:
        print("bar missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
