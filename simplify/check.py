"""Readability checks: thresholds from settings turn a score into findings with rule ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from simplify.config import CONSENSUS, Settings
from simplify.errors import ConfigError
from simplify.model import Finding
from simplify.readability import DocumentScore
from simplify.readability.languages import GRADE_FORMULAS, formulas_for


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What checking one file gave: a score and findings, or the error that stopped it."""

    path: str
    score: DocumentScore | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    error_line: int = 1
    settings: Settings | None = None

    @property
    def grade(self) -> float | None:
        """Return the grade the check used (the chosen formula's, or the consensus)."""
        if self.score is None or self.settings is None:
            return None
        return graded_by(self.score.scores, self.score.grade, self.settings.formula)


def graded_by(scores: Mapping[str, float], consensus: float | None, formula: str) -> float | None:
    """Return the grade by ``formula`` of a text with these ``scores`` and ``consensus`` grade ("consensus" is it)."""
    return consensus if formula == CONSENSUS else scores.get(formula)


def check_score(score: DocumentScore, settings: Settings) -> tuple[Finding, ...]:
    """Return the findings of every enabled readability rule for ``score``."""
    return tuple(_findings(score, settings))


def _findings(score: DocumentScore, settings: Settings) -> Iterator[Finding]:
    path = score.path
    first_line = score.sentences[0].line if score.sentences else 1
    sev = settings.severity("readability.grade")
    if sev is not None:
        grade = _grade(score, settings)
        if grade is not None and grade > settings.max_grade:
            yield Finding(
                "readability.grade",
                sev,
                f"reading grade {grade:.1f} ({settings.formula}) is above the maximum of {settings.max_grade:g}; "
                "shorten sentences and use plainer words",
                path,
                first_line,
            )
    sev = settings.severity("readability.sentence-length")
    if sev is not None:
        for s in score.sentences:
            if s.words > settings.max_sentence_words:
                yield Finding(
                    "readability.sentence-length",
                    sev,
                    f'sentence of {s.words} words (maximum {settings.max_sentence_words}): split it: "{_clip(s.text)}"',
                    path,
                    s.line,
                )
    sev = settings.severity("readability.rare-words")
    rate = score.rare_word_rate
    if sev is not None and rate is not None and rate > settings.max_rare_word_rate:
        top = ", ".join(list(dict.fromkeys(w.lower() for w in score.rare_words))[:8])
        yield Finding(
            "readability.rare-words",
            sev,
            f"{rate:.1%} of words are rare (Zipf < {score.zipf_threshold:g}), above the maximum of "
            f"{settings.max_rare_word_rate:.0%}; explain or replace words such as: {top}",
            path,
            first_line,
        )


def _grade(score: DocumentScore, settings: Settings) -> float | None:
    """Return the grade to gate on, or None when the language has no formula at all."""
    if settings.formula == CONSENSUS or not score.scores:
        return score.grade
    if settings.formula not in score.scores:
        usable = [f for f in formulas_for(score.lang) if f in GRADE_FORMULAS]
        raise ConfigError(
            f"formula {settings.formula!r} is not available for language '{score.lang}'; choose {CONSENSUS}"
            + (" or one of: " + ", ".join(usable) if usable else "")
        )
    return score.scores[settings.formula]


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def exit_code(results: list[CheckResult]) -> int:
    """Return 2 if any file could not be checked, 1 if a finding reaches its file's fail-on level, else 0."""
    if any(r.error for r in results):
        return 2
    if any(r.settings and any(f.severity >= r.settings.fail_on for f in r.findings) for r in results):
        return 1
    return 0
