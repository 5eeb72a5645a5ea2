"""The build report: OUT/report.json (schema simplify.build/1) and OUT/index.html with SVG charts.

The charts are drawn here as plain SVG (no script, no request), each with a title and a text
description, and every number they show is also in the table below them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Any

from simplify import __version__
from simplify.batch.work import Result

SCHEMA = "simplify.build/1"


def article_row(r: Result, slugs: dict[str, str]) -> dict[str, Any]:
    """Return one article's entry of the report."""
    return {
        "key": r.key,
        "slug": slugs.get(r.key, ""),
        "title": r.title,
        "language": r.lang,
        "words": r.words,
        "grades": r.grades,
        "jargon": r.jargon,
        "jargon_per_1000_words": round(1000 * r.jargon.get("terms", 0) / r.words, 1) if r.words else None,
        "translations": r.translations,
        "outputs": r.outputs,
        "error": r.error,
    }


def report_head(summary: dict[str, Any], langs: Sequence[str | None]) -> dict[str, Any]:
    """Return the report's fields other than "articles"."""
    return {
        "schema": SCHEMA,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "simplify": __version__,
        "languages": [lang or "source" for lang in langs],
        "summary": summary,
    }


def write_report(
    out: Path,
    results: Callable[[], Iterable[Result]],
    slugs: dict[str, str],
    summary: dict[str, Any],
    langs: Sequence[str | None],
    templates: Any,
) -> None:
    """Write OUT/report.json and OUT/index.html.

    ``results`` gives the articles afresh on each call, in key order (the manifest reads them one
    row at a time). Both files are streamed, and only the charts' numbers are held, so a site of
    10,000 articles does not hold its report in memory.
    """
    from simplify.files import write_output

    head = report_head(summary, langs)
    before: list[float] = []
    after: list[float] = []
    jargon: list[float] = []

    def rows() -> Iterator[dict[str, Any]]:
        return (article_row(r, slugs) for r in results())

    def report_json() -> Iterator[str]:
        """The report.json text; on the way, the numbers the charts need."""
        text = json.dumps(head, ensure_ascii=False, indent=1)
        yield text[:-2] + ',\n "articles": ['  # the head without its closing "\n}"
        for i, row in enumerate(rows()):
            yield ("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False)
            for g in row["grades"].values():
                if g.get("before") is not None:
                    before.append(g["before"])
                if g.get("after") is not None:
                    after.append(g["after"])
            if row["jargon_per_1000_words"]:
                jargon.append(row["jargon_per_1000_words"])
        yield "\n ]\n}\n"

    write_output(out / "report.json", report_json())
    html = templates.stream(
        "build-report.html",
        "en",
        data={**head, "articles": rows()},
        grade_chart=grade_chart(before, after),
        jargon_chart=jargon_chart(jargon),
    )
    write_output(out / "index.html", html)


def grade_chart(before: Sequence[float], after: Sequence[float], width: int = 640, height: int = 260) -> str:
    """Return an SVG histogram of reading grades, article and handout side by side, one pair of bars per grade."""
    low = 0
    high = max(20, int(max([*before, *after], default=20)) + 1)
    count_before = Counter(min(int(g), high) for g in before)
    count_after = Counter(min(int(g), high) for g in after)
    top = max([*count_before.values(), *count_after.values(), 1])
    left, bottom, pad = 40, 30, 10
    slot = (width - left - pad) / (high - low + 1)
    bar = slot * 0.4
    scale = (height - bottom - pad) / top
    parts = []
    for grade in range(low, high + 1):
        x = left + (grade - low) * slot
        for offset, counts, color in ((0.1, count_before, "#1c3f63"), (0.5, count_after, "#b35900")):
            n = counts.get(grade, 0)
            if n:
                h = n * scale
                parts.append(
                    f'<rect x="{x + offset * slot:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" '
                    f'height="{h:.1f}" fill="{color}"><title>grade {grade}: {n}</title></rect>'
                )
        if grade % 2 == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 12}" text-anchor="middle">{grade}</text>')
    parts.append(f'<text x="4" y="{pad + 10}">{top}</text>')
    desc = (
        f"Articles by reading grade: {len(before)} article grades (dark blue) and {len(after)} handout grades "
        f"(orange). Median article grade {_median(before)}, median handout grade {_median(after)}."
    )
    return _svg("grade-chart", "Reading grade of articles and handouts", desc, width, height, parts)


def jargon_chart(per_article: Sequence[float], width: int = 640, height: int = 220) -> str:
    """Return an SVG of glossary terms per 1,000 words, one thin bar per article, most first."""
    values = sorted(per_article, reverse=True)
    top = max(values, default=1.0)
    left, bottom, pad = 40, 20, 10
    step = (width - left - pad) / max(len(values), 1)
    parts = []
    for i, value in enumerate(values):
        h = value / top * (height - bottom - pad)
        parts.append(
            f'<rect x="{left + i * step:.2f}" y="{height - bottom - h:.1f}" width="{max(step * 0.8, 0.5):.2f}" '
            f'height="{h:.1f}" fill="#1c3f63"/>'
        )
    parts.append(f'<text x="4" y="{pad + 10}">{top:.0f}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}">articles, most jargon first</text>')
    desc = (
        f"Glossary terms per 1,000 words for {len(values)} articles: highest {top:.1f}, "
        f"median {_median(values)}, lowest {min(values, default=0):.1f}."
    )
    return _svg("jargon-chart", "Jargon per article", desc, width, height, parts)


def _svg(ident: str, title: str, desc: str, width: int, height: int, parts: Sequence[str]) -> str:
    return (
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-size="11" font-family="sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def _median(values: Sequence[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    mid = len(ordered) // 2
    value = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return f"{value:.1f}"
