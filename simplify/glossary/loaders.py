"""Read glossary records from NCI's formats and from the project's own YAML files.

Every reader yields unmerged records (one per document or API object) and counts what it had to
skip; :func:`read_path` and :func:`read_project` warn once per load with that count. Formats:

- NCI GlossaryTerm XML export: one ``<GlossaryTerm id="CDR...">`` per file, English and Spanish.
- NCI Glossary API v1 JSON: a term object, a list of them, a results page ``{meta, results, links}``,
  or the Elasticsearch documents behind the API (``_source``, ``hits.hits``); keys in camelCase,
  PascalCase or snake_case. Autosuggest results (``[{termId, termName}]``) are ignored, not read as
  names: they carry no language, dictionary or definition, and every name in them is also in the
  full term objects. JSON Lines files hold one such document per line.
- NCI glossifier name list ``{name: {id: {lang: [dictionaries]}}}``: names and inflections per id.
- NCI Drug Dictionary API JSON (``DrugTerm`` and ``DrugAlias`` objects, single or in result pages).
- The project's YAML: ``"CDR id": {en: {name, also, definition, pronunciation}, es: {name, definition}}``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simplify.files import parse_xml
from simplify.glossary.model import (
    GLOSSARY_LANGS,
    Audience,
    Definition,
    Dictionary,
    Entry,
    GlossaryError,
    GlossaryWarning,
    LoadReport,
    Names,
    Pronunciation,
    cdr_id,
)

AUDIO_URL = "https://nci-media.cancer.gov/pdq/media/audio/{}.mp3"
_AUDIENCES: dict[str, Audience] = {
    "patient": "Patient",
    "patients": "Patient",
    "healthprofessional": "HealthProfessional",
    "health professional": "HealthProfessional",
}
_DICTIONARIES: dict[str, Dictionary] = {"cancer.gov": "Cancer.gov", "genetics": "Genetics", "notset": "NotSet"}
# Project-local ids for terms NCI does not have: "chemo-brain".
_LOCAL_ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Our respellings: words of hyphenated syllables, each all lower case or (stressed) all capitals: "KEE-moh".
_SYLLABLES = r"(?:[a-z]+|[A-Z]+)(?:-(?:[a-z]+|[A-Z]+))*"
_RESPELLING = re.compile(rf"^{_SYLLABLES}(?: {_SYLLABLES})*$")
_BRANDS = {"USBrandName", "ForeignBrandName"}
_DRUG_PAGE = re.compile(r"/about-cancer/treatment/drugs/([^/?#]+)")
_MAX_REASONS = 5
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass
class Tally:
    """Counts of one load, turned into a LoadReport and at most one warning."""

    path: str
    entries: int = 0
    skipped: int = 0
    ignored: int = 0
    reasons: list[str] = field(default_factory=list)

    def skip(self, where: str, why: str) -> None:
        """Count a malformed record."""
        self.skipped += 1
        if len(self.reasons) < _MAX_REASONS:
            self.reasons.append(f"{where}: {why}")

    def report(self) -> LoadReport:
        """Return the report, warning once when records were skipped."""
        if self.skipped:
            more = "" if self.skipped <= len(self.reasons) else "; ..."
            warnings.warn(
                f"{self.path}: skipped {self.skipped} malformed glossary record(s): {'; '.join(self.reasons)}{more}",
                GlossaryWarning,
                stacklevel=3,
            )
        return LoadReport(self.path, self.entries, self.skipped, tuple(self.reasons), self.ignored)


def _list(value: object) -> list[Any]:
    """Return ``value`` if it is a list, else none: a field of the wrong shape is read as absent."""
    return value if isinstance(value, list) else []


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


# --- NCI GlossaryTerm XML ---------------------------------------------------------------------------


def read_xml(path: Path, tally: Tally) -> Iterator[Entry]:
    """Yield the record in one GlossaryTerm XML file."""
    try:
        root = parse_xml(path)
    except (ValueError, OSError) as exc:
        tally.skip(path.name, f"unreadable XML ({exc})")
        return
    if root.tag != "GlossaryTerm":
        tally.ignored += 1
        return
    term_id = cdr_id(root.get("id"))
    name = _clean(root.findtext("TermName"))
    if term_id is None or not name:
        tally.skip(path.name, "no CDR id" if term_id is None else "no TermName")
        return
    names = [Names("en", name)]
    spanish = _clean(root.findtext("SpanishTermName"))
    if spanish:
        names.append(Names("es", spanish))
    definitions: list[Definition] = []
    for tag, lang in (("TermDefinition", "en"), ("SpanishTermDefinition", "es")):
        for node in root.findall(tag):
            body = node.find("DefinitionText")
            text = _clean("".join(body.itertext())) if body is not None else ""
            audience = _AUDIENCES.get(_clean(node.findtext("Audience")).lower())
            dictionary = _DICTIONARIES.get(_clean(node.findtext("Dictionary")).lower() or "notset")
            if not text or audience is None or dictionary is None:
                tally.skip(path.name, f"{tag} without text, known audience or dictionary")
                return
            definitions.append(Definition(lang, audience, dictionary, text))
    audio: dict[str, str] = {}
    for media in root.iter("MediaLink"):
        ref = cdr_id(media.get("ref"))
        lang = media.get("language", "")
        if media.get("type", "").startswith("audio/") and ref and lang in GLOSSARY_LANGS:
            audio.setdefault(lang, AUDIO_URL.format(ref))
    respelling = _clean(root.findtext("TermPronunciation")) or None
    pronunciations = []
    for lang in sorted(GLOSSARY_LANGS):
        spelled = respelling if lang == "en" else None  # NCI respells English names only
        if spelled or lang in audio:
            pronunciations.append(Pronunciation(lang, spelled, audio.get(lang)))
    date = _clean(root.findtext("DateLastModified")) or _clean(root.findtext("DateFirstPublished"))
    tally.entries += 1
    yield Entry(term_id, tuple(names), tuple(definitions), tuple(pronunciations), "nci", date)


# --- NCI Glossary API and Drug Dictionary API JSON ---------------------------------------------------


def norm_keys(obj: dict[str, Any]) -> dict[str, Any]:
    """Return ``obj`` with keys in one spelling: termId, TermId and term_id all become "termid"."""
    return {k.replace("_", "").lower(): v for k, v in obj.items() if isinstance(k, str)}


def _objects(doc: Any) -> Iterator[dict[str, Any]]:
    """Yield the term-like objects in an API response or Elasticsearch document, keys normalised."""
    if isinstance(doc, list):
        for item in doc:
            yield from _objects(item)
    elif isinstance(doc, dict):
        obj = norm_keys(doc)
        if "termid" in obj:
            yield obj
        else:
            for key in ("results", "source", "hits"):
                if key in obj:
                    yield from _objects(obj[key])


def api_term(obj: dict[str, Any], where: str, date: str, tally: Tally) -> Entry | None:
    term_id = cdr_id(obj.get("termid"))
    name = obj.get("termname")
    lang = str(obj.get("language") or "").lower()
    audience = _AUDIENCES.get(str(obj.get("audience") or "").lower())
    dictionary = _DICTIONARIES.get(str(obj.get("dictionary") or "").lower())
    if term_id is None or not isinstance(name, str) or not name.strip():
        tally.skip(where, "term without a CDR id or name")
        return None
    if lang not in GLOSSARY_LANGS or audience is None or dictionary is None:
        tally.skip(where, f"term {term_id}: unknown language, audience or dictionary")
        return None
    url = obj.get("prettyurlname")
    names = [Names(lang, _clean(name), url_name=url if isinstance(url, str) and url else None)]
    for other in _list(obj.get("otherlanguages")):
        o = norm_keys(other) if isinstance(other, dict) else {}
        olang, oname, ourl = str(o.get("language") or "").lower(), o.get("termname"), o.get("prettyurlname")
        if olang in GLOSSARY_LANGS and olang != lang and isinstance(oname, str) and oname.strip():
            names.append(Names(olang, _clean(oname), url_name=ourl if isinstance(ourl, str) and ourl else None))
    definitions = []
    definition = obj.get("definition")
    text = norm_keys(definition).get("text") if isinstance(definition, dict) else None
    if isinstance(text, str) and text.strip():
        definitions.append(Definition(lang, audience, dictionary, _clean(text)))
    pronunciations = []
    said = norm_keys(obj["pronunciation"]) if isinstance(obj.get("pronunciation"), dict) else {}
    key, audio = said.get("key"), said.get("audio")
    if key or audio:
        pronunciations.append(
            Pronunciation(
                lang, _clean(key) if isinstance(key, str) else None, audio if isinstance(audio, str) else None
            )
        )
    names.sort(key=lambda n: n.lang)
    return Entry(term_id, tuple(names), tuple(definitions), tuple(pronunciations), "nci", date)


def _drug(obj: dict[str, Any], where: str, date: str, tally: Tally) -> Entry | None:
    term_id = cdr_id(obj.get("termid"))
    name = obj.get("preferredname") if obj.get("type") == "DrugAlias" else obj.get("name")
    if term_id is None or not isinstance(name, str) or not name.strip():
        tally.skip(where, "drug without a CDR id or name")
        return None
    url = obj.get("prettyurlname")
    link = obj.get("druginfosummarylink")
    page = _DRUG_PAGE.search(str(norm_keys(link).get("uri", ""))) if isinstance(link, dict) else None
    # Pages link a drug by its drug-information page (/about-cancer/treatment/drugs/NAME) when it has one.
    url_name = page.group(1) if page else url if isinstance(url, str) and url else None
    aliases: list[str] = []
    brands: list[str] = []
    if obj.get("type") == "DrugAlias":
        alias = obj.get("name")
        if isinstance(alias, str) and alias.strip():
            aliases.append(_clean(alias))
    for a in _list(obj.get("aliases")):
        a = norm_keys(a) if isinstance(a, dict) else {}
        if isinstance(a.get("name"), str) and a["name"].strip():
            aliases.append(_clean(a["name"]))
            if a.get("type") in _BRANDS:
                brands.append(_clean(a["name"]))
    definition = obj.get("definition")
    text = norm_keys(definition).get("text") if isinstance(definition, dict) else None
    definitions = (Definition("en", "HealthProfessional", "Drug", _clean(text)),) if isinstance(text, str) else ()
    names = Names("en", _clean(name), tuple(aliases), (), tuple(brands), url_name)
    return Entry(term_id, (names,), definitions, (), "nci", date, kind="drug")


def _is_drug(obj: dict[str, Any]) -> bool:
    return obj.get("type") in ("DrugTerm", "DrugAlias") or "nciconceptid" in obj or "preferredname" in obj


def read_api_document(doc: Any, where: str, date: str, tally: Tally) -> Iterator[Entry]:
    """Yield the glossary and drug records in one parsed API document."""
    found = False
    for obj in _objects(doc):
        found = True
        if _is_drug(obj):
            entry = _drug(obj, where, date, tally)
        elif "dictionary" not in obj and "audience" not in obj and "definition" not in obj:
            tally.ignored += 1  # an autosuggest suggestion: an id and a name, nothing more
            continue
        else:
            entry = api_term(obj, where, date, tally)
        if entry is not None:
            tally.entries += 1
            yield entry
    if not found:
        tally.ignored += 1


def parse_json(text: str) -> Any:
    """Return the JSON document in ``text``; raise ValueError, with what is wrong, if it is not one.

    Besides syntax, refuses nesting past the recursion limit and escaped lone surrogates ("\\ud800"),
    which json accepts but no UTF-8 output can hold.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.msg} at line {exc.lineno}") from exc
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    if _SURROGATE_ESCAPE.search(text):  # rare: check the decoded strings only then
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("a string holds a lone surrogate") from exc
    return doc


