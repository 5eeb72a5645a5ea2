"""The marks simplify puts in text, and how an article is kept from bringing its own.

Two kinds of text are left out of a reading grade, because they are not in the body's language:

- a sentence a machine translation kept in its source language, ``⟪en: ...⟫`` (simplify.translate);
- a definition in another language than the body's (a Spanish handout of an English article),
  between the private-use characters ``LANG_OPEN`` lang ``LANG_END`` ... ``LANG_CLOSE``
  (simplify.expand), which a handout's renderer turns into ``<span lang="es">`` (simplify.handout.body).

Only simplify makes them: :func:`only_our_marks` makes look-alikes in an article plain text first.
"""

from __future__ import annotations

import re
from typing import Any

from simplify import articles
from simplify.lang import lang_root
from simplify.model import Article

LANG_OPEN, LANG_END, LANG_CLOSE = "\ue000", "\ue001", "\ue002"
_LANG_MARKED = re.compile(f"{LANG_OPEN}[^{LANG_END}]*{LANG_END}([^{LANG_CLOSE}]*){LANG_CLOSE}")
_OUR_PRIVATE_MARKS = str.maketrans("", "", LANG_OPEN + LANG_END + LANG_CLOSE)
# A definition in another language as simplify.expand puts it in, with the parentheses and the words in the
# body's language that name what it explains: " (kidney: ...)", " (Kidney: ....)" after a sentence, " (...)".
_MARKED_ASIDE = re.compile(
    f" \\((?:[^()\\n{LANG_OPEN}]*: )?{LANG_OPEN}[^{LANG_END}]*{LANG_END}[^{LANG_CLOSE}]*{LANG_CLOSE}\\.?\\)"
)
_KEPT_SENTENCE = re.compile(r"⟪[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*: [^\n]*?⟫")


def without_lang_marks(text: str, *, keep_marked: bool = True) -> str:
    """Return ``text`` without language marks: keeping what they mark, or (``keep_marked=False``) without it."""
    if LANG_OPEN not in text:
        return text
    return _LANG_MARKED.sub(r"\1" if keep_marked else "", text)


def plain_marks(text: str, kept: str | None = None) -> str:
    """Return ``text`` with each "⟪" made plain text, unless it opens a sentence kept in ``kept`` ("⟪en: ").

    Only simplify.translate makes kept sentences, and what they hold is left out of a reading grade,
    so an article must not bring its own. A word joiner after the "⟪" (invisible) keeps it as it
    reads while opening nothing.
    """
    if "⟪" not in text:
        return text
    opens = "\u2060" + (f"|{re.escape(kept)}: " if kept else "")
    return re.sub(f"⟪(?!{opens})", "⟪\u2060", text)


def recorded_translation(article: Article) -> dict[str, Any] | None:
    """Return the ``translation`` front matter that ``simplify translate`` writes, if ``article`` has it.

    It says the body is a machine translation, and which language (``from``) the sentences it kept
    untranslated are in: never the body's own (``simplify translate`` refuses that), or its kept
    sentences would be text in the body's language left out of its grade.
    """
    done = article.meta.extra.get("translation")
    if isinstance(done, dict) and done.get("machine") is True and isinstance(source := done.get("from"), str):
        return done if lang_root(source) != lang_root(article.lang) else None
    return None


def only_our_marks(article: Article) -> Article:
    """Return ``article`` with text that looks like simplify's own marks made plain text.

    The private-use characters around definitions in another language (simplify.expand adds them
    later) are dropped, and a "⟪" opens a kept sentence (``⟪en: ...⟫``) only in a machine
    translation, in the language it was made from (:func:`plain_marks`). The article is parsed
    again only when it has such characters.
    """
    source = article.source
    if "⟪" not in source and not any(c in source for c in (LANG_OPEN, LANG_END, LANG_CLOSE)):
        return article
    done = recorded_translation(article)
    source = plain_marks(source.translate(_OUR_PRIVATE_MARKS), str(done["from"]) if done else None)
    return articles.parse(source, path=article.path, lang=article.lang)


def in_body_language(article: Article) -> Article:
    """Return ``article`` without what is not in its own language: the text its grade is of.

    That is the sentences its translation kept in the source language (``⟪en: ...⟫``) and the
    definitions marked as in another language (simplify.expand's ``mark_lang``). Pass an article
    through :func:`only_our_marks` first, so that it cannot bring marks of its own.
    """
    if "⟪" not in article.source and LANG_OPEN not in article.source:
        return article
    _, body, body_line = articles._split_front_matter(article.source, article.path)
    lines = article.source.split("\n")
    head = "\n".join(lines[: body_line - 1])
    # A definition goes whole, with the words that name what it explains: they are no part of the text.
    body = without_lang_marks(_MARKED_ASIDE.sub("", _KEPT_SENTENCE.sub("", body)), keep_marked=False)
    return articles.parse(f"{head}\n{body}" if head else body, path=article.path, lang=article.lang)
