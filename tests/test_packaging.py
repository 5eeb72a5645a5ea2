"""Every package of simplify is declared, so that a wheel holds all of it, our glossary included."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "simplify").rglob("__init__.py")}
    assert found | {"simplify.glossary_data", "simplify.templates_data"} == set(config["packages"])
    assert config["package-dir"]["simplify.glossary_data"] == "glossary"
    assert config["package-dir"]["simplify.templates_data"] == "templates"
    assert any((ROOT / "glossary").glob("*.yaml"))


def test_every_template_and_catalog_ships_in_the_wheel() -> None:
    """The package-data patterns cover every file of templates/ (but the .pot, a translators' starting point)."""
    from fnmatch import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = patterns["simplify.templates_data"]
    files = [p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()]
    left_out = [f for f in files if not any(fnmatch(f, pattern) for pattern in shipped) and not f.endswith(".pot")]
    assert left_out == []
    assert any(f.endswith("/simplify.po") for f in files)
