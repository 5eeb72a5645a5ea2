"""Read NCI's glossary names at run time: the glossifier name list and the glossary XML export.

Nothing of NCI's is copied into the project; these readers turn the files under ../shared (or a
user's own copy) into the (surface name, term id) pairs that ``TermMatcher.build`` takes.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

_CDR = re.compile(r'<GlossaryTerm\s+id="CDR0*(\d+)"')
_TAGS = {"en": "TermName", "es": "SpanishTermName"}


def glossifier_names(path: str | Path, lang: str) -> list[tuple[str, str]]:
    """Return the (name, term id) pairs of one language from NCI's glossifier list.

    The list is ``{name: {term id: {lang: [dictionaries]}}}``; its names are lower case.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(name, term_id) for name, ids in data.items() for term_id, langs in ids.items() if lang in langs]


def xml_names(directory: str | Path, lang: str) -> list[tuple[str, str]]:
    """Return the (name, term id) pairs of one language from the NCI glossary XML export (CDR*.xml).

    These names keep their capitals ("ALL", "BRCA1"), which the glossifier list has lost.
    """
    tag = re.compile(rf"<{_TAGS[lang]}>(.*?)</{_TAGS[lang]}>", re.DOTALL)
    out: list[tuple[str, str]] = []
    for file in sorted(Path(directory).glob("CDR*.xml")):
        text = file.read_text(encoding="utf-8")
        cdr = _CDR.search(text)
        if cdr is None:
            continue
        out.extend((html.unescape(m.group(1)).strip(), cdr.group(1)) for m in tag.finditer(text))
    return out


def project_names(lang: str) -> list[tuple[str, str]]:
    """Return the (name, id) pairs of our own glossary in ``lang``: what the product matches besides NCI's lists."""
    import tempfile

    from simplify.glossary.index import load_glossary

    with tempfile.TemporaryDirectory() as empty:  # no imported NCI cache: our entries alone
        return list(load_glossary(cache_dir=Path(empty)).names(lang))
