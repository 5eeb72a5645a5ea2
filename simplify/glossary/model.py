"""The glossary model: one entry per CDR id, with names, definitions and pronunciations per language.

Merge rule (used for duplicate ids within one source, and whenever an import meets the cache):
the parts of an entry are merged field by field, and for a field that holds one value the record
with the later ``date`` wins; on equal dates the record merged later wins, so the result depends
only on the order records are read in (sorted file names, then document order). Concretely:

- names per language: the primary name comes from the winning record that has one. Records from NCI's
  glossifier list have no primary name (they carry inflections only), so they never take part in
  that choice: a merge that no record names leaves the language nameless, and only :func:`named`,
  applied once every record is in, lends it its shortest form. That keeps the result the same
  whether the glossifier list is merged before, after or together with the records that name the
  term. Every other name, alias and inflection of every record is kept (union), sorted
  case-insensitively, without repeats of the primary name or of each other (compared
  case-insensitively); a name that is an alias anywhere stays an alias, and an inflection is only
  an inflection if it is nowhere an alias;
- definitions: one per (language, audience, dictionary), the winning record's text;
- pronunciations: one per language, the winning record's;
- url names: one per language, the winning record's; date: the latest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import starmap
from typing import Any, Literal

from simplify.errors import SimplifyError

Audience = Literal["Patient", "HealthProfessional"]
Dictionary = Literal["Cancer.gov", "Genetics", "Drug", "NotSet"]
Source = Literal["nci", "project"]
Kind = Literal["term", "drug"]

AUDIENCES: tuple[Audience, ...] = ("Patient", "HealthProfessional")
DICTIONARIES: tuple[Dictionary, ...] = ("Cancer.gov", "Genetics", "Drug", "NotSet")
# Entries are stored as plain tuples; bump this when their layout changes.
DATA_VERSION = 1
CDR_DIGITS = 10  # "CDR0000044782"
GLOSSARY_LANGS = frozenset({"en", "es"})  # languages the glossary has names and definitions in
_CDR = re.compile(rf"^(?:CDR)?0*([1-9][0-9]{{0,{CDR_DIGITS - 1}}})$", re.IGNORECASE)


class GlossaryError(SimplifyError):
    """The glossary cache or an import cannot be used: the message names the file and the fix."""


class SyncError(GlossaryError):
    """Pulling the glossary from the NCI API failed; the previous cache is left as it was."""


class GlossaryWarning(UserWarning):
    """Some records of a glossary file were malformed and skipped (one warning per load)."""


@dataclass(frozen=True, slots=True)
class Names:
    """An entry's names in one language: the main name, aliases, inflections and brand names."""

    lang: str
    name: str
    aliases: tuple[str, ...] = ()
    inflections: tuple[str, ...] = ()  # plural and other forms, from NCI's glossifier list
    brands: tuple[str, ...] = ()  # drug brand names (also listed in aliases)
    url_name: str | None = None  # cancer.gov's pretty URL name: /def/NAME, /drugs/NAME

    def all(self) -> tuple[str, ...]:
        """Return every name a reader may meet: the main name, aliases and inflections."""
        return (self.name, *self.aliases, *self.inflections)


