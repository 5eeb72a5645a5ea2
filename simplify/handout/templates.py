"""Jinja templates for handouts: ours, overridable one file at a time, rendered in a sandbox.

Like an mkdocs theme, the templates folder that ships with simplify (templates/ in the repository)
is the base; a user folder given with ``--templates`` or ``templates`` in ``[tool.simplify]`` is
searched first, so it may replace just ``handout.css`` or just ``handout.html``. Ours are also
named ``simplify/NAME``, so that a user's ``handout.html`` can extend ours and replace only some of
its blocks (``{% extends "simplify/handout.html" %}``). Every template runs in Jinja's sandboxed
environment with autoescape on for HTML: a template can lay out a handout, not reach into Python,
and article text can never become markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from simplify.errors import ConfigError
from simplify.files import data_dir
from simplify.handout.body import escape_markdown, ltr_isolated
from simplify.handout.catalogs import babel_locale, text_direction, translations_for
from simplify.lang import lang_root, normalize_lang

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from simplify.handout.content import Handout

TEMPLATES = {"html": "handout.html", "md": "handout.md.jinja"}
OURS = "simplify"  # the prefix that names our own templates, whatever a user's folder holds

# Noto families per script, so that each language draws in its own style (zh-Hans must not
# take the Japanese forms of shared Han characters, nor zh-Hant the Simplified ones) and every
# handout embeds real fonts. One Arabic family: Naskh lacks glyphs Sans has, and a page drawn
# in both mixes two styles.
_LATIN = ('"Noto Sans"', '"DejaVu Sans"', "sans-serif")
FONTS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ('"Noto Sans"', '"Noto Sans CJK SC"', '"Noto Sans SC"', "sans-serif"),
    "zh-Hant": ('"Noto Sans"', '"Noto Sans CJK TC"', '"Noto Sans TC"', "sans-serif"),
    "ja": ('"Noto Sans"', '"Noto Sans CJK JP"', '"Noto Sans JP"', "sans-serif"),
    "ko": ('"Noto Sans"', '"Noto Sans CJK KR"', '"Noto Sans KR"', "sans-serif"),
    "ar": ('"Noto Sans Arabic"', '"Noto Sans"', "sans-serif"),
}


def builtin_templates() -> Path:
    """Return the folder of the templates that ship with simplify."""
    return data_dir("templates_data", "templates")


def font_stack(lang: str) -> str:
    """Return the CSS font-family list for text in ``lang``."""
    # normalize_lang tells Simplified from Traditional Chinese ("zh-TW" is "zh-Hant").
    return ", ".join(FONTS.get(normalize_lang(lang) or lang_root(lang), _LATIN))


def lang_fonts(handout: Handout, labels_lang: str) -> str:
    """Return CSS giving each part in another language than the labels its own fonts (body, word list)."""
    langs = dict.fromkeys([handout.body_lang, *(word.lang for word in handout.words)])
    return "\n".join(
        f'[lang="{lang}"] {{ font-family: {font_stack(lang)}; }}'
        for lang in langs
        if lang != labels_lang and font_stack(lang) != font_stack(labels_lang)
    )


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered handout, and what the reader of the command should know about it."""

    text: str
    warnings: tuple[str, ...]


class Templates:
    """The template folders of one run: a user's (optional) before ours."""

    def __init__(self, user: Path | None = None) -> None:
        if user is not None and not user.is_dir():
            raise ConfigError(f"templates folder {user} does not exist")
        self.folders: tuple[Path, ...] = (*((user,) if user else ()), builtin_templates())

    def render(self, handout: Handout, fmt: str) -> Rendered:
        """Render ``handout`` as ``fmt`` ("html" or "md") in the handout's language."""
        warnings: list[str] = []
        env = _environment(self.folders, handout.lang)
        if env.globals["catalog_missing"]:
            warnings.append(f"no catalog for '{handout.lang}': the handout's labels are in English")
        labels = str(env.globals["labels_lang"])
        if not handout.body_translated:
            words_lang = handout.words[0].lang if handout.words else handout.body_lang
            warnings.append(
                f"the body stays in '{handout.body_lang}' (no model for '{handout.lang}' in "
                f"[tool.simplify.translate]); labels are in '{labels}', glossary words in '{words_lang}'"
            )
        with _template_errors(TEMPLATES[fmt], self.folders):
            text = env.get_template(TEMPLATES[fmt]).render(
                h=handout, fonts=font_stack(labels), lang_fonts=lang_fonts(handout, labels)
            )
        return Rendered(text, tuple(warnings))

    def page(self, name: str, lang: str, **context: Any) -> str:
        """Render any template of the folders (a review page, say) in ``lang``."""
        with _template_errors(name, self.folders):
            return str(_environment(self.folders, lang).get_template(name).render(**context))

    def stream(self, name: str, lang: str, **context: Any) -> Iterator[str]:
        """Render a template of the folders piece by piece (a build report of thousands of rows, say)."""
        with _template_errors(name, self.folders):
            yield from _environment(self.folders, lang).get_template(name).generate(**context)


