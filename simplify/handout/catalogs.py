"""The handout's own words in many languages: gettext catalogs we write, read with Babel.

Catalogs live beside the templates, in ``locales/LANG/LC_MESSAGES/simplify.po`` (``zh_Hans`` for
zh-Hans, as gettext spells it). They are read from the .po text and compiled in memory, so the
repository holds only what people wrote, and a user's template folder can bring its own.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from simplify.lang import lang_root

if TYPE_CHECKING:
    from babel.support import Translations

DOMAIN = "simplify"
# The handout languages whose catalogs ship with simplify (a test keeps each one complete).
HANDOUT_LANGUAGES = ("en", "es", "zh-Hans", "vi", "ko", "tl", "ru", "ar", "fr", "pt", "ht")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def text_direction(lang: str) -> str:
    """Return "rtl" for a language written right to left, else "ltr"."""
    return "rtl" if lang_root(lang) in RTL_LANGUAGES else "ltr"


def locale_dir_name(lang: str) -> str:
    """Return the folder name gettext uses for ``lang`` ("zh-Hans" -> "zh_Hans")."""
    return lang.replace("-", "_")


def babel_locale(lang: str) -> str:
    """Return the Babel locale for dates and numbers in ``lang`` (Tagalog is Filipino to CLDR)."""
    return {"tl": "fil"}.get(lang, locale_dir_name(lang))


def catalog_path(folder: Path, lang: str) -> Path:
    """Return where the catalog for ``lang`` lives under a templates folder."""
    return folder / "locales" / locale_dir_name(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def find_catalog(folders: tuple[Path, ...], lang: str) -> Path | None:
    """Return the first catalog for ``lang`` (or its root language) in ``folders``, or None."""
    for code in dict.fromkeys((lang, lang_root(lang))):
        for folder in folders:
            path = catalog_path(folder, code)
            if path.is_file():
                return path
    return None


@cache
def load_translations(path: Path, mtime_ns: int) -> Translations:
    """Compile the .po file at ``path`` in memory (``mtime_ns`` keys the cache to the file's version)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translations_for(folders: tuple[Path, ...], lang: str) -> Translations | None:
    """Return the translations for ``lang`` from the first folder that has them, or None."""
    path = find_catalog(folders, lang)
    return load_translations(path, path.stat().st_mtime_ns) if path else None


def catalog_problems(path: Path, messages: list[str]) -> tuple[list[str], list[str]]:
    """Return the messages a catalog lacks (or has only fuzzy), and those whose %(name)s placeholders differ."""
    import re

    from babel.messages.pofile import read_po

    placeholder = re.compile(r"%\(\w+\)s")
    with path.open("rb") as f:
        catalog = read_po(f)
    missing, broken = [], []
    for message in messages:
        entry = catalog.get(message)
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(message)
        elif sorted(placeholder.findall(message)) != sorted(placeholder.findall(str(entry.string))):
            broken.append(message)
    return missing, broken
