"""Recognise cancer.gov page furniture so that scores and handouts leave it out.

The rules are data: headings whose whole section is furniture or a reference list, and
short paragraphs or link texts that only exist because the page was scraped from a site.
"""

from __future__ import annotations

import re

from simplify.model import Role

# Sections (and all their subsections) that are about the summary, not about cancer.
BOILERPLATE_SECTIONS = frozenset(
    {
        "about this pdq summary",
        "sobre este resumen del pdq",
        "acerca de este resumen del pdq",
    }
)
REFERENCE_SECTIONS = frozenset({"references", "referencias", "bibliography", "bibliografía"})

# Whole paragraphs that are scraping artefacts or navigation, matched case-insensitively.
_PARAGRAPHS = re.compile(
    r"""^(?:
        placeholder\ slot
      | enlarge(?:\ image)?
      | ampliar
      | you\ need\ to\ enable\ javascript\b.*
      | go\ to\ (?:patient|health\ professional)\ version
      | ir\ a\ la\ versi[oó]n\ para\ (?:pacientes|profesionales\ de\ salud)
      | credit:\ .{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINK_TEXTS = frozenset({"enlarge", "enlarge image", "ampliar"})


def section_role(heading: str) -> Role:
    """Return the role of a section from its heading."""
    key = heading.strip().casefold()
    if key in BOILERPLATE_SECTIONS:
        return Role.BOILERPLATE
    if key in REFERENCE_SECTIONS:
        return Role.REFERENCES
    return Role.CONTENT


def is_boilerplate(text: str) -> bool:
    """Return True if a whole block of text is page furniture."""
    return bool(_PARAGRAPHS.match(text.strip()))


def is_boilerplate_link(text: str) -> bool:
    """Return True if a link's text marks it as page furniture ("Enlarge" above an image)."""
    return text.strip().casefold() in _LINK_TEXTS
