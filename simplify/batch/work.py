"""One article's share of a build: its handouts in every language and format, and what the report needs.

This runs in worker processes (a local pool or Dask workers). The heavy objects (glossary index,
term matchers, scorer, Jinja environments, translation models) are built once per worker and
kept for every article it is given.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from simplify.config import Settings
from simplify.errors import SimplifyError

_makers: dict[str, Any] = {}  # settings fingerprint -> Handouts, one per worker process


@dataclass(frozen=True, slots=True)
class Job:
    """What to make of one article."""

    source: str  # the article's path
    key: str  # its place in the manifest (path relative to the seeds folder)
    slug: str
    out: str
    langs: tuple[str | None, ...]
    formats: tuple[str, ...]
    inputs: str  # the hash of everything the outputs depend on
    settings: Settings  # for this article (per-file globs applied)
    templates: str | None = None


@dataclass
class Result:
    """What happened to one article: its outputs and numbers for the report, or why it failed."""

    key: str
    inputs: str
    title: str = ""
    lang: str = ""
    outputs: list[str] = field(default_factory=list)  # paths relative to OUT
    grades: dict[str, dict[str, float | None]] = field(default_factory=dict)  # lang -> {"before", "after"}
    jargon: dict[str, int] = field(default_factory=dict)  # "terms", "linked", "unexplained", "abbreviations"
    # lang -> what its machine translation did ("sentences", "translated", "kept_in_source_language", ...)
    translations: dict[str, dict[str, int]] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def maker(settings: Settings, templates: str | None) -> Any:
    """Return this worker's Handouts for the settings (built on first use)."""
    import json

    from simplify.handout import Handouts

    fingerprint = json.dumps([settings.to_dict(), templates], sort_keys=True, default=str)
    found = _makers.get(fingerprint)
    if found is None:
        found = _makers[fingerprint] = Handouts(settings, Path(templates) if templates else None)
    return found


def warm(job: Job) -> None:
    """Load what making ``job``'s handouts needs (its Handouts, the glossary matcher, the word tables
    of scoring), before forking workers: they share one copy instead of each loading its own."""
    handouts = maker(job.settings, job.templates)
    lang = job.settings.lang or "en"
    handouts.tools.prepare(lang)
    handouts.scorer.prepare(lang)


def run(job: Job) -> Result:
    """Make the handouts of one article; never raises (a failure is a Result with its reason)."""
    from simplify import articles
    from simplify.files import write_output
    from simplify.handout.pdf import html_to_pdf

    started = time.perf_counter()
    result = Result(job.key, job.inputs)
    try:
        handouts = maker(job.settings, job.templates)
        article = articles.load(job.source, lang=job.settings.lang)
        result.title, result.lang = article.title, article.lang
        report, _ = handouts.tools.analyze(article)
        result.jargon = {
            "terms": len(report.linked) + len(report.unlinked),
            "linked": len(report.linked),
            "unexplained": len(report.unexplained),
            "abbreviations": len(report.abbreviations),
        }
        result.words = handouts.scorer.score(article, sections=False).counts.words
        for lang in job.langs:
            handout = handouts.gather(article, lang)
            folder = Path(job.out) / job.slug / handout.lang
            result.grades[handout.lang] = {"before": handout.grade_article, "after": handout.grade_handout}
            if handout.translation is not None:
                result.translations[handout.lang] = handout.translation
            html = handouts.templates.render(handout, "html").text if {"html", "pdf"} & set(job.formats) else ""
            for fmt in job.formats:
                if fmt == "html":
                    data = html.encode()
                elif fmt == "pdf":
                    data = html_to_pdf(html)
                else:
                    data = handouts.templates.render(handout, "md").text.encode()
                path = folder / f"handout.{fmt}"
                write_output(path, data)
                result.outputs.append(path.relative_to(job.out).as_posix())
    except SimplifyError as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug of ours on one article must not stop the others
        if os.environ.get("SIMPLIFY_DEBUG"):
            traceback.print_exc()
        result.error = f"internal error ({type(exc).__name__}: {exc})"
    result.seconds = time.perf_counter() - started
    return result
