"""Machine translation of articles that keeps structure and facts safe.

    from simplify.translate import translate
    result = translate(article, "es", engine("ctranslate2", "models/opus-mt-en-es-ct2"))
    result.text      # the translated markdown, front matter included
    result.report    # sentences translated, taken from memory, and fallen back (with why)

Only text nodes are translated, sentence by sentence, with links, numbers, drug names and code held
by placeholders (simplify.translate.segment). Each translation is validated
(simplify.translate.validate); one that fails keeps its source sentence, marked ``⟪en: ...⟫`` in
the output and counted in the report, so nothing is ever dropped silently. Glossary terms take the
glossary's own name in the target language (NCI's Spanish names), not the model's guess. The model's
outputs go to the translation memory, so a re-run translates only what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simplify import articles, boilerplate
from simplify.errors import SimplifyError
from simplify.lang import lang_root
from simplify.marks import plain_marks
from simplify.model import Article, dropped_lines
from simplify.translate.engines import Engine, engine
from simplify.translate.memory import Memory
from simplify.translate.segment import Sentence, Term, TermFinder, Unit, reassemble, units
from simplify.translate.validate import problem

__all__ = ["Fallback", "Report", "Translation", "engine", "model_key", "translate"]


@dataclass(frozen=True, slots=True)
class Fallback:
    """A sentence kept in its source language: where, why, and its words."""

    line: int
    reason: str
    text: str


@dataclass
class Report:
    """What a translation run did."""

    sentences: int = 0
    translated: int = 0  # by the model in this run
    from_memory: int = 0
    fallbacks: list[Fallback] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """Return one line for the terminal."""
        return (
            f"{self.sentences} sentence(s): {self.translated} translated, {self.from_memory} from memory, "
            f"{len(self.fallbacks)} kept in the source language"
        )


@dataclass
class Translation:
    """A translated article: its markdown, the report, and each sentence for a side-by-side review."""

    text: str
    report: Report
    source_lang: str
    target_lang: str
    engine: str
    model: str
    units: list[Unit]
    title: str = ""

    def article(self, path: str) -> Article:
        """Return the translation parsed as an article."""
        return articles.parse(self.text, path=path)


def model_key(model: str) -> str:
    """Return the memory's name for a model: its id, or a local folder with a fingerprint of its files."""
    folder = Path(model)
    if not folder.is_dir():
        return model
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return f"{folder.resolve()}#{digest.hexdigest()[:16]}"


def translate(
    article: Article,
    target: str,
    translator: Engine,
    *,
    memory: Memory | None = None,
    terms: TermFinder | None = None,
) -> Translation:
    """Translate ``article`` into ``target`` with ``translator``; see the module's docstring."""
    started = time.perf_counter()
    source = article.lang
    if lang_root(source) == lang_root(target):
        raise SimplifyError(f"{article.path}: the article is already in '{source}'")
    if "⟪" in article.source:  # the article's own "⟪en: ...⟫" (copied by a model, or kept) would read as ours
        article = articles.parse(plain_marks(article.source), path=article.path, lang=source)
    _, body, body_line = articles._split_front_matter(article.source, article.path)
    # Translated as it was read: with the scraping's damage mended (a question run into the answer before it
    # is a heading), which keeps every line where it was.
    mended = boilerplate.mended(body)
    text = article.source[: len(article.source) - len(body)] + mended
    body = mended
    lines = text.split("\n")
    furniture = dropped_lines(article, repeated_title=False)  # a body heading repeating the title is read too
    found = [u for u in units(body, body_line - 1, source, terms) if u.first not in furniture]
    title_units = units(article.meta.title, 0, source, terms) if article.meta.title else []
    sentences = [s for u in (*found, *title_units) for s in u.sentences if _has_words(s)]

    report = Report(sentences=len(sentences))
    # Beam search changes what a model says, so outputs of another beam width are not reused.
    beams = getattr(translator, "beams", None)
    key = model_key(translator.model) + (f"|beams={beams}" if beams is not None else "")
    memory = memory if memory is not None else Memory()
    known = memory.get(translator.name, key, target, [s.text for s in sentences])
    todo = list(dict.fromkeys(s.text for s in sentences if s.text not in known))
    fresh = dict(zip(todo, translator.translate(todo, source, target), strict=True)) if todo else {}
    # The model's raw output is remembered, good or not: the same model gives the same output, so
    # a re-run needs no model at all, and validation (cheap) runs again on what was remembered.
    memory.put(translator.name, key, target, fresh.items())
    for s in sentences:
        out = (known[s.text] if s.text in known else fresh[s.text]).strip()
        s.from_memory = s.text in known
        why = problem(s.text, out)
        if why is None:
            s.translation = out
            report.from_memory += s.from_memory
            report.translated += not s.from_memory
        else:
            s.failure = why
    title_line = _title_line(lines[: body_line - 1])
    for unit, line in [*((u, u.first + 1) for u in found), *((u, title_line) for u in title_units)]:
        unit.line = line
        for s in unit.sentences:
            if s.failure:
                report.fallbacks.append(Fallback(line, s.failure, s.plain))

    def render(s: Sentence) -> str:
        if s.translation is not None:
            return s.restored(s.translation, s.target)
        if s.failure is None:
            return s.plain  # nothing to translate (a number alone, a link alone)
        return f"⟪{source}: {s.plain}⟫"

    body_lines = reassemble(lines, found, render)
    title = "".join(reassemble([article.meta.title], title_units, render)) if title_units else article.meta.title
    report.seconds = time.perf_counter() - started
    out = _with_front_matter(body_lines, body_line, title, source, target, translator, report)
    units_done = [*found, *title_units]
    return Translation(out, report, source, target, translator.name, translator.model, units_done, title)


