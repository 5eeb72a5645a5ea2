"""Resolve an article's glossary and drug links to glossary entries, and a drug to the term that explains it.

Pages link a term by its CDR id, by its name (/def/progression-free-survival), or a drug by its
page (/about-cancer/treatment/drugs/NAME). A drug is often in both of NCI's dictionaries under two
ids: the Drug Dictionary's, defined for health professionals, and the Dictionary of Cancer Terms',
defined for patients. One concept is one term for the reader, and the patient entry explains it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simplify.glossary.model import Entry, cdr_id, fold, id_order
from simplify.jargon.inflect import plurals_of
from simplify.lang import lang_root
from simplify.links import classify
from simplify.memo import Memo
from simplify.model import Link, LinkKind

if TYPE_CHECKING:
    from simplify.glossary.index import Glossary

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_MEANING_WORD = re.compile(r"[^\W\d_]{4,}")  # a word that carries meaning: "and", "of", "in" do not
_NOT_LETTER = re.compile(r"[\W\d_]+")
# What an entry for a gene's symbol speaks of, in English and Spanish definitions: the gene, what it makes, or
# a condition named as the gene is ("NF1", "FAP").
_GENE_WORDS = re.compile(
    r"\b(?:genes?|genetic|proteins?|enzymes?|molecules?|conditions?|syndromes?|disorders?"
    r"|gen[ée]tic[oa]s?|prote[íi]nas?|enzimas?|mol[ée]culas?|afecci[óo]n|afecciones|s[íi]ndromes?|trastornos?)\b",
    re.IGNORECASE,
)


def slug(name: str) -> str:
    """Return how cancer.gov writes ``name`` in an address, with spaces for hyphens: "non small cell".

    Lower case, accents and apostrophes dropped, any other run of marks one space: a /def/NAME
    address and the glossary's name give the same key ("progression-free survival" and
    "progression-free-survival"; "supervivencia sin progresión" and "supervivencia-sin-progresion").
    """
    plain = unicodedata.normalize("NFKD", name.lower().replace("'", "").replace("’", ""))
    return _NOT_SLUG.sub(" ", plain.encode("ascii", "ignore").decode()).strip()


class Resolver:
    """Find the glossary entry each link names, and the entry that explains a term, in one glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._concepts: Memo[str, str] = Memo(self._concept)
        # Pages link the same terms again and again: an address is resolved once (its Link is classify's).
        self._links: Memo[str, str | None] = Memo(lambda href: self._resolve(classify(href)))
        self._slugs: dict[str, dict[str, list[str]]] = {}  # language -> slug -> ids

    def link(self, link: Link) -> str | None:
        """Return the id of the entry that explains what ``link`` names, or None if the glossary has none.

        A glossary link names a term by id or by name; a drug link names a drug by its page's NAME,
        looked up among the drugs' page names, then their names, aliases and brand names, or by CDR id.
        """
        return self._links[link.href]

    def _resolve(self, link: Link) -> str | None:
        found: str | None = None
        if link.kind is LinkKind.GLOSSARY:
            if link.term_id:
                found = link.term_id if link.term_id in self.glossary else None
            elif link.term_name:
                found = self._named(link.term_name, link.lang or "en", link.dictionary)
        elif link.kind is LinkKind.DRUG and link.drug:
            found = self._drug(link.drug)
        return self.concept(found) if found else None

    def concept(self, term_id: str) -> str:
        """Return the id of the entry that explains ``term_id``: for a drug or a brand, the drug's glossary term."""
        return self._concepts[term_id]

    def one(self, term_ids: Sequence[str], text: str, lang: str) -> str:
        """Return the one entry that explains ``text``, words that name all of ``term_ids`` (in the matcher's order).

        Several entries are often one concept under two ids ("NCI" and "National Cancer Institute", a
        drug in both dictionaries): the entry whose own name the words are (or its plural) explains
        them, else the first.
        """
        if len(term_ids) == 1:
            return self._concepts[term_ids[0]]
        ids = list(dict.fromkeys(map(self.concept, term_ids)))
        if len(ids) > 1:
            key = slug(_POSSESSIVE.sub("", text))
            root = lang_root(lang)
            for term_id in ids:
                entry = self.glossary.get(term_id)
                name = entry.name(root) if entry is not None else None
                if name and key in {slug(form) for form in (name, *plurals_of(root)[name])}:
                    return term_id
        return ids[0]

    def stands_for(self, term_id: str, long_form: str, lang: str) -> bool:
        """Return True if entry ``term_id`` may mean ``long_form``: its names and definitions hold half its words.

        NCI defines an acronym's entry in words ("OS": "... Also called overall survival"), so an abbreviation a
        page spells out means the entry of that name only if the words are the entry's. A word counts where its
        stem (all but its last three letters, four at least) is in them, spaces and hyphens left out:
        "pathological" in "pathologic", "non-steroidal" in "nonsteroidal".
        """
        entry = self.glossary.get(term_id)
        words = _MEANING_WORD.findall(long_form.casefold())
        if entry is None or not words:
            return entry is not None
        root = lang_root(lang)
        names = entry.names_in(root)
        said = [*(names.all() if names else ()), *(d.text for d in entry.definitions if d.lang == root)]
        letters = _NOT_LETTER.sub("", " ".join(said).casefold())
        return 2 * sum(w[: max(4, len(w) - 3)] in letters for w in words) >= len(words)

    def names_a_gene(self, term_id: str, lang: str) -> bool:
        """Return True if entry ``term_id`` may be what a gene's symbol names: a gene, what it makes, or a condition.

        Its definitions say so in words ("A gene that ...", "A protein ...", "A genetic condition ..."); an entry
        with no definition in ``lang`` is given the benefit of the doubt.
        """
        entry = self.glossary.get(term_id)
        if entry is None:
            return True
        said = [d.text for d in entry.definitions if d.lang == lang_root(lang)]
        return not said or any(_GENE_WORDS.search(text) for text in said)

    def _concept(self, term_id: str) -> str:
        entry = self.glossary.get(term_id)
        name = entry.name("en") if entry is not None else None
        if entry is None or not name:
            return term_id
        if entry.kind == "drug":
            return self._drug_term(entry)
        # A term that is a drug's brand name ("Opdivo" beside "nivolumab") is that drug.
        key = fold(name)
        for drug in self.glossary.find(name, "en"):
            names = drug.names_in("en")
            if drug.kind == "drug" and names and key in map(fold, names.brands):
                return self._drug_term(drug)
        return term_id

    def _drug_term(self, drug: Entry) -> str:
        """Return the id of the glossary term named as ``drug`` is, with patient definitions, else the drug's."""
        # The Drug Dictionary is in English; a term of the same name has the patient definitions, in
        # both languages, where the drug has one for health professionals.
        name = drug.name("en") or ""
        terms = [e for e in self.glossary.find(name, "en") if e.kind == "term" and _for_patients(e)]
        return terms[0].id if terms else drug.id

    def _drug(self, key: str) -> str | None:
        number = cdr_id(key)
        if number is not None:
            entry = self.glossary.get(number)
            return number if entry is not None and entry.kind == "drug" else None
        entry = self.glossary.drug(key)
        if entry is not None:
            return entry.id
        # A page name that is no drug's page (the list of drugs for a cancer, a brand name): try names.
        drugs = [e for e in self.glossary.find(key.replace("-", " "), "en") if e.kind == "drug"]
        return drugs[0].id if drugs else None

    def _named(self, name: str, lang: str, dictionary: str | None) -> str | None:
        ids = self._slug_index(lang).get(slug(name), [])
        entries = [e for e in map(self.glossary.get, ids) if e is not None]
        if not entries:
            return None
        # The term of the dictionary the address is in (cancer terms or genetics), a term before a drug.
        best = min(entries, key=lambda e: (e.kind != "term", dictionary not in e.dictionaries, id_order(e.id)))
        return best.id

    def _slug_index(self, lang: str) -> dict[str, list[str]]:
        index = self._slugs.get(lang)
        if index is None:
            index = self._slugs[lang] = {}
            for name, term_id in self.glossary.names(lang):
                ids = index.setdefault(slug(name), [])
                if term_id not in ids:
                    ids.append(term_id)
        return index


def _for_patients(entry: Entry) -> bool:
    return any(d.audience == "Patient" for d in entry.definitions)
