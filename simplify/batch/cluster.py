"""Builds on a Dask distributed cluster: the same per-article work, sent to workers that may be elsewhere.

Each worker builds its Handouts (glossary, matchers, scorer, templates, translation models) once,
on the first article it gets, and keeps it (simplify.batch.work keeps one per worker process).
Results, failures included, come back to the build as they finish. Workers write the handouts
themselves, so OUT must be a folder every worker sees at the same path (a shared file system).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from simplify.batch.work import Job, Result, run
from simplify.errors import SimplifyError


def on_dask(jobs: Sequence[Job], scheduler: str) -> Iterator[Result]:
    """Run ``jobs`` on the Dask scheduler at ``scheduler`` (tcp://HOST:PORT) and yield their results."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SimplifyError("--scheduler needs Dask: pip install 'simplify[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise SimplifyError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        futures = client.map(run, list(jobs), pure=False, key=[f"simplify-{j.inputs}-{j.key}" for j in jobs])
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            try:
                yield future.result()
            except Exception as exc:  # the worker died or the task was lost: that article failed
                job = jobs[futures.index(future)]
                yield Result(job.key, job.inputs, error=f"worker failed ({type(exc).__name__}: {exc})")
    finally:
        client.close()  # type: ignore[no-untyped-call]
