"""Jargon of an article against the glossary: the score's "jargon" block and the jargon findings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from simplify.glossary.index import Glossary, load_glossary
from simplify.glossary.model import CDR_DIGITS, cdr_id
from simplify.jargon.matcher import TermMatcher
from simplify.jargon.report import JargonReport, find_jargon
from simplify.jargon.resolve import Resolver
from simplify.lang import lang_root
from simplify.model import Article, Finding, Severity
from simplify.readability.rare import RareWords

UNKNOWN_ID = "glossary.unknown-id"


class JargonTools:
    """The glossary and one term matcher per language, loaded once per process and reused."""

    def __init__(self, glossary: Glossary | None = None, zipf_threshold: float = 3.0) -> None:
        self._glossary = glossary
        self.zipf_threshold = zipf_threshold
        self._matchers: dict[str, TermMatcher] = {}
        self._has_nci: bool | None = None
        self._rare: dict[str, RareWords] = {}
        self._resolver: Resolver | None = None

    @property
    def glossary(self) -> Glossary:
        """Return the glossary: the imported NCI entries, if any, and the project's own."""
        if self._glossary is None:
            self._glossary = load_glossary()
        return self._glossary

    @property
    def resolver(self) -> Resolver:
        """Return the resolver of links and drugs to the glossary's entries."""
        if self._resolver is None:
            self._resolver = Resolver(self.glossary)
        return self._resolver

    def matcher(self, lang: str) -> TermMatcher:
        """Return the term matcher over every glossary name in ``lang``."""
        root = lang_root(lang)
        matcher = self._matchers.get(root)
        if matcher is None:
            matcher = self._matchers[root] = TermMatcher.build(self.glossary.names(root), root)
        return matcher

    def rare(self, lang: str) -> RareWords:
        """Return the rare-word table for ``lang``; its memo of decided words serves every article."""
        rare = self._rare.get(lang)
        if rare is None:
            rare = self._rare[lang] = RareWords(lang, self.zipf_threshold)
        return rare

    def prepare(self, lang: str) -> None:
        """Load what analysing an article in ``lang`` needs (the glossary, its matcher, the word tables).

        A batch calls this before forking its workers, so that they share one copy instead of each
        building its own.
        """
        self.matcher(lang)
        self.rare(lang).prepare()
        self._nci()

    def _nci(self) -> bool:
        # Only an imported NCI glossary can say a CDR number names no term: our own entries cover the common
        # terms, and most real NCI ids are simply not among them.
        if self._has_nci is None:
            self._has_nci = bool(self.glossary.stats().nci)
        return self._has_nci

    def terms(self, article: Article) -> JargonReport:
        """Return the article's glossary terms (linked and not) and abbreviations, without findings.

        What a handout explains; :meth:`analyze` also looks for what goes unexplained.
        """
        return find_jargon(
            article, self.matcher(article.lang), rare=self.rare(article.lang), resolver=self.resolver, findings=False
        )

    def analyze(self, article: Article, *, rare: RareWords | None = None) -> tuple[JargonReport, tuple[Finding, ...]]:
        """Return the article's jargon report and its findings, unknown glossary ids included.

        ``rare`` may be a rare-word table of the article's language at this ``zipf_threshold`` that a
        scorer already filled, so that each word's rarity is decided once.
        """
        report = find_jargon(
            article, self.matcher(article.lang), rare=rare or self.rare(article.lang), resolver=self.resolver
        )
        findings = list(report.findings)
        nci = self._nci()
        for link in report.unknown:
            if link.term_id and cdr_id(link.term_id) is None:
                # An id that is no CDR number is wrong with or without NCI's dictionary.
                message = (
                    f"glossary link to id {link.term_id} ({link.text!r}) is not a CDR number (1 to {CDR_DIGITS} digits)"
                )
            elif nci:
                what = f"CDR {link.term_id}" if link.term_id else repr(link.term_name)
                message = f"glossary link to {what} ({link.text!r}) names no term of the glossary"
            else:
                continue
            findings.append(Finding(UNKNOWN_ID, Severity.WARNING, message, article.path, link.line))
        findings.sort(key=lambda f: f.line)
        return report, tuple(findings)


def summary(report: JargonReport, glossary: Glossary, words: int) -> dict[str, Any]:
    """Return the score's "jargon" block: terms, unexplained words, abbreviations and the rare-word rate."""
    terms = []
    for use in sorted((*report.linked, *report.unlinked), key=lambda u: u.line):
        entry = glossary.get(use.term_id)
        terms.append(
            {
                "id": use.term_id,
                "text": use.text,
                "line": use.line,
                "linked": use.linked,
                "source": entry.source if entry else None,
            }
        )
    unexplained = [{"text": word, "line": line} for word, line in report.unexplained]
    abbreviations = [
        {"short": a.abbreviation.short, "long": a.abbreviation.long, "line": a.line} for a in report.abbreviations
    ]
    return {"terms": terms, "unexplained": unexplained, "abbreviations": abbreviations, "words": words}


def with_severity(findings: tuple[Finding, ...], severity: dict[str, Severity | None]) -> tuple[Finding, ...]:
    """Return the findings whose rules are on, each at the severity the settings give its rule."""
    out = []
    for f in findings:
        level = severity.get(f.rule, f.severity)
        if level is not None:
            out.append(f if level is f.severity else replace(f, severity=level))
    return tuple(out)
