"""The command line: exact exit codes and output for score, check and config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from conftest import SEED

from simplify.cli import cli

EASY = """---
title: Easy Words
language: en
url: https://www.cancer.gov/example/easy
lastReviewed: '2024-01-02'
audienceLevel: patient
---

# Easy words

We eat a snack. We go for a walk. The sun is out. We play with the dog.
"""


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def easy(tmp_path: Path) -> Path:
    path = tmp_path / "easy.md"
    path.write_text(EASY)
    return path


def test_check_clean_article_exits_0(easy: Path) -> None:
    code, out, err = run("check", str(easy))
    assert (code, out) == (0, "")
    assert err.startswith("simplify: 1 file(s), 0 finding(s), 0 error(s); grades ")


def test_check_seed_finds_grade_and_long_sentences() -> None:
    code, out, _ = run("check", str(SEED))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED}:21:1: readability.grade: reading grade ")
    assert "is above the maximum of 8" in lines[0]
    assert any(":25:1: readability.sentence-length: sentence of 37 words (maximum 25)" in line for line in lines)
    assert all(line.startswith(f"{SEED}:") for line in lines)


def test_exit_zero_and_fail_on(easy: Path) -> None:
    assert run("check", "--exit-zero", str(SEED))[0] == 0
    assert run("check", "--max-grade", "30", "--max-rare-word-rate", "1", str(SEED))[0] == 0  # warnings remain
    assert run("check", "--max-grade", "30", "--max-rare-word-rate", "1", "--fail-on", "warning", str(SEED))[0] == 1


def test_check_formats_parse(easy: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(SEED), str(easy))
    doc = json.loads(out)
    assert code == 1 and doc["schema"] == "simplify.check/1"
    assert [r["path"] for r in doc["results"]] == [str(SEED), str(easy)]
    assert doc["summary"]["exit_code"] == 1 and doc["summary"]["files"] == 2
    _, out, _ = run("check", "--format", "sarif", str(SEED))
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "readability.grade"
    _, out, _ = run("check", "--format", "junit", str(SEED), str(easy))
    root = ElementTree.fromstring(out)
    assert root.tag == "testsuites" and int(root.get("failures", "0")) >= 2
    _, out, _ = run("check", "--format", "github", str(SEED))
    assert out.splitlines()[0].startswith(f"::error file={SEED},line=21,col=1,title=simplify (readability.grade)::")


def test_score_json_schema() -> None:
    code, out, err = run("score", "--format", "json", str(SEED))
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["schema"] == "simplify.score/1"
    (d,) = doc["documents"]
    assert set(d) >= {
        "path",
        "language",
        "title",
        "counts",
        "scores",
        "grade",
        "sections",
        "hardest_sentences",
        "findings",
        "density",
    }
    assert set(d["counts"]) == {"sentences", "words", "syllables", "polysyllables", "characters", "rare_words"}
    assert abs(d["counts"]["sentences"] - 34) <= 1
    assert d["language"] == "en" and d["grade"] > 12
    assert d["hardest_sentences"][0]["line"] == 25 and d["hardest_sentences"][0]["why"]


def test_score_explain_names_sources() -> None:
    code, out, _ = run("score", "--explain", str(SEED))
    assert code == 0
    assert "how it was counted:" in out
    assert "daratumumab=" in out.lower()
    doc = json.loads(run("score", "--explain", "--format", "json", str(SEED))[1])["documents"][0]
    sources = {w["source"] for s in doc["explain"] for w in s["words"]}
    assert "cmudict" in sources and "rule" in sources


def test_stdin(easy: Path) -> None:
    code, out, _ = run("score", "--format", "json", "-", input=easy.read_text())
    assert code == 0 and json.loads(out)["documents"][0]["path"] == "-"


def test_bad_inputs_each_get_one_line_and_exit_2(tmp_path: Path, easy: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "yaml.md").write_text("---\ntitle: [unclosed\n---\n\nText here.\n")
    (bad / "lang.md").write_text("---\ntitle: T\nlanguage: xx\n---\n\nText here.\n")
    (bad / "empty.md").write_text("---\ntitle: T\nlanguage: en\n---\n\n")
    (bad / "binary.md").write_bytes(b"\x00\x01\x02\x03")
    (bad / "latin1.md").write_bytes(b"# Caf\xe9\n\nText.\n")
    (bad / "nofm.md").write_text("# A page\n\nThe patient and the doctor talk about the plan for the week.\n")
    (bad / "huge.md").write_bytes(b"# Big\n\n" + b"word " * 2_200_000)
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    code, _, err = run("check", "--exit-zero", str(bad), str(empty_dir), str(easy))
    assert code == 2
    lines = err.splitlines()
    assert "Traceback" not in err
    expected = {
        "yaml.md": "front matter is not valid YAML",
        "lang.md": "unknown language 'xx'",
        "empty.md": "the article has no body text",
        "binary.md": "binary file",
        "latin1.md": "is not UTF-8",
        "huge.md": "articles over 5 MB are refused",
        "nothing": "directory holds no articles",
    }
    for name, why in expected.items():
        assert sum(1 for line in lines if name in line and why in line) == 1, (name, err)
    assert lines[-1].startswith("simplify: 9 file(s), ")
    assert lines[-1].count("error(s)") == 1 and ", 7 error(s)" in lines[-1]


def test_usage_and_config_errors_exit_2(tmp_path: Path, easy: Path) -> None:
    assert run("check")[0] == 2
    assert run("check", "--format", "pdf", str(easy))[0] == 2
    code, _, err = run("check", "--formula", "flesch_reading_ease", str(easy))
    assert code == 2 and "formula 'flesch_reading_ease' is not a grade formula; choose consensus or one of:" in err
    assert err.count("\n") == 1  # said once, not once per file
    code, _, err = run("check", "--formula", "crawford", str(easy))  # a Spanish formula on an English article
    assert code == 2 and "formula 'crawford' is not available for language 'en'; choose consensus or one of:" in err
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\nmax-grad = 3\n")
    code, _, err = run("check", "--config", str(tmp_path / "pyproject.toml"), str(easy))
    assert code == 2 and err.startswith("simplify: ") and "unknown setting 'max-grad'" in err


def test_config_command(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\nmax-grade = 6\n")
    code, out, _ = run("config", "--config", str(tmp_path / "pyproject.toml"))
    assert code == 0 and json.loads(out)["max-grade"] == 6.0


def test_console_script_and_module_entry_points(easy: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "simplify", "check", str(easy)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "simplify", "score", str(easy / "missing.md")], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith("Not a directory") or "No such file" in proc.stderr


def test_fail_on_from_front_matter_is_honoured(tmp_path: Path) -> None:
    strict = tmp_path / "strict.md"
    strict.write_text(
        EASY.replace("audienceLevel: patient\n", "audienceLevel: patient\nsimplify:\n  fail-on: warning\n")
    )
    long_sentence = " ".join(["word"] * 30) + "."
    strict.write_text(strict.read_text() + "\n" + long_sentence + "\n")
    code, out, _ = run("check", str(strict))
    assert "readability.sentence-length" in out and code == 1


@pytest.mark.parametrize(
    ("data", "why"),
    [(b"# Caf\xe9\n\nText.\n", "-:1: is not UTF-8"), (b"", "-:1: the article has no body text")],
)
def test_stdin_gets_the_same_input_checks(data: bytes, why: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--lang", "en", "-"], input=data)
    assert result.exit_code == 2 and why in result.stderr and "Traceback" not in result.stderr


def test_unwritable_report_file_is_one_line(easy: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    code, _, err = run("check", "-o", str(tmp_path / "a-file" / "report.txt"), str(easy))
    assert code == 2 and err.startswith("simplify: cannot write ") and "Traceback" not in err


def test_a_report_that_fails_to_write_leaves_the_old_one_whole(
    easy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "out" / "report.txt"
    report.parent.mkdir()
    report.write_text("the last report\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = run("check", "-o", str(report), str(easy))
    assert (code, err) == (2, f"simplify: cannot write {report}: No space left on device\n")
    assert [p.name for p in report.parent.iterdir()] == ["report.txt"]
    assert report.read_text() == "the last report\n"


def test_one_bad_file_in_a_parallel_batch_costs_only_itself(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"a{i:02}.md").write_text(EASY)
    (tmp_path / "bad.md").write_text("---\ntitle: T\nlastReviewed: 2020-13-45\n---\n\nText.\n")
    (tmp_path / "link.md").write_text(EASY + "\nA [broken](http://[oops) link.\n")
    code, out, err = run("check", "-j", "2", "--format", "json", str(tmp_path))
    doc = json.loads(out)
    assert code == 2 and doc["summary"] == {**doc["summary"], "files": 22, "errors": 1}
    (bad,) = [r for r in doc["results"] if "error" in r]
    assert bad["path"].endswith("bad.md") and bad["line"] == 3 and "'lastReviewed'" in bad["error"]
    assert f"{bad['path']}:3: front matter field 'lastReviewed'" in err


def test_endless_input_is_refused() -> None:
    code, _, err = run("score", "/dev/zero")
    assert code == 2 and "articles that large are refused" in err


def test_glossary_respellings_feed_syllable_counts(tmp_path: Path, shared: Path) -> None:
    """With [tool.simplify] glossary = the NCI XML export, its respellings count what CMUdict lacks."""
    xml = shared / "glossary" / "nci-glossary-xml-2016"
    (tmp_path / "pyproject.toml").write_text(f"[tool.simplify]\nglossary = '{xml}'\n")
    code, out, _ = run(
        "score", "--explain", "--format", "json", "--config", str(tmp_path / "pyproject.toml"), str(SEED)
    )
    assert code == 0
    sources = {w["word"].lower(): w["source"] for s in json.loads(out)["documents"][0]["explain"] for w in s["words"]}
    assert sources["neutropenia"] == "glossary" and sources["thrombocytopenia"] == "glossary"
    assert sources["myeloma"] in ("glossary", "cmudict") and sources["the"] == "cmudict"


def test_glossary_setting_must_hold_xml(tmp_path: Path, easy: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\nglossary = 'nowhere'\n")
    code, _, err = run("check", "--config", str(tmp_path / "pyproject.toml"), str(easy))
    assert code == 2 and "setting 'glossary'" in err


def test_score_json_has_the_jargon_block() -> None:
    doc = json.loads(run("score", "--format", "json", str(SEED))[1])["documents"][0]
    jargon = doc["jargon"]
    assert set(jargon) >= {"terms", "unexplained", "abbreviations", "rare_word_rate"}
    linked = {t["id"]: t for t in jargon["terms"] if t["linked"]}
    assert linked["44782"] == {
        "id": "44782",
        "text": "progression-free survival",
        "line": 25,
        "linked": True,
        "source": "project",
    }
    assert {"short": "FDA", "long": "Food and Drug Administration", "line": 29} in jargon["abbreviations"]
    # Its capitals are spelled out or name trials ("the POLLUX trial"): none is left unexplained.
    assert not any(f["rule"] == "jargon.undefined-abbreviation" for f in doc["findings"])


def test_jargon_rules_are_switchable(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(SEED.read_text(encoding="utf-8") + "\nThe QZX test came back.\n", encoding="utf-8")
    assert "jargon.undefined-abbreviation" in run("check", str(article))[1]
    (tmp_path / "pyproject.toml").write_text(
        "[tool.simplify.rules]\n'jargon.undefined-abbreviation' = 'off'\n'jargon.unexplained' = 'error'\n"
    )
    code, out, _ = run("check", "--config", str(tmp_path / "pyproject.toml"), str(article))
    assert "jargon.undefined-abbreviation" not in out and code == 1
    assert any(":jargon.unexplained:" in line.replace(" ", "") for line in out.splitlines())


def test_every_rule_has_help_for_sarif() -> None:
    from simplify.config import RULES
    from simplify.report import RULE_HELP

    assert set(RULE_HELP) == set(RULES)


def test_an_imported_glossary_feeds_syllables_and_jargon(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `simplify glossary import`, NCI respellings count syllables and NCI terms are matched."""
    monkeypatch.setenv("SIMPLIFY_CACHE_DIR", str(tmp_path / "cache"))
    code, out, err = run("glossary", "import", str(shared / "glossary" / "nci-glossary-xml-2016"))
    assert code == 0, err
    doc = json.loads(run("score", "--explain", "--format", "json", str(SEED))[1])["documents"][0]
    sources = {w["word"].lower(): w["source"] for s in doc["explain"] for w in s["words"]}
    assert sources["neutropenia"] == "glossary" and sources["the"] == "cmudict"
    assert any(t["source"] == "nci" for t in doc["jargon"]["terms"])
    odd = tmp_path / "odd.md"
    odd.write_text(EASY + "\nA [made-up term](/Common/PopUps/popDefinition.aspx?id=CDR0999999999) here.\n")
    out = run("check", str(odd))[1]
    assert f"{odd}:13:1: glossary.unknown-id: glossary link to CDR 999999999 ('made-up term')" in out