def read_json(path: Path, date: str, tally: Tally) -> Iterator[Entry]:
    """Yield the records of an API JSON file, a JSON Lines file or a glossifier name list."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        tally.skip(path.name, f"unreadable ({exc})")
        return
    if path.suffix == ".jsonl":
        # Only "\n" ends a line: str.splitlines() would also cut at U+2028 and the like, which JSON strings may hold.
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                doc = parse_json(line)
            except ValueError as exc:
                tally.skip(f"{path.name}:{number}", f"not JSON ({exc})")
                continue
            yield from read_api_document(doc, f"{path.name}:{number}", date, tally)
        return
    try:
        doc = parse_json(text)
    except ValueError as exc:
        tally.skip(path.name, f"not JSON ({exc})")
        return
    if is_glossifier(doc):
        yield from read_glossifier(doc, path.name, tally)
    else:
        yield from read_api_document(doc, path.name, date, tally)


# --- NCI glossifier name list ------------------------------------------------------------------------


def is_glossifier(doc: Any) -> bool:
    """Tell whether ``doc`` looks like NCI's glossifier list: {name: {id: {lang: [dictionaries]}}}."""
    if not isinstance(doc, dict) or not doc:
        return False
    first = next(iter(doc.values()))
    return (
        isinstance(first, dict) and all(cdr_id(k) for k in first) and all(isinstance(v, dict) for v in first.values())
    )


