"""``simplify glossary``: exact exit codes and output of import, sync, show and stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import need_shared

from simplify.glossary.cli import glossary


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an empty cache folder that the commands use (through SIMPLIFY_CACHE_DIR)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SIMPLIFY_CACHE_DIR", str(folder))
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(glossary, list(args))
    return result.exit_code, result.stdout, result.stderr


def _imported(cache: Path) -> None:
    xml = need_shared("glossary", "nci-glossary-xml-2016")
    for name in ("CDR256537.xml", "CDR460127.xml"):
        assert _run("import", str(xml / name))[0] == 0


def test_import(cache: Path) -> None:
    path = need_shared("glossary", "nci-glossary-xml-2016", "CDR460127.xml")
    code, out, err = _run("import", str(path))
    assert (code, err) == (0, "")
    assert out == f"imported 1 records from {path}: 1 added, 0 updated, 1 NCI entries in the cache\n"


def test_import_warns_once_about_malformed_records(cache: Path) -> None:
    folder = need_shared("glossary", "nci-api-samples", "glossary-api", "test")
    code, out, err = _run("import", str(folder))
    assert code == 0 and "(3 malformed skipped, " in out
    assert err.count("simplify: warning:") == 1 and "skipped 3 malformed glossary record(s)" in err


def test_import_of_nothing_is_exit_2(cache: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    code, out, err = _run("import", str(empty))
    assert (code, out) == (2, "")
    assert err.startswith(f"simplify: {empty}: no glossary terms found") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["460127"], "Ashkenazi Jews (460127) [nci, Cancer.gov, Genetics]"),
        (["CDR0000460127"], "Ashkenazi Jews (460127) [nci, Cancer.gov, Genetics]"),
        (["ashkenazi jews"], "Ashkenazi Jews (460127) [nci, Cancer.gov, Genetics]"),
        (["judíos asquenazíes", "--lang", "es"], "judíos asquenazíes (460127) [nci, Cancer.gov, Genetics]"),
        (["Fibromatosis"], "fibromatosis (256537) [nci, Cancer.gov]"),
    ],
)
def test_show_text(cache: Path, args: list[str], first_line: str) -> None:
    _imported(cache)
    code, out, err = _run("show", *args)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == first_line
    assert out.splitlines()[-1].startswith("Patient (Cancer.gov): ")


def test_show_health_professional_and_pronunciation(cache: Path) -> None:
    _imported(cache)
    code, out, _ = _run("show", "460127", "--audience", "health-professional")
    lines = out.splitlines()
    assert code == 0 and lines[1] == "pronunciation: (ASH-keh-NAH-zee jooz)"
    assert lines[-1].startswith("HealthProfessional (Genetics): ")


def test_show_json(cache: Path) -> None:
    _imported(cache)
    code, out, _ = _run("show", "460127", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "simplify.glossary.show/1"
    (entry,) = doc["entries"]
    assert (entry["id"], entry["source"], entry["names"]["es"]["name"]) == ("460127", "nci", "judíos asquenazíes")
    assert {(d["lang"], d["audience"], d["dictionary"]) for d in entry["definitions"]} == {
        ("en", "HealthProfessional", "Genetics"),
        ("en", "Patient", "Cancer.gov"),
        ("es", "Patient", "Cancer.gov"),
    }


def test_show_unknown_is_exit_2(cache: Path) -> None:
    code, out, err = _run("show", "no such term")
    assert (code, out) == (2, "")
    assert err == (
        "simplify: no glossary entry for 'no such term' in en; "
        "run `simplify glossary import` or `sync` to add NCI's terms\n"
    )


def test_stats(cache: Path) -> None:
    _imported(cache)
    code, out, err = _run("stats", "--format", "json")
    doc = json.loads(out)
    assert (code, err) == (0, "")
    assert (doc["nci"], doc["drugs"], doc["prefer"]) == (2, 0, "nci")
    assert doc["definitions"]["en/HealthProfessional/Genetics"] == 1
    code, out, _ = _run("stats")
    assert code == 0 and out.splitlines()[0].startswith(f"entries: {doc['entries']} (2 NCI, ")


@pytest.mark.parametrize(
    ("setting", "flags", "source"),
    [
        (None, [], "nci"),
        ("project", [], "project"),
        ("project", ["--prefer", "nci"], "nci"),  # the flag wins over the settings
        ("nci", ["--prefer", "project"], "project"),
    ],
)
@pytest.mark.parametrize("found_by", ["cwd", "--config"])
def test_show_and_stats_follow_glossary_prefer(
    cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str | None,
    flags: list[str],
    source: str,
    found_by: str,
) -> None:
    assert _run("import", str(need_shared("glossary", "nci-glossary-xml-2016", "CDR44058.xml")))[0] == 0
    project = tmp_path / "project"
    project.mkdir()
    table = f'[tool.simplify]\nglossary-prefer = "{setting}"\n' if setting else "[tool.simplify]\n"
    (project / "pyproject.toml").write_text(table, encoding="utf-8")
    if found_by == "cwd":
        monkeypatch.chdir(project)
    else:
        flags = [*flags, "--config", str(project / "pyproject.toml")]
    code, out, err = _run("show", "44058", "--format", "json", *flags)
    assert (code, err) == (0, "") and json.loads(out)["entries"][0]["source"] == source
    code, out, err = _run("stats", "--format", "json", *flags)
    assert (code, err) == (0, "") and json.loads(out)["prefer"] == source


def test_show_with_a_bad_settings_file_is_exit_2(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.simplify]\nglossary-prefer = "both"\n', encoding="utf-8")
    code, out, err = _run("show", "44058", "--config", str(bad))
    assert (code, out) == (2, "")
    assert err == f"simplify: {bad} [tool.simplify]: setting 'glossary-prefer' must be nci or project, not 'both'\n"


def test_sync_bad_language_is_usage_error(cache: Path) -> None:
    code, _, err = _run("sync", "--lang", "en,fr")
    assert code == 2 and "give en, es or en,es" in err


def test_sync_failure_is_one_line(cache: Path) -> None:
    # Port 9 on localhost (discard) refuses the connection: a network error, retried then reported.
    code, out, err = _run("sync", "--base-url", "http://127.0.0.1:9/glossary/v1", "--retries", "0", "--timeout", "1")
    assert (code, out) == (2, "")
    assert err.startswith("simplify: http://127.0.0.1:9/glossary/v1/Terms/Cancer.gov/Patient/en?size=500&from=0: ")
    assert err.endswith("after 1 attempt(s); the previous glossary is unchanged, try again later\n")
