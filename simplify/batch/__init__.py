"""Batch builds: a folder of articles into handouts, incrementally, in parallel, with a report.

    simplify build seeds/ -o out --lang en,es --format html,pdf -j 2

Layout: OUT/<slug>/<lang>/handout.<fmt>, OUT/index.html and OUT/report.json, and the build state in
OUT/.simplify/ (manifest database, lock). An article is redone only when something its outputs
depend on changed: its bytes, its settings, the glossary, the templates, the languages and formats
asked for, or simplify itself. Outputs of articles that are gone are removed, and so are an article's
outputs in a language or format no longer asked for, once it is built again. One article failing
never stops the others. Work runs in a local process pool (one glossary, scorer and template set
per worker) or, with ``scheduler``, on a Dask distributed cluster.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from simplify import __version__, articles
from simplify.batch.manifest import STATE, Manifest, digest, folder_digest, locked
from simplify.batch.work import Job, Result, run
from simplify.config import Settings
from simplify.errors import SimplifyError
from simplify.files import slugify

__all__ = ["BuildSummary", "build"]


@dataclass
class BuildSummary:
    """What a build did."""

    articles: int = 0
    built: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        keys = ("articles", "built", "skipped", "failed", "removed")
        return {**{k: getattr(self, k) for k in keys}, "seconds": round(self.seconds, 2)}


def slugs_for(keys: Sequence[str], sources: dict[str, str]) -> dict[str, str]:
    """Return a stable, safe, unique slug per article key (a clash adds a short hash of the key).

    Only the front matter is read (the slug comes from the URL, else the file name), so an
    unchanged re-run does not parse every article.
    """
    first: dict[str, str] = {}
    for key in keys:
        url = ""
        try:
            meta, _, _ = articles._split_front_matter(articles.read_text(sources[key]), sources[key])
            url = urlsplit(meta.url or "").path.rstrip("/").rsplit("/", 1)[-1]
        except SimplifyError:
            pass  # the article will fail on its own, with its reason; it still needs a name
        first[key] = slugify(url or Path(key).stem)
    counts: dict[str, int] = {}
    for slug in first.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {k: s if counts[s] == 1 and s != STATE else f"{s}-{digest(k)[:6]}" for k, s in first.items()}


def build(
    seeds: Path,
    out: Path,
    settings: Settings,
    *,
    langs: Sequence[str | None] = (None,),
    formats: Sequence[str] = ("html", "pdf"),
    jobs: int | None = None,
    force: bool = False,
    templates: Path | None = None,
    scheduler: str | None = None,
    progress: Callable[[Result, int, int], None] | None = None,
) -> BuildSummary:
    """Build every article under ``seeds`` into ``out``; see the module's docstring."""
    started = time.perf_counter()
    if not seeds.is_dir():
        raise SimplifyError(f"{seeds} is not a folder of articles")
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    with locked(out):
        _sweep_temporary_files(out)
        sources = {Path(p).relative_to(seeds).as_posix(): p for p in articles.find_articles([str(seeds)])}
        summary.articles = len(sources)
        manifest = Manifest(out).load()
        if manifest.warning:
            summary.warnings.append(manifest.warning)
        slugs = slugs_for(sorted(sources), sources)
        folder = templates or (Path(settings.templates) if settings.templates else None)
        shared = _shared_inputs(settings, folder, langs, formats)
        # Only (size, key, inputs, settings) per article waits here (an article without per-file settings
        # shares the base ones); each Job is made as a worker asks for one.
        todo: list[tuple[int, str, str, Settings]] = []
        for key, path in sources.items():
            data = Path(path).read_bytes()
            own = settings.for_path(path)
            inputs = digest(data, shared, repr(sorted(own.to_dict().items())), slugs[key])
            if not force and manifest.fresh(key, inputs):
                summary.skipped += 1
                continue
            todo.append((len(data), key, inputs, own))
        todo.sort(key=lambda t: -t[0])  # the longest first, so no worker idles at the end

        def jobs_of(items: Iterable[tuple[int, str, str, Settings]]) -> Iterator[Job]:
            for _, key, inputs, own in items:
                path = sources[key]
                yield Job(
                    path,
                    key,
                    slugs[key],
                    str(out),
                    tuple(langs),
                    tuple(formats),
                    inputs,
                    own,
                    str(folder) if folder else None,
                )

        summary.removed = _remove_gone(out, manifest, set(sources), slugs)
        done = 0
        try:
            with _terminate_as_interrupt():
                stale: set[str] = set()  # outputs of a language or format no longer asked for
                for result in _results(jobs_of(todo), len(todo), jobs, scheduler):
                    done += 1
                    if not result.error:
                        stale |= set(manifest.outputs(result.key)) - set(result.outputs)
                    manifest.record(result.to_dict())
                    if result.error:
                        summary.failed += 1
                        summary.failures.append((result.key, result.error))
                    else:
                        summary.built += 1
                    if progress:
                        progress(result, done, len(todo))
            manifest.keep_only(sources)
            if stale:  # after every article is in: an old output may be another article's now (slugs move)
                _remove_outputs(out, stale - {o for entry in manifest.entries() for o in entry.get("outputs", [])})
            summary.seconds = time.perf_counter() - started
            from simplify.batch.report import write_report
            from simplify.handout.templates import Templates

            write_report(
                out,
                lambda: (Result.from_dict(e) for e in manifest.entries()),
                slugs,
                summary.as_dict(),
                langs,
                Templates(folder),
            )
        except KeyboardInterrupt:
            _sweep_temporary_files(out)
            raise
        finally:
            manifest.close()
    return summary


