"""Settings: [tool.simplify] in pyproject.toml, then an article's front matter, then flags (Black's order)."""

from __future__ import annotations

import contextlib
import fnmatch
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

from simplify.errors import ConfigError
from simplify.lang import normalize_lang
from simplify.model import Severity

RULES: dict[str, Severity] = {
    "readability.grade": Severity.ERROR,
    "readability.sentence-length": Severity.WARNING,
    "readability.rare-words": Severity.WARNING,
    "jargon.undefined-abbreviation": Severity.WARNING,
    "jargon.unexplained": Severity.SUGGESTION,
    "glossary.unknown-id": Severity.WARNING,
    "glossary.missing-id": Severity.WARNING,
}
JARGON_RULES = ("jargon.undefined-abbreviation", "jargon.unexplained", "glossary.unknown-id", "glossary.missing-id")
CONSENSUS = "consensus"
# How jargon is explained: a plain definition in parentheses at first use, a "Words to know" list, or both.
Presentation = Literal["inline", "list", "both"]
PRESENTATIONS: tuple[Presentation, ...] = get_args(Presentation)
MIN_INLINE_WORDS = 5  # a shorter limit leaves no room for a definition that says anything
_SEVERITIES = {str(s): s for s in Severity}

# Which settings each place may hold. An article's front matter tunes its own checks; it cannot
# say where the glossary is or which files other settings apply to.
_ARTICLE_KEYS = frozenset(
    {
        "max_grade",
        "formula",
        "max_rare_word_rate",
        "max_sentence_words",
        "zipf_threshold",
        "fail_on",
        "rules",
        "presentation",
        "max_inline",
        "max_inline_words",
    }
)
_PROJECT_KEYS = _ARTICLE_KEYS | {"lang", "glossary", "glossary_prefer", "templates", "translate"}
_FILE_KEYS = _PROJECT_KEYS | {"per_file"}


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings for one article."""

    max_grade: float = 8.0
    formula: str = CONSENSUS
    max_rare_word_rate: float = 0.10
    max_sentence_words: int = 25
    zipf_threshold: float = 3.0
    fail_on: Severity = Severity.ERROR
    lang: str | None = None  # language of articles that name none
    glossary: str | None = None  # folder of NCI GlossaryTerm XML: pronunciation respellings for syllables
    glossary_prefer: str = "nci"  # whose entry wins when NCI's imported glossary and ours share an id
    templates: str | None = None  # a folder of handout templates that override ours, file by file
    translate: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # language -> {engine, model, beams}
    rules: Mapping[str, Severity | None] = field(default_factory=lambda: dict(RULES))  # None = off
    presentation: Presentation = "both"  # of jargon, in `expand` and handouts (whose word list is a box of its own)
    # Definitions in parentheses per paragraph (list item, table row), so that none drowns in them; a
    # term that finds its paragraph full is explained at its next use. Over the 414 corpus pages with our
    # own glossary, the handout explains 67% of its terms inline with 1, 80% with 2 and 85% with 3 (but
    # then 1,061 paragraphs carry three asides); the old cap of 3 per section explained 57%.
    max_inline: int = 2
    # The longest definition in parentheses, in words: the length our own glossary's definitions are
    # written to (tests/test_default_glossary.py), so that only NCI's longer sentences are shortened.
    max_inline_words: int = 25
    per_file: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    source: str = "defaults"  # the file the settings came from, for `simplify config`
    root: str | None = None  # the folder of that file: per-file globs and paths are relative to it

    def merged(self, values: Mapping[str, Any], origin: str, allowed: frozenset[str] = _PROJECT_KEYS) -> Settings:
        """Return these settings with ``values`` (TOML-style keys) laid over them."""
        changes: dict[str, Any] = {}
        for raw_key, value in values.items():
            key = str(raw_key).replace("-", "_")
            if key not in allowed:
                known = ", ".join(sorted(k.replace("_", "-") for k in allowed))
                raise ConfigError(f"{origin}: unknown setting {raw_key!r}; known settings here: {known}")
            changes[key] = _convert(key, value, origin, self)
        return replace(self, **changes)

    def for_path(self, path: str) -> Settings:
        """Return the settings for one file: per-file globs that match it, in order, win.

        Globs are matched against the path relative to the settings file's folder (as written in
        pyproject.toml), and against the path as given.
        """
        result = self
        candidates = {path, Path(path).as_posix()}
        if self.root is not None and path != "-":
            with contextlib.suppress(ValueError):  # another drive (Windows): only the path as given can match
                candidates.add(Path(os.path.relpath(Path(path).resolve(), self.root)).as_posix())
        for pattern, values in self.per_file:
            if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
                result = result.merged(values, f"[tool.simplify.per-file.{pattern!r}]")
        return result

    def severity(self, rule: str) -> Severity | None:
        """Return the severity of ``rule``, or None when it is switched off."""
        return self.rules.get(rule, RULES.get(rule))

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as TOML-style data (for `simplify config`)."""
        return {
            "max-grade": self.max_grade,
            "formula": self.formula,
            "max-rare-word-rate": self.max_rare_word_rate,
            "max-sentence-words": self.max_sentence_words,
            "zipf-threshold": self.zipf_threshold,
            "fail-on": str(self.fail_on),
            "lang": self.lang,
            "glossary": self.glossary,
            "glossary-prefer": self.glossary_prefer,
            "templates": self.templates,
            "translate": {lang: dict(how) for lang, how in self.translate.items()},
            "rules": {k: (str(v) if v is not None else "off") for k, v in self.rules.items()},
            "presentation": self.presentation,
            "max-inline": self.max_inline,
            "max-inline-words": self.max_inline_words,
            "per-file": {pattern: dict(values) for pattern, values in self.per_file},
            "source": self.source,
        }