def read_glossifier(doc: dict[str, Any], where: str, tally: Tally) -> Iterator[Entry]:
    """Yield one names-only record per id: every name NCI's glossifier matches, as inflections."""
    by_id: dict[str, dict[str, list[str]]] = {}
    for name, ids in doc.items():
        if not isinstance(ids, dict) or not _clean(name):
            tally.skip(where, f"name {name!r}: not a mapping of ids")
            continue
        for raw_id, langs in ids.items():
            term_id = cdr_id(raw_id)
            if term_id is None or not isinstance(langs, dict):
                tally.skip(where, f"name {name!r}: bad id {raw_id!r}")
                continue
            for lang in langs:
                if lang in GLOSSARY_LANGS:
                    by_id.setdefault(term_id, {}).setdefault(lang, []).append(_clean(name))
    for term_id in sorted(by_id, key=int):
        langs = by_id[term_id]
        # An empty main name: the glossifier says how a term is written, not which form is its name.
        names = tuple(Names(lang, "", inflections=tuple(sorted(set(langs[lang])))) for lang in sorted(langs))
        tally.entries += 1
        yield Entry(term_id, names, source="nci")


# --- the project's YAML --------------------------------------------------------------------------------


def read_project_file(path: Path, tally: Tally) -> Iterator[Entry]:
    """Yield the project's entries in one YAML file."""
    import yaml

    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        tally.skip(path.name, f"unreadable YAML ({exc})".replace("\n", " "))
        return
    if doc is None:
        return
    if not isinstance(doc, dict):
        tally.skip(path.name, "not a mapping of CDR ids to entries")
        return
    for key, value in doc.items():
        entry = _project_entry(key, value, f"{path.name}: {key}", tally)
        if entry is not None:
            tally.entries += 1
            yield entry