@dataclass(frozen=True, slots=True)
class Definition:
    """One definition: a language, an audience and the dictionary it comes from."""

    lang: str
    audience: Audience
    dictionary: Dictionary
    text: str


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """How to say an entry's name in one language: NCI's respelling and an audio file."""

    lang: str
    respelling: str | None = None  # "(meh-tuh-STA-tik)"
    audio_url: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry keyed by NCI CDR id (digits, "44782"), from NCI or from this project."""

    id: str
    names: tuple[Names, ...] = ()  # one per language, sorted by language
    definitions: tuple[Definition, ...] = ()
    pronunciations: tuple[Pronunciation, ...] = ()
    source: Source = "nci"
    date: str = ""  # ISO date of the newest record merged in; "" when unknown
    kind: Kind = "term"

    def names_in(self, lang: str) -> Names | None:
        """Return the names in ``lang``, or None."""
        return next((n for n in self.names if n.lang == lang), None)

    def name(self, lang: str = "en") -> str | None:
        """Return the main name in ``lang``, or None."""
        names = self.names_in(lang)
        return names.name if names else None

    def definition(self, lang: str = "en", audience: Audience = "Patient") -> Definition | None:
        """Return the definition for ``audience`` in ``lang``, falling back to the other audience.

        Within an audience, dictionaries are tried as NCI's API falls back: Cancer.gov, NotSet,
        Genetics, then Drug (for health professionals, Genetics first).
        """
        order: Sequence[Dictionary] = (
            ("Cancer.gov", "NotSet", "Genetics", "Drug")
            if audience == "Patient"
            else ("Genetics", "Cancer.gov", "NotSet", "Drug")
        )
        other: Audience = "HealthProfessional" if audience == "Patient" else "Patient"
        found = {(d.audience, d.dictionary): d for d in self.definitions if d.lang == lang}
        for aud in (audience, other):
            for dictionary in order:
                if (aud, dictionary) in found:
                    return found[aud, dictionary]
        return None

    def pronunciation(self, lang: str = "en") -> Pronunciation | None:
        """Return the pronunciation in ``lang``, or None."""
        return next((p for p in self.pronunciations if p.lang == lang), None)

    @property
    def langs(self) -> tuple[str, ...]:
        """Return the languages the entry has names in."""
        return tuple(n.lang for n in self.names)

    @property
    def dictionaries(self) -> tuple[Dictionary, ...]:
        """Return the dictionaries the entry's definitions come from, in canonical order."""
        have = {d.dictionary for d in self.definitions}
        return tuple(d for d in DICTIONARIES if d in have)

    def to_json(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready mapping (the ``show --format json`` document)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "date": self.date or None,
            "names": {
                n.lang: {
                    "name": n.name,
                    "aliases": list(n.aliases),
                    "inflections": list(n.inflections),
                    "brands": list(n.brands),
                    "url_name": n.url_name,
                }
                for n in self.names
            },
            "definitions": [
                {"lang": d.lang, "audience": d.audience, "dictionary": d.dictionary, "text": d.text}
                for d in self.definitions
            ],
            "pronunciations": {
                p.lang: {"respelling": p.respelling, "audio_url": p.audio_url} for p in self.pronunciations
            },
        }


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one load read: entries kept, records skipped as malformed, and why (first few)."""

    path: str
    entries: int
    skipped: int = 0
    reasons: tuple[str, ...] = ()
    ignored: int = 0  # well-formed documents that are not glossary terms (autosuggest lists, counts)


# Plain-tuple form of an entry, for marshal blobs in the cache; positions match Entry's fields.
EntryData = tuple[Any, ...]


def to_data(entry: Entry) -> EntryData:
    """Return ``entry`` as nested tuples of str (marshal- and JSON-friendly)."""
    return (
        entry.id,
        tuple((n.lang, n.name, n.aliases, n.inflections, n.brands, n.url_name) for n in entry.names),
        tuple((d.lang, d.audience, d.dictionary, d.text) for d in entry.definitions),
        tuple((p.lang, p.respelling, p.audio_url) for p in entry.pronunciations),
        entry.source,
        entry.date,
        entry.kind,
    )


def from_data(data: EntryData) -> Entry:
    """Return the entry that :func:`to_data` turned into ``data``."""
    id_, names, definitions, pronunciations, source, date, kind = data
    # marshal gives back tuples, in field order: starmap builds the parts without a Python loop per part,
    # which is most of the cost of reading the whole dictionary.
    return Entry(
        id_,
        tuple(starmap(Names, names)),
        tuple(starmap(Definition, definitions)),
        tuple(starmap(Pronunciation, pronunciations)),
        source,
        date,
        kind,
    )


def cdr_id(value: object) -> str | None:
    """Return the CDR id in ``value`` ("CDR0000044782", 44782, "44782") as digits, or None if it is none.

    NCI writes CDR ids as "CDR" and ten digits, so a number of more digits is no CDR id.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if 0 < value < 10**CDR_DIGITS else None
    if isinstance(value, str):
        m = _CDR.match(value.strip())
        return m.group(1) if m else None
    return None


