"""Patient handouts: an article made into HTML, PDF or markdown through Jinja templates.

    from simplify.handout import Handouts
    written = Handouts(settings).write("seeds/article.txt", Path("out"), langs=["en"], formats=["html", "pdf"])

The steps: load the article, find and explain its jargon (simplify.jargon, simplify.expand), gather
the handout (simplify.handout.content), render it with the templates (simplify.handout.templates)
and, for PDF, lay it out with WeasyPrint (simplify.handout.pdf). Files are written atomically,
under names that cannot leave the output folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from simplify.config import Settings, article_settings
from simplify.errors import ArticleError
from simplify.expand import ExpandOptions
from simplify.files import inside, slugify, write_output
from simplify.handout.body import has_text
from simplify.handout.content import Handout, build
from simplify.handout.templates import Templates
from simplify.lang import lang_root
from simplify.marks import recorded_translation
from simplify.model import Article

FORMATS = ("html", "pdf", "md")

__all__ = ["FORMATS", "Handout", "Handouts", "Written", "build", "handout_slug"]


@dataclass(frozen=True, slots=True)
class Written:
    """One handout file written, with what its reader should know."""

    path: Path
    lang: str
    fmt: str
    grade_article: float | None
    grade_handout: float | None
    warnings: tuple[str, ...]


def handout_slug(article: Article) -> str:
    """Return a stable, safe file-name stem: the last part of the article's URL, else its file name or title."""
    url_part = urlsplit(article.meta.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    file_part = Path(article.path).stem if article.path not in ("-", "<string>") else ""
    return slugify(url_part or file_part or article.title)


def translation_warnings(handout: Handout) -> tuple[str, ...]:
    """Say how many sentences a machine-translated handout kept in the article's language, if any."""
    done = handout.translation or {}
    kept = done.get("kept_in_source_language")
    if not kept:
        return ()
    of = f" of {done['sentences']}" if "sentences" in done else ""
    source = handout.kept_lang or handout.body_lang
    return (
        f"{kept}{of} sentence(s) failed validation and stay in '{source}' in the '{handout.lang}' handout "
        "(marked; left out of its reading grade)",
    )


class Handouts:
    """Makes handouts under one set of settings: the glossary, scorer and templates load once.

    ``flags`` (TOML-style keys, as from the command line) win over each article's front matter.
    """

    def __init__(
        self, settings: Settings, templates: Path | None = None, flags: Mapping[str, Any] | None = None
    ) -> None:
        from simplify.runner import jargon_tools_for, scorer_for

        self.settings = settings
        self.flags = dict(flags or {})
        if self.flags:
            settings.merged(self.flags, "command line")  # reject a bad flag once, before any article is read
        folder = templates or (Path(settings.templates) if settings.templates else None)
        self.templates = Templates(folder)
        self.tools = jargon_tools_for(settings)
        self.scorer = scorer_for(settings)
        self.last_translation: Any = None  # the most recent machine translation (for its report)

    def gather(self, article: Article, lang: str | None = None, *, large_print: bool = False) -> Handout:
        """Return the handout of ``article`` in ``lang`` (default: the article's language).

        When ``[tool.simplify.translate]`` has a model for ``lang``, the body is machine-translated
        first (and the handout says so); otherwise it keeps the article's language. An article with
        nothing to read besides its title raises ArticleError.
        """
        own = article_settings(self.settings, article.path, article.meta.extra, self.flags)
        machine = False
        done: dict[str, int] | None = None
        if lang is not None and lang_root(lang) != lang_root(article.lang):
            from simplify.translate import translate_with, translator_for

            translator = translator_for(self.settings, lang)
            if translator is not None:
                self.last_translation = translate_with(self.settings, article, lang, translator)
                article = self.last_translation.article(article.path)
                machine = True
                report = self.last_translation.report
                done = {
                    "sentences": report.sentences,
                    "translated": report.translated,
                    "from_memory": report.from_memory,
                    "kept_in_source_language": len(report.fallbacks),
                }
        recorded = recorded_translation(article)
        if not machine and recorded is not None:  # a file `simplify translate` wrote: the handout says so too
            machine = True
            counts = {k: recorded.get(k) for k in ("sentences", "kept_in_source_language")}
            done = {k: v for k, v in counts.items() if type(v) is int and v >= 0} or None
        handout = build(
            article,
            self.tools,
            self.scorer,
            lang=lang,
            large_print=large_print,
            formula=own.formula,
            options=ExpandOptions.from_settings(own),
            machine_translated=machine,
        )
        # A page whose text is all furniture ("You need to enable JavaScript", a video's frame) would make a
        # handout of its title and the fixed parts alone, graded on its title: none is better than that.
        if not any(has_text(tok) for tok in handout.body_tokens):
            raise ArticleError(
                article.path, "the article has nothing to read besides its title (only page furniture): no handout"
            )
        return replace(handout, translation=done) if done is not None else handout

    def write(
        self,
        article: Article,
        out: Path,
        *,
        langs: Sequence[str | None] = (None,),
        formats: Sequence[str] = ("html", "pdf"),
        large_print: bool = False,
        slug: str | None = None,
    ) -> list[Written]:
        """Write the article's handouts into ``out``: ``SLUG.LANG[.large].EXT`` per language and format.

        ``slug`` is the article's :func:`handout_slug` unless given (a caller that writes several
        articles into one folder gives another to one of two that would share it).
        """
        written: list[Written] = []
        slug = slugify(slug) if slug else handout_slug(article)
        for lang in langs:
            handout = self.gather(article, lang, large_print=large_print)
            html = self.templates.render(handout, "html") if {"html", "pdf"} & set(formats) else None
            for fmt in formats:
                if fmt == "md":
                    rendered = self.templates.render(handout, "md")
                    data, warnings = rendered.text.encode(), rendered.warnings
                else:
                    assert html is not None
                    warnings = html.warnings
                    if fmt == "html":
                        data = html.text.encode()
                    else:
                        from simplify.handout.pdf import html_to_pdf

                        data = html_to_pdf(html.text)
                warnings = (*warnings, *translation_warnings(handout))
                if not article.has_own_title:
                    warnings = (
                        *warnings,
                        f"the article has no title or heading: the handout is titled {handout.title!r} "
                        "(add 'title:' to its front matter)",
                    )
                name = ".".join([slug, handout.lang, *(["large"] if large_print else []), fmt])
                path = inside(out, name)
                write_output(path, data)
                written.append(Written(path, handout.lang, fmt, handout.grade_article, handout.grade_handout, warnings))
        return written
