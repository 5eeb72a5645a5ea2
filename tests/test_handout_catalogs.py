"""The handout's own words: every shipped catalog holds every string, written by people, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simplify.handout.catalogs import HANDOUT_LANGUAGES, catalog_path, catalog_problems, translations_for
from simplify.handout.messages import pot, source_messages
from simplify.handout.templates import builtin_templates

TEMPLATES = builtin_templates()


def test_the_template_catalog_is_up_to_date() -> None:
    shipped = read_po((TEMPLATES / "locales" / "simplify.pot").open("rb"))
    assert sorted(m.id for m in shipped if m.id) == sorted(source_messages()), (
        "run: .venv/bin/python -m simplify.handout.messages > templates/locales/simplify.pot"
    )
    assert "Words to know" in pot()


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_catalog_has_every_string_with_its_placeholders(lang: str) -> None:
    path = catalog_path(TEMPLATES, lang)
    assert path.is_file(), f"no catalog for {lang}: {path}"
    assert catalog_problems(path, list(source_messages())) == ([], [])


@pytest.mark.parametrize("lang", [lang for lang in HANDOUT_LANGUAGES if lang != "en"])
def test_catalogs_are_translations_not_copies(lang: str) -> None:
    translations = translations_for((TEMPLATES,), lang)
    assert translations is not None
    same = [m for m in source_messages() if translations.gettext(m) == m and m != "National Cancer Institute"]
    assert len(same) <= 3, same  # a few names may stay as they are (NCI, "Source" in some languages)


def test_a_missing_string_or_a_lost_placeholder_fails_the_check(tmp_path: Path) -> None:
    """The check above is real: a catalog without one string, or with a placeholder lost, is reported."""
    text = catalog_path(TEMPLATES, "es").read_text(encoding="utf-8")
    cut = re.sub(r'msgid "Key points"\nmsgstr "[^"]*"\n', "", text)
    cut = re.sub(r'(msgstr "[^"\n]*)%\(date\)s', r"\1FECHA", cut)  # the translation loses its placeholder
    assert cut != text
    path = tmp_path / "simplify.po"
    path.write_text(cut, encoding="utf-8")
    missing, broken = catalog_problems(path, list(source_messages()))
    assert missing == ["Key points"] and broken == ["Reviewed: %(date)s."]


def test_expand_takes_its_word_list_heading_from_the_catalogs() -> None:
    from simplify.expand import words_to_know

    assert words_to_know("es") == "Palabras que debe conocer"
    assert words_to_know("fr") == "Mots à connaître"
    assert words_to_know("de") == "Words to know"  # no German catalog: English
