"""Run scoring and checks over many articles: one bad file never stops the others."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from simplify import articles
from simplify.cache import load_or_build
from simplify.check import CheckResult, check_score
from simplify.config import JARGON_RULES, Settings, article_settings
from simplify.errors import ArticleError, ConfigError, SimplifyError
from simplify.marks import in_body_language, only_our_marks
from simplify.model import Article, Finding
from simplify.readability.score import DocumentScore, Scorer

# Below this many files a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 16

_scorers: dict[tuple[float, str | None, int | None], Scorer] = {}
_jargon: dict[tuple[float, str, int | None], Any] = {}


def freeze_loaded() -> None:
    """Put everything loaded so far (glossary, term matchers, word tables, templates) out of the garbage
    collector's reach.

    These objects live as long as the process, yet every full collection walks all of them again: on a
    batch of long articles that is a pause of tens of milliseconds every few pages. Freezing is
    process-wide, so the commands call this once their first article has loaded everything; library
    code never does. In a process that forks workers afterwards it also keeps the shared pages shared.
    """
    import gc

    gc.collect()
    gc.freeze()


def return_large_blocks() -> bool:
    """Have the C library give every large freed block back to the system, for the rest of the process.

    glibc serves a request of 128 KiB or more with a mapping of its own, unmapped when freed, but each
    time one is freed it raises that threshold (up to 32 MiB): after the first long page, the big
    transient buffers of the next ones come from the heap, among small objects that outlive them (memo
    entries), and the heap cannot shrink past those. A batch that meets long pages again and again then
    keeps growing. Fixing the threshold where it starts keeps it level (benchmarks/build.py measures
    10,000 articles against 400). Commands that process many articles call this once, before forking
    workers, which inherit it. Return whether it was set: another C library (macOS, musl) has no such
    threshold, and there this does nothing.
    """
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    m_mmap_threshold = -3  # from glibc's malloc.h
    return bool(mallopt(ctypes.c_int(m_mmap_threshold), ctypes.c_int(128 * 1024)))


def jargon_tools_for(settings: Settings) -> Any:
    """Return this process's JargonTools (glossary and term matchers) for the settings."""
    from simplify.glossary.index import load_glossary
    from simplify.jargon.analysis import JargonTools

    key = (settings.zipf_threshold, settings.glossary_prefer, _index_stamp())  # a new import is a new glossary
    tools = _jargon.get(key)
    if tools is None:
        glossary = load_glossary(prefer="project" if settings.glossary_prefer == "project" else "nci")
        tools = _jargon[key] = JargonTools(glossary, settings.zipf_threshold)
    return tools


def scorer_for(settings: Settings) -> Scorer:
    """Return this process's Scorer for the settings that shape scoring (built once, then reused)."""
    stamp = None if settings.glossary else _index_stamp()
    key = (settings.zipf_threshold, settings.glossary, stamp)
    scorer = _scorers.get(key)
    if scorer is None:
        if settings.glossary:
            respellings: dict[str, int] | None = respellings_from(Path(settings.glossary))
        else:
            respellings = respellings_from_index(stamp) if stamp is not None else None
        scorer = _scorers[key] = Scorer(zipf_threshold=settings.zipf_threshold, respellings=respellings)
    return scorer


def respellings_from(folder: Path) -> dict[str, int]:
    """Return the syllables of the NCI glossary's pronunciation respellings in ``folder`` (GlossaryTerm XML).

    Reading 8,000 XML files takes over a second, so the result is cached, keyed by the folder and
    its modification time.
    """
    from simplify.text.respell import load_nci_respellings

    try:
        stamp = folder.resolve().stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"setting 'glossary': cannot read {folder}: {exc.strerror}") from None
    if not any(folder.glob("*.xml")):
        raise ConfigError(f"setting 'glossary': {folder} holds no NCI GlossaryTerm XML files (*.xml)")
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    name = f"respellings-{digest}-{stamp}.marshal"
    return load_or_build(name, lambda: load_nci_respellings(folder))


def _index_stamp() -> int | None:
    """Return the modification time of the imported NCI glossary index, or None if nothing was imported."""
    from simplify.cache import cache_dir
    from simplify.glossary.index import INDEX_FILE

    try:
        return (cache_dir() / INDEX_FILE).stat().st_mtime_ns
    except OSError:
        return None


def respellings_from_index(stamp: int) -> dict[str, int]:
    """Return the respelling syllables of the imported NCI glossary (`simplify glossary import/sync`).

    Cached per state of the index (``stamp``), so reading 8,000 entries is paid once per import.
    """
    from simplify.glossary.index import load_glossary
    from simplify.text.respell import Pronunciation, respellings_of

    def build() -> dict[str, int]:
        glossary = load_glossary(project_dir=None)
        said = []
        for entry in glossary.entries():
            spoken = entry.pronunciation("en")
            name = entry.name("en")
            if spoken and spoken.respelling and name:
                said.append(Pronunciation(int(entry.id) if entry.id.isdigit() else 0, name, spoken.respelling))
        return respellings_of(said)

    return load_or_build(f"respellings-index-{stamp}.marshal", build)