def _project_entry(key: object, value: object, where: str, tally: Tally) -> Entry | None:
    term_id = cdr_id(key) if not isinstance(key, str) or not _LOCAL_ID.match(key) else key
    if term_id is None or not isinstance(value, dict) or not value:
        tally.skip(where, "key is not a CDR id or value is not a mapping of languages")
        return None
    names: list[Names] = []
    definitions: list[Definition] = []
    pronunciations: list[Pronunciation] = []
    for lang in sorted(value, key=str):
        block = value[lang]
        if not isinstance(lang, str) or not isinstance(block, dict):
            tally.skip(where, f"{lang}: not a mapping with name and definition")
            return None
        name, also, text = block.get("name"), block.get("also", []), block.get("definition")
        said = block.get("pronunciation")
        if not isinstance(name, str) or not name.strip():
            tally.skip(where, f"{lang}: no name")
            return None
        if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
            tally.skip(where, f"{lang}: 'also' must be a list of names")
            return None
        if text is not None and not isinstance(text, str):
            tally.skip(where, f"{lang}: definition must be text")
            return None
        if said is not None and not (isinstance(said, str) and _RESPELLING.match(said)):
            tally.skip(where, f"{lang}: pronunciation must be syllables like noo-truh-PEE-nee-uh, not {said!r}")
            return None
        names.append(Names(lang, _clean(name), tuple(_clean(a) for a in also if a.strip())))
        if text and text.strip():
            definitions.append(Definition(lang, "Patient", "NotSet", _clean(text)))
        if said:
            # In parentheses, as NCI's respellings come, so that both read alike wherever they are shown.
            pronunciations.append(Pronunciation(lang, f"({said})"))
    return Entry(term_id, tuple(names), tuple(definitions), tuple(pronunciations), "project", "")


def read_project(folder: Path) -> tuple[list[Entry], LoadReport]:
    """Return the records of the project's glossary/*.yaml files (sorted by name) and a report."""
    tally = Tally(str(folder))
    records: list[Entry] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        records.extend(read_project_file(path, tally))
    return records, tally.report()


# --- any path ------------------------------------------------------------------------------------------


def _files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".xml", ".json", ".jsonl") and p.is_file())
    return [path]


def read_path(path: Path, date: str | None = None) -> tuple[list[Entry], LoadReport]:
    """Return the NCI records in a file or folder (XML export, API JSON, JSON Lines, glossifier list).

    ``date`` stamps API records, which carry none (default: today), so that later pulls win merges.
    """
    if not path.exists():
        raise GlossaryError(f"{path}: no such file or folder; pass the NCI XML export folder or API JSON files")
    stamp = date or dt.date.today().isoformat()
    tally = Tally(str(path))
    records: list[Entry] = []
    for file in _files(path):
        if file.suffix == ".xml":
            records.extend(read_xml(file, tally))
        elif file.suffix in (".json", ".jsonl"):
            records.extend(read_json(file, stamp, tally))
        else:
            raise GlossaryError(f"{file}: unknown glossary format; expected .xml, .json or .jsonl")
    return records, tally.report()
