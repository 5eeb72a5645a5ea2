"""Errors the library raises; the CLI turns them into one-line messages and exit code 2."""

from __future__ import annotations


class SimplifyError(Exception):
    """Base class: something the user can fix, reported without a traceback."""

    exit_code = 2


class ConfigError(SimplifyError):
    """A setting in [tool.simplify], front matter or on the command line is wrong."""


class ArticleError(SimplifyError):
    """An article cannot be read: the message names the file, line and reason."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
