"""The handout's own words as gettext messages: extracted from the templates and from kinds.py.

    .venv/bin/python -m simplify.handout.messages > templates/locales/simplify.pot

writes the template catalog translators start from; tests compare every shipped catalog with it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from simplify.handout.templates import builtin_templates

_METHODS = [("**.html", "jinja2"), ("**.jinja", "jinja2")]
_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n"}, "**.jinja": {"extensions": "jinja2.ext.i18n"}}


def source_messages(templates: Path | None = None) -> dict[str, list[str]]:
    """Return {message id: [where it is used]} for every string a handout shows."""
    from babel.messages.extract import extract_from_dir, extract_from_file

    from simplify.handout import kinds

    found: dict[str, list[str]] = {}
    folder = templates or builtin_templates()
    for filename, line, message, _comments, _context in extract_from_dir(
        str(folder), method_map=_METHODS, options_map=_OPTIONS
    ):
        found.setdefault(str(message), []).append(f"templates/{filename}:{line}")
    for line, message, _comments, _context in extract_from_file("python", kinds.__file__, keywords={"N_": None}):
        found.setdefault(str(message), []).append(f"simplify/handout/kinds.py:{line}")
    return found


def pot() -> str:
    """Return the template catalog (.pot) of the handout's messages."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="simplify", domain="simplify", charset="utf-8")
    for message, places in source_messages().items():
        catalog.add(message, locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places])
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False)
    return out.getvalue().decode()


if __name__ == "__main__":
    sys.stdout.write(pot())