def process(
    path: str,
    base: Settings,
    flags: Mapping[str, Any] | None = None,
    explain: bool = False,
    sections: bool = True,
) -> CheckResult:
    """Load, score and check one article ("-" is standard input); an error becomes the result's ``error``."""
    try:
        lang = (flags or {}).get("lang") or base.for_path(path).lang
        article = articles.load(path, lang=lang)
        settings = article_settings(base, path, article.meta.extra, flags)
        scorer = scorer_for(settings)
        graded = in_body_language(only_our_marks(article))  # what a handout grades too
        score = scorer.score(graded, sections=sections)
        if explain:
            score.extra["explain"] = scorer.explain(graded)
        findings = check_score(score, settings)
        if sections or any(settings.severity(rule) is not None for rule in JARGON_RULES):
            findings += _jargon_findings(article, score, settings)
        # Per-sentence counts have served the checks; a large site would pay to ship them between processes.
        return CheckResult(path, replace(score, sentences=()), findings, settings=settings)
    except ArticleError as exc:
        return CheckResult(path, error=exc.reason, error_line=exc.line or 1)
    except SimplifyError as exc:
        return CheckResult(path, error=str(exc))
    except RecursionError:
        return CheckResult(path, error="markdown is nested too deeply to read")
    except Exception as exc:  # a bug of ours must cost one file, not the batch, and never show a traceback
        return CheckResult(path, error=f"internal error ({type(exc).__name__}: {exc}); please report it")


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _jargon_findings(article: Article, score: DocumentScore, settings: Settings) -> tuple[Finding, ...]:
    """Add the score's "jargon" block and return the jargon findings the settings switch on."""
    from simplify.jargon.analysis import summary, with_severity

    tools = jargon_tools_for(settings)
    # The scorer has decided the rarity of most of the article's words already: share its table.
    report, findings = tools.analyze(article, rare=scorer_for(settings).rare(article.lang))
    block = summary(report, tools.glossary, score.counts.words)
    block["rare_word_rate"] = score.rare_word_rate
    score.extra["jargon"] = block
    return with_severity(findings, {rule: settings.severity(rule) for rule in JARGON_RULES})


def _prepare(base: Settings, sections: bool) -> None:
    """Load the tables every worker needs once, before forking, so that the workers share them."""
    lang = base.lang or "en"  # the language articles that name none are read in, and cancer.gov's
    scorer_for(base).prepare(lang)
    if sections or any(base.severity(rule) is not None for rule in JARGON_RULES):
        jargon_tools_for(base).prepare(lang)


def expand(paths: Sequence[str]) -> list[CheckResult | str]:
    """Return the article paths under ``paths``, with a failed result for a path that holds none."""
    out: list[CheckResult | str] = []
    for path in paths:
        try:
            out.extend(articles.find_articles([path]))
        except ArticleError as exc:
            out.append(CheckResult(path, error=exc.reason))
    return out


def run(
    paths: Sequence[str],
    base: Settings,
    flags: Mapping[str, Any] | None = None,
    *,
    jobs: int | None = None,
    explain: bool = False,
    sections: bool = True,
) -> list[CheckResult]:
    """Check every article under ``paths``, in order, in parallel when there are many."""
    items = expand(paths)
    work = partial(process, base=base, flags=flags, explain=explain, sections=sections)
    results: dict[int, CheckResult] = {}
    todo: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        if isinstance(item, CheckResult):
            results[index] = item
        elif item == "-":
            results[index] = work(item)  # standard input belongs to this process
        else:
            todo.append((index, item))
    jobs = jobs or os.cpu_count() or 1
    with fewer_collections():
        if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
            _prepare(base, sections)
            import gc
            import multiprocessing

            # What is loaded now lives as long as the workers: keep the collector from walking it over
            # and over in each of them (and from writing to its pages, which the workers share).
            gc.freeze()

            # Largest files first, one at a time: a 100 kB PDQ summary takes fifty times a drug page, and
            # a batch of them left for last would keep one core busy while the other waits.
            todo.sort(key=lambda item: -_size(item[1]))
            try:
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                    for (index, _), result in zip(todo, pool.map(work, [p for _, p in todo]), strict=True):
                        results[index] = result
            finally:
                gc.unfreeze()  # this process goes on: what it loaded may be collected again
        else:
            for index, path in todo:
                results[index] = work(path)
    return [results[i] for i in range(len(items))]


@contextmanager
def fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Let the cyclic garbage collector wait for ``first_generation`` new objects, not 700, meanwhile.

    Reading an article makes hundreds of thousands of short-lived, acyclic objects (tokens, words,
    counts): at Python's default the collector ran about 1,900 times over the 414 pages and took a
    twentieth of the time, for garbage that reference counting frees anyway. (mypy raises its
    threshold for the same reason.) Forked workers inherit the setting.
    """
    import gc

    before = gc.get_threshold()
    gc.set_threshold(first_generation, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
