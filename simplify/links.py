"""Classify the links of cancer.gov articles: glossary terms, drugs, other pages, the web."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from simplify.lang import normalize_lang
from simplify.model import Link, LinkKind

_CANCER_GOV_HOSTS = frozenset({"www.cancer.gov", "cancer.gov"})
# What is left of inline citation markers once their links are out: "[]", "[, ]", "[-]", with the space before,
# and a chain of them: "[]; []" (of "...resection.[[10](#cit/...)]; [[11](#cit/...)]").
_CITATION_LEFTOVERS = re.compile(r"\s*\[[\s,;\-–—]*\](?:\s*[;,]\s*\[[\s,;\-–—]*\])*")


def is_citation(href: str) -> bool:
    """Return True for a citation marker's link ("[[3](#cit/section_2.3)]"): into the page's reference list."""
    return href.startswith("#cit/")


def without_citation_leftovers(text: str) -> str:
    """Return ``text`` without what its citation markers left (:data:`_CITATION_LEFTOVERS`); a space stays
    between what they stood between ("data.[3-8]Thus" reads "data. Thus", not "data.Thus")."""

    def gone(found: re.Match[str]) -> str:
        before, after = text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1]
        return " " if before and not before.isspace() and after.isalnum() else ""

    return _CITATION_LEFTOVERS.sub(gone, text)


# /Common/PopUps/popDefinition.aspx?id=CDR0000044782&version=Patient&language=English
_POPUP = re.compile(r"/common/popups/popdefinition\.aspx$", re.IGNORECASE)
# /publications/dictionaries/cancer-terms/def/44782, .../def/progression-free-survival,
# the genetics dictionary, and the Spanish dictionary pages.
_DEF_PAGE = re.compile(
    r"^(?:/espanol)?/(?:publications/dictionaries/(?P<en>cancer-terms|genetics-dictionary)"
    r"|publicaciones/diccionarios/(?P<es>diccionario-cancer|diccionario-genetica))"
    r"/def/(?P<key>[^/?#]+)/?$",
    re.IGNORECASE,
)
_DRUG_PAGE = re.compile(
    r"^(?:/about-cancer/treatment/drugs|/publications/dictionaries/cancer-drug/def"
    r"|/espanol/cancer/tratamiento/medicamentos|/espanol/publicaciones/diccionarios/diccionario-medicamentos/def)"
    r"/(?P<drug>[^/?#]+)/?$",
    re.IGNORECASE,
)
# Older pages name the entry in the query of a dictionary's own page: /dictionary?CdrID=44782,
# /drugdictionary?CdrID=539733, /publications/dictionaries/cancer-drug?cdrid=689330.
_QUERY_PAGE = re.compile(
    r"^(?:/(?P<terms>dictionary|publications/dictionaries/cancer-terms)"
    r"|/(?P<genetics>publications/dictionaries/genetics-dictionary)"
    r"|/(?P<drugs>drugdictionary|publications/dictionaries/cancer-drug)"
    r"|/espanol/(?P<es>diccionario|publicaciones/diccionarios/diccionario-cancer))/?$",
    re.IGNORECASE,
)
_CDR_ID = re.compile(r"^(?:CDR)?0*(\d+)$", re.IGNORECASE)

_AUDIENCES = {
    "patient": "patient",
    "patients": "patient",
    "health professional": "health professional",
    "healthprofessional": "health professional",
    "health_professional": "health professional",
    "hp": "health professional",
    "professional": "health professional",
}
_DICTIONARIES = {"cancer.gov": "Cancer.gov", "genetic": "Genetics", "genetics": "Genetics", "notset": "NotSet"}


def audience(value: str) -> str | None:
    """Return "patient" or "health professional" for the ways NCI writes an audience, else None."""
    return _AUDIENCES.get(value.strip().lower())


def term_id(value: str) -> str | None:
    """Return the CDR number of ``value`` ("CDR0000044782" or "44782") as "44782", or None."""
    m = _CDR_ID.match(value.strip())
    return m.group(1) if m else None


def classify(href: str, text: str = "", line: int = 0) -> Link:
    """Return ``href`` as a classified Link (glossary, drug, internal, anchor or external)."""
    # Pages link the same terms again and again, and a handout parses its article twice: an
    # address is classified once per process.
    k = _classified(href)
    return Link(text, href, k.kind, line, k.term_id, k.term_name, k.drug, k.lang, k.audience, k.dictionary)


@functools.lru_cache(maxsize=8192)
def _classified(href: str) -> Link:
    """Classify ``href`` alone (the Link's text and line are left empty)."""
    text, line = "", 0
    try:
        parts = urlsplit(href.strip())
    except ValueError:  # "http://[oops": not a usable address, and certainly not a cancer.gov page
        return Link(text, href, LinkKind.EXTERNAL, line)
    host = parts.netloc.lower()
    if not parts.scheme and not host and not parts.path:
        return Link(text, href, LinkKind.ANCHOR, line)
    if host and host not in _CANCER_GOV_HOSTS:
        return Link(text, href, LinkKind.EXTERNAL, line)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return Link(text, href, LinkKind.EXTERNAL, line)  # mailto:, tel:, ...
    path = unquote(parts.path)
    if _POPUP.search(path):
        return _popup_link(text, href, line, parts.query)
    if m := _DEF_PAGE.match(path):
        key = m.group("key")
        cdr = term_id(key)
        genetics = "genetic" in (m.group("en") or m.group("es") or "").lower()
        name = None if cdr else key.replace("-", " ").lower()
        return _dictionary_link(text, href, line, cdr, name, spanish=bool(m.group("es")), genetics=genetics)
    if m := _DRUG_PAGE.match(path):
        return Link(text, href, LinkKind.DRUG, line, drug=m.group("drug").lower())
    if (m := _QUERY_PAGE.match(path)) and (cdr := _query_id(parts.query)):
        if m.group("drugs"):
            return Link(text, href, LinkKind.DRUG, line, drug=cdr)
        return _dictionary_link(
            text, href, line, cdr, None, spanish=bool(m.group("es")), genetics=bool(m.group("genetics"))
        )
    return Link(text, href, LinkKind.INTERNAL, line)


def _dictionary_link(
    text: str, href: str, line: int, cdr: str | None, name: str | None, *, spanish: bool, genetics: bool
) -> Link:
    """Return a link to a term of the Dictionary of Cancer Terms or of Genetics Terms, by id or by name."""
    dictionary = "Genetics" if genetics else "Cancer.gov"
    lang = "es" if spanish else "en"
    return Link(text, href, LinkKind.GLOSSARY, line, term_id=cdr, term_name=name, lang=lang, dictionary=dictionary)


def _query_id(query: str) -> str | None:
    """Return the CDR number of a query's ``cdrid`` parameter (any case), or None."""
    ids = [v for k, v in parse_qsl(query, keep_blank_values=True) if k.lower() == "cdrid"]
    return term_id(ids[0]) if ids else None


def _popup_link(text: str, href: str, line: int, query: str) -> Link:
    """Classify an old-style popDefinition.aspx link; parameters come in any case and order."""
    params = {k.lower(): v.strip() for k, v in parse_qsl(query, keep_blank_values=True)}
    given = params.get("id", "")
    cdr = term_id(given)
    if cdr is None:
        # A popup link without a usable id still names a glossary term; jargon checks report it: with no
        # id, glossary.missing-id; with one that is no CDR number ("id=abc"), glossary.unknown-id.
        return Link(text, href, LinkKind.GLOSSARY, line, term_id=given or None)
    return Link(
        text,
        href,
        LinkKind.GLOSSARY,
        line,
        term_id=cdr,
        lang=normalize_lang(params.get("language", "")),
        audience=audience(params.get("version", "")),
        dictionary=_DICTIONARIES.get(params.get("dictionary", "").lower()),
    )