def fold(name: str) -> str:
    """Return the matching key of a name: case-folded, inner whitespace collapsed."""
    return " ".join(name.casefold().split())


def _sorted_unique(names: Iterable[str], exclude: set[str]) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for n in names:
        key = fold(n)
        if key and key not in exclude and key not in out:
            out[key] = n
    return tuple(out[k] for k in sorted(out))


def merge(entries: Sequence[Entry]) -> Entry:
    """Merge records of one id by the rule in this module's docstring (later date, then later record).

    A language no record names stays nameless, as in a glossifier record; :func:`named` names it.
    """
    if len(entries) == 1 and all(n.name for n in entries[0].names):
        return entries[0]
    # A stable sort by date keeps read order among equal dates, so "last wins" is the rule's tie-break.
    ordered = sorted(entries, key=lambda e: e.date)
    langs = sorted({n.lang for e in ordered for n in e.names})
    names: list[Names] = []
    for lang in langs:
        parts = [n for e in ordered for n in e.names if n.lang == lang]
        main = next((n.name for n in reversed(parts) if n.name), "")
        url = next((n.url_name for n in reversed(parts) if n.url_name), None)
        primary = {fold(main)}
        alias_pool = [a for n in parts for a in n.aliases] + [n.name for n in parts]
        aliases = _sorted_unique(alias_pool, primary)
        taken = primary | {fold(a) for a in aliases}
        inflections = _sorted_unique((i for n in parts for i in n.inflections), taken)
        brands = _sorted_unique((b for n in parts for b in n.brands), primary)
        names.append(Names(lang, main, aliases, inflections, brands, url))
    definitions: dict[tuple[str, str, str], Definition] = {}
    pronunciations: dict[str, Pronunciation] = {}
    for e in ordered:
        for d in e.definitions:
            definitions[d.lang, d.audience, d.dictionary] = d
        for p in e.pronunciations:
            pronunciations[p.lang] = p
    last = ordered[-1]
    return Entry(
        id=last.id,
        names=tuple(names),
        definitions=tuple(definitions[k] for k in sorted(definitions)),
        pronunciations=tuple(pronunciations[k] for k in sorted(pronunciations)),
        source=last.source,
        date=last.date,
        kind="drug" if any(e.kind == "drug" for e in ordered) else "term",
    )


def named(entry: Entry) -> Entry:
    """Return ``entry`` with a main name in every language: a nameless one takes its shortest form.

    Only for an entry whose records are all merged: a lent name would otherwise displace the real
    name of a record merged later with the same date.
    """
    if all(n.name for n in entry.names):
        return entry
    names = []
    for n in entry.names:
        if not n.name:
            main = min(n.inflections, key=lambda i: (len(i), i))
            n = replace(n, name=main, inflections=tuple(i for i in n.inflections if i != main))
        names.append(n)
    return replace(entry, names=tuple(names))


def merge_all(records: Iterable[Entry]) -> dict[str, Entry]:
    """Group records by id and merge each group; ids come out in numeric-then-text order."""
    groups: dict[str, list[Entry]] = {}
    for r in records:
        groups.setdefault(r.id, []).append(r)
    return {k: merge(groups[k]) for k in sorted(groups, key=id_order)}


def id_order(term_id: str) -> tuple[int, int, str]:
    """Return a sort key that puts CDR ids in numeric order before project-local ids."""
    return (0, int(term_id), "") if term_id.isdigit() else (1, 0, term_id)