def _shared_inputs(
    settings: Settings, templates: Path | None, langs: Sequence[str | None], formats: Sequence[str]
) -> str:
    """Return the hash of what every article's outputs depend on: glossary, templates, languages, tool."""
    from simplify.glossary.index import PROJECT_DIR
    from simplify.handout.templates import builtin_templates
    from simplify.runner import _index_stamp

    glossary = f"{_index_stamp()}|{folder_digest([PROJECT_DIR])}|{settings.glossary_prefer}"
    folders = [*([templates] if templates else []), builtin_templates()]
    return digest(__version__, glossary, folder_digest(folders), repr(list(langs)), repr(list(formats)))


def _results(todo: Iterator[Job], count: int, jobs: int | None, scheduler: str | None) -> Iterator[Result]:
    """Yield each job's result as it finishes: in this process, a local pool, or on a Dask cluster."""
    if not count:
        return
    if scheduler:
        from simplify.batch.cluster import on_dask

        yield from on_dask(list(todo), scheduler)
        return
    import gc
    import itertools
    import multiprocessing

    from simplify.batch.work import warm
    from simplify.runner import freeze_loaded, return_large_blocks

    # Load the glossary, matchers, scorer and templates here, once, and keep the collector off them: forked
    # workers share their pages instead of each building its own copy, and no worker's collections walk them.
    first = next(todo)
    return_large_blocks()
    warm(first)
    freeze_loaded()
    workers = max(1, min(jobs or os.cpu_count() or 1, count))
    try:
        if workers == 1:
            yield from map(run, itertools.chain([first], todo))
            return
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(workers,)) as pool:
            try:
                # imap_unordered takes jobs from the generator only as the pipe to the workers has room.
                yield from pool.imap_unordered(run, itertools.chain([first], todo))
            except BaseException:
                pool.terminate()
                raise
    finally:
        gc.unfreeze()


def _start_worker(workers: int) -> None:
    """Leave Ctrl-C to the parent, which stops the workers and cleans up; take this worker's share of the cores."""
    from simplify.translate.engines import share_cores

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    share_cores(workers)


class _terminate_as_interrupt:  # noqa: N801 (used as a context manager)
    """Turn SIGTERM into KeyboardInterrupt for the duration, so both end a build the same clean way."""

    def __enter__(self) -> None:
        def handler(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        self.previous = signal.signal(signal.SIGTERM, handler)

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGTERM, self.previous)


def _remove_gone(out: Path, manifest: Manifest, present: set[str], slugs: dict[str, str]) -> int:
    """Delete the outputs of articles that are no longer there (and folders left empty); return how many."""
    removed = 0
    kept_slugs = set(slugs.values())
    for entry in manifest.entries():
        if entry["key"] in present:
            continue
        _remove_outputs(out, (o for o in entry.get("outputs", []) if (out / o).parts[len(out.parts)] not in kept_slugs))
        removed += 1
    return removed


def _remove_outputs(out: Path, outputs: Iterable[str]) -> None:
    """Delete these outputs of an earlier build (and folders left empty)."""
    for output in outputs:
        path = out / output
        path.unlink(missing_ok=True)
        _prune(path.parent, out)


def _prune(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _sweep_temporary_files(out: Path) -> None:
    """Remove the private files of writes an interrupt cut short (atomic writes name them .NAME.*.tmp)."""
    for path in out.rglob(".*.tmp"):
        if path.is_file():
            path.unlink(missing_ok=True)


def plain_progress(stream: Any = None) -> Callable[[Result, int, int], None]:
    """Return a progress callback that prints one line per article (for logs and pipes)."""
    stream = stream or sys.stderr

    def show(result: Result, done: int, total: int) -> None:
        state = f"failed: {result.error}" if result.error else f"{len(result.outputs)} file(s)"
        print(f"[{done}/{total}] {result.key}: {state} ({result.seconds:.2f} s)", file=stream, flush=True)

    return show
