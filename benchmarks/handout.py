"""Benchmark handouts: HTML per article over the real pages, PDF for two-page handouts, peak memory.

The bars: HTML under 50 ms per article (from the article's text to the finished page: parsing,
jargon, expansion, both grades, templates); PDF under 1.5 s for a two-page handout in one process
(after the first, which loads fonts); peak memory under 500 MB for the whole run.
It also times markdown-it-py parsing each page and doing nothing else: a floor under any handout of
that page, which shows where the HTML bar cannot be met with this parser.

Run: .venv/bin/python benchmarks/handout.py [--pdfs 12] [--repeat 3]
Exit status: 0 when every bar is met, 1 when one is not, 2 when ../shared is missing.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "nci-pages"
HTML_BAR_MS = 50.0
PDF_BAR_S = 1.5
MEMORY_BAR_MB = 500.0
SIZE_BANDS = ((0, 20), (20, 40), (40, 60), (60, 100), (100, 200), (200, float("inf")))  # KB of markdown


def main() -> int:
    """Time HTML for every page, then PDF for pages whose handout is two pages long."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=12, help="how many two-page handouts to time as PDF")
    parser.add_argument(
        "--repeat", type=int, default=3, help="HTML passes over the pages, each in a fresh process (median per page)"
    )
    parser.add_argument("--html-pass", action="store_true", help=argparse.SUPPRESS)  # one child pass: JSON out
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs {CORPUS} (the NCI data beside the repository)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    import pikepdf

    from simplify import articles
    from simplify.config import Settings
    from simplify.errors import ArticleError
    from simplify.handout import Handouts
    from simplify.handout.pdf import html_to_pdf
    from simplify.runner import freeze_loaded

    start = time.perf_counter()
    maker = Handouts(Settings())
    setup = time.perf_counter() - start
    pages = sorted(CORPUS.rglob("*.md"))

    def render(text: str, path: Path) -> tuple[str, str | None]:
        """Return the handout's HTML, and the article's address (for the QR timing below)."""
        article = articles.parse(text, path=str(path))
        return str(maker.templates.render(maker.gather(article), "html").text), article.meta.url

    # The first handout loads what the rest share (glossary index, word lists, templates): timed apart.
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    start = time.perf_counter()
    render(seed.read_text(encoding="utf-8"), seed)
    first_ms = (time.perf_counter() - start) * 1000
    freeze_loaded()  # as `simplify handout` does after its first article
    html_ms: list[float] = []
    rendered: list[tuple[Path, str, int]] = []
    urls: list[str | None] = []
    empty = 0  # pages with nothing to read but their title, which make no handout
    for path in pages:
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        try:
            html, url = render(text, path)
        except ArticleError:
            empty += 1
            continue
        html_ms.append((time.perf_counter() - start) * 1000)
        rendered.append((path, html, len(text)))
        urls.append(url)
    if args.html_pass:
        print(json.dumps(html_ms))
        return 0
    # Each page once per process (a second run in the same process would find its own words and QR code
    # cached); more passes in fresh processes, and each page's median over the passes.
    passes = [html_ms]
    for _ in range(args.repeat - 1):
        child = subprocess.run([sys.executable, __file__, "--html-pass"], capture_output=True, text=True, check=True)
        passes.append(json.loads(child.stdout))
    html_ms = [statistics.median(times) for times in zip(*passes, strict=True)]

    # PDF: the first call loads fonts; then time short handouts until enough of them are two pages long.
    start = time.perf_counter()
    html_to_pdf(rendered[0][1])
    first_pdf = time.perf_counter() - start
    two_page: list[float] = []
    for _path, html, _size in sorted(rendered, key=lambda r: r[2]):
        start = time.perf_counter()
        pdf = html_to_pdf(html)
        seconds = time.perf_counter() - start
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            if len(doc.pages) == 2:
                two_page.append(seconds)
        if len(two_page) >= args.pdfs:
            break
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    qr_segno, qr_ours, qr_count = _qr_times(urls)
    parse_ms = _parse_floor([path for path, _html, _size in rendered])
    whole_s, reused_s = _second_parse(maker, [path for path, _html, _size in rendered])

    html_median = statistics.median(html_ms)
    html_p90 = statistics.quantiles(html_ms, n=10)[-1]
    pdf_median = statistics.median(two_page) if two_page else float("nan")
    print(
        f"{len(pages)} pages, {empty} with nothing to read but their title (no handout); "
        f"glossary, scorer and templates ready in {setup * 1000:.0f} ms; "
        f"first handout (the seed, loading what all share) {first_ms:.0f} ms"
    )
    print(
        f"HTML per article: median {html_median:.1f} ms, mean {statistics.fmean(html_ms):.1f} ms, "
        f"p90 {html_p90:.1f} ms, max {max(html_ms):.1f} ms"
    )
    low, high = (min(two_page), max(two_page)) if two_page else (float("nan"), float("nan"))
    # The bar is per article: say for which articles it holds, by the size of their markdown.
    under = sum(ms < HTML_BAR_MS for ms in html_ms)
    by_size = sorted(zip((size for _p, _h, size in rendered), html_ms, strict=True))
    first_over = next((size for size, ms in by_size if ms >= HTML_BAR_MS), None)
    all_under = max((size for size, _ms in by_size if first_over is None or size < first_over), default=0)
    per_kb = statistics.median(ms / (size / 1024) for size, ms in by_size)
    print(
        f"HTML under {HTML_BAR_MS:g} ms: {under} of {len(html_ms)} pages; every page up to {all_under / 1024:.1f} KB "
        f"of markdown is; median cost {per_kb:.2f} ms per KB (largest page {by_size[-1][0] / 1024:.0f} KB)"
    )
    # Where the bar holds and where it does not, by the size of the page's markdown.
    print("by size of markdown: pages, under the bar, median and max ms")
    for smallest, largest in SIZE_BANDS:
        band = [ms for size, ms in by_size if smallest * 1024 <= size < largest * 1024]
        if band:
            limit = f"{smallest}-{largest} KB" if largest < float("inf") else f"{smallest} KB and more"
            print(
                f"  {limit:>16}: {len(band):3d} pages, {sum(ms < HTML_BAR_MS for ms in band):3d} under, "
                f"median {statistics.median(band):6.1f}, max {max(band):6.1f}"
            )
    # A floor no handout code can go under: markdown-it-py reading the page, and nothing else.
    floor_over = [i for i, ms in enumerate(parse_ms) if ms >= HTML_BAR_MS]
    smallest_over = min((rendered[i][2] for i in floor_over), default=None)
    print(
        f"markdown-it-py alone (one parse of the page, CommonMark and tables, best of 2): median "
        f"{statistics.median(parse_ms):.1f} ms, max {max(parse_ms):.1f} ms; {len(floor_over)} pages take "
        f"{HTML_BAR_MS:g} ms or more"
        + (f" (the smallest {smallest_over / 1024:.0f} KB)" if smallest_over else "")
        + f"; a handout costs x{statistics.median(h / p for h, p in zip(html_ms, parse_ms, strict=True)):.1f} "
        f"that parse (median over pages)"
    )
    print(
        f"a handout's second parse (the article with its definitions in), over the {len(rendered)} handouts: "
        f"the whole text {whole_s:.2f} s, from the article's blocks {reused_s:.2f} s (x{whole_s / reused_s:.2f})"
    )
    print(
        f"PDF: first call {first_pdf:.2f} s (loads fonts); two-page handouts: median {pdf_median:.2f} s "
        f"over {len(two_page)} (min {low:.2f}, max {high:.2f})"
    )
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")
    print(
        f"QR code of a page's address, median over {qr_count}: segno picking the mask {qr_segno:.2f} ms, "
        f"simplify (the same mask, scored with numpy and put on the code made once) {qr_ours:.2f} ms: "
        f"x{qr_segno / qr_ours:.1f}"
    )
    # Every article is under the bar, or it is missed: the median page alone does not meet it.
    checks = (
        (
            f"HTML: {len(html_ms) - under} of {len(html_ms)} pages take {HTML_BAR_MS:g} ms or more",
            under == len(html_ms),
        ),
        (f"PDF median {pdf_median:.2f} s >= {PDF_BAR_S:g} s", pdf_median < PDF_BAR_S),
        (f"memory {peak_mb:.0f} MB >= {MEMORY_BAR_MB:g} MB", peak_mb < MEMORY_BAR_MB),
    )
    missed = [bar for bar, met in checks if not met]
    ok = not missed
    print("every bar met" if ok else "bar missed: " + "; ".join(missed))
    return 0 if ok else 1


