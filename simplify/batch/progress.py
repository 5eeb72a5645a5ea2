"""A progress bar for builds on a terminal (rich); logs and pipes get plain lines instead."""

from __future__ import annotations

from typing import Any

from simplify.batch.work import Result


class RichProgress:
    """A context manager and build progress callback drawing one bar with the last article built."""

    def __enter__(self) -> RichProgress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("[bold]build"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            transient=False,
        )
        self._progress.__enter__()
        self._task: Any = None
        return self

    def __call__(self, result: Result, done: int, total: int) -> None:
        if self._task is None:
            self._task = self._progress.add_task("", total=total)
        state = "[red]failed" if result.error else ""
        self._progress.update(self._task, completed=done, description=f"{result.key} {state}")

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)
