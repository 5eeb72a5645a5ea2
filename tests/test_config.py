"""Settings: [tool.simplify], per-file globs, front matter and flags, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from simplify.config import Settings, article_settings, load_settings
from simplify.errors import ConfigError
from simplify.model import Severity

PYPROJECT = """
[project]
name = "handouts"

[tool.simplify]
max-grade = 9
formula = "flesch_kincaid_grade"
max-rare-word-rate = 0.2
fail-on = "warning"

[tool.simplify.rules]
"readability.sentence-length" = "off"
"readability.rare-words" = "error"

[tool.simplify.per-file."advanced/*.md"]
max-grade = 12
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "advanced").mkdir()
    return tmp_path


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    s = load_settings(start=tmp_path)
    assert (s.max_grade, s.formula, s.fail_on) == (8.0, "consensus", Severity.ERROR)
    assert s.severity("readability.grade") is Severity.ERROR


def test_pyproject_found_from_a_subfolder(project: Path) -> None:
    s = load_settings(start=project / "advanced")
    assert (s.max_grade, s.formula, s.max_rare_word_rate, s.fail_on) == (
        9.0,
        "flesch_kincaid_grade",
        0.2,
        Severity.WARNING,
    )
    assert s.severity("readability.sentence-length") is None
    assert s.severity("readability.rare-words") is Severity.ERROR
    assert s.source == str(project / "pyproject.toml")


def test_order_pyproject_then_glob_then_front_matter_then_flags(project: Path) -> None:
    base = load_settings(start=project)
    assert article_settings(base, "basic.md", {}).max_grade == 9.0
    assert article_settings(base, "advanced/x.md", {}).max_grade == 12.0
    assert article_settings(base, "advanced/x.md", {"simplify": {"max-grade": 10}}).max_grade == 10.0
    assert article_settings(base, "advanced/x.md", {"simplify": {"max-grade": 10}}, {"max-grade": 7}).max_grade == 7.0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "max-grad = 3",
            "unknown setting 'max-grad'; known settings here: fail-on, formula, glossary, glossary-prefer, lang, "
            "max-grade",
        ),
        ("max-grade = nan", "setting 'max-grade' must be a number, not nan"),
        ("lang = 'klingon'", "setting 'lang' must be a language code such as en or es, not 'klingon'"),
        ("source = 'x'", "unknown setting 'source'"),
        ("formula = 'lix'", "formula 'lix' is not a grade formula; choose consensus or one of:"),
        ("[tool.simplify.per-file.'*.md'.per-file.'*.md']\nmax-grade = 1", "unknown setting 'per-file'"),
        ("max-grade = 'eight'", "setting 'max-grade' must be a number, not 'eight'"),
        ("max-rare-word-rate = 3", "must be a share between 0 and 1"),
        ("fail-on = 'fatal'", "must be one of suggestion, warning, error"),
        ("max-sentence-words = 0", "must be a whole number of at least 1"),
        ("presentation = 'popup'", "setting 'presentation' must be one of inline, list, both, not 'popup'"),
        ("max-inline = -1", "setting 'max-inline' must be a whole number of at least 0, not -1"),
        ("max-inline = true", "setting 'max-inline' must be a whole number of at least 0, not True"),
        ("max-inline-words = 4", "setting 'max-inline-words' must be a whole number of at least 5, not 4"),
        ("max-inline-word = 4", "unknown setting 'max-inline-word'; known settings here:"),
        ("[tool.simplify.rules]\n'readability.nope' = 'error'", "unknown rule 'readability.nope'; known rules:"),
        ("[tool.simplify.rules]\n'readability.grade' = 'loud'", "must be off, suggestion, warning or error"),
        ("[tool.simplify.per-file.'*.md']\nmax-grade = 'x'", "per-file '*.md': setting 'max-grade' must be a number"),
    ],
)
def test_bad_settings_are_errors_naming_the_known_ones(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\n" + table + "\n")
    with pytest.raises(ConfigError) as err:
        load_settings(start=tmp_path)
    assert message in str(err.value)
    assert str(tmp_path / "pyproject.toml") in str(err.value)


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config=tmp_path / "pyproject.toml")


def test_front_matter_cannot_set_per_file_globs() -> None:
    with pytest.raises(ConfigError, match="front matter 'simplify': unknown setting 'per-file'"):
        article_settings(Settings(), "a.md", {"simplify": {"per-file": {}}})
    with pytest.raises(ConfigError, match="front matter 'simplify': unknown setting 'lang'"):
        article_settings(Settings(), "a.md", {"simplify": {"lang": "fr"}})
    with pytest.raises(ConfigError, match="front matter 'simplify' must be a mapping"):
        article_settings(Settings(), "a.md", {"simplify": 3})


def test_dedicated_config_file(tmp_path: Path) -> None:
    (tmp_path / "simplify.toml").write_text("max-grade = 6\n")
    assert load_settings(config=tmp_path / "simplify.toml").max_grade == 6.0


def test_globs_are_relative_to_the_settings_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = load_settings(start=project)
    article = project / "advanced" / "x.md"
    monkeypatch.chdir(project / "advanced")
    assert base.for_path("x.md").max_grade == 12.0  # given relative to the working folder
    assert base.for_path(str(article)).max_grade == 12.0  # given absolute
    assert base.for_path(str(project / "basic.md")).max_grade == 9.0


def test_glossary_path_is_relative_to_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\nglossary = 'terms/xml'\n")
    (tmp_path / "terms" / "xml").mkdir(parents=True)
    assert load_settings(start=tmp_path).glossary == str(tmp_path / "terms" / "xml")


def test_how_jargon_is_explained_is_a_setting_in_every_place(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.simplify]\npresentation = 'list'\nmax-inline = 1\nmax-inline-words = 12\n"
    )
    base = load_settings(start=tmp_path)
    assert (base.presentation, base.max_inline, base.max_inline_words) == ("list", 1, 12)
    assert base.to_dict()["presentation"] == "list" and base.to_dict()["max-inline-words"] == 12
    front = {"simplify": {"presentation": "inline", "max-inline": 3}}
    own = article_settings(base, "a.md", front)
    assert (own.presentation, own.max_inline, own.max_inline_words) == ("inline", 3, 12)
    assert article_settings(base, "a.md", front, {"presentation": "both"}).presentation == "both"
    assert (Settings().presentation, Settings().max_inline, Settings().max_inline_words) == ("both", 2, 25)
