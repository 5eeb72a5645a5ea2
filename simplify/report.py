"""Write check results as text, json, github annotations, JUnit XML or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from simplify import __version__
from simplify.check import CheckResult
from simplify.config import RULES
from simplify.model import Finding, Severity

CHECK_SCHEMA = "simplify.check/1"
INFO_URI = "https://github.com/simplify-health/simplify"

RULE_HELP = {
    "readability.grade": "The reading grade of the article is above the maximum.",
    "readability.sentence-length": "A sentence has more words than the maximum.",
    "readability.rare-words": "Too many words are rare in everyday language.",
    "jargon.undefined-abbreviation": "An abbreviation is used without being spelled out.",
    "jargon.unexplained": "A rare word is not explained by any glossary term.",
    "glossary.unknown-id": "A glossary link's id is no CDR number, or (NCI's glossary imported) names no term of it.",
    "glossary.missing-id": "A glossary link gives no term id or name.",
}


def to_text(results: Sequence[CheckResult], exit_status: int) -> str:
    """Return one ``path:line:col: rule: message`` line a finding (files that failed are told on stderr)."""
    lines = [f"{f.path}:{f.line}:{f.col}: {f.rule}: {f.message}" for r in results for f in r.findings]
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(results: Sequence[CheckResult], exit_status: int) -> str:
    """Return one ``simplify.check/1`` JSON document for the whole run."""
    out: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            out.append({"path": r.path, "line": r.error_line, "error": r.error})
            continue
        s, settings = r.score, r.settings
        assert s is not None and settings is not None
        out.append(
            {
                "path": r.path,
                "language": s.lang,
                "title": s.title,
                "grade": r.grade,
                "formula": settings.formula,
                "max_grade": settings.max_grade,
                "rare_word_rate": s.rare_word_rate,
                "findings": [f.to_dict() for f in r.findings],
            }
        )
    doc = {
        "schema": CHECK_SCHEMA,
        "results": out,
        "summary": _summary(results, exit_status),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _summary(results: Sequence[CheckResult], exit_status: int) -> dict[str, int]:
    findings = [f for r in results for f in r.findings]
    return {
        "files": len(results),
        "errors": sum(1 for r in results if r.error),
        "findings": len(findings),
        **{str(sev): sum(1 for f in findings if f.severity is sev) for sev in Severity},
        "exit_code": exit_status,
    }


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def _gh_escape(value: str, prop: bool = False) -> str:
    """Escape workflow-command data (and properties) the way the Actions toolkit does."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def to_github(results: Sequence[CheckResult], exit_status: int) -> str:
    """Return GitHub Actions workflow commands that annotate the files."""
    lines = []
    for r in results:
        if r.error:
            where = f"file={_gh_escape(r.path, True)},line={r.error_line}"
            lines.append(f"::error {where},title=simplify::{_gh_escape(r.error)}")
        for f in r.findings:
            title = _gh_escape(f"simplify ({f.rule})", True)
            props = f"file={_gh_escape(f.path, True)},line={f.line},col={f.col},title={title}"
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_gh_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def to_junit(results: Sequence[CheckResult], exit_status: int) -> str:
    """Return JUnit XML: a suite a file, a failing test case a finding, a passing one for a clean file."""
    root = ET.Element("testsuites", name="simplify")
    total = failures = errors = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        cases = 0
        if r.error:
            case = ET.SubElement(
                suite, "testcase", name="simplify.load", classname=r.path, file=r.path, line=str(r.error_line)
            )
            ET.SubElement(case, "error", message=r.error, type="input")
            cases += 1
            errors += 1
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", name=f.rule, classname=r.path, file=f.path, line=str(f.line))
            ET.SubElement(
                case, "failure", message=f.message, type=str(f.severity)
            ).text = f"{f.path}:{f.line}:{f.col}: {f.rule}: {f.message}"
            cases += 1
            failures += 1
        if not cases:
            ET.SubElement(suite, "testcase", name="simplify.check", classname=r.path, file=r.path)
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(len(r.findings)))
        suite.set("errors", "1" if r.error else "0")
        total += cases
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _uri(path: str) -> str:
    """Return a SARIF artifact URI: a file:// URI for an absolute path, else a relative URI reference."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def to_sarif(results: Sequence[CheckResult], exit_status: int) -> str:
    """Return a SARIF 2.1.0 log, the format GitHub code scanning reads."""
    rules = list(RULES)

    def result(f: Finding) -> dict[str, Any]:
        return {
            "ruleId": f.rule,
            "ruleIndex": rules.index(f.rule),
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }

    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "simplify",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": [
                            {
                                "id": rule,
                                "shortDescription": {"text": RULE_HELP[rule]},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[rule]]},
                            }
                            for rule in rules
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not any(r.error for r in results),
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": r.error},
                                "locations": [
                                    {
                                        "physicalLocation": {
                                            "artifactLocation": {"uri": _uri(r.path)},
                                            "region": {"startLine": r.error_line},
                                        }
                                    }
                                ],
                            }
                            for r in results
                            if r.error
                        ],
                    }
                ],
                "results": [result(f) for r in results for f in r.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Sequence[CheckResult], int], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
    "junit": to_junit,
    "sarif": to_sarif,
}