def _convert(key: str, value: Any, origin: str, current: Settings) -> Any:
    """Check one setting's type and turn it into its Python form."""

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{origin}: setting '{key.replace('_', '-')}' must be {expected}, not {value!r}")

    if key in ("max_grade", "max_rare_word_rate", "zipf_threshold"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise bad("a number")
        if key == "max_rare_word_rate" and not 0 <= value <= 1:
            raise bad("a share between 0 and 1")
        if key == "max_grade" and value < 0:
            raise bad("a grade of 0 or more")
        return float(value)
    if key in ("max_sentence_words", "max_inline", "max_inline_words"):
        least = {"max_sentence_words": 1, "max_inline": 0, "max_inline_words": MIN_INLINE_WORDS}[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise bad(f"a whole number of at least {least}")
        return value
    if key == "presentation":
        if value not in PRESENTATIONS:
            raise bad("one of " + ", ".join(PRESENTATIONS))
        return value
    if key == "fail_on":
        if str(value).lower() not in _SEVERITIES:
            raise bad("one of " + ", ".join(_SEVERITIES))
        return _SEVERITIES[str(value).lower()]
    if key == "formula":
        from simplify.readability.languages import GRADE_FORMULAS

        if value != CONSENSUS and value not in GRADE_FORMULAS:
            raise ConfigError(
                f"{origin}: formula {value!r} is not a grade formula; choose {CONSENSUS} or one of: "
                + ", ".join(sorted(GRADE_FORMULAS))
            )
        return value
    if key == "lang":
        lang = normalize_lang(value) if isinstance(value, str) else None
        if lang is None:
            raise bad("a language code such as en or es")
        return lang
    if key == "glossary_prefer":
        if value not in ("nci", "project"):
            raise bad("nci or project")
        return value
    if key in ("glossary", "templates"):
        if not isinstance(value, str) or not value:
            raise bad("a folder path")
        path = Path(value)
        path = path if path.is_absolute() or current.root is None else Path(current.root) / path
        if not path.is_dir():  # said once, of the settings, not again for each article that reads them
            raise ConfigError(f"{origin}: setting '{key}': {path} is not a folder")
        return str(path)
    if key == "translate":
        return _translate_table(value, origin, current)
    if key == "rules":
        if not isinstance(value, Mapping):
            raise bad("a table of rule = severity")
        rules = dict(current.rules)
        for rule, level in value.items():
            if rule not in RULES:
                raise ConfigError(f"{origin}: unknown rule {rule!r}; known rules: {', '.join(RULES)}")
            level = str(level).lower()
            if level not in (*_SEVERITIES, "off"):
                raise ConfigError(f"{origin}: rule {rule!r} must be off, suggestion, warning or error")
            rules[rule] = None if level == "off" else _SEVERITIES[level]
        return rules
    if key == "per_file":
        if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
            raise bad('a table of "glob" = { settings }')
        for pattern, values in value.items():
            current.merged(values, f"{origin} per-file {pattern!r}")  # validate now, apply per file later
        return tuple((str(p), dict(v)) for p, v in value.items())
    raise AssertionError(key)  # every key of Settings is handled above


def _translate_table(value: Any, origin: str, current: Settings) -> dict[str, dict[str, Any]]:
    """Check ``[tool.simplify.translate]``: per target language, an engine and a model (id or folder)."""
    from simplify.translate.engines import ENGINES

    if not isinstance(value, Mapping):
        raise ConfigError(f"{origin}: setting 'translate' must be a table of language = {{ engine, model }}")
    table: dict[str, dict[str, Any]] = {lang: dict(how) for lang, how in current.translate.items()}
    for code, how in value.items():
        lang = normalize_lang(str(code))
        where = f"{origin}: translate.{code}"
        if lang is None:
            raise ConfigError(f"{where}: {code!r} is not a language code")
        if not isinstance(how, Mapping) or not isinstance(how.get("model"), str) or not how["model"]:
            raise ConfigError(f'{where} needs model = "a model id or folder"')
        unknown = set(how) - {"engine", "model", "beams"}
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: engine, model, beams")
        engine = how.get("engine", "ctranslate2")
        if engine not in ENGINES:
            raise ConfigError(f"{where}: engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        beams = how.get("beams", 4)
        if isinstance(beams, bool) or not isinstance(beams, int) or not 1 <= beams <= 16:
            raise ConfigError(f"{where}: beams must be a whole number from 1 to 16")
        model = Path(how["model"])
        if not model.is_absolute() and current.root is not None and (Path(current.root) / model).exists():
            model = Path(current.root) / model  # a folder beside pyproject.toml; else a model id
        table[lang] = {"engine": engine, "model": str(model), "beams": beams}
    return table


def find_pyproject(start: Path) -> Path | None:
    """Return the nearest pyproject.toml at or above ``start`` that has a [tool.simplify] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "simplify" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None


def load_settings(config: Path | None = None, start: Path | None = None) -> Settings:
    """Return the settings from ``config`` or the nearest pyproject.toml with [tool.simplify]."""
    path = config if config is not None else find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    data = _read_toml(path)
    base = Settings(source=str(path), root=str(path.resolve().parent))
    table = data.get("tool", {}).get("simplify")
    if table is None:
        if config is None or path.name == "pyproject.toml":
            return base
        table = data  # a dedicated simplify.toml holds the settings at its top level
    return base.merged(table, f"{path} [tool.simplify]", _FILE_KEYS)


def article_settings(
    base: Settings, path: str, front_matter: Mapping[str, Any], flags: Mapping[str, Any] | None = None
) -> Settings:
    """Return one article's settings: per-file globs, its front matter's ``simplify:``, then flags."""
    settings = base.for_path(path)
    block = front_matter.get("simplify")
    if block is not None:
        if not isinstance(block, Mapping):
            raise ConfigError("front matter 'simplify' must be a mapping of settings")
        settings = settings.merged(block, "front matter 'simplify'", _ARTICLE_KEYS)
    return settings.merged(flags, "command line") if flags else settings