@contextmanager
def _template_errors(name: str, folders: Sequence[Path]) -> Iterator[None]:
    """Make a template's own fault (a user template's unsafe call, syntax or unknown name) a one-line error.

    It names the file and line at fault (a user's template, or ours that it extends) and, where it
    helps, the way out.
    """
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except (TemplateError, RecursionError, *_RUNTIME_FAULTS) as exc:  # SecurityError, UndefinedError, ...
        line = _template_line(exc)
        if isinstance(exc, _RUNTIME_FAULTS) and line is None:
            raise  # not raised by a template's own line: a fault of ours, reported as one
        if isinstance(exc, TemplateSyntaxError) and exc.filename:
            where = f"{exc.filename}:{exc.lineno}"
        else:
            where = line or name
        message = f"template {where}: {type(exc).__name__}: {exc}"
        if isinstance(exc, RecursionError):
            message += f' (a template that extends itself? Extend ours as "{OURS}/{name}")'
        elif isinstance(exc, TemplateNotFound):
            message += f" (looked in {', '.join(str(folder) for folder in folders)})"
        elif isinstance(exc, SecurityError):
            message += " (templates run sandboxed: they may read the handout's fields, not Python internals)"
        raise ConfigError(message) from None


# What a template's own expression can raise as it runs: "range(10**9)" (the sandbox's limit), "1 / 0",
# "'a' + 1", "[][1]".
_RUNTIME_FAULTS = (ArithmeticError, TypeError, ValueError, LookupError)


def _template_line(exc: BaseException) -> str | None:
    """Return "file:line" of the innermost template line ``exc`` was raised at, if any.

    Jinja rewrites a template's traceback: each template's frame is made up to carry its file and line,
    and marked by the exception it holds in its globals.
    """
    found = None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


@cache
def _environment(folders: Sequence[Path], lang: str) -> SandboxedEnvironment:
    """Return the sandboxed environment for ``lang``: one per language, its catalog installed."""
    from babel.support import NullTranslations
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    ours = PrefixLoader({OURS: FileSystemLoader(str(builtin_templates()))})
    env = SandboxedEnvironment(
        loader=ChoiceLoader([ours, *(FileSystemLoader(str(folder)) for folder in folders)]),
        # A stylesheet is included in the page's <style>: article text printed there ("content: '{{ h.title }}'")
        # must not close it and open a <script>.
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml", "css", "svg"), default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    translations = translations_for(tuple(folders), lang)
    env.install_gettext_translations(translations or NullTranslations(), newstyle=True)  # type: ignore[attr-defined]
    missing = translations is None and lang_root(lang) != "en"
    env.globals["catalog_missing"] = missing
    # The language the labels are really in (the messages are English where no catalog has them): a
    # handout's root element says it, so that the PDF's /Lang and screen readers are right.
    labels = "en" if missing else lang
    env.globals["labels_lang"], env.globals["labels_dir"] = labels, text_direction(labels)
    locale = babel_locale(lang)
    env.filters["date"] = lambda value: _format_date(value, locale)
    env.filters["number"] = lambda value: _format_number(value, locale)
    env.filters["ltr"] = _ltr
    env.filters["md"] = markdown_text
    env.filters["md_url"] = markdown_url
    return env


def markdown_text(value: Any) -> str:
    """Return ``value`` as markdown that shows exactly its text, on one line: no link, no HTML, no markup.

    The markdown handout's autoescape: article text ("[x](javascript:...)", "<script>") is untrusted.
    """
    return escape_markdown(" ".join(str(value).split()))


def markdown_url(value: Any) -> str:
    """Return an address as a markdown autolink that nothing in it can end early ("<" starting raw HTML, say)."""
    return "<" + re.sub(r"[\x00-\x20<>\\`\"]", lambda m: quote(m.group()), str(value)) + ">"


def _format_date(value: dt.date | None, locale: str) -> str:
    """Return ``value`` as the locale writes a date in full, or as 2025-12-30 where CLDR cannot.

    CLDR has no month names for some languages (Haitian Creole): its root pattern would print
    "2025 M12 30", while an ISO date reads the same in every language.
    """
    from babel import Locale
    from babel.dates import format_date

    if value is None:
        return ""
    try:
        if Locale.parse(locale).months["format"]["wide"] == Locale("root").months["format"]["wide"]:
            return value.isoformat()
        return str(format_date(value, format="long", locale=locale))
    except (ValueError, LookupError):
        return value.isoformat()


def _format_number(value: float | None, locale: str) -> str:
    from babel.numbers import format_decimal

    if value is None:
        return ""
    try:
        return str(format_decimal(value, format="#,##0.0", locale=locale))
    except (ValueError, LookupError):
        return f"{value:.1f}"


def _ltr(value: Any, direction: str = "rtl") -> Any:
    """Isolate numbers, URLs and phone numbers left-to-right in text whose ``direction`` is right-to-left.

    Left-to-right text is returned as it is (autoescaped as usual).
    """
    from markupsafe import Markup

    return Markup(ltr_isolated(str(value))) if direction == "rtl" else value
