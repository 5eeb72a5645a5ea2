"""Bounded memos of per-word results, so that a long-running process does not grow with its vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Entries per memo. The 414 cancer.gov pages hold about 45,000 distinct words; a memo that holds them
# all costs a few MB per worker, and a smaller one (16,384 was the limit before) keeps computing again
# the words it dropped, which cost a check of the site a sixth more time.
WORDS = 1 << 16


class Memo(dict[K, V]):
    """A memo of ``compute(key)`` that holds at most ``limit`` entries, in two generations.

    ``memo[key]`` is a plain dict lookup while the key is among the recent half; on a miss
    (``__missing__``) the key is looked up in the older half, and computed only if it is in
    neither. When the recent half is full it becomes the older one, and what was older is
    dropped. So the words in use stay, the ones not seen for a while go, and a hit costs what a
    dict's does; a build of 10,000 articles needs no more memory for its memos than one of 400
    (benchmarks/build.py measures it).
    """

    __slots__ = ("compute", "half", "older")

    def __init__(self, compute: Callable[[K], V], limit: int = WORDS) -> None:
        super().__init__()
        self.compute = compute
        self.half = max(limit // 2, 1)
        self.older: dict[K, V] = {}

    def __missing__(self, key: K) -> V:
        older = self.older
        value = older[key] if key in older else self.compute(key)
        if len(self) >= self.half:
            self.older = dict(self)
            self.clear()
        self[key] = value
        return value

    def size(self) -> int:
        """Return how many results the memo holds, in both generations."""
        return len(self) + len(self.older)