def _second_parse(maker: Any, pages: list[Path]) -> tuple[float, float]:
    """Return the seconds a handout's second parse takes over ``pages``: whole, and from the article's blocks.

    The texts are the ones each page's handout parses (recorded while it is made); each is then parsed
    both ways, in turns, right after its article is parsed as a handout's is (which keeps its blocks).
    """
    from simplify import articles

    real = articles.parse_with_blocks
    edits: list[tuple[str, str, dict[str, Any]]] = []  # (article text, its handout's second text, arguments)
    text = ""

    def record(edit: str, **kw: Any) -> Any:
        edits.append((text, edit, kw))
        return real(edit, **kw)

    articles.parse_with_blocks = record  # type: ignore[assignment]
    try:
        for path in pages:
            text = path.read_text(encoding="utf-8")
            maker.gather(articles.parse(text, path=str(path)))
    finally:
        articles.parse_with_blocks = real
    whole = reused = 0.0
    for n, (text, edit, kw) in enumerate(edits):
        for way in ("whole", "reused") if n % 2 else ("reused", "whole"):
            source = articles.parse(text, path=kw["path"]).source
            start = time.perf_counter()
            real(edit, path=kw["path"], lang=kw["lang"], edit_of=source if way == "reused" else None)
            took = time.perf_counter() - start
            whole, reused = (whole + took, reused) if way == "whole" else (whole, reused + took)
    return whole, reused


def _parse_floor(pages: list[Path]) -> list[float]:
    """Return, for each page, the ms markdown-it-py alone takes to parse its text (the best of two runs)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    times = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            md.parse(text)
            best = min(best, (time.perf_counter() - start) * 1000)
        times.append(best)
    return times


def _qr_times(urls: list[str | None]) -> tuple[float, float, int]:
    """Return the median ms of a QR code's SVG as segno makes it alone and as simplify does, side by side."""
    import segno

    from simplify.handout.qr import qr_svg

    theirs, ours = [], []
    for url in filter(None, urls):
        start = time.perf_counter()
        segno.make(url, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=True)
        theirs.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr_svg.__wrapped__(url)  # not the cached one
        ours.append((time.perf_counter() - start) * 1000)
    return statistics.median(theirs), statistics.median(ours), len(ours)


if __name__ == "__main__":
    sys.exit(main())
