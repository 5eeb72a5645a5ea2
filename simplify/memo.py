"""Bounded memos of per-word results, so that a long-running process does not grow with its vocabulary."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

WORDS = 1 << 14  # entries per memo: the common words of a site; a few MB per worker


class Memo(dict[K, V]):
    """A dict of memoized results that starts afresh once it holds ``limit`` entries.

    Reading is a plain dict lookup (``memo.get(word)``); only ``put`` checks the size. Emptying it
    whole is cruder than evicting the least recently used entry, but costs nothing on a hit, and
    the common words are back within a page. A build of 10,000 articles then needs no more memory
    for its memos than one of 400 (benchmarks/build.py measures it).
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int = WORDS) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: V) -> V:
        """Store ``value`` for ``key`` (emptying the memo first when it is full) and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