def _title_line(head: Sequence[str]) -> int:
    """Return the 1-based line of the front matter's title (1 if it cannot be told)."""
    return next((i + 1 for i, line in enumerate(head) if line.lstrip().startswith("title:")), 1)


def _has_words(sentence: Sentence) -> bool:
    from simplify.translate.segment import PLACEHOLDER

    return any(c.isalpha() for c in PLACEHOLDER.sub("", sentence.text))


def _with_front_matter(
    lines: Sequence[str], body_line: int, title: str, source: str, target: str, translator: Engine, report: Report
) -> str:
    """Return the translated text with front matter saying what it is: language, title, and how it was made."""
    head = list(lines[: body_line - 1])
    body = "\n".join(lines[body_line - 1 :])
    meta: dict[str, Any] = {}
    closing = max((i for i, line in enumerate(head) if i and line.strip() in ("---", "...")), default=0)
    if head and head[0].strip() == "---" and closing:
        loaded = yaml.safe_load("\n".join(head[1:closing]))
        meta = dict(loaded) if isinstance(loaded, dict) else {}
    meta["title"] = title
    meta["language"] = target
    meta["translation"] = {
        "machine": True,
        "from": source,
        "engine": translator.name,
        "model": translator.model,
        "date": dt.date.today().isoformat(),
        "sentences": report.sentences,
        "kept_in_source_language": len(report.fallbacks),
    }
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n{body}"


def glossary_terms(glossary: Any, matcher: Any, source: str, target: str) -> TermFinder:
    """Return a TermFinder: glossary names of ``source`` found in text, with the glossary's ``target`` name.

    Only a use that is the entry's own name (not an inflection: "kidneys" is left to the model)
    is replaced, since the glossary gives one form of each name.
    """

    def find(text: str) -> list[Term]:
        out = []
        for match in matcher.find(text):
            entry = glossary.get(match.term_id)
            if entry is None:
                continue
            name, wanted = entry.name(lang_root(source)), entry.name(lang_root(target))
            if name and wanted and match.text.casefold() == name.casefold():
                out.append(Term(match.start, match.end, wanted))
        return out

    return find


def translator_for(
    settings: Any, target: str, engine_name: str | None = None, model: str | None = None
) -> Engine | None:
    """Return the engine configured for ``target`` (``[tool.simplify.translate]``, or the given engine and model)."""
    how = dict(settings.translate.get(target) or settings.translate.get(lang_root(target)) or {})
    if model:
        how["model"] = model
    if engine_name:
        how["engine"] = engine_name
    if not how.get("model"):
        return None
    return engine(how.get("engine", "ctranslate2"), how["model"], int(how.get("beams", 4)))


def translate_with(settings: Any, article: Article, target: str, translator: Engine) -> Translation:
    """Translate with the settings' glossary: its names in ``target`` are used for the terms it knows."""
    from simplify.runner import jargon_tools_for

    tools = jargon_tools_for(settings)
    finder = glossary_terms(tools.glossary, tools.matcher(article.lang), article.lang, target)
    return translate(article, target, translator, terms=finder)


def review_rows(translation: Translation) -> list[dict[str, Any]]:
    """Return one row per sentence for the side-by-side review: line, source, translation, status, why."""
    rows = []
    for unit in translation.units:
        for s in unit.sentences:
            if not _has_words(s):
                continue
            if s.translation is not None:
                status, out = ("memory" if s.from_memory else "model"), s.restored(s.translation, s.target)
            else:
                status, out = "kept", s.plain
            rows.append({"line": unit.line, "source": s.plain, "translation": out, "status": status, "why": s.failure})
    return rows


def review_html(translation: Translation, templates: Any) -> str:
    """Return the side-by-side review page (templates/review.html) of a translation."""
    from simplify.handout.catalogs import RTL_LANGUAGES

    rows = review_rows(translation)
    return str(
        templates.page("review.html", "en", t=translation, rows=rows, title=translation.title, rtl=RTL_LANGUAGES)
    )
