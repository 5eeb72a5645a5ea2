"""Run scoring and checks over many articles: one bad file never stops the others."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from typing import Any

from simplify import articles
from simplify.check import CheckResult, check_score
from simplify.config import Settings, article_settings
from simplify.errors import SimplifyError
from simplify.readability.score import Scorer

# Below this many files a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 16

_scorers: dict[float, Scorer] = {}


def _scorer(zipf_threshold: float) -> Scorer:
    scorer = _scorers.get(zipf_threshold)
    if scorer is None:
        scorer = _scorers[zipf_threshold] = Scorer(zipf_threshold=zipf_threshold)
    return scorer


def process(
    path: str,
    base: Settings,
    flags: Mapping[str, Any] | None = None,
    text: str | None = None,
    explain: bool = False,
    sections: bool = True,
) -> CheckResult:
    """Load, score and check one article; an error becomes the result's ``error``."""
    try:
        lang = (flags or {}).get("lang") or base.lang
        article = articles.parse(text, path=path, lang=lang) if text is not None else articles.load(path, lang=lang)
        settings = article_settings(base, path, article.meta.extra, flags)
        scorer = _scorer(settings.zipf_threshold)
        score = scorer.score(article, sections=sections)
        if explain:
            score.extra["explain"] = scorer.explain(article)
        findings = check_score(score, settings)
        # Per-sentence counts have served the checks; a large site would pay to ship them between processes.
        return CheckResult(path, replace(score, sentences=()), findings, None, settings)
    except SimplifyError as exc:
        message = str(exc)
        prefix = f"{path}: "
        return CheckResult(path, error=message[len(prefix) :] if message.startswith(prefix) else message)
    except RecursionError:
        return CheckResult(path, error="markdown is nested too deeply to read")


def expand(paths: Sequence[str]) -> list[tuple[str, str | None]]:
    """Return (path, error) pairs: directories expanded into their articles, or an error."""
    out: list[tuple[str, str | None]] = []
    for path in paths:
        try:
            out.extend((p, None) for p in articles.find_articles([path]))
        except SimplifyError as exc:
            out.append((path, str(exc).removeprefix(f"{path}: ")))
    return out


def run(
    paths: Sequence[str],
    base: Settings,
    flags: Mapping[str, Any] | None = None,
    *,
    jobs: int | None = None,
    explain: bool = False,
    sections: bool = True,
    stdin_text: str | None = None,
) -> list[CheckResult]:
    """Check every article under ``paths``, in order, in parallel when there are many."""
    items = expand(paths)
    results: dict[int, CheckResult] = {}
    todo: list[tuple[int, str]] = []
    for index, (path, error) in enumerate(items):
        if error is not None:
            results[index] = CheckResult(path, error=error)
        elif path == "-":
            results[index] = process("-", base, flags, text=stdin_text or "", explain=explain, sections=sections)
        else:
            todo.append((index, path))
    jobs = jobs or os.cpu_count() or 1
    work = partial(process, base=base, flags=flags, explain=explain, sections=sections)
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        scorer = _scorer(base.zipf_threshold)  # load the shared tables once, before forking
        scorer.syllables("en").count("warm")
        scorer.rare("en").is_rare("warm")
        import multiprocessing

        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(1, len(todo) // (jobs * 8))
            for (index, _), result in zip(todo, pool.map(work, [p for _, p in todo], chunksize=chunk), strict=True):
                results[index] = result
    else:
        for index, path in todo:
            results[index] = work(path)
    return [results[i] for i in range(len(items))]
