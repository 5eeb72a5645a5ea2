"""The glossary: NCI's Dictionary of Cancer Terms, its Drug Dictionary and the project's own entries.

Official NCI entries come in through :func:`import_path` (XML export, API JSON) and :func:`sync` (the
public NCI Glossary API) into an index in simplify's cache folder; :func:`load_glossary` reads that
index together with the project's glossary/*.yaml files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simplify.glossary.index import Glossary, GlossaryStats, ImportReport, import_path, load_glossary
from simplify.glossary.model import (
    Definition,
    Entry,
    GlossaryError,
    GlossaryWarning,
    LoadReport,
    Names,
    Pronunciation,
    SyncError,
)

if TYPE_CHECKING:
    from simplify.glossary.sync import API_URL, sync


def __getattr__(name: str) -> Any:
    # sync pulls in urllib and http.client (~20 ms); loading the glossary should not pay for them.
    if name in ("API_URL", "sync"):
        from simplify.glossary import sync as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "API_URL",
    "Definition",
    "Entry",
    "Glossary",
    "GlossaryError",
    "GlossaryStats",
    "GlossaryWarning",
    "ImportReport",
    "LoadReport",
    "Names",
    "Pronunciation",
    "SyncError",
    "import_path",
    "load_glossary",
    "sync",
]