def test_a_batch_collects_less_often_and_puts_the_collector_back(tmp_path: Path) -> None:
    import gc

    from simplify import runner
    from simplify.config import Settings

    seen: list[tuple[int, ...]] = []
    original = runner.process

    def spy(path: str, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return original(path, **kwargs)

    (tmp_path / "a.md").write_text(EASY)
    before = gc.get_threshold()
    runner.process = spy  # type: ignore[assignment]
    try:
        runner.run([str(tmp_path)], Settings(), jobs=1)
    finally:
        runner.process = original  # type: ignore[assignment]
    assert seen and seen[0][0] == 50_000 and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before


def test_score_grades_a_translation_without_the_sentences_it_kept_in_the_source_language(tmp_path: Path) -> None:
    """As the handout does: "⟪en: ...⟫" in a file `simplify translate` wrote is English, not Spanish text."""
    hard = "Multidisciplinary immunohistochemical characterization necessitates comprehensive deliberation."
    easy = "El sol sale hoy. La casa es azul. El perro come pan."
    head = "---\ntitle: T\nlanguage: es\n{}---\n\n"
    record = "translation:\n  machine: true\n  from: en\n"
    files = {
        "kept": head.format(record) + f"{easy} ⟪en: {hard}⟫\n",
        "without": head.format(record) + f"{easy}\n",
        "not-a-translation": head.format("") + f"{easy} ⟪en: {hard}⟫\n",
    }
    words = {}
    for name, text in files.items():
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
        doc = json.loads(run("score", "--format", "json", str(tmp_path / f"{name}.md"))[1])["documents"][0]
        words[name] = doc["counts"]["words"]
    assert words["kept"] == words["without"] < words["not-a-translation"]


def test_a_settings_folder_that_is_not_there_is_one_error_of_the_settings(tmp_path: Path, easy: Path) -> None:
    """Said once, naming the settings file, not as an error of each article that reads the settings."""
    for key in ("glossary", "templates"):
        config = tmp_path / f"{key}.toml"
        config.write_text(f'[tool.simplify]\n{key} = "no-such-folder"\n')
        code, out, err = run("check", "--config", str(config), str(easy), str(easy))
        assert code == 2 and out == ""
        assert err.count("no-such-folder") == 1 and f"setting '{key}'" in err and str(config) in err


def test_expand_in_a_language_the_glossary_lacks_keeps_the_articles(easy: Path) -> None:
    """The glossary has words in English and Spanish: for zh-Hans, expand says so and explains in English."""
    code, out, err = run("expand", "--lang", "zh-Hans", str(SEED))
    assert code == 0 and "the glossary has no words in 'zh-Hans'" in err
    assert not re.search(r"\b0 term\(s\) explained", err) and "are in 'zh-Hans'" not in err


def test_translate_reads_the_article_before_looking_for_a_model(tmp_path: Path, easy: Path) -> None:
    """A wrong path, or an article already in the language, is said as such, not as a missing model."""
    code, _, err = run("translate", str(tmp_path / "missing.md"), "--to", "es")
    assert code == 2 and "missing.md" in err and "no translation model" not in err
    code, _, err = run("translate", str(easy), "--to", "en")
    assert code == 2 and "already" in err and "no translation model" not in err


def test_a_language_or_format_given_twice_makes_one_handout() -> None:
    from simplify.cli import _formats_and_langs

    assert _formats_and_langs("html,md,html", "es,es-ES,en") == (["html", "md"], ["es", "en"])


def test_a_negative_grade_is_no_maximum(easy: Path, tmp_path: Path) -> None:
    code, _, err = run("check", "--max-grade", "-3", str(easy))
    assert code == 2 and "--max-grade" in err
    config = tmp_path / "grade.toml"
    config.write_text("[tool.simplify]\nmax-grade = -3\n")
    code, _, err = run("check", "--config", str(config), str(easy))
    assert code == 2 and "a grade of 0 or more" in err


def test_large_print_makes_no_markdown_copy(easy: Path, tmp_path: Path) -> None:
    code, _, err = run("handout", str(easy), "-o", str(tmp_path / "out"), "--format", "html,md", "--large-print")
    assert code == 0 and "no .large.md" in err
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html"]
    code, _, err = run("handout", str(easy), "-o", str(tmp_path / "out"), "--format", "md", "--large-print")
    assert code == 2 and "add html or pdf" in err
